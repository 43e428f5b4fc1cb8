/** The facilitator's live connection to each group's drill of an exercise. */
import { useEffect, useMemo, useReducer } from 'react';
import { remoteDrillHost } from '../remote/RemoteDrillHost';
import { RemoteSession, type RemoteState } from '../remote/RemoteSession';
import { tokenKey } from '../remote/tokens';

/** One group's drill as the exercise page follows it; `session` is null when this browser holds no facilitator token for it. */
export type GroupLive = { sessionId: string; session: RemoteSession | null; state: RemoteState | null };

/** Made for tests (a stand-in that needs no WebSocket); the app connects for real. */
export type SessionFactory = (sessionId: string, token: string) => RemoteSession;

const connect: SessionFactory = (sessionId, token) => new RemoteSession(sessionId, token, remoteDrillHost);

/**
 * Opens a facilitator connection (which follows the drill's events and runs the engine) to
 * every group's drill, for as long as the page is shown, and redraws when any of them changes.
 * Hooks cannot be called in a loop: one hook holds them all.
 */
export function useGroupSessions(sessionIds: string[], factory: SessionFactory = connect): GroupLive[] {
  const key = sessionIds.join(',');
  const sessions = useMemo(
    () =>
      key
        .split(',')
        .filter(Boolean)
        .map((id) => {
          const token = localStorage.getItem(tokenKey('facilitator', id));
          return { sessionId: id, session: token ? factory(id, token) : null };
        }),
    [key, factory],
  );
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const unsubscribe = sessions.map(({ session }) => session?.subscribe(redraw));
    for (const { session } of sessions) session?.open();
    return () => {
      for (const u of unsubscribe) u?.();
      for (const { session } of sessions) session?.close();
    };
  }, [sessions]);
  return sessions.map(({ sessionId, session }) => ({ sessionId, session, state: session?.getState() ?? null }));
}
