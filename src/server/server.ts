/**
 * The drill server: serves the built app, the HTTP API and the WebSocket hub on one port
 * (https and wss when given a certificate). Every bad request gets a 4xx with a JSON message;
 * nothing a client sends can crash it. Requests must name this server in their Host header,
 * WebSocket upgrades must come from its own pages, and every answer carries security headers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { networkInterfaces } from 'node:os';
import sirv from 'sirv';
import { z } from 'zod';
import { stateOf, compile, compileScenario, FACILITATOR, makeTranscript, planSchema, replay, scoreDrill, validateScenario, type Scenario, type SessionInfo } from '../engine';
import { Auth, type AuthOptions } from './auth';
import { authApi, requireTrainer } from './authRoutes';
import { DEFAULT_HUB_LIMITS, Hub, type HubLimits } from './hub';
import { bearer, HttpError, parseJson, rateLimiter, readJson, readJsonBytes, sendJson } from './http';
import { LiveSession, summaryOf } from './liveSession';
import { Ownership, STALE_MS } from './ownership';
import { CLIENT_HEADER, proxyRequest, proxyUpgrade, VIA_HEADER } from './proxy';
import { createLogger, isClientAbort, RefusalLog, type Logger } from './log';
import { scenarioChunks, staticPath } from './protectedAssets';
import { createSigner, type Signer } from './signer';
import { Exercises } from './exercises';
import { EXERCISE_MODES } from '../protocol/messages';
import { allowedHosts, hostAllowed, originAllowed, securityHeaders } from './security';
import type { DrillStore, ExerciseRecord, ScenarioRevisionRecord, SeatRecord } from './store';
import { hashToken, newId, newJoinCode, newToken } from './tokens';

export type ServerOptions = {
  store: DrillStore;
  scenarios: Scenario[];
  distDir?: string;
  logger?: Logger;
  limits?: { createPerMinute?: number; joinPerMinute?: number; hub?: Partial<HubLimits> };
  /** Host names besides loopback and this machine's own names and addresses (ALLOWED_HOSTS); `*` allows any. */
  allowedHosts?: string[];
  /** PEM certificate and key: serve https and wss. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  auth?: AuthOptions;
  /** DATA_RETENTION_DAYS: drills ended longer ago than this are removed (default: kept). Drills never started go after a day. */
  retentionDays?: number;
  /** The wall clock drills run on (default: the system's; tests drive their own). */
  clock?: () => number;
  /** Signs every transcript handed out (main.ts: the key in DATA_DIR); default: a key made for this process. */
  signer?: Signer;
  /**
   * The URL other server processes on the same PostgreSQL database reach this one at
   * (PROCESS_URL; see ownership.ts). Without it, this process serves the sessions it owns but
   * no other process can forward to it.
   */
  processUrl?: string;
};

/** At most this many drills in the history answer. */
const HISTORY_LIMIT = 500;
/** A published scenario's JSON is at most this large. */
const SCENARIO_LIMIT = 2 * 1024 * 1024;
/** Ids a bank scenario may have (they are part of its URL). */
const SCENARIO_ID = /^[\w-]{1,64}$/;
/** How often a running drill's clock is written down (wall time): a crash loses at most this much drill time (× speed). */
const CHECKPOINT_MS = 500;

/** Names of groups or venues: each given once. */
const names = (max: number) =>
  z
    .array(z.string().trim().min(1).max(60))
    .max(max)
    .refine((list) => new Set(list).size === list.length, 'each name once');
const scenarioChoice = {
  scenarioId: z.string().min(1).max(64),
  /** For a bank scenario: the revision to run (default: the latest). */
  revision: z.number().int().positive().max(1_000_000).optional(),
  facilitator: z.string().trim().max(200).optional(),
  /** The venues the drill is played in (a county sub-branch and its city branch): each gets its own projector. */
  venues: names(4).optional(),
};
const createBody = z.strictObject({ ...scenarioChoice, team: z.string().trim().max(200).optional() });
const exerciseBody = z.strictObject({ ...scenarioChoice, mode: z.enum(EXERCISE_MODES), groups: names(8).refine((g) => g.length >= 2, 'at least two groups') });
const exerciseStateBody = z.strictObject({ playing: z.number().int().min(0).max(7).nullable().optional(), reviewing: z.number().int().min(0).max(7).nullable().optional() });
const seatBody = z.strictObject({
  name: z.string().trim().min(1).max(60),
  role: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/).optional(),
  /** An evaluator (a department head, the regulator's observer) has no role: it sees the facilitator's view and records. */
  kind: z.enum(['participant', 'evaluator']).optional(),
  venue: z.string().trim().min(1).max(60).optional(),
});
const joinBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, 'the join code has six digits'), name: z.string().trim().min(1).max(60), venue: z.string().trim().min(1).max(60).optional() });
/** At most this many exercises in their list. */
const EXERCISE_LIMIT = 100;

export async function createDrillServer({ store, scenarios, distDir, logger = createLogger(), limits = {}, allowedHosts: extraHosts = [], tls, auth: authOptions = {}, retentionDays, clock = Date.now, signer = createSigner(), processUrl }: ServerOptions) {
  const log = logger;
  const auth = new Auth(store, { log: (m) => log.warn(m), ...authOptions });
  await auth.start();
  // The app's chunks holding the shipped scenarios (answer keys included): trainers only.
  const trainersOnly = distDir ? scenarioChunks(distDir, scenarios.map((s) => s.title['zh-CN'])) : new Set<string>();
  const live = new Map<string, LiveSession>();
  // Which process serves which session (one process with SQLite: this one, every session).
  const ownership = new Ownership(store, log, {
    url: processUrl ?? '',
    shared: store.kind === 'postgres',
    open: () => [...live.keys()],
    onLost: (ids) => {
      for (const id of ids) {
        live.delete(id);
        hub.dropSession(id);
      }
    },
  });
  await ownership.start();
  /** Sessions being loaded: two requests for the same one at once share the load. */
  const loading = new Map<string, Promise<LiveSession | undefined>>();
  const liveSession = (id: string): Promise<LiveSession | undefined> => {
    const s = live.get(id);
    if (s) return Promise.resolve(s);
    let load = loading.get(id);
    if (!load) {
      load = (async () => {
        // Only the process that owns a session runs it (taking it over if its owner stopped); read once it is ours.
        const route = await ownership.route(id);
        if (route.at !== 'here') return undefined;
        const record = await store.session(id);
        if (!record) return undefined;
        if (route.takenOver && record.info.exercise) exercises.forget(record.info.exercise.id); // its round may have moved elsewhere
        const opened = await LiveSession.open(store, record, clock);
        live.set(id, opened);
        if (opened.notice) log.warn({ session: id, drillTime: opened.notice.drillTime }, 'drill restored after a stop: paused for the facilitator');
        return opened;
      })().finally(() => loading.delete(id));
      loading.set(id, load);
    }
    return load;
  };
  const exercises = new Exercises(store);
  const hub = new Hub(store, liveSession, log, { ...DEFAULT_HUB_LIMITS, ...limits.hub }, (signIn) => auth.signedIn(signIn), exercises);
  // Drills stored before summaries were kept: scored once, now, so that listing them never replays.
  for (const id of await store.unsummarised()) {
    const record = await store.session(id);
    if (!record) continue;
    try {
      const c = compile(record.scenario);
      const ctx = stateOf(replay(c, await store.events(id)).final);
      await store.saveSummary(summaryOf(record, ctx, () => scoreDrill(c, ctx)));
    } catch (error) {
      log.error({ session: id, err: error instanceof Error ? error.message : String(error) }, 'could not summarise a stored drill');
    }
  }
  const hosts = allowedHosts(extraHosts);
  const joinLimit = rateLimiter(limits.joinPerMinute ?? 10, (limits.joinPerMinute ?? 10) * 2); // join attempts per address: codes cannot be enumerated
  const createLimit = rateLimiter(limits.createPerMinute ?? 20, limits.createPerMinute ?? 20);
  const historyLimit = rateLimiter(30, 60);
  const publishLimit = rateLimiter(30, 30);
  /** A shipped scenario (from SCENARIO_DIR) by id. */
  const shipped = (id: string): Scenario | undefined => scenarios.find((s) => s.id === id);
  /** A bank scenario's revision: the scenario itself (as a shipped one is served), its revision in the headers. */
  const sendBankScenario = (res: ServerResponse, record: ScenarioRevisionRecord) => {
    res.setHeader('x-scenario-source', 'bank');
    res.setHeader('x-scenario-revision', String(record.revision));
    res.setHeader('x-scenario-published-at', record.publishedAt);
    sendJson(res, 200, record.scenario);
  };
  const statics = distDir
    ? sirv(distDir, { etag: true, gzip: true, brotli: false, setHeaders: (res, pathname) => trainersOnly.has(pathname) && res.setHeader('Cache-Control', 'private, no-cache') })
    : undefined;

  /** The session a facilitator-only request names, with its token checked. */
  /** A stored session for a signed-in trainer (any trainer may review any drill of this server). */
  const trainersSession = async (req: IncomingMessage, sessionId: string) => {
    await requireTrainer(auth, req);
    const session = await store.session(sessionId);
    if (!session) throw new HttpError(404, 'no such session');
    return session;
  };
  const facilitatorsSession = async (req: IncomingMessage, sessionId: string) => {
    await requireTrainer(auth, req); // a facilitator's token left in a browser is not enough alone
    const session = await store.session(sessionId);
    if (!session) throw new HttpError(404, 'no such session');
    await facilitatorOf(req, session.id);
    return session;
  };
  /** A JSON body checked by a schema; its problems become one 400. */
  const checked = <T>(json: unknown, schema: z.ZodType<T>): T => {
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HttpError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    return parsed.data;
  };
  const bodyOf = async <T>(req: IncomingMessage, schema: z.ZodType<T>, limit: number): Promise<T> => checked(await readJson(req, limit), schema);
  /** Whether another live process of this database forwarded the request (its id in the header: never shown to clients). */
  const forwardedByPeer = (req: IncomingMessage) => ownership.peer(singleHeader(req.headers[VIA_HEADER]));
  /** The client's address: the socket's, or the one a forwarding process saw. */
  const clientAddress = (req: IncomingMessage, forwarded: boolean) => (forwarded ? singleHeader(req.headers[CLIENT_HEADER])?.slice(0, 64) : undefined) ?? req.socket.remoteAddress ?? '?';
  const facilitatorOf = async (req: IncomingMessage, sessionId: string): Promise<SeatRecord> => {
    const token = bearer(req);
    const seat = token ? await store.seatByToken(hashToken(token)) : undefined;
    if (!seat || seat.kind !== 'facilitator' || seat.sessionId !== sessionId) throw new HttpError(401, 'the facilitator\'s token is required');
    return seat;
  };

  /** A shipped scenario, or a bank scenario's revision (the latest unless one is asked for). */
  const chooseScenario = async (scenarioId: string, wanted?: number): Promise<{ scenario: Scenario; revision?: number }> => {
    const scenario = shipped(scenarioId);
    if (scenario && wanted !== undefined) throw new HttpError(400, `"${scenarioId}" is a shipped scenario: it has no revisions`);
    if (scenario) return { scenario };
    const record = await store.scenarioRevision(scenarioId, wanted);
    if (!record) throw new HttpError(404, wanted === undefined ? `no scenario "${scenarioId}"` : `no revision ${wanted} of a bank scenario "${scenarioId}"`);
    return { scenario: record.scenario, revision: record.revision };
  };

  /** A new session with its facilitator's seat, the room's projector and one projector per venue; the tokens once, here. */
  const createSession = async ({ scenario, revision }: { scenario: Scenario; revision?: number }, details: Pick<SessionInfo, 'facilitator' | 'team' | 'exercise'> & { venues: string[] }) => {
    const { venues, ...rest } = details;
    const id = newId();
    let code = newJoinCode();
    for (let i = 0; (await store.sessionByCode(code)) && i < 20; i++) code = newJoinCode();
    const facilitatorToken = newToken();
    const projectorToken = newToken();
    const projectors = venues.map((venue) => ({ venue, token: newToken() }));
    const createdAt = new Date().toISOString();
    const seat = (kind: SeatRecord['kind'], name: string, token: string, venue?: string): SeatRecord => ({ id: newId(), sessionId: id, kind, name, role: null, tokenHash: hashToken(token), ...(venue ? { venue } : {}) });
    await store.createSession(
      {
        id,
        code,
        scenario,
        info: { id, source: 'server', date: createdAt, ...rest, ...(venues.length ? { venues } : {}) },
        clock: { wall: clock(), drill: 0, speed: 1 },
        createdAt,
        plan: [],
        joining: true,
        ...(revision !== undefined ? { scenarioRevision: revision } : {}),
      },
      [seat('facilitator', details.facilitator ?? '', facilitatorToken), seat('projector', 'projector', projectorToken), ...projectors.map((p) => seat('projector', `projector · ${p.venue}`, p.token, p.venue))],
    );
    return { id, code, facilitatorToken, projectorToken, projectors };
  };

  /** An exercise as the trainer's page reads it: its groups with their join codes. */
  const exerciseAnswer = async (e: ExerciseRecord) => ({
    id: e.id,
    createdAt: e.createdAt,
    mode: e.mode,
    scenario: e.scenario,
    venues: e.venues,
    groups: await Promise.all(e.groups.map(async (g) => ({ name: g.name, sessionId: g.sessionId, code: (await store.session(g.sessionId))?.code ?? null }))),
    playing: e.playing,
    reviewing: e.reviewing,
  });

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const forwarded = await forwardedByPeer(req);
    const ip = clientAddress(req, forwarded);
    /**
     * Sends the request on to the process that serves the session, if another does (true: sent);
     * `body`: what was already read of it. A request forwarded once is never forwarded again.
     */
    const routed = async (sessionId: string, body?: Buffer): Promise<boolean> => {
      const route = await ownership.route(sessionId);
      if (route.at === 'here' || route.at === 'nowhere') return false;
      if (route.at === 'elsewhere' && !forwarded) {
        proxyRequest(req, res, route.url, ownership.id, ip, body);
        return true;
      }
      throw new HttpError(503, 'this drill is moving to another server process; try again in a few seconds');
    };
    const sessionScoped = /^\/api\/sessions\/([\w-]{1,64})\//.exec(path);
    if (sessionScoped?.[1] && (await routed(sessionScoped[1]))) return;
    const only = (m: string) => {
      if (method !== m && !(m === 'GET' && method === 'HEAD')) throw new HttpError(405, `use ${m} here`);
    };
    const peerExercise = /^\/api\/peer\/exercises\/([\w-]{1,64})\/changed$/.exec(path);
    if (peerExercise?.[1] && forwarded) {
      // Another process moved an exercise's round or review: the seats of its groups served here are told.
      only('POST');
      exercises.forget(peerExercise[1]);
      const changed = await exercises.get(peerExercise[1]);
      if (changed) await hub.exerciseChanged(changed);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/api/health') {
      only('GET');
      return sendJson(res, 200, { ok: true });
    }
    if (await authApi(auth, store, req, res, path)) return;
    if (path === '/api/scenarios' && method === 'POST') {
      // The studio publishes a bank scenario: checked by the drill engine, stored as a new revision.
      const { trainer } = await requireTrainer(auth, req);
      if (!publishLimit(ip)) throw new HttpError(429, 'too many scenarios published; wait a minute');
      const json = await readJson(req, SCENARIO_LIMIT);
      const checked = compileScenario(json);
      const valid = checked.ok ? validateScenario(json) : checked;
      if (!valid.ok) return sendJson(res, 400, { error: 'the scenario has problems', problems: valid.issues });
      const scenario = valid.value;
      if (!SCENARIO_ID.test(scenario.id)) return sendJson(res, 400, { error: 'the scenario has problems', problems: [{ path: '$.id', message: 'a published scenario\'s id has 1 to 64 letters, digits, - or _' }] });
      if (shipped(scenario.id)) throw new HttpError(409, `"${scenario.id}" is a shipped scenario's id: publish it under another id`);
      const revision = await store.publishScenario(scenario, trainer.id, new Date().toISOString());
      log.info({ scenario: scenario.id, revision, trainer: trainer.name }, 'scenario published');
      return sendJson(res, 201, { id: scenario.id, revision });
    }
    if (path === '/api/scenarios') {
      only('GET');
      // Without sign-in: only ids and titles of the shipped scenarios (what a projector shows anyway).
      if (!(await auth.trainerOf(req))) return sendJson(res, 200, scenarios.map((s) => ({ id: s.id, title: s.title })));
      const entry = (s: Scenario) => ({ id: s.id, version: s.version, category: s.category, title: s.title, summary: s.summary, durationMinutes: s.durationMinutes, difficulty: s.difficulty });
      const bank = (await store.bankScenarios()).filter((r) => !shipped(r.id));
      return sendJson(res, 200, [
        ...scenarios.map((s) => ({ ...entry(s), source: 'shipped' as const })),
        ...bank.map((r) => ({ ...entry(r.scenario), source: 'bank' as const, revision: r.revision, publishedAt: r.publishedAt })),
      ]);
    }
    const revisionPath = /^\/api\/scenarios\/([\w-]{1,64})\/revisions\/(\d{1,9})$/.exec(path);
    if (revisionPath?.[1] && revisionPath[2]) {
      only('GET');
      await requireTrainer(auth, req);
      const record = await store.scenarioRevision(revisionPath[1], Number(revisionPath[2]));
      if (!record) throw new HttpError(404, `no revision ${Number(revisionPath[2])} of a bank scenario "${revisionPath[1]}"`);
      return sendBankScenario(res, record);
    }
    const scenarioPath = /^\/api\/scenarios\/([\w-]{1,64})$/.exec(path);
    if (scenarioPath?.[1]) {
      only('GET');
      await requireTrainer(auth, req);
      const scenario = shipped(scenarioPath[1]);
      if (scenario) return sendJson(res, 200, scenario);
      const record = await store.scenarioRevision(scenarioPath[1]);
      if (!record) throw new HttpError(404, `no scenario "${scenarioPath[1]}"`);
      return sendBankScenario(res, record);
    }
    if (path === '/api/signing-key') {
      // Public: the review page served by this server trusts the key that signs its transcripts.
      only('GET');
      return sendJson(res, 200, { publicKey: signer.publicKey, fingerprint: signer.fingerprint });
    }
    if (path === '/api/server-info') {
      only('GET');
      return sendJson(res, 200, { joinUrls: lanUrls(Number(req.socket.localPort), tls ? 'https' : 'http') });
    }
    if (path === '/api/sessions' && method === 'GET') {
      await requireTrainer(auth, req);
      // History: what each drill was and how it scored (no transcripts, no tokens), from the stored summaries.
      if (!historyLimit(ip)) throw new HttpError(429, 'too many requests; wait a moment');
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const scenario = query.get('scenario')?.slice(0, 64) || undefined;
      const team = query.get('team')?.trim().slice(0, 200) || undefined;
      return sendJson(res, 200, await store.history({ ...(scenario ? { scenario } : {}), ...(team ? { team } : {}), limit: HISTORY_LIMIT }));
    }
    if (path === '/api/sessions') {
      only('POST');
      const { trainer } = await requireTrainer(auth, req);
      if (!createLimit(ip)) throw new HttpError(429, 'too many sessions created; wait a minute');
      const body = await bodyOf(req, createBody, 64 * 1024);
      const chosen = await chooseScenario(body.scenarioId, body.revision);
      const created = await createSession(chosen, { facilitator: body.facilitator || trainer.name, venues: body.venues ?? [], ...(body.team ? { team: body.team } : {}) });
      return sendJson(res, 201, created);
    }
    if (path === '/api/exercises' && method === 'POST') {
      // Several groups, one scenario: a session (and transcript) per group, in rounds or in parallel.
      const { trainer } = await requireTrainer(auth, req);
      if (!createLimit(ip)) throw new HttpError(429, 'too many sessions created; wait a minute');
      const body = await bodyOf(req, exerciseBody, 64 * 1024);
      const chosen = await chooseScenario(body.scenarioId, body.revision);
      const id = newId();
      const venues = body.venues ?? [];
      const groups = [];
      for (const name of body.groups) groups.push({ name, ...(await createSession(chosen, { facilitator: body.facilitator || trainer.name, venues, team: name, exercise: { id, group: name } })) });
      const s = chosen.scenario;
      await store.createExercise({
        id,
        createdAt: new Date().toISOString(),
        createdBy: trainer.id,
        mode: body.mode,
        scenario: { id: s.id, title: s.title, ...(chosen.revision !== undefined ? { revision: chosen.revision } : {}) },
        venues,
        groups: groups.map((g) => ({ name: g.name, sessionId: g.id })),
        playing: null,
        reviewing: null,
      });
      log.info({ exercise: id, groups: groups.length, mode: body.mode }, 'exercise created');
      return sendJson(res, 201, { id, groups: groups.map(({ id: sessionId, ...g }) => ({ sessionId, ...g })) });
    }
    if (path === '/api/exercises') {
      only('GET');
      await requireTrainer(auth, req);
      return sendJson(res, 200, (await store.exercises(EXERCISE_LIMIT)).map((e) => ({ id: e.id, createdAt: e.createdAt, mode: e.mode, scenario: e.scenario, groups: e.groups.map((g) => g.name) })));
    }
    const exercisePath = /^\/api\/exercises\/([\w-]{1,64})(\/state)?$/.exec(path);
    if (exercisePath?.[1]) {
      await requireTrainer(auth, req);
      const exercise = await exercises.get(exercisePath[1]);
      if (!exercise) throw new HttpError(404, 'no such exercise');
      // An exercise is run by the process serving its first group (its groups are made together, on one process).
      const first = exercise.groups[0]?.sessionId;
      if (first && (await routed(first))) return;
      if (!exercisePath[2]) {
        only('GET');
        return sendJson(res, 200, await exerciseAnswer(exercise));
      }
      only('POST');
      const body = await bodyOf(req, exerciseStateBody, 4096);
      const next = { playing: body.playing === undefined ? exercise.playing : body.playing, reviewing: body.reviewing === undefined ? exercise.reviewing : body.reviewing };
      for (const group of [next.playing, next.reviewing]) if (group !== null && !exercise.groups[group]) throw new HttpError(400, `there is no group ${group + 1}`);
      if (next.playing !== null && exercise.mode !== 'rounds') throw new HttpError(409, 'groups of a parallel exercise play at once: there are no rounds');
      if (next.reviewing !== null && next.reviewing !== exercise.reviewing) {
        // Peers review a round once it is over.
        const reviewed = await liveSession(exercise.groups[next.reviewing]?.sessionId ?? '');
        if (reviewed?.context.status !== 'ended') throw new HttpError(409, 'a group\'s drill is reviewed once it has ended', undefined, { code: 'not-ended' });
      }
      const changed = await exercises.setState(exercise.id, next);
      log.info({ exercise: exercise.id, ...next }, 'exercise moved on');
      await hub.exerciseChanged(changed);
      // Groups served by other processes (after a takeover split them) are told there.
      void ownership.tellPeers(`/api/peer/exercises/${exercise.id}/changed`).catch((error: unknown) => log.error({ err: errorText(error) }, 'could not tell the other processes'));
      return sendJson(res, 200, await exerciseAnswer(changed));
    }
    if (path === '/api/join') {
      only('POST');
      // A join forwarded by another process was counted there.
      if (!forwarded && !joinLimit(ip)) throw new HttpError(429, 'too many join attempts; wait a minute', 'too-many-joins');
      const bytes = await readJsonBytes(req, 4096);
      const body = checked(parseJson(bytes), joinBody);
      const session = await store.sessionByCode(body.code);
      if (!session) throw new HttpError(404, 'no drill with that code', 'no-drill');
      if (await routed(session.id, bytes)) return;
      // A join code stops working when its drill ends, and while the facilitator has locked joining.
      const ls = await liveSession(session.id);
      if (ls?.context.status === 'ended') throw new HttpError(410, 'this drill has ended', 'drill-ended');
      if (!(ls ? ls.joining : session.joining)) throw new HttpError(403, 'joining this drill is closed', 'joining-closed');
      // A drill played in several venues: each participant says where they sit.
      const venues = session.info.venues ?? [];
      if (venues.length > 0 && !(body.venue && venues.includes(body.venue))) throw new HttpError(409, 'choose the venue you are in', 'venue-required', { venues });
      const token = newToken();
      await store.addSeat({ id: newId(), sessionId: session.id, kind: 'participant', name: body.name, role: null, tokenHash: hashToken(token), ...(venues.length > 0 && body.venue ? { venue: body.venue } : {}) });
      if (ls) await hub.publishSeats(ls);
      return sendJson(res, 201, { sessionId: session.id, token });
    }
    const seatsPath = /^\/api\/sessions\/([\w-]{1,64})\/seats$/.exec(path);
    if (seatsPath?.[1]) {
      // The facilitator prepares a seat (and role) for a named participant: a personal link, no join code.
      only('POST');
      const session = await facilitatorsSession(req, seatsPath[1]);
      const body = await bodyOf(req, seatBody, 4096);
      const role = body.role ?? null;
      const ls = await liveSession(session.id);
      if (!ls) throw new HttpError(404, 'no such session');
      const venues = session.info.venues ?? [];
      if (body.venue !== undefined && !venues.includes(body.venue)) throw new HttpError(400, venues.length ? `"${body.venue}" is not one of this drill's venues` : 'this drill has no venues');
      if (body.kind === 'evaluator') {
        if (role !== null) throw new HttpError(400, 'an evaluator has no role');
        const token = newToken();
        const seat = newId();
        await store.addSeat({ id: seat, sessionId: session.id, kind: 'evaluator', name: body.name, role: null, tokenHash: hashToken(token), ...(body.venue ? { venue: body.venue } : {}) });
        log.info({ session: session.id, evaluator: body.name }, 'evaluator invited');
        return sendJson(res, 201, { seat, token });
      }
      // In the session's turn: no other seat takes the role between the check and the seat.
      const created = await ls.exclusive(async () => {
        if (role !== null) {
          if (!ls.compiled.seatRoles.includes(role)) throw new HttpError(400, `"${role}" is not a role a participant can play`);
          if ((await store.seats(session.id)).some((s) => s.role === role)) throw new HttpError(409, 'that role already has a seat');
        }
        if (ls.context.status === 'ended') throw new HttpError(410, 'this drill has ended');
        // The transcript records who plays the role before the seat exists.
        if (role !== null) {
          const cast = await ls.apply({ type: 'ROLE.CAST', payload: { role, name: body.name, ...(body.venue ? { venue: body.venue } : {}) } }, FACILITATOR);
          if (!cast.ok) throw new HttpError(409, `the drill refused the seat (${cast.refusal.code})`);
        }
        const token = newToken();
        const seat = newId();
        await store.addSeat({ id: seat, sessionId: session.id, kind: 'participant', name: body.name, role, tokenHash: hashToken(token), ...(body.venue ? { venue: body.venue } : {}) });
        await hub.publishSeats(ls);
        return { seat, token };
      });
      return sendJson(res, 201, created);
    }
    const planPath = /^\/api\/sessions\/([\w-]{1,64})\/plan$/.exec(path);
    if (planPath?.[1]) {
      only('PUT');
      const session = await trainersSession(req, planPath[1]);
      const plan = await bodyOf(req, planSchema, 256 * 1024);
      await store.setPlan(session.id, plan);
      // The plan is covered by the transcript's signature: here is the signature with the new plan.
      const { signature } = signer.sign(makeTranscript(session.scenario, session.info, await store.events(session.id), plan));
      return sendJson(res, 200, { ok: true, actions: plan.length, signature });
    }
    const transcript = /^\/api\/sessions\/([\w-]{1,64})\/transcript$/.exec(path);
    if (transcript?.[1]) {
      only('GET');
      const session = await trainersSession(req, transcript[1]);
      // The session's details as they were at the start; who played which role is in the events.
      return sendJson(res, 200, signer.sign(makeTranscript(session.scenario, session.info, await store.events(session.id), session.plan)));
    }
    throw new HttpError(404, `no API at ${path}`);
  }

  // Requests for other hosts and upgrades from other origins: the first few a minute in full, then summarised.
  const refusedHosts = new RefusalLog(() => log);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!hostAllowed(hosts, req.headers.host)) {
      refusedHosts.refused(`a request for host ${String(req.headers.host).slice(0, 100)} from ${req.socket.remoteAddress}`);
      return sendJson(res, 421, { error: 'this server does not answer to that host name (see ALLOWED_HOSTS)' });
    }
    securityHeaders(req, res);
    if (path.startsWith('/api/')) {
      api(req, res, path).catch((error: unknown) => {
        if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message, ...(error.code ? { code: error.code } : {}), ...error.extra });
        if (isClientAbort(error) || req.destroyed) {
          log.info({ method: req.method, path, ip: req.socket.remoteAddress }, 'request aborted by the client');
          return;
        }
        log.error({ method: req.method, path, err: error instanceof Error ? error.stack : String(error) }, 'API error');
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
      return;
    }
    if (statics && (req.method === 'GET' || req.method === 'HEAD')) {
      const serve = () => {
        // The app needs no partial downloads, and sirv would throw on a reversed range: whole files only.
        delete req.headers.range;
        try {
          statics(req, res, () => sendJson(res, 404, { error: 'not found' }));
        } catch (error) {
          log.warn({ path: req.url, err: error instanceof Error ? error.message : String(error) }, 'static file refused');
          if (!res.headersSent) sendJson(res, 400, { error: 'bad request' });
        }
      };
      if (!trainersOnly.has(staticPath(req))) return serve();
      // A chunk holding a shipped scenario: for a signed-in trainer only.
      auth.trainerOf(req).then(
        (trainer) => (trainer ? serve() : sendJson(res, 404, { error: 'not found' })),
        (error: unknown) => {
          log.error({ path, err: error instanceof Error ? error.message : String(error) }, 'sign-in lookup failed');
          if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
        },
      );
      return;
    }
    if (statics && trainersOnly.has(staticPath(req))) {
      sendJson(res, 404, { error: 'not found' });
      return;
    }
    sendJson(res, statics ? 405 : 404, { error: 'not found' });
  };
  const server: Server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, handler) : createServer(handler);
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    // An upgrade turned away before any seat exists: an HTTP status, and a line for the operator's log.
    const turnAway = (status: string, why: string) => {
      refusedHosts.refused(`websocket refused: ${why} (host ${String(req.headers.host).slice(0, 100)}, origin ${String(req.headers.origin).slice(0, 100)}, from ${req.socket.remoteAddress})`);
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if ((req.url ?? '').split('?')[0] !== '/ws') return turnAway('404 Not Found', 'not /ws');
    if (!hostAllowed(hosts, req.headers.host)) return turnAway('421 Misdirected Request', 'another host');
    if (!originAllowed(req)) return turnAway('403 Forbidden', 'a page of another origin');
    // While the owner and the sign-in are looked up, a reset of the socket is not an error of the server's.
    const onError = () => socket.destroy();
    socket.on('error', onError);
    // The app names its session (/ws?session=…): a session served by another process is piped there.
    const sessionId = new URL(req.url ?? '/', 'http://x').searchParams.get('session');
    const route = async () => {
      const forwarded = await forwardedByPeer(req);
      return { forwarded, where: sessionId && /^[\w-]{1,64}$/.test(sessionId) ? await ownership.route(sessionId) : undefined };
    };
    route()
      .then(async ({ forwarded, where }) => {
        if (socket.destroyed) return;
        if (where?.at === 'elsewhere' && !forwarded) {
          socket.off('error', onError);
          return proxyUpgrade(req, socket, head, where.url, ownership.id, clientAddress(req, forwarded));
        }
        if (where?.at === 'elsewhere' || where?.at === 'unreachable') return turnAway('503 Service Unavailable', 'the drill is moving to another server process');
        const trainer = await auth.trainerOf(req);
        socket.off('error', onError);
        if (socket.destroyed) return;
        hub.upgrade(req, socket, head, trainer?.tokenHash, clientAddress(req, forwarded));
      })
      .catch((error: unknown) => {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'websocket upgrade failed');
        socket.destroy();
      });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    log.debug({ err: err.code ?? err.message }, 'bad or aborted client connection');
    socket.destroy();
  });

  // The drill clocks: append a clock event when something falls due; write the running clocks down often.
  let lastCheckpoint = 0;
  const checkpoint = async (now = clock()) => {
    lastCheckpoint = now;
    const clocks = [...live.values()].flatMap((s) => {
      const clock = s.checkpoint(now);
      return clock ? [{ sessionId: s.id, clock }] : [];
    });
    if (clocks.length) await store.setClocks(clocks);
  };
  /** Retention: old drills go (see `retentionDays`); a drill in progress in this process stays. */
  const sweep = async (now = Date.now()) => {
    const day = 24 * 3600 * 1000;
    const removed = await store.purge({
      unstartedBefore: new Date(now - day).toISOString(),
      ...(retentionDays !== undefined ? { endedBefore: new Date(now - retentionDays * day).toISOString() } : {}),
      keep: new Set([...live.values()].filter((s) => s.context.status !== 'ended').map((s) => s.id)),
      // Another live process's drills are its own to remove (it may have one open).
      keepOthers: { me: ownership.id, staleMs: STALE_MS },
    });
    for (const id of removed) live.delete(id);
    if (removed.length) log.info({ removed: removed.length, retentionDays: retentionDays ?? null }, 'old drills removed');
    return removed;
  };
  const safeSweep = async () => {
    try {
      await sweep();
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'removing old drills failed');
    }
  };
  await safeSweep();
  const sweeper = setInterval(() => void safeSweep(), 3600 * 1000);
  sweeper.unref();
  const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
  /** The checkpoint being written, if any (the timer does not start a second one meanwhile). */
  let checkpointing: Promise<void> | undefined;
  const ticker = setInterval(() => {
    for (const s of live.values()) s.tick().catch((error: unknown) => log.error({ session: s.id, err: errorText(error) }, 'tick failed'));
    if (checkpointing || clock() - lastCheckpoint < CHECKPOINT_MS) return;
    checkpointing = checkpoint()
      .catch((error: unknown) => log.error({ err: errorText(error) }, 'clock checkpoint failed'))
      .finally(() => (checkpointing = undefined));
  }, 250);

  return {
    server,
    /** The code for the first-trainer page while no trainer exists. */
    firstRunCode: () => auth.firstRunCode(),
    hub,
    /** Removes old drills now (it also runs at start and every hour); the ids removed. */
    sweep,
    close: async () => {
      clearInterval(ticker);
      clearInterval(sweeper);
      hub.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      // What the sessions were doing is finished (committed) before the last checkpoint and the store's close.
      await Promise.all([...live.values()].map((s) => s.settled()));
      await checkpointing;
      await checkpoint().catch((error: unknown) => log.error({ err: errorText(error) }, 'clock checkpoint failed'));
      // Gone for good: other processes take its sessions over at once.
      await ownership.stop(true).catch((error: unknown) => log.error({ err: errorText(error) }, 'could not retire this process'));
      await store.close();
    },
  };
}

/** A header given once (a repeated one is ignored). */
const singleHeader = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

/** The addresses participants on the bank's network can reach, for the join screen and QR code. */
export function lanUrls(port: number, scheme: 'http' | 'https' = 'http'): string[] {
  const urls = Object.values(networkInterfaces())
    .flat()
    .filter((a): a is NonNullable<typeof a> => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => `${scheme}://${a.address}:${port}/`);
  return urls.length ? urls : [`${scheme}://localhost:${port}/`];
}
