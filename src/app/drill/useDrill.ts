/** React access to a drill: the XState snapshot through selectors, and a ticking drill clock. */
import { useSelector } from '@xstate/react';
import { useEffect, useState } from 'react';
import type { DrillContext } from '../../engine';
import type { DrillView } from './host';

export function useDrill<T>(view: DrillView, select: (ctx: DrillContext) => T, equal?: (a: T, b: T) => boolean): T {
  return useSelector(view.actor, (s) => select(s.context), equal);
}

/** Drill time in whole seconds, refreshed four times a second while the clock runs. */
export function useDrillTime(view: DrillView): number {
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
