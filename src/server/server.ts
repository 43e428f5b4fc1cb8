/**
 * The drill server: serves the built app, the HTTP API and the WebSocket hub on one port.
 * Every bad request gets a 4xx with a JSON message; nothing a client sends can crash it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import sirv from 'sirv';
import { z } from 'zod';
import { compile, makeTranscript, planSchema, replay, scoreDrill, type Debrief, type Scenario } from '../engine';
import { Auth, type AuthOptions } from './auth';
import { authApi, requireTrainer } from './authRoutes';
import { Hub } from './hub';
import { bearer, HttpError, rateLimiter, readJson, sendJson } from './http';
import { LiveSession } from './liveSession';
import { scenarioChunks, staticPath } from './protectedAssets';
import type { DrillStore, SeatRecord, SessionRecord } from './store';
import { hashToken, newId, newJoinCode, newToken } from './tokens';

export type ServerOptions = { store: DrillStore; scenarios: Scenario[]; distDir?: string; log?: (m: string) => void; limits?: { createPerMinute?: number }; auth?: AuthOptions };

const createBody = z.strictObject({
  scenarioId: z.string().min(1).max(64),
  team: z.string().trim().max(200).optional(),
  facilitator: z.string().trim().max(200).optional(),
});
const seatBody = z.strictObject({ name: z.string().trim().min(1).max(60), role: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional() });
const joinBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'the join code has six digits'), name: z.string().trim().min(1).max(60) });

export function createDrillServer({ store, scenarios, distDir, log = (m) => console.warn(m), limits = {}, auth: authOptions = {} }: ServerOptions) {
  const auth = new Auth(store, { log, ...authOptions });
  // The app's chunks holding the shipped scenarios (answer keys included): trainers only.
  const trainersOnly = distDir ? scenarioChunks(distDir, scenarios.map((s) => s.title['zh-CN'])) : new Set<string>();
  const live = new Map<string, LiveSession>();
  const liveSession = (id: string) => {
    let s = live.get(id);
    if (!s) {
      const record = store.session(id);
      if (!record) return undefined;
      s = new LiveSession(store, record);
      live.set(id, s);
    }
    return s;
  };
  const hub = new Hub(store, liveSession, log);
  const scores = new Map<string, { count: number; debrief: Debrief & { status: string } }>();
  const scoreStored = (s: SessionRecord) => {
    const events = store.events(s.id);
    const cached = scores.get(s.id);
    if (cached?.count === events.length) return cached.debrief;
    const c = compile(s.scenario);
    const ctx = replay(c, events).final.context;
    const debrief = { ...scoreDrill(c, ctx), status: ctx.status };
    scores.set(s.id, { count: events.length, debrief });
    return debrief;
  };
  const joinLimit = rateLimiter(10, 20); // join attempts per address: codes cannot be enumerated
  const createLimit = rateLimiter(limits.createPerMinute ?? 20, limits.createPerMinute ?? 20);
  const statics = distDir
    ? sirv(distDir, { etag: true, gzip: true, brotli: false, setHeaders: (res, pathname) => trainersOnly.has(pathname) && res.setHeader('Cache-Control', 'private, no-cache') })
    : undefined;

  /** The session a facilitator-only request names, with its token checked. */
  const facilitatorsSession = (req: IncomingMessage, sessionId: string) => {
    const session = store.session(sessionId);
    if (!session) throw new HttpError(404, 'no such session');
    facilitatorOf(req, session.id);
    return session;
  };
  /** A JSON body checked by a schema; its problems become one 400. */
  const bodyOf = async <T>(req: IncomingMessage, schema: z.ZodType<T>, limit: number): Promise<T> => {
    const parsed = schema.safeParse(await readJson(req, limit));
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    return parsed.data;
  };
  /** A stored session for a signed-in trainer (any trainer may review any drill of this server). */
  const trainersSession = (req: IncomingMessage, sessionId: string) => {
    requireTrainer(auth, req);
    const session = store.session(sessionId);
    if (!session) throw new HttpError(404, 'no such session');
    return session;
  };
  const facilitatorOf = (req: IncomingMessage, sessionId: string): SeatRecord => {
    const token = bearer(req);
    const seat = token ? store.seatByToken(hashToken(token)) : undefined;
    if (!seat || seat.kind !== 'facilitator' || seat.sessionId !== sessionId) throw new HttpError(401, 'the facilitator\'s token is required');
    return seat;
  };

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const ip = req.socket.remoteAddress ?? '?';
    const only = (m: string) => {
      if (method !== m) throw new HttpError(405, `use ${m} here`);
    };
    if (path === '/api/health') {
      only('GET');
      return sendJson(res, 200, { ok: true });
    }
    if (await authApi(auth, store, req, res, path)) return;
    if (path === '/api/scenarios') {
      only('GET');
      // Without sign-in: only ids and titles (what a projector shows anyway).
      if (!auth.trainerOf(req)) return sendJson(res, 200, scenarios.map((s) => ({ id: s.id, title: s.title })));
      return sendJson(
        res,
        200,
        scenarios.map((s) => ({ id: s.id, version: s.version, category: s.category, title: s.title, summary: s.summary, durationMinutes: s.durationMinutes, difficulty: s.difficulty })),
      );
    }
    const scenarioPath = /^\/api\/scenarios\/([\w-]{1,64})$/.exec(path);
    if (scenarioPath?.[1]) {
      only('GET');
      requireTrainer(auth, req);
      const scenario = scenarios.find((s) => s.id === scenarioPath[1]);
      if (!scenario) throw new HttpError(404, `no scenario "${scenarioPath[1]}"`);
      return sendJson(res, 200, scenario);
    }
    if (path === '/api/server-info') {
      only('GET');
      return sendJson(res, 200, { joinUrls: lanUrls(Number(req.socket.localPort)) });
    }
    if (path === '/api/sessions' && method === 'GET') {
      requireTrainer(auth, req);
      // History: what each drill was and how it scored (no transcripts, no tokens).
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const scenario = query.get('scenario');
      const team = query.get('team')?.trim().toLowerCase();
      return sendJson(
        res,
        200,
        store
          .sessions()
          .filter((s) => (!scenario || s.scenario.id === scenario) && (!team || (s.info.team ?? '').toLowerCase().includes(team)))
          .flatMap((s) => {
            // Scored from the record, without bringing the drill back to life (its clock stays still).
            const running = live.get(s.id);
            const d = running ? { ...running.debrief(), status: running.context.status } : scoreStored(s);
            const status = d.status;
            return [
              {
                id: s.id,
                date: s.createdAt,
                scenario: { id: s.scenario.id, version: s.scenario.version, title: s.scenario.title },
                team: s.info.team ?? '',
                status,
                total: d.total,
                rating: d.rating,
                criteria: d.criteria.map((c) => ({ id: c.id, title: c.title, score: c.score })),
              },
            ];
          })
          .reverse(),
      );
    }
    if (path === '/api/sessions') {
      only('POST');
      const { trainer } = requireTrainer(auth, req);
      if (!createLimit(ip)) throw new HttpError(429, 'too many sessions created; wait a minute');
      const body = await bodyOf(req, createBody, 64 * 1024);
      const scenario = scenarios.find((s) => s.id === body.scenarioId);
      if (!scenario) throw new HttpError(404, `no scenario "${body.scenarioId}"`);
      const facilitator = body.facilitator || trainer.name;
      const id = newId();
      let code = newJoinCode();
      for (let i = 0; store.sessionByCode(code) && i < 20; i++) code = newJoinCode();
      const facilitatorToken = newToken();
      const projectorToken = newToken();
      const createdAt = new Date().toISOString();
      store.createSession(
        {
          id,
          code,
          scenario,
          info: { id, source: 'server', date: createdAt, ...(body.team ? { team: body.team } : {}), facilitator },
          clock: { wall: Date.now(), drill: 0, speed: 1 },
          createdAt,
          plan: [],
        },
        [
          { id: newId(), sessionId: id, kind: 'facilitator', name: facilitator, role: null, tokenHash: hashToken(facilitatorToken) },
          { id: newId(), sessionId: id, kind: 'projector', name: 'projector', role: null, tokenHash: hashToken(projectorToken) },
        ],
      );
      return sendJson(res, 201, { id, code, facilitatorToken, projectorToken });
    }
    if (path === '/api/join') {
      only('POST');
      if (!joinLimit(ip)) throw new HttpError(429, 'too many join attempts; wait a minute');
      const body = await bodyOf(req, joinBody, 4096);
      const session = store.sessionByCode(body.code);
      if (!session) throw new HttpError(404, 'no drill with that code');
      const token = newToken();
      store.addSeat({ id: newId(), sessionId: session.id, kind: 'participant', name: body.name, role: null, tokenHash: hashToken(token) });
      const ls = liveSession(session.id);
      if (ls) hub.publishSeats(ls);
      return sendJson(res, 201, { sessionId: session.id, token });
    }
    const seatsPath = /^\/api\/sessions\/([\w-]{1,64})\/seats$/.exec(path);
    if (seatsPath?.[1]) {
      // The facilitator prepares a seat (and role) for a named participant: a personal link, no join code.
      only('POST');
      const session = facilitatorsSession(req, seatsPath[1]);
      const body = await bodyOf(req, seatBody, 4096);
      const role = body.role ?? null;
      if (role !== null) {
        if (!session.scenario.roles.some((r) => r.id === role && r.kind === 'player')) throw new HttpError(400, `"${role}" is not a player role`);
        if (store.seats(session.id).some((s) => s.role === role)) throw new HttpError(409, 'that role already has a seat');
      }
      const token = newToken();
      const seat = newId();
      store.addSeat({ id: seat, sessionId: session.id, kind: 'participant', name: body.name, role, tokenHash: hashToken(token) });
      const ls = liveSession(session.id);
      if (ls) hub.publishSeats(ls);
      return sendJson(res, 201, { seat, token });
    }
    const planPath = /^\/api\/sessions\/([\w-]{1,64})\/plan$/.exec(path);
    if (planPath?.[1]) {
      only('PUT');
      const session = trainersSession(req, planPath[1]);
      const plan = await bodyOf(req, planSchema, 256 * 1024);
      store.setPlan(session.id, plan);
      return sendJson(res, 200, { ok: true, actions: plan.length });
    }
    const transcript = /^\/api\/sessions\/([\w-]{1,64})\/transcript$/.exec(path);
    if (transcript?.[1]) {
      only('GET');
      const session = trainersSession(req, transcript[1]);
      const participants = Object.fromEntries(store.seats(session.id).flatMap((s) => (s.kind === 'participant' && s.role ? [[s.role, s.name]] : [])));
      return sendJson(res, 200, makeTranscript(session.scenario, { ...session.info, participants }, store.events(session.id), session.plan));
    }
    throw new HttpError(404, `no API at ${path}`);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      api(req, res, path).catch((error: unknown) => {
        if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
        log(`API error on ${req.method} ${path}: ${error instanceof Error ? error.stack : String(error)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
      return;
    }
    if (statics && trainersOnly.has(staticPath(req)) && !auth.trainerOf(req)) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    if (statics && (req.method === 'GET' || req.method === 'HEAD')) {
      statics(req, res, () => sendJson(res, 404, { error: 'not found' }));
      return;
    }
    sendJson(res, statics ? 405 : 404, { error: 'not found' });
  });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] === '/ws') hub.upgrade(req, socket, head, auth.trainerOf(req) !== undefined);
    else socket.destroy();
  });
  server.on('clientError', (_err, socket) => socket.destroy());

  // The drill clocks: append a clock event when something falls due.
  const ticker = setInterval(() => {
    for (const s of live.values()) {
      try {
        s.tick();
      } catch (error) {
        log(`tick failed for ${s.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }, 250);

  return {
    server,
    /** The code for the first-trainer page while no trainer exists. */
    get firstRunCode() {
      return auth.firstRunCode;
    },
    close: async () => {
      clearInterval(ticker);
      hub.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      store.close();
    },
  };
}

/** The addresses participants on the bank's network can reach, for the join screen and QR code. */
export function lanUrls(port: number): string[] {
  const urls = Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => `http://${a.address}:${port}/`);
  return urls.length ? urls : [`http://localhost:${port}/`];
}
