import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
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

/** Whether a drill server answers (false for a static build opened without one). */
export function useServerAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    fetch('/api/health')
      .then((r) => r.ok && r.json())
      .then((body: { ok?: boolean } | false) => live && setAvailable(body !== false && body.ok === true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return available;
}
