/**
 * Who is signed in, as this browser knows it. With the drill server, trainers sign in (the
 * server keeps the sign-in in an HttpOnly cookie, never readable here); the static build
 * without a server has no accounts and needs none.
 */
import { create } from 'zustand';

/** `static`: no drill server answers (one laptop, or an offline review); nothing to sign in to. */
export type AuthStatus = 'unknown' | 'static' | 'signed-out' | 'signed-in';
/** Why a sign-in did not work; the form says it in the viewer's language. */
export type AuthError = 'wrong' | 'tooMany' | 'noServer' | 'failed' | 'badLink' | 'alreadySetUp' | 'tooShort' | 'mismatch' | 'wrongCurrent';

type AuthState = {
  status: AuthStatus;
  name: string | null;
  /** Asks the server who this browser is signed in as (and whether there is a server at all). */
  check: () => Promise<void>;
  login: (name: string, password: string) => Promise<AuthError | null>;
  logout: () => Promise<void>;
  /** Creates the first trainer with the one-time code `npm start` printed, and signs in. */
  createFirst: (code: string, name: string, password: string) => Promise<AuthError | null>;
  changePassword: (oldPassword: string, newPassword: string) => Promise<AuthError | null>;
};

export const MIN_PASSWORD = 10;

const post = (path: string, body: unknown) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The name in a JSON answer, or undefined when the answer is not the drill server's. */
async function nameIn(res: Response): Promise<string | undefined> {
  try {
    const body = (await res.json()) as { name?: unknown };
    return typeof body.name === 'string' ? body.name : undefined;
  } catch {
    return undefined;
  }
}

const errorOf = (status: number, map: Partial<Record<number, AuthError>> = {}): AuthError => map[status] ?? (status === 429 ? 'tooMany' : 'failed');

export const useAuth = create<AuthState>()((set) => {
  /** Posts a request that signs a trainer in (sign-in, or the first trainer): the trainer's name back, or why not. */
  const signIn = async (path: string, body: unknown, errors: Partial<Record<number, AuthError>>): Promise<AuthError | null> => {
    try {
      const res = await post(path, body);
      const signedIn = res.ok ? await nameIn(res) : undefined;
      if (signedIn === undefined) return errorOf(res.status, errors);
      set({ status: 'signed-in', name: signedIn });
      return null;
    } catch {
      return 'noServer';
    }
  };
  return {
    status: 'unknown',
    name: null,
    check: async () => {
      try {
        const res = await fetch('/api/me');
        if (res.status === 401) {
          // only the drill server answers 401 with its JSON error
          const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
          return set(typeof body?.error === 'string' ? { status: 'signed-out', name: null } : { status: 'static', name: null });
        }
        const name = res.ok ? await nameIn(res) : undefined;
        set(name !== undefined ? { status: 'signed-in', name } : { status: 'static', name: null });
      } catch {
        set({ status: 'static', name: null });
      }
    },
    login: (name, password) => signIn('/api/login', { name, password }, { 401: 'wrong', 400: 'wrong' }),
    logout: async () => {
      await post('/api/logout', {}).catch(() => undefined);
      set({ status: 'signed-out', name: null });
    },
    createFirst: (code, name, password) => signIn('/api/first-trainer', { code, name, password }, { 403: 'badLink', 409: 'alreadySetUp' }),
    changePassword: async (oldPassword, newPassword) => {
      try {
        const res = await post('/api/password', { oldPassword, newPassword });
        if (res.status === 401) set({ status: 'signed-out', name: null });
        return res.ok ? null : errorOf(res.status, { 403: 'wrongCurrent', 400: 'tooShort' });
      } catch {
        return 'noServer';
      }
    },
  };
});

export const selectAuthStatus = (s: AuthState) => s.status;
export const selectTrainerName = (s: AuthState) => s.name;
/** Whether a drill server answers (false for a static build opened without one). */
export const selectServer = (s: AuthState) => s.status === 'signed-in' || s.status === 'signed-out';
/** Whether the trainer's screens (library, consoles, history) may open: signed in, or no server at all. */
export const selectTrainerAllowed = (s: AuthState) => s.status === 'signed-in' || s.status === 'static';
