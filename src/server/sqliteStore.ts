/** DrillStore on SQLite (better-sqlite3, WAL): every append is committed before it returns. */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DrillEvent } from '../engine';
import type { DrillStore, SeatRecord, SessionRecord, SessionSummary, SignInRecord, TrainerRecord } from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sessions (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  scenario TEXT NOT NULL,
  info TEXT NOT NULL,
  clock TEXT NOT NULL,
  created_at TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS events (
  session_id TEXT NOT NULL REFERENCES sessions(id),
  seq INTEGER NOT NULL,
  command_id TEXT,
  event TEXT NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE UNIQUE INDEX IF NOT EXISTS events_command ON events(session_id, command_id) WHERE command_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS seats (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  role TEXT,
  token_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX IF NOT EXISTS seats_session ON seats(session_id);
CREATE TABLE IF NOT EXISTS summaries (
  session_id TEXT PRIMARY KEY REFERENCES sessions(id),
  created_at TEXT NOT NULL,
  scenario_id TEXT NOT NULL,
  team TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS summaries_created ON summaries(created_at);
`;
/** Trainer accounts and their sign-ins (added with sign-in; older databases gain the tables on open). */
const TRAINER_SCHEMA = `
CREATE TABLE IF NOT EXISTS trainers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trainer_sign_ins (
  token_hash TEXT PRIMARY KEY,
  trainer_id TEXT NOT NULL REFERENCES trainers(id),
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS trainer_sign_ins_trainer ON trainer_sign_ins(trainer_id);
`;

type TrainerRow = { id: string; name: string; password_hash: string; created_at: string };
type SignInRow = { token_hash: string; trainer_id: string; expires_at: string };
const toTrainer = (r: TrainerRow): TrainerRecord => ({ id: r.id, name: r.name, passwordHash: r.password_hash, createdAt: r.created_at });
const toSignIn = (r: SignInRow): SignInRecord => ({ tokenHash: r.token_hash, trainerId: r.trainer_id, expiresAt: r.expires_at });
type SessionRow = { id: string; code: string; scenario: string; info: string; clock: string; created_at: string; plan: string; joining: number };
type SeatRow = { id: string; session_id: string; kind: SeatRecord['kind']; name: string; role: string | null; token_hash: string };

const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  code: r.code,
  scenario: JSON.parse(r.scenario),
  info: JSON.parse(r.info),
  clock: JSON.parse(r.clock),
  createdAt: r.created_at,
  plan: JSON.parse(r.plan),
  joining: r.joining !== 0,
});
const toSeat = (r: SeatRow): SeatRecord => ({ id: r.id, sessionId: r.session_id, kind: r.kind, name: r.name, role: r.role, tokenHash: r.token_hash });

export function openSqliteStore(dataDir: string): DrillStore {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'drillroom.sqlite'));
  db.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before the event is acknowledged, even if the machine loses power.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  db.exec(TRAINER_SCHEMA);
  // Databases made before improvement plans were kept gain the column.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(sessions)').all();
  if (!columns.some((c) => c.name === 'plan')) db.exec("ALTER TABLE sessions ADD COLUMN plan TEXT NOT NULL DEFAULT '[]'");
  // ... and whether joining is open.
  if (!columns.some((c) => c.name === 'joining')) db.exec('ALTER TABLE sessions ADD COLUMN joining INTEGER NOT NULL DEFAULT 1');
  // ... and the seat that sent each command, so a command id is bound to its seat.
  const eventColumns = db.prepare<[], { name: string }>('PRAGMA table_info(events)').all();
  if (!eventColumns.some((c) => c.name === 'seat_id')) db.exec('ALTER TABLE events ADD COLUMN seat_id TEXT');

  const q = {
    insertSession: db.prepare('INSERT INTO sessions (id, code, scenario, info, clock, created_at) VALUES (?, ?, ?, ?, ?, ?)'),
    session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    byCode: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE code = ?'),
    history: db.prepare<[{ scenario: string | null; team: string | null; limit: number }], { summary: string }>(
      'SELECT summary FROM summaries WHERE (@scenario IS NULL OR scenario_id = @scenario) AND (@team IS NULL OR instr(lower(team), lower(@team)) > 0) ORDER BY created_at DESC, rowid DESC LIMIT @limit',
    ),
    saveSummary: db.prepare('INSERT INTO summaries (session_id, created_at, scenario_id, team, summary) VALUES (?, ?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET summary = excluded.summary, team = excluded.team'),
    stale: db.prepare<[{ endedBefore: string | null; unstartedBefore: string }], { session_id: string }>(
      "SELECT session_id FROM summaries WHERE (json_extract(summary, '$.status') = 'briefing' AND created_at < @unstartedBefore) OR (@endedBefore IS NOT NULL AND json_extract(summary, '$.status') = 'ended' AND created_at < @endedBefore)",
    ),
    deleteEvents: db.prepare('DELETE FROM events WHERE session_id = ?'),
    deleteSeats: db.prepare('DELETE FROM seats WHERE session_id = ?'),
    deleteSummary: db.prepare('DELETE FROM summaries WHERE session_id = ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
    unsummarised: db.prepare<[], { id: string }>('SELECT id FROM sessions WHERE id NOT IN (SELECT session_id FROM summaries) ORDER BY created_at'),
    setClock: db.prepare('UPDATE sessions SET clock = ? WHERE id = ?'),
    setPlan: db.prepare('UPDATE sessions SET plan = ? WHERE id = ?'),
    insertEvent: db.prepare('INSERT INTO events (session_id, seq, command_id, event, seat_id) VALUES (?, ?, ?, ?, ?)'),
    events: db.prepare<[string, number], { event: string }>('SELECT event FROM events WHERE session_id = ? AND seq > ? ORDER BY seq'),
    command: db.prepare<[string, string], { seq: number; seat_id: string | null; event: string }>('SELECT seq, seat_id, event FROM events WHERE session_id = ? AND command_id = ?'),
    insertSeat: db.prepare('INSERT INTO seats (id, session_id, kind, name, role, token_hash) VALUES (?, ?, ?, ?, ?, ?)'),
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
  };

  const addSeat = (s: SeatRecord) => q.insertSeat.run(s.id, s.sessionId, s.kind, s.name, s.role, s.tokenHash);
  const saveSummary = (s: SessionSummary) => q.saveSummary.run(s.id, s.date, s.scenario.id, s.team, JSON.stringify(s));
  const createSession = db.transaction((s: SessionRecord, seats: SeatRecord[]) => {
    q.insertSession.run(s.id, s.code, JSON.stringify(s.scenario), JSON.stringify(s.info), JSON.stringify(s.clock), s.createdAt);
    for (const seat of seats) addSeat(seat);
    const scenario = { id: s.scenario.id, version: s.scenario.version, title: s.scenario.title };
    saveSummary({ id: s.id, date: s.createdAt, scenario, team: s.info.team ?? '', status: 'briefing', total: null, rating: null, criteria: [] });
  });
  const purge = db.transaction((rule: { endedBefore?: string; unstartedBefore: string; keep: ReadonlySet<string> }) => {
    const ids = q.stale.all({ endedBefore: rule.endedBefore ?? null, unstartedBefore: rule.unstartedBefore }).map((r) => r.session_id).filter((id) => !rule.keep.has(id));
    for (const id of ids) {
      q.deleteEvents.run(id);
      q.deleteSeats.run(id);
      q.deleteSummary.run(id);
      q.deleteSession.run(id);
    }
    return ids;
  });
  const setClocks = db.transaction((clocks: { sessionId: string; clock: unknown }[]) => {
    for (const c of clocks) q.setClock.run(JSON.stringify(c.clock), c.sessionId);
  });

  return {
    createSession: (s, seats) => createSession(s, seats),
    session: (id) => {
      const r = q.session.get(id);
      return r && toSession(r);
    },
    sessionByCode: (code) => {
      const r = q.byCode.get(code);
      return r && toSession(r);
    },
    history: ({ scenario, team, limit }) => q.history.all({ scenario: scenario || null, team: team || null, limit }).map((r) => JSON.parse(r.summary) as SessionSummary),
    saveSummary: (s) => void saveSummary(s),
    unsummarised: () => q.unsummarised.all().map((r) => r.id),
    purge: (rule) => purge(rule),
    setClock: (id, clock) => void q.setClock.run(JSON.stringify(clock), id),
    setClocks: (clocks) => void setClocks(clocks),
    setPlan: (id, plan) => void q.setPlan.run(JSON.stringify(plan), id),
    appendEvent: (id, e: DrillEvent, seat) => void q.insertEvent.run(id, e.seq, e.id ?? null, JSON.stringify(e), seat ?? null),
    events: (id, afterSeq = 0) => q.events.all(id, afterSeq).map((r) => JSON.parse(r.event) as DrillEvent),
    command: (id, commandId) => {
      const r = q.command.get(id, commandId);
      return r && { seq: r.seq, seat: r.seat_id, event: JSON.parse(r.event) as DrillEvent };
    },
    addSeat: (s) => void addSeat(s),
    seatByToken: (hash) => {
      const r = q.seatByToken.get(hash);
      return r && toSeat(r);
    },
    seats: (id) => q.seats.all(id).map(toSeat),
    setSeatRole: (seatId, role) => void q.setSeatRole.run(role, seatId),
    removeSeat: (seatId) => void q.removeSeat.run(seatId),
    setJoining: (id, open) => void q.setJoining.run(open ? 1 : 0, id),
    addTrainer: (t) => void q.insertTrainer.run(t.id, t.name, t.passwordHash, t.createdAt),
    trainerByName: (name) => {
      const r = q.trainerByName.get(name);
      return r && toTrainer(r);
    },
    trainerById: (id) => {
      const r = q.trainerById.get(id);
      return r && toTrainer(r);
    },
    trainers: () => q.trainers.all().map(toTrainer),
    setTrainerPassword: (id, hash) => void q.setPassword.run(hash, id),
    addSignIn: (s) => void q.insertSignIn.run(s.tokenHash, s.trainerId, s.expiresAt),
    signIn: (hash) => {
      const r = q.signIn.get(hash);
      return r && toSignIn(r);
    },
    setSignInExpiry: (hash, expiresAt) => void q.setSignInExpiry.run(expiresAt, hash),
    removeSignIns: (which) => {
      if ('tokenHash' in which) q.removeSignIn.run(which.tokenHash);
      else if ('trainerId' in which) q.removeTrainersSignIns.run(which.trainerId, which.except ?? '');
      else q.removeExpiredSignIns.run(which.expiredBefore);
    },
    close: () => db.close(),
  };
}
