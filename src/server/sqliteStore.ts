/**
 * DrillStore on SQLite (better-sqlite3, WAL, synchronous=FULL). Appends are group-committed: those
 * arriving within a few milliseconds share one transaction, and each resolves once it is on disk.
 * Appends and clock checkpoints are written by a thread of their own (sqliteWriter.ts); the rest
 * (rare writes, every read) on this connection.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillEvent, Scenario } from '../engine';
import { SqliteWriter, type EventRow } from './sqliteWriter';
import { GroupCommit } from './groupCommit';
import { migrationsOf } from './migrations';
import { type DrillStore, type PurgeRule, type ExerciseRecord, type ScenarioRevisionRecord, type SeatRecord, type SessionRecord, type SessionSummary, type SignInRecord, type TrainerRecord } from './store';

type TrainerRow = { id: string; name: string; password_hash: string; created_at: string };
type SignInRow = { token_hash: string; trainer_id: string; expires_at: string };
const toTrainer = (r: TrainerRow): TrainerRecord => ({ id: r.id, name: r.name, passwordHash: r.password_hash, createdAt: r.created_at });
const toSignIn = (r: SignInRow): SignInRecord => ({ tokenHash: r.token_hash, trainerId: r.trainer_id, expiresAt: r.expires_at });
type SessionRow = { id: string; code: string; scenario: string; info: string; clock: string; created_at: string; plan: string; joining: number; scenario_revision: number | null };
type SeatRow = { id: string; session_id: string; kind: SeatRecord['kind']; name: string; role: string | null; token_hash: string; venue: string | null };
type ExerciseRow = { id: string; created_at: string; created_by: string; data: string; playing: number | null; reviewing: number | null };
type RevisionRow = { scenario_id: string; revision: number; scenario: string; published_by: string; published_at: string };

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  code: r.code,
  scenario: JSON.parse(r.scenario),
  info: JSON.parse(r.info),
  clock: JSON.parse(r.clock),
  createdAt: r.created_at,
  plan: JSON.parse(r.plan),
  joining: r.joining !== 0,
  ...(r.scenario_revision !== null ? { scenarioRevision: r.scenario_revision } : {}),
});
const toSeat = (r: SeatRow): SeatRecord => ({ id: r.id, sessionId: r.session_id, kind: r.kind, name: r.name, role: r.role, tokenHash: r.token_hash, ...(r.venue !== null ? { venue: r.venue } : {}) });
/** An exercise's row: what never changes as JSON, the round and the review as columns. */
export const toExercise = (r: ExerciseRow): ExerciseRecord => ({ id: r.id, createdAt: r.created_at, createdBy: r.created_by, ...(JSON.parse(r.data) as Pick<ExerciseRecord, 'mode' | 'scenario' | 'venues' | 'groups'>), playing: r.playing, reviewing: r.reviewing });
export const exerciseData = (e: ExerciseRecord) => JSON.stringify({ mode: e.mode, scenario: e.scenario, venues: e.venues, groups: e.groups });
const toRevision = (r: RevisionRow): ScenarioRevisionRecord => ({ id: r.scenario_id, revision: r.revision, scenario: JSON.parse(r.scenario) as Scenario, publishedBy: r.published_by, publishedAt: r.published_at });

/** The first summary of a new session (a drill not yet started). */
export function firstSummary(s: SessionRecord): SessionSummary {
  const scenario = { id: s.scenario.id, version: s.scenario.version, title: s.scenario.title, ...(s.scenarioRevision !== undefined ? { revision: s.scenarioRevision } : {}) };
  return { id: s.id, date: s.createdAt, scenario, team: s.info.team ?? '', status: 'briefing', total: null, rating: null, criteria: [] };
}

/**
 * Brings the database to the newest schema. A database made before versioned migrations (no
 * schema_migrations table, but sessions) first gains the columns its version lacked, then
 * 001 (which leaves existing tables alone) is recorded as applied with the rest.
 */
function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const legacy = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sessions'").get() !== undefined;
  const applied = new Set(db.prepare<[], { id: string }>('SELECT id FROM schema_migrations').all().map((r) => r.id));
  if (legacy && applied.size === 0) {
    db.transaction(() => {
      // Databases made before improvement plans were kept, before joining could be locked, and
      // before each command's seat was recorded.
      const columns = db.prepare<[], { name: string }>('PRAGMA table_info(sessions)').all();
      if (!columns.some((c) => c.name === 'plan')) db.exec("ALTER TABLE sessions ADD COLUMN plan TEXT NOT NULL DEFAULT '[]'");
      if (!columns.some((c) => c.name === 'joining')) db.exec('ALTER TABLE sessions ADD COLUMN joining INTEGER NOT NULL DEFAULT 1');
      const eventColumns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
      if (!eventColumns.some((c) => c.name === 'seat_id')) db.exec('ALTER TABLE events ADD COLUMN seat_id TEXT');
    })();
  }
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const m of migrationsOf('sqlite')) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, new Date().toISOString());
    })();
  }
}

export type SqliteStoreOptions = {
  /** How long an append waits for others to share its commit (ms; default 0: those of the same turn of the event loop). */
  groupCommitMs?: number;
};

export function openSqliteStore(dataDir: string, options: SqliteStoreOptions = {}): DrillStore {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'drillroom.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the event is acknowledged, even if the machine loses power.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another process (npm run trainer) may hold the write lock for a moment.
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    insertSession: db.prepare('INSERT INTO sessions (id, code, scenario, info, clock, created_at, plan, joining, scenario_revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    byCode: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE code = ?'),
    history: db.prepare<[{ scenario: string | null; team: string | null; limit: number }], { summary: string }>(
      'SELECT summary FROM summaries WHERE (@scenario IS NULL OR scenario_id = @scenario) AND (@team IS NULL OR instr(lower(team), lower(@team)) > 0) ORDER BY created_at DESC, rowid DESC LIMIT @limit',
    ),
    saveSummary: db.prepare('INSERT INTO summaries (session_id, created_at, scenario_id, team, summary) VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET summary = excluded.summary, team = excluded.team'),
    stale: db.prepare<[{ endedBefore: string | null; unstartedBefore: string; me: string | null; seenAfter: number }], { session_id: string }>(
      "SELECT session_id FROM summaries WHERE ((json_extract(summary, '$.status') = 'briefing' AND created_at < @unstartedBefore) OR (@endedBefore IS NOT NULL AND json_extract(summary, '$.status') = 'ended' AND created_at < @endedBefore)) AND (@me IS NULL OR NOT EXISTS (SELECT 1 FROM session_owners o JOIN processes p ON p.id = o.process_id WHERE o.session_id = summaries.session_id AND p.id <> @me AND p.seen_at > @seenAfter))",
    ),
    deleteEvents: db.prepare('DELETE FROM events WHERE session_id = ?'),
    deleteSeats: db.prepare('DELETE FROM seats WHERE session_id = ?'),
    deleteSummary: db.prepare('DELETE FROM summaries WHERE session_id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    unsummarised: db.prepare<[], { id: string }>('SELECT id FROM sessions WHERE id NOT IN (SELECT session_id FROM summaries) ORDER BY created_at'),
    setClock: db.prepare('UPDATE sessions SET clock = ? WHERE id = ?'),
    setPlan: db.prepare('UPDATE sessions SET plan = ? WHERE id = ?'),
    events: db.prepare<[string, number], { event: string }>('SELECT event FROM events WHERE session_id = ? AND seq > ? ORDER BY seq'),
    command: db.prepare<[string, string], { seq: number; seat_id: string | null; event: string }>('SELECT seq, seat_id, event FROM events WHERE session_id = ? AND command_id = ?'),
    insertSeat: db.prepare('INSERT INTO seats (id, session_id, kind, name, role, token_hash, venue) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    insertExercise: db.prepare('INSERT INTO exercises (id, created_at, created_by, data, playing, reviewing) VALUES (?, ?, ?, ?, ?, ?)'),
    exercise: db.prepare<[string], ExerciseRow>('SELECT * FROM exercises WHERE id = ?'),
    exercises: db.prepare<[number], ExerciseRow>('SELECT * FROM exercises ORDER BY created_at DESC, rowid DESC LIMIT ?'),
    setExerciseState: db.prepare('UPDATE exercises SET playing = ?, reviewing = ? WHERE id = ?'),
    seatByToken: db.prepare<[string], SeatRow>('SELECT * FROM seats WHERE token_hash = ?'),
    seats: db.prepare<[string], SeatRow>('SELECT * FROM seats WHERE session_id = ? ORDER BY rowid'),
    setSeatRole: db.prepare('UPDATE seats SET role = ? WHERE id = ?'),
    removeSeat: db.prepare('DELETE FROM seats WHERE id = ?'),
    setJoining: db.prepare('UPDATE sessions SET joining = ? WHERE id = ?'),
    insertTrainer: db.prepare('INSERT INTO trainers (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)'),
    trainerByName: db.prepare<[string], TrainerRow>('SELECT * FROM trainers WHERE name = ?'),
    trainerById: db.prepare<[string], TrainerRow>('SELECT * FROM trainers WHERE id = ?'),
    trainers: db.prepare<[], TrainerRow>('SELECT * FROM trainers ORDER BY created_at, rowid'),
    setPassword: db.prepare('UPDATE trainers SET password_hash = ? WHERE id = ?'),
    insertSignIn: db.prepare('INSERT INTO trainer_sign_ins (token_hash, trainer_id, expires_at) VALUES (?, ?, ?)'),
    signIn: db.prepare<[string], SignInRow>('SELECT * FROM trainer_sign_ins WHERE token_hash = ?'),
    setSignInExpiry: db.prepare('UPDATE trainer_sign_ins SET expires_at = ? WHERE token_hash = ?'),
    removeSignIn: db.prepare('DELETE FROM trainer_sign_ins WHERE token_hash = ?'),
    removeTrainersSignIns: db.prepare('DELETE FROM trainer_sign_ins WHERE trainer_id = ? AND token_hash <> ?'),
    removeExpiredSignIns: db.prepare('DELETE FROM trainer_sign_ins WHERE expires_at < ?'),
    lastRevision: db.prepare<[string], { revision: number | null }>('SELECT max(revision) AS revision FROM scenario_revisions WHERE scenario_id = ?'),
    insertRevision: db.prepare('INSERT INTO scenario_revisions (scenario_id, revision, scenario, published_by, published_at) VALUES (?, ?, ?, ?, ?)'),
    revision: db.prepare<[string, number], RevisionRow>('SELECT * FROM scenario_revisions WHERE scenario_id = ? AND revision = ?'),
    latestRevision: db.prepare<[string], RevisionRow>('SELECT * FROM scenario_revisions WHERE scenario_id = ? ORDER BY revision DESC LIMIT 1'),
    bankScenarios: db.prepare<[], RevisionRow>(
      'SELECT r.* FROM scenario_revisions r JOIN (SELECT scenario_id, max(revision) AS revision FROM scenario_revisions GROUP BY scenario_id) l ON l.scenario_id = r.scenario_id AND l.revision = r.revision ORDER BY r.scenario_id',
    ),
    migrations: db.prepare<[], { id: string }>('SELECT id FROM schema_migrations ORDER BY id'),
    heartbeat: db.prepare('INSERT INTO processes (id, url, seen_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET url = excluded.url, seen_at = excluded.seen_at'),
    retire: db.prepare<[{ url: string | null; except: string }]>('UPDATE processes SET seen_at = 0 WHERE (@url IS NULL OR url = @url) AND id <> @except'),
    forget: db.prepare('DELETE FROM processes WHERE seen_at < ? AND id <> ? AND NOT EXISTS (SELECT 1 FROM session_owners o WHERE o.process_id = processes.id)'),
    liveProcesses: db.prepare<[number], { id: string; url: string }>('SELECT id, url FROM processes WHERE seen_at > ? ORDER BY id'),
    owner: db.prepare<[number, string], { id: string; url: string | null; alive: number | null }>(
      'SELECT o.process_id AS id, p.url, p.seen_at > ? AS alive FROM session_owners o LEFT JOIN processes p ON p.id = o.process_id WHERE o.session_id = ?',
    ),
    claim: db.prepare<[{ session: string; me: string; from: string | null }], { process_id: string }>(
      'INSERT INTO session_owners (session_id, process_id) SELECT @session, @me WHERE EXISTS (SELECT 1 FROM sessions WHERE id = @session) ON CONFLICT(session_id) DO UPDATE SET process_id = excluded.process_id WHERE session_owners.process_id = @me OR session_owners.process_id = @from RETURNING process_id',
    ),
    ownerOf: db.prepare<[string], { process_id: string }>('SELECT process_id FROM session_owners WHERE session_id = ?'),
    insertOwner: db.prepare('INSERT INTO session_owners (session_id, process_id) VALUES (?, ?)'),
    deleteOwner: db.prepare('DELETE FROM session_owners WHERE session_id = ?'),
  };
  /** The process this store writes for (`fenceWrites`), if any. */
  let fencedBy: string | null = null;
  const mayWrite = (sessionId: string) => fencedBy === null || q.ownerOf.get(sessionId)?.process_id === fencedBy;

  const addSeat = (s: SeatRecord) => q.insertSeat.run(s.id, s.sessionId, s.kind, s.name, s.role, s.tokenHash, s.venue ?? null);
  const saveSummary = (s: SessionSummary) => q.saveSummary.run(s.id, s.date, s.scenario.id, s.team, JSON.stringify(s));
  const createSession = db.transaction((s: SessionRecord, seats: SeatRecord[]) => {
    q.insertSession.run(s.id, s.code, JSON.stringify(s.scenario), JSON.stringify(s.info), JSON.stringify(s.clock), s.createdAt, JSON.stringify(s.plan), s.joining ? 1 : 0, s.scenarioRevision ?? null);
    for (const seat of seats) addSeat(seat);
    saveSummary(firstSummary(s));
    if (fencedBy) q.insertOwner.run(s.id, fencedBy); // the process that made it serves it
  });
  const purge = db.transaction((rule: PurgeRule) => {
    const others = { me: rule.keepOthers?.me ?? null, seenAfter: Date.now() - (rule.keepOthers?.staleMs ?? 0) };
    const ids = q.stale.all({ endedBefore: rule.endedBefore ?? null, unstartedBefore: rule.unstartedBefore, ...others }).map((r) => r.session_id).filter((id) => !rule.keep.has(id));
    for (const id of ids) {
      q.deleteEvents.run(id);
      q.deleteSeats.run(id);
      q.deleteSummary.run(id);
      q.deleteSession.run(id);
      q.deleteOwner.run(id);
    }
    return ids;
  });
  // Events and the running clocks are written on a thread of their own; the fence is checked in its transactions.
  const writer = new SqliteWriter(file);
  const appends = new GroupCommit<EventRow>({ commitAll: (rows) => writer.appendEvents(rows, fencedBy), windowMs: options.groupCommitMs ?? 0 });
  const publish = db.transaction((scenario: Scenario, by: string, at: string) => {
    const revision = (q.lastRevision.get(scenario.id)?.revision ?? 0) + 1;
    q.insertRevision.run(scenario.id, revision, JSON.stringify(scenario), by, at);
    return revision;
  });

  // Transactions that read before they write begin IMMEDIATE (purge, publish): the
  // event writer's connection writes too, and a read upgraded to a write after it would fail.

  /** A synchronous call as a promise: what it throws becomes the rejection. */
  const run = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  let closed = false;

  return {
    kind: 'sqlite',
    createSession: (s, seats) => run(() => void createSession(s, seats)),
    session: (id) => run(() => {
      const r = q.session.get(id);
      return r && toSession(r);
    }),
    sessionByCode: (code) => run(() => {
      const r = q.byCode.get(code);
      return r && toSession(r);
    }),
    history: ({ scenario, team, limit }) => run(() => q.history.all({ scenario: scenario || null, team: team || null, limit }).map((r) => JSON.parse(r.summary) as SessionSummary)),
    saveSummary: (s) => run(() => void saveSummary(s)),
    unsummarised: () => run(() => q.unsummarised.all().map((r) => r.id)),
    purge: (rule) => run(() => purge.immediate(rule)),
    setClock: (id, clock) => run(() => void (mayWrite(id) && q.setClock.run(JSON.stringify(clock), id))),
    setClocks: (clocks) => (closed ? Promise.reject(new Error('the store is closed')) : writer.setClocks(clocks.map((c) => ({ sessionId: c.sessionId, clock: JSON.stringify(c.clock) })), fencedBy)),
    setPlan: (id, plan) => run(() => void q.setPlan.run(JSON.stringify(plan), id)),
    appendEvent: (id, e, seat) => (closed ? Promise.reject(new Error('the store is closed')) : appends.add({ sessionId: id, seq: e.seq, commandId: e.id ?? null, event: JSON.stringify(e), seat: seat ?? null })),
    events: (id, afterSeq = 0) => run(() => q.events.all(id, afterSeq).map((r) => JSON.parse(r.event) as DrillEvent)),
    command: (id, commandId) => run(() => {
      const r = q.command.get(id, commandId);
      return r && { seq: r.seq, seat: r.seat_id, event: JSON.parse(r.event) as DrillEvent };
    }),
    addSeat: (s) => run(() => void addSeat(s)),
    seatByToken: (hash) => run(() => {
      const r = q.seatByToken.get(hash);
      return r && toSeat(r);
    }),
    seats: (id) => run(() => q.seats.all(id).map(toSeat)),
    setSeatRole: (seatId, role) => run(() => void q.setSeatRole.run(role, seatId)),
    removeSeat: (seatId) => run(() => void q.removeSeat.run(seatId)),
    setJoining: (id, open) => run(() => void q.setJoining.run(open ? 1 : 0, id)),
    addTrainer: (t) => run(() => void q.insertTrainer.run(t.id, t.name, t.passwordHash, t.createdAt)),
    trainerByName: (name) => run(() => {
      const r = q.trainerByName.get(name);
      return r && toTrainer(r);
    }),
    trainerById: (id) => run(() => {
      const r = q.trainerById.get(id);
      return r && toTrainer(r);
    }),
    trainers: () => run(() => q.trainers.all().map(toTrainer)),
    setTrainerPassword: (id, hash) => run(() => void q.setPassword.run(hash, id)),
    addSignIn: (s) => run(() => void q.insertSignIn.run(s.tokenHash, s.trainerId, s.expiresAt)),
    signIn: (hash) => run(() => {
      const r = q.signIn.get(hash);
      return r && toSignIn(r);
    }),
    setSignInExpiry: (hash, expiresAt) => run(() => void q.setSignInExpiry.run(expiresAt, hash)),
    removeSignIns: (which) => run(() => {
      if ('tokenHash' in which) q.removeSignIn.run(which.tokenHash);
      else if ('trainerId' in which) q.removeTrainersSignIns.run(which.trainerId, which.except ?? '');
      else q.removeExpiredSignIns.run(which.expiredBefore);
    }),
    publishScenario: (scenario, by, at) => run(() => publish.immediate(scenario, by, at)),
    scenarioRevision: (id, revision) => run(() => {
      const r = revision === undefined ? q.latestRevision.get(id) : q.revision.get(id, revision);
      return r && toRevision(r);
    }),
    bankScenarios: () => run(() => q.bankScenarios.all().map(toRevision)),
    createExercise: (e) => run(() => void q.insertExercise.run(e.id, e.createdAt, e.createdBy, exerciseData(e), e.playing, e.reviewing)),
    exercise: (id) => run(() => {
      const r = q.exercise.get(id);
      return r && toExercise(r);
    }),
    exercises: (limit) => run(() => q.exercises.all(limit).map(toExercise)),
    setExerciseState: (id, state) => run(() => void q.setExerciseState.run(state.playing, state.reviewing, id)),
    // One machine: its clock is the database's.
    heartbeat: (p) => run(() => void q.heartbeat.run(p.id, p.url, Date.now())),
    retireProcesses: (rule) => run(() => {
      q.retire.run({ url: rule.url ?? null, except: rule.except });
      q.forget.run(Date.now() - 24 * 3600 * 1000, rule.except);
    }),
    liveProcesses: (staleMs) => run(() => q.liveProcesses.all(Date.now() - staleMs).map((r) => ({ id: r.id, url: r.url }))),
    sessionOwner: (sessionId, staleMs) => run(() => {
      const r = q.owner.get(Date.now() - staleMs, sessionId);
      return r && { id: r.id, url: r.url ?? '', alive: r.alive === 1 };
    }),
    claimSession: (session, me, from) => run(() => q.claim.all({ session, me, from }).length === 1),
    ownedSessions: (processId, ids) => run(() => ids.filter((id) => q.ownerOf.get(id)?.process_id === processId)),
    fenceWrites: (processId) => void (fencedBy = processId),
    migrations: () => run(() => q.migrations.all().map((r) => r.id)),
    close: async () => {
      if (closed) return;
      closed = true;
      await appends.flush();
      await writer.close();
      db.close();
    },
  };
}
