/** React access to a drill: its state through selectors, and a ticking drill clock. */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { stateOf, type DrillState } from '../../engine';
import type { DrillView } from './host';

/** A value read from the drill's state; the component renders again when the state is replaced. */
export function useDrill<T>(view: DrillView, select: (ctx: DrillState) => T): T {
  const subscribe = useCallback((listener: () => void) => view.subscribe(listener), [view]);
  const snapshot = useSyncExternalStore(subscribe, () => view.snapshot);
  return select(stateOf(snapshot));
}

/** Anything that tells the drill time and says when it changes: a drill, or a seat's screen. */
export type ClockSource = { drillTime(wallMs?: number): number; subscribe(listener: () => void): () => void };

/** Drill time in whole seconds, refreshed four times a second while the clock runs. */
export function useDrillTime(view: ClockSource): number {
  const [time, setTime] = useState(() => Math.floor(view.drillTime()));
  useEffect(() => {
    const update = () => setTime(Math.floor(view.drillTime()));
    const timer = setInterval(update, 250);
    const unsubscribe = view.subscribe(update);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [view]);
  return time;
}
