import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { RemoteSession, type HostFactory, type RemoteState } from './RemoteSession';

/** Connects to a session with a token for as long as the component is shown. `makeHost`: the facilitator's console follows the drill itself. */
export function useRemoteSession(sessionId: string, token: string | null, makeHost?: HostFactory): { session: RemoteSession | null; state: RemoteState | null } {
  const session = useMemo(() => (token ? new RemoteSession(sessionId, token, makeHost) : null), [sessionId, token, makeHost]);
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

