/**
 * The store contract: the same cases against SQLite and a real PostgreSQL server (see
 * postgres.ts; never a mock). Each case gets a fresh database.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITATOR, validateScenario, type DrillEvent, type Scenario } from '../../src/engine';
import { openPgStore } from '../../src/server/pgStore';
import { openSqliteStore } from '../../src/server/sqliteStore';
import { NotOwnerError, type DrillStore, type SeatRecord, type SessionRecord } from '../../src/server/store';
import { miniJson } from '../helpers/drill';
import { startPostgres, type TestPostgres } from './postgres';

let postgres: TestPostgres;
const dirs: string[] = [];
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}, 60_000);

const scenario = (edit?: (s: Record<string, any>) => void): Scenario => {
  const v = validateScenario(miniJson(edit));
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value;
};

/** A database of one kind: `open` opens (again) the same database; `raw` runs SQL on it past the store. */
type Kind = { name: string; fresh: () => Promise<{ open: () => Promise<DrillStore>; raw: (sql: string) => Promise<void> }> };
const kinds: Kind[] = [
  {
    name: 'SQLite',
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'drillroom-contract-'));
      dirs.push(dir);
      return {
        open: async () => openSqliteStore(dir),
        raw: async (sql) => {
          const db = new Database(join(dir, 'drillroom.sqlite'));
          try {
            db.exec(sql);
          } finally {
            db.close();
          }
        },
      };
    },
  },
  {
    name: 'PostgreSQL',
    fresh: async () => {
      const url = await postgres.database();
      return {
        open: () => openPgStore(url),
        raw: async (sql) => {
          const client = new pg.Client({ connectionString: url });
          await client.connect();
          try {
            await client.query(sql);
          } finally {
            await client.end();
          }
        },
      };
    },
  },
];

const session = (id: string, over: Partial<SessionRecord> = {}): SessionRecord => ({
  id,
  code: String(100000 + Math.floor(Math.random() * 899999)),
  scenario: scenario(),
  info: { id, source: 'server', date: '2026-01-01T00:00:00.000Z', team: `Team ${id}` },
  clock: { wall: 1, drill: 0, speed: 1 },
  createdAt: '2026-01-01T00:00:00.000Z',
  plan: [],
  joining: true,
  ...over,
});
const seat = (id: string, sessionId: string, over: Partial<SeatRecord> = {}): SeatRecord => ({ id, sessionId, kind: 'participant', name: id, role: null, tokenHash: `hash-${id}`, ...over });
const note = (seq: number, id = `c${seq}`): DrillEvent => ({ seq, t: seq, actor: FACILITATOR, id, type: 'NOTE.ADD', payload: { text: `note ${seq}` } });

describe.each(kinds)('the $name store', (kind) => {
  let store: DrillStore;
  let db: Awaited<ReturnType<Kind['fresh']>>;
  const fresh = async () => {
    db = await kind.fresh();
    store = await db.open();
    return store;
  };

  it('keeps sessions with their seats, finds them by id and code, and starts their summary', async () => {
    await fresh();
    const s = session('s1', { scenarioRevision: 3, plan: [] });
    await store.createSession(s, [seat('f', 's1', { kind: 'facilitator', name: 'Fac' }), seat('p', 's1')]);
    expect(await store.session('s1')).toEqual(s);
    expect(await store.sessionByCode(s.code)).toEqual(s);
    expect(await store.session('nope')).toBeUndefined();
    expect((await store.seats('s1')).map((x) => x.id)).toEqual(['f', 'p']);
    const [summary] = await store.history({ limit: 10 });
    expect(summary).toMatchObject({ id: 's1', status: 'briefing', team: 'Team s1', scenario: { id: 'mini-drill', revision: 3 } });
    // a code is unique, and a failed create leaves nothing behind
    await expect(store.createSession(session('s2', { code: s.code }), [seat('q', 's2')])).rejects.toThrow();
    expect(await store.session('s2')).toBeUndefined();
    expect(await store.seatByToken('hash-q')).toBeUndefined();
    await store.setJoining('s1', false);
    await store.setClock('s1', { wall: 5, drill: 7, speed: 2 });
    await store.setPlan('s1', [{ id: 'a1', action: 'call the branch', owner: 'ops', due: '', criterion: null, status: 'open' }] as never);
    expect(await store.session('s1')).toMatchObject({ joining: false, clock: { wall: 5, drill: 7, speed: 2 }, plan: [{ id: 'a1' }] });
    await store.createSession(session('s3'), []);
    await store.setClocks([
      { sessionId: 's1', clock: { wall: 9, drill: 9, speed: 1 } },
      { sessionId: 's3', clock: { wall: 8, drill: 8, speed: 5 } },
    ]);
    expect((await store.session('s3'))?.clock).toEqual({ wall: 8, drill: 8, speed: 5 });
    expect((await store.session('s1'))?.clock).toEqual({ wall: 9, drill: 9, speed: 1 });
    await store.close();
  });

  it('appends events in order, committed when the promise resolves, and finds commands by id', async () => {
    await fresh();
    await store.createSession(session('s1'), [seat('p', 's1')]);
    for (let i = 1; i <= 5; i++) await store.appendEvent('s1', note(i), i === 3 ? 'p' : undefined);
    expect((await store.events('s1')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await store.events('s1', 3)).map((e) => e.seq)).toEqual([4, 5]);
    expect(await store.command('s1', 'c3')).toEqual({ seq: 3, seat: 'p', event: note(3) });
    expect(await store.command('s1', 'c4')).toEqual({ seq: 4, seat: null, event: note(4) });
    expect(await store.command('s1', 'nope')).toBeUndefined();
    // a taken seq or command id is refused
    await expect(store.appendEvent('s1', note(5, 'other'))).rejects.toThrow();
    await expect(store.appendEvent('s1', note(6, 'c2'))).rejects.toThrow();
    // what resolved is committed: another connection (another store on the same database) reads it
    const other = await db.open();
    expect((await other.events('s1')).length).toBe(5);
    await other.close();
    await store.close();
  });

  it('commits concurrent appends of many sessions together; one refused append fails alone', async () => {
    await fresh();
    for (let s = 1; s <= 5; s++) await store.createSession(session(`s${s}`), []);
    await store.appendEvent('s3', note(1, 's3-first'));
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].flatMap((s) => Array.from({ length: 10 }, (_, i) => store.appendEvent(`s${s}`, note(s === 3 ? i + 1 : i + 1, `s${s}-${i + 1}`)))),
    );
    // in s3, seq 1 was taken: that append alone is refused, the other 49 are stored
    const refused = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(refused).toEqual([20]);
    for (let s = 1; s <= 5; s++) expect((await store.events(`s${s}`)).map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect((await store.events('s3'))[0]?.id).toBe('s3-first');
    await store.close();
    // nothing is lost at close: appends still waiting are committed first
    const again = await db.open();
    expect((await again.events('s5')).length).toBe(10);
    const waiting = Array.from({ length: 20 }, (_, i) => again.appendEvent('s5', note(11 + i)));
    await again.close();
    await Promise.all(waiting);
    const third = await db.open();
    expect((await third.events('s5')).length).toBe(30);
    await expect(again.appendEvent('s5', note(31))).rejects.toThrow(/closed/);
    await third.close();
  });

  it('keeps seats: by token, in the order added, with their roles; a removed seat is gone', async () => {
    await fresh();
    await store.createSession(session('s1'), []);
    await store.addSeat(seat('b', 's1'));
    await store.addSeat(seat('a', 's1'));
    await store.addSeat(seat('c', 's1', { kind: 'projector' }));
    expect((await store.seats('s1')).map((x) => x.id)).toEqual(['b', 'a', 'c']);
    await store.setSeatRole('a', 'lobby-manager');
    expect(await store.seatByToken('hash-a')).toEqual(seat('a', 's1', { role: 'lobby-manager' }));
    await store.setSeatRole('a', null);
    expect((await store.seatByToken('hash-a'))?.role).toBeNull();
    await store.removeSeat('b');
    expect(await store.seatByToken('hash-b')).toBeUndefined();
    await expect(store.addSeat(seat('d', 's1', { tokenHash: 'hash-a' }))).rejects.toThrow();
    await expect(store.addSeat(seat('e', 'no-such-session'))).rejects.toThrow();
    await store.close();
  });

  it('lists the history newest first, by scenario and part of the team name in any case, and removes old drills', async () => {
    await fresh();
    const day = (d: number) => `2026-01-${String(d).padStart(2, '0')}T00:00:00.000Z`;
    await store.createSession(session('a', { createdAt: day(1), info: { team: 'Branch North' } as never }), []);
    await store.createSession(session('b', { createdAt: day(2), info: { team: 'branch south' } as never }), []);
    await store.createSession(session('c', { createdAt: day(3), info: { team: 'HQ' } as never }), []);
    expect((await store.history({ limit: 10 })).map((s) => s.id)).toEqual(['c', 'b', 'a']);
    expect((await store.history({ limit: 2 })).map((s) => s.id)).toEqual(['c', 'b']);
    expect((await store.history({ team: 'BRANCH', limit: 10 })).map((s) => s.id)).toEqual(['b', 'a']);
    expect(await store.history({ scenario: 'other', limit: 10 })).toEqual([]);
    expect((await store.history({ scenario: 'mini-drill', limit: 10 })).length).toBe(3);
    // a's drill ended; b never started; c is kept as open
    const [a] = await store.history({ team: 'north', limit: 1 });
    if (!a) throw new Error('no summary');
    await store.saveSummary({ ...a, status: 'ended', total: 80, rating: 'S' as never });
    expect((await store.history({ team: 'north', limit: 1 }))[0]).toMatchObject({ status: 'ended', total: 80 });
    await store.appendEvent('a', note(1));
    await store.addSeat(seat('sa', 'a'));
    expect(await store.purge({ unstartedBefore: day(1), keep: new Set() })).toEqual([]);
    expect((await store.purge({ unstartedBefore: day(10), endedBefore: day(10), keep: new Set(['c']) })).sort()).toEqual(['a', 'b']);
    expect(await store.session('a')).toBeUndefined();
    expect(await store.events('a')).toEqual([]);
    expect(await store.seatByToken('hash-sa')).toBeUndefined();
    expect((await store.history({ limit: 10 })).map((s) => s.id)).toEqual(['c']);
    expect(await store.unsummarised()).toEqual([]);
    await store.close();
  });

  it('keeps trainers (names unique in any Latin case) and their sign-ins', async () => {
    await fresh();
    const t = { id: 't1', name: 'Wang Fang', passwordHash: 'scrypt$x', createdAt: '2026-01-01T00:00:00.000Z' };
    await store.addTrainer(t);
    await store.addTrainer({ ...t, id: 't2', name: 'Li', createdAt: '2026-01-02T00:00:00.000Z' });
    await expect(store.addTrainer({ ...t, id: 't3', name: 'WANG FANG' })).rejects.toThrow();
    expect(await store.trainerByName('wang fang')).toEqual(t);
    expect(await store.trainerById('t2')).toMatchObject({ name: 'Li' });
    expect((await store.trainers()).map((x) => x.id)).toEqual(['t1', 't2']);
    await store.setTrainerPassword('t1', 'scrypt$y');
    expect((await store.trainerById('t1'))?.passwordHash).toBe('scrypt$y');
    await store.addSignIn({ tokenHash: 'h1', trainerId: 't1', expiresAt: '2026-01-01T12:00:00.000Z' });
    await store.addSignIn({ tokenHash: 'h2', trainerId: 't1', expiresAt: '2026-01-03T12:00:00.000Z' });
    await store.addSignIn({ tokenHash: 'h3', trainerId: 't2', expiresAt: '2026-01-01T12:00:00.000Z' });
    await store.setSignInExpiry('h3', '2026-02-01T00:00:00.000Z');
    expect(await store.signIn('h3')).toEqual({ tokenHash: 'h3', trainerId: 't2', expiresAt: '2026-02-01T00:00:00.000Z' });
    await store.removeSignIns({ expiredBefore: '2026-01-02T00:00:00.000Z' });
    expect(await store.signIn('h1')).toBeUndefined();
    await store.addSignIn({ tokenHash: 'h4', trainerId: 't1', expiresAt: '2026-01-03T12:00:00.000Z' });
    await store.removeSignIns({ trainerId: 't1', except: 'h4' });
    expect([await store.signIn('h2'), (await store.signIn('h4'))?.tokenHash]).toEqual([undefined, 'h4']);
    await store.removeSignIns({ tokenHash: 'h4' });
    expect(await store.signIn('h4')).toBeUndefined();
    expect(await store.signIn('h3')).toBeDefined();
    await store.close();
  });

  it('publishes bank scenarios as revisions 1, 2, …; a revision never changes, even past the store', async () => {
    await fresh();
    const first = scenario((s) => (s.id = 'bank-drill'));
    const second = scenario((s) => {
      s.id = 'bank-drill';
      s.version = '2.0.0';
    });
    expect(await store.publishScenario(first, 't1', '2026-01-01T00:00:00.000Z')).toBe(1);
    expect(await store.publishScenario(second, 't2', '2026-01-02T00:00:00.000Z')).toBe(2);
    expect(await store.publishScenario(scenario((s) => (s.id = 'other-drill')), 't1', '2026-01-03T00:00:00.000Z')).toBe(1);
    expect(await store.scenarioRevision('bank-drill', 1)).toEqual({ id: 'bank-drill', revision: 1, scenario: first, publishedBy: 't1', publishedAt: '2026-01-01T00:00:00.000Z' });
    expect((await store.scenarioRevision('bank-drill'))?.scenario.version).toBe('2.0.0');
    expect(await store.scenarioRevision('bank-drill', 3)).toBeUndefined();
    expect(await store.scenarioRevision('nope')).toBeUndefined();
    expect((await store.bankScenarios()).map((r) => [r.id, r.revision])).toEqual([
      ['bank-drill', 2],
      ['other-drill', 1],
    ]);
    // ten publications at once: ten new revisions, none lost or shared
    const revisions = await Promise.all(Array.from({ length: 10 }, () => store.publishScenario(second, 't1', '2026-01-04T00:00:00.000Z')));
    expect([...revisions].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // the database itself refuses to change or remove a published revision
    await expect(db.raw("UPDATE scenario_revisions SET scenario = '{}' WHERE scenario_id = 'bank-drill' AND revision = 1")).rejects.toThrow(/never changes/);
    await expect(db.raw("DELETE FROM scenario_revisions WHERE scenario_id = 'bank-drill'")).rejects.toThrow(/revision/);
    expect((await store.scenarioRevision('bank-drill', 1))?.scenario).toEqual(first);
    await store.close();
  });

  it('keeps exercises (groups, venues, the round and the review) and the venue of each seat', async () => {
    await fresh();
    await store.createSession(session('g1'), [seat('v', 'g1', { venue: '县支行' })]);
    await store.createSession(session('g2'), []);
    expect(await store.seatByToken('hash-v')).toEqual(seat('v', 'g1', { venue: '县支行' }));
    expect((await store.seats('g1'))[0]?.venue).toBe('县支行');
    const exercise = {
      id: 'x1',
      createdAt: '2026-11-27T10:00:00.000Z',
      createdBy: 'trainer-1',
      mode: 'rounds' as const,
      scenario: { id: 'mini-drill', title: { 'zh-CN': '小演练', en: 'Mini drill' }, revision: 2 },
      venues: ['县支行', '市分行'],
      groups: [
        { name: '第一组', sessionId: 'g1' },
        { name: '第二组', sessionId: 'g2' },
      ],
      playing: null,
      reviewing: null,
    };
    await store.createExercise(exercise);
    await store.createExercise({ ...exercise, id: 'x2', createdAt: '2026-11-27T11:00:00.000Z', mode: 'parallel' });
    expect(await store.exercise('x1')).toEqual(exercise);
    expect(await store.exercise('nope')).toBeUndefined();
    await store.setExerciseState('x1', { playing: 1, reviewing: 0 });
    expect(await store.exercise('x1')).toEqual({ ...exercise, playing: 1, reviewing: 0 });
    expect((await store.exercises(10)).map((e) => e.id)).toEqual(['x2', 'x1']);
    expect((await store.exercises(1)).map((e) => e.id)).toEqual(['x2']);
    await expect(store.createExercise(exercise)).rejects.toThrow();
    await store.close();
  });

  it('records server processes and who serves each session; a dead owner\'s session is taken over once, and the fence refuses its appends', async () => {
    await fresh();
    const a = await db.open();
    const b = await db.open();
    await a.heartbeat({ id: 'pa', url: 'http://a:1' });
    await b.heartbeat({ id: 'pb', url: 'http://b:2' });
    expect(await a.liveProcesses(60_000)).toEqual([
      { id: 'pa', url: 'http://a:1' },
      { id: 'pb', url: 'http://b:2' },
    ]);
    // a fenced store records the sessions it makes as its own
    a.fenceWrites('pa');
    b.fenceWrites('pb');
    await a.createSession(session('s1'), []);
    await b.createSession(session('s2'), []);
    expect(await b.sessionOwner('s1', 60_000)).toEqual({ id: 'pa', url: 'http://a:1', alive: true });
    expect(await a.sessionOwner('s2', 60_000)).toEqual({ id: 'pb', url: 'http://b:2', alive: true });
    expect(await a.sessionOwner('nope', 60_000)).toBeUndefined();
    expect(await a.ownedSessions('pa', ['s1', 's2', 'nope'])).toEqual(['s1']);
    // only the owner appends, and writes the clock
    await a.appendEvent('s1', note(1));
    await expect(b.appendEvent('s1', note(2))).rejects.toBeInstanceOf(NotOwnerError);
    await b.setClock('s1', { wall: 9, drill: 99, speed: 1 });
    await b.setClocks([{ sessionId: 's1', clock: { wall: 9, drill: 99, speed: 1 } }]);
    expect((await a.session('s1'))?.clock.drill).toBe(0);
    // a group of appends of several sessions: only the one to another's session fails
    await a.createSession(session('s3'), []);
    const group = await Promise.allSettled([a.appendEvent('s1', note(2)), a.appendEvent('s2', note(1)), a.appendEvent('s3', note(1))]);
    expect(group.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    // nobody claims a session that is not there, or one a live process owns (unless from it)
    expect(await b.claimSession('nope', 'pb', null)).toBe(false);
    expect(await b.claimSession('s1', 'pb', null)).toBe(false);
    expect(await b.claimSession('s1', 'pb', 'someone-else')).toBe(false);
    expect(await a.claimSession('s1', 'pa', null)).toBe(true); // already its own
    // pa dies: unseen for longer than the staleness, it is dead (and, retired, dead whatever the staleness)
    await new Promise((r) => setTimeout(r, 300));
    expect(await b.sessionOwner('s1', 100)).toMatchObject({ id: 'pa', alive: false });
    await b.retireProcesses({ url: 'http://a:1', except: 'pb' });
    expect(await b.sessionOwner('s1', 60_000)).toMatchObject({ id: 'pa', alive: false });
    expect((await b.liveProcesses(60_000)).map((p) => p.id)).toEqual(['pb']);
    // two takeovers at once: one wins
    const c = await db.open();
    c.fenceWrites('pc');
    await c.heartbeat({ id: 'pc', url: 'http://c:3' });
    const takeovers = await Promise.all([b.claimSession('s1', 'pb', 'pa'), c.claimSession('s1', 'pc', 'pa')]);
    expect(takeovers.filter(Boolean)).toHaveLength(1);
    const winner = takeovers[0] ? b : c;
    const loser = takeovers[0] ? c : b;
    // the new owner sees every append the old one made, and goes on; the old owner and the loser are fenced out
    expect((await winner.events('s1')).map((e) => e.seq)).toEqual([1, 2]);
    await winner.appendEvent('s1', note(3));
    await expect(a.appendEvent('s1', note(4))).rejects.toBeInstanceOf(NotOwnerError);
    await expect(loser.appendEvent('s1', note(4))).rejects.toBeInstanceOf(NotOwnerError);
    expect(await a.ownedSessions('pa', ['s1', 's3'])).toEqual(['s3']);
    // a process restarted at pb's address retires pb at once: its sessions are free to take over
    await b.heartbeat({ id: 'pb2', url: 'http://b:2' });
    await b.retireProcesses({ url: 'http://b:2', except: 'pb2' });
    expect(await a.sessionOwner('s2', 60_000)).toMatchObject({ id: 'pb', alive: false });
    expect((await a.liveProcesses(60_000)).map((p) => p.id).sort()).toEqual(['pb2', 'pc']);
    // all but one (SQLite's single process)
    await a.retireProcesses({ except: 'pc' });
    expect((await a.liveProcesses(60_000)).map((p) => p.id)).toEqual(['pc']);
    // old drills: those of another live process are left to it; a removed drill's owner goes with it
    await c.createSession(session('s4'), []);
    expect((await a.purge({ unstartedBefore: '2030-01-01T00:00:00.000Z', keep: new Set(), keepOthers: { me: 'pa', staleMs: 60_000 } })).sort()).toEqual(['s1', 's2', 's3'].filter((id) => id !== 's1' || !takeovers[1]));
    expect(await a.sessionOwner('s2', 60_000)).toBeUndefined();
    expect(await a.session('s4')).toBeDefined();
    for (const s of [a, b, c]) await s.close();
    await store.close();
  });

  it('records its migrations, and opening it again changes nothing', async () => {
    await fresh();
    expect(await store.migrations()).toEqual(['001_init', '002_scenario_revisions', '003_exercises_venues', '004_process_ownership']);
    await store.createSession(session('s1'), [seat('p', 's1')]);
    await store.appendEvent('s1', note(1));
    await store.close();
    const again = await db.open();
    expect(await again.migrations()).toEqual(['001_init', '002_scenario_revisions', '003_exercises_venues', '004_process_ownership']);
    expect((await again.events('s1')).length).toBe(1);
    expect(await again.seats('s1')).toHaveLength(1);
    await again.close();
  });
});
