import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { RemoteSession, type RemoteState } from './RemoteSession';

/** Connects to a session with a token for as long as the component is shown. */
export function useRemoteSession(sessionId: string, token: string | null): { session: RemoteSession | null; state: RemoteState | null } {
  const session = useMemo(() => (token ? new RemoteSession(sessionId, token) : null), [sessionId, token]);
  useEffect(() => {
    session?.open();
    return () => session?.close();
  }, [session]);
  const state = useSyncExternalStore(
    (l) => session?.subscribe(l) ?? (() => undefined),
    () => session?.getState() ?? null,
  );
  return { session, state };
}

