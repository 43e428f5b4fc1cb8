/**
 * The drill this browser is running (one-laptop mode), shared by the console, role screens and
 * debrief. The engine is loaded only when a drill is opened or one saved here is restored: pages
 * that never run one (a participant's, the projector's) do not download it.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Scenario, SessionInfo } from '../engine';
import type { LocalDrillHost } from './drill/host';
import { hasSavedRoom } from './drill/roomKey';

const loadHost = () => import('./drill/host').then((m) => m.LocalDrillHost);

type Room = {
  host: LocalDrillHost | null;
  /** A drill saved in this browser is being restored: the console waits for it rather than leaving. */
  restoring: boolean;
  open: (scenario: Scenario, info: SessionInfo) => Promise<LocalDrillHost>;
  close: () => void;
};

const RoomContext = createContext<Room | null>(null);

export function RoomProvider({ children }: { children: ReactNode }) {
  const [host, setHost] = useState<LocalDrillHost | null>(null);
  const [restoring, setRestoring] = useState(hasSavedRoom);
  useEffect(() => {
    if (!hasSavedRoom()) return;
    let live = true;
    void loadHost().then((Host) => {
      if (!live) return;
      setHost((current) => current ?? Host.restore());
      setRestoring(false);
    });
    return () => {
      live = false;
    };
  }, []);
  // The drill clock keeps running whichever screen the facilitator is on.
  useEffect(() => {
    if (!host) return;
    const timer = setInterval(() => host.tick(), 250);
    return () => clearInterval(timer);
  }, [host]);
  const room = useMemo<Room>(
    () => ({
      host,
      restoring,
      open: async (scenario, info) => {
        const Host = await loadHost();
        host?.close();
        const next = new Host(scenario, info);
        setHost(next);
        setRestoring(false);
        return next;
      },
      close: () => {
        host?.close();
        setHost(null);
      },
    }),
    [host, restoring],
  );
  return <RoomContext.Provider value={room}>{children}</RoomContext.Provider>;
}

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom outside RoomProvider');
  return room;
}
