/** The drill this browser is running (one-laptop mode), shared by the console, role screens and debrief. */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Scenario, SessionInfo } from '../engine';
import { LocalDrillHost } from './drill/host';

type Room = {
  host: LocalDrillHost | null;
  open: (scenario: Scenario, info: SessionInfo) => LocalDrillHost;
  close: () => void;
};

const RoomContext = createContext<Room | null>(null);

export function RoomProvider({ children }: { children: ReactNode }) {
  const [host, setHost] = useState<LocalDrillHost | null>(() => LocalDrillHost.restore());
  // The drill clock keeps running whichever screen the facilitator is on.
  useEffect(() => {
    if (!host) return;
    const timer = setInterval(() => host.tick(), 250);
    return () => clearInterval(timer);
  }, [host]);
  const room = useMemo<Room>(
    () => ({
      host,
      open: (scenario, info) => {
        host?.close();
        const next = new LocalDrillHost(scenario, info);
        setHost(next);
        return next;
      },
      close: () => {
        host?.close();
        setHost(null);
      },
    }),
    [host],
  );
  return <RoomContext.Provider value={room}>{children}</RoomContext.Provider>;
}

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom outside RoomProvider');
  return room;
}
