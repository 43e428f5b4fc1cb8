/**
 * SQLite databases made before versioned migrations keep working: the server opens them, adds
 * what they lack, records the migrations, and every drill, seat, event, summary and trainer in
 * them is still there.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FACILITATOR, validateScenario } from '../../src/engine';
import { hashPassword } from '../../src/server/auth';
import { openSqliteStore } from '../../src/server/sqliteStore';
import { miniJson } from '../helpers/drill';
import { startTestServer, TestClient, TRAINER } from './harness';
import { hashToken } from '../../src/server/tokens';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The schema the server made before migrations (as sqliteStore.ts created and altered it then). */
const BEFORE_MIGRATIONS = `
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, scenario TEXT NOT NULL, info TEXT NOT NULL, clock TEXT NOT NULL, created_at TEXT NOT NULL, plan TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS events (session_id TEXT NOT NULL REFERENCES sessions(id), seq INTEGER NOT NULL, command_id TEXT, event TEXT NOT NULL, PRIMARY KEY (session_id, seq));
CREATE UNIQUE INDEX IF NOT EXISTS events_command ON events(session_id, command_id) WHERE command_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS seats (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id), kind TEXT NOT NULL, name TEXT NOT NULL, role TEXT, token_hash TEXT NOT NULL UNIQUE);
CREATE INDEX IF NOT EXISTS seats_session ON seats(session_id);
CREATE TABLE IF NOT EXISTS summaries (session_id TEXT PRIMARY KEY REFERENCES sessions(id), created_at TEXT NOT NULL, scenario_id TEXT NOT NULL, team TEXT NOT NULL, summary TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS summaries_created ON summaries(created_at);
CREATE TABLE IF NOT EXISTS trainers (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE, password_hash TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS trainer_sign_ins (token_hash TEXT PRIMARY KEY, trainer_id TEXT NOT NULL REFERENCES trainers(id), expires_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS trainer_sign_ins_trainer ON trainer_sign_ins(trainer_id);
ALTER TABLE sessions ADD COLUMN joining INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN seat_id TEXT;
`;
/** An older one still: before improvement plans, locked joining, seats on events and trainers. */
const FIRST_RELEASE = BEFORE_MIGRATIONS.replace(", plan TEXT NOT NULL DEFAULT '[]'", '').split('CREATE TABLE IF NOT EXISTS trainers')[0] ?? '';

const mini = () => {
  const v = validateScenario(miniJson());
  if (!v.ok) throw new Error('mini invalid');
  return v.value;
};

/** A database with one drill (started, a note, a participant with a role), as the old server left it. */
async function oldDatabase(schema: string, withTrainer: boolean): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-old-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'drillroom.sqlite'));
  db.pragma('journal_mode = WAL');
  db.exec(schema);
  const scenario = mini();
  const info = { id: 'old-1', source: 'server', date: '2026-01-05T09:00:00.000Z', team: 'Old Branch', facilitator: 'Wang Fang' };
  db.prepare('INSERT INTO sessions (id, code, scenario, info, clock, created_at) VALUES (?, ?, ?, ?, ?, ?)').run('old-1', '123456', JSON.stringify(scenario), JSON.stringify(info), JSON.stringify({ wall: 0, drill: 0, speed: 1 }), info.date);
  const seat = db.prepare('INSERT INTO seats (id, session_id, kind, name, role, token_hash) VALUES (?, ?, ?, ?, ?, ?)');
  seat.run('fac', 'old-1', 'facilitator', 'Wang Fang', null, hashToken('old-facilitator-token'));
  seat.run('p1', 'old-1', 'participant', 'Li', null, hashToken('old-participant-token'));
  const events = [
    { seq: 1, t: 0, actor: FACILITATOR, id: 'e1', type: 'DRILL.START', payload: {} },
    { seq: 2, t: 3, actor: FACILITATOR, id: 'e2', type: 'NOTE.ADD', payload: { text: 'kept across the upgrade' } },
    { seq: 3, t: 4, actor: FACILITATOR, id: 'e3', type: 'DRILL.PAUSE', payload: {} },
  ];
  for (const e of events) db.prepare('INSERT INTO events (session_id, seq, command_id, event) VALUES (?, ?, ?, ?)').run('old-1', e.seq, e.id, JSON.stringify(e));
  const summary = { id: 'old-1', date: info.date, scenario: { id: scenario.id, version: scenario.version, title: scenario.title }, team: 'Old Branch', status: 'paused', total: null, rating: null, criteria: [] };
  db.prepare('INSERT INTO summaries (session_id, created_at, scenario_id, team, summary) VALUES (?, ?, ?, ?, ?)').run('old-1', info.date, scenario.id, 'Old Branch', JSON.stringify(summary));
  if (withTrainer) db.prepare('INSERT INTO trainers (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)').run('t-old', TRAINER.name, await hashPassword(TRAINER.password), info.date);
  db.close();
  return dir;
}

describe('a SQLite database made before versioned migrations', () => {
  it.each([
    ['the last release before migrations', BEFORE_MIGRATIONS, true],
    ['the first release (no plans, no joining lock, no trainers)', FIRST_RELEASE, false],
  ])('%s is migrated in place with nothing lost', async (_name, schema, withTrainer) => {
    const dir = await oldDatabase(schema, withTrainer);
    const store = openSqliteStore(dir);
    expect(await store.migrations()).toEqual(['001_init', '002_scenario_revisions', '003_exercises_venues', '004_process_ownership']);
    const session = await store.session('old-1');
    expect(session).toMatchObject({ id: 'old-1', code: '123456', plan: [], joining: true, info: { team: 'Old Branch' } });
    expect(session?.scenarioRevision).toBeUndefined();
    expect((await store.events('old-1')).map((e) => e.type)).toEqual(['DRILL.START', 'NOTE.ADD', 'DRILL.PAUSE']);
    expect(await store.command('old-1', 'e2')).toMatchObject({ seq: 2, seat: null });
    expect((await store.seats('old-1')).map((s) => s.id)).toEqual(['fac', 'p1']);
    expect((await store.trainers()).map((t) => t.name)).toEqual(withTrainer ? [TRAINER.name] : []);
    await store.close();
    // opened again: nothing runs twice
    const again = openSqliteStore(dir);
    expect(await again.migrations()).toEqual(['001_init', '002_scenario_revisions', '003_exercises_venues', '004_process_ownership']);
    await again.close();

    // and the server runs the old drill on: its history, its transcript, its seats, new events
    const srv = await startTestServer(dir);
    expect((await srv.api('/api/sessions')).json).toEqual([expect.objectContaining({ id: 'old-1', team: 'Old Branch', status: 'paused' })]);
    const fac = new TestClient(srv.port, { cookie: srv.cookie });
    await fac.opened();
    fac.send({ type: 'hello', sessionId: 'old-1', token: 'old-facilitator-token', lastSeq: 0 });
    const welcome = await fac.next('welcome');
    expect(welcome.drill?.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    fac.send({ type: 'command', id: 'after-upgrade', command: { type: 'DRILL.RESUME', payload: {} } });
    expect(await fac.next('ack')).toMatchObject({ id: 'after-upgrade', seq: 4 });
    const transcript = await srv.api('/api/sessions/old-1/transcript');
    expect(transcript.status).toBe(200);
    expect(transcript.json.events.map((e: { type: string }) => e.type)).toEqual(['DRILL.START', 'NOTE.ADD', 'DRILL.PAUSE', 'DRILL.RESUME']);
    const joined = await srv.api('/api/join', { body: { code: '123456', name: 'Zhao' }, cookie: null });
    expect(joined.status).toBe(201);
    fac.close();
    await srv.close(false);
  }, 60_000);
});
