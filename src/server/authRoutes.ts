/**
 * The sign-in API: POST /api/login, POST /api/logout, GET /api/me, POST /api/password and,
 * while no trainer exists, POST /api/first-trainer with the one-time code `npm start` prints.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { addTrainer, checkPassword, checkTrainerName, MAX_PASSWORD, setPassword, type Auth, type Trainer } from './auth';
import { HttpError, readJson, sendJson } from './http';
import type { DrillStore } from './store';

const name = z.string().min(1).max(60);
const password = z.string().min(1).max(MAX_PASSWORD);
const loginBody = z.strictObject({ name, password });
const passwordBody = z.strictObject({ oldPassword: password, newPassword: z.string().max(MAX_PASSWORD) });
const firstBody = z.strictObject({ code: z.string().min(1).max(100), name: z.string().max(100), password: z.string().max(MAX_PASSWORD) });

async function body<T>(req: IncomingMessage, schema: z.ZodType<T>): Promise<T> {
  const parsed = schema.safeParse(await readJson(req, 4096));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** A signed-in trainer, or a 401 that the app turns into its sign-in form. */
export async function requireTrainer(auth: Auth, req: IncomingMessage): Promise<Trainer> {
  const trainer = await auth.trainerOf(req);
  if (!trainer) throw new HttpError(401, 'sign in as a trainer first');
  return trainer;
}

/** Answers the sign-in API; false for any other path. */
export async function authApi(auth: Auth, store: DrillStore, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const method = req.method ?? 'GET';
  const ip = req.socket.remoteAddress ?? '?';
  const only = (m: string) => {
    if (method !== m) throw new HttpError(405, `use ${m} here`);
  };
  switch (path) {
    case '/api/login': {
      only('POST');
      const { name, password } = await body(req, loginBody);
      if (!auth.mayTry(ip, name)) throw new HttpError(429, 'too many failed sign-ins; wait a few minutes');
      const trainer = await auth.check(ip, name, password);
      if (!trainer) throw new HttpError(401, 'wrong name or password');
      await auth.signIn(req, res, trainer);
      sendJson(res, 200, { name: trainer.name });
      return true;
    }
    case '/api/logout': {
      only('POST');
      await auth.signOut(req, res);
      sendJson(res, 200, { ok: true });
      return true;
    }
    case '/api/me': {
      only('GET');
      const { trainer } = await requireTrainer(auth, req);
      auth.refreshCookie(req, res);
      sendJson(res, 200, { name: trainer.name });
      return true;
    }
    case '/api/password': {
      only('POST');
      const { trainer, tokenHash } = await requireTrainer(auth, req);
      const { oldPassword, newPassword } = await body(req, passwordBody);
      if (!auth.mayTry(ip, trainer.name)) throw new HttpError(429, 'too many failed sign-ins; wait a few minutes');
      if (!(await auth.check(ip, trainer.name, oldPassword))) throw new HttpError(403, 'the current password is wrong');
      try {
        await setPassword(store, trainer, newPassword, tokenHash);
      } catch (error) {
        throw new HttpError(400, error instanceof Error ? error.message : String(error));
      }
      sendJson(res, 200, { ok: true });
      return true;
    }
    case '/api/first-trainer': {
      // GET: whether the first-trainer page still applies (no code needed to ask).
      if (method === 'GET') {
        sendJson(res, 200, { open: (await auth.firstRunCode()) !== undefined });
        return true;
      }
      only('POST');
      const first = await body(req, firstBody);
      if (!auth.mayTry(ip, '(first trainer)')) throw new HttpError(429, 'too many failed attempts; wait a few minutes');
      if ((await auth.firstRunCode()) === undefined) throw new HttpError(409, 'a trainer account already exists; sign in, or ask a trainer to add you with npm run trainer');
      if (!(await auth.checkFirstRunCode(ip, first.code))) throw new HttpError(403, 'this link is not valid: use the one npm start printed last');
      const trainerName = first.name.trim();
      const problem = checkTrainerName(trainerName) ?? checkPassword(first.password);
      if (problem) throw new HttpError(400, problem);
      // Used up at once: a second request racing this one finds it used.
      if (!auth.takeFirstRunCode(first.code)) throw new HttpError(409, 'a trainer account already exists; sign in, or ask a trainer to add you with npm run trainer');
      const trainer = await addTrainer(store, trainerName, first.password);
      await auth.signIn(req, res, trainer);
      sendJson(res, 201, { name: trainer.name });
      return true;
    }
    default:
      return false;
  }
}
