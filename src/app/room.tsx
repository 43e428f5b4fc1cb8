/**
 * The drill this browser is running (one-laptop mode), shared by the console, role screens and
 * debrief. The engine is loaded only when a drill is opened or one saved here is restored: pages
 * that never run one (a participant's, the projector's) do not download it.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Scenario, SessionInfo } from '../engine';
import type { LocalDrillHost } from './drill/host';
import { forgetDrill, hasSavedRoom } from './drill/roomKey';

const loadHost = () => import('./drill/host').then((m) => m.LocalDrillHost);

type Room = {
  host: LocalDrillHost | null;
  /** A drill saved in this browser is being restored: the console waits for it rather than leaving. */
  restoring: boolean;
  /** Starts a new drill on the console; the one there before stays kept in this browser. */
  open: (scenario: Scenario, info: SessionInfo) => Promise<LocalDrillHost>;
  /** Brings a drill kept in this browser back to the console, where it was (the one there stays kept). */
  resume: (id: string) => Promise<LocalDrillHost | null>;
  /** Removes a kept drill from this browser (an ended one stays in the history). */
  remove: (id: string) => void;
  /** Ends the console's drill on this device. */
  close: () => void;
  /** Changes whenever the kept drills may have changed, for lists to read them again. */
  revision: number;
};

const RoomContext = createContext<Room | null>(null);

export function RoomProvider({ children }: { children: ReactNode }) {
  const [host, setHost] = useState<LocalDrillHost | null>(null);
  const [restoring, setRestoring] = useState(hasSavedRoom);
  const [revision, setRevision] = useState(0);
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
      revision,
      open: async (scenario, info) => {
        const Host = await loadHost();
        // An ended drill that is in the history leaves the list of drills in progress; any other stays kept.
        if (host?.context.status === 'ended' && (await host.inHistory)) host.close();
        else host?.detach();
        const next = new Host(scenario, info);
        setHost(next);
        setRestoring(false);
        setRevision((r) => r + 1);
        return next;
      },
      resume: async (id) => {
        if (host?.id === id) return host;
        const Host = await loadHost();
        host?.detach();
        const next = Host.restore(id);
        setHost(next);
        setRestoring(false);
        setRevision((r) => r + 1);
        return next;
      },
      remove: (id) => {
        if (host?.id === id) {
          host.close();
          setHost(null);
        } else forgetDrill(id);
        setRevision((r) => r + 1);
      },
      close: () => {
        // Closed only once it is safely in History (IndexedDB may be refused, e.g. a private window): otherwise it stays in the list of drills kept.
        const closing = host;
        if (closing) void closing.inHistory.then((kept) => (kept ? closing.close() : closing.detach()));
        setHost(null);
        setRevision((r) => r + 1);
      },
    }),
    [host, restoring, revision],
  );
  return <RoomContext.Provider value={room}>{children}</RoomContext.Provider>;
}

export function useRoom(): Room {
  const room = useContext(RoomContext);
  if (!room) throw new Error('useRoom outside RoomProvider');
  return room;
}
