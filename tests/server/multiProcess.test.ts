/**
 * Two real server processes (`npm start`'s entry point) on two ports, one PostgreSQL database:
 * each serves the sessions it created, and forwards requests and WebSocket connections for the
 * other's sessions to it; one is killed with SIGKILL, and the other takes its sessions over with
 * every acknowledged event, the drills paused for their facilitators.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../src/engine';
import { freePort, ServerProcess } from '../../src/node/serverProcess';
import type { ServerMessage } from '../../src/protocol/messages';
import pg from 'pg';
import { startTestServer, TestClient } from './harness';
import { startPostgres, type TestPostgres } from './postgres';

let postgres: TestPostgres;
const processes: ServerProcess[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-multi-'));
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  for (const p of processes) await p.stop();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

type Created = { id: string; code: string; facilitatorToken: string };
type Welcome = Extract<ServerMessage, { type: 'welcome' }>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Connects to /ws?session=… on `port` and says hello; tried again (the machine is busy, an owner may be moving) until welcomed. */
async function connect(port: number, sessionId: string, token: string, cookie?: string, lastSeq = 0, withinMs = 60_000): Promise<{ c: TestClient; welcome: Welcome }> {
  const deadline = Date.now() + withinMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const c = new TestClient(port, cookie ? { cookie } : {}, `/ws?session=${sessionId}`);
    try {
      await c.opened();
      c.send({ type: 'hello', sessionId, token, lastSeq });
      return { c, welcome: await c.next('welcome', () => true, 15_000) };
    } catch (error) {
      last = error;
      c.ws.terminate();
      await sleep(300);
    }
  }
  throw new Error(`no welcome from port ${port}: ${String(last)}`);
}

describe('several server processes on one PostgreSQL database', () => {
  it('forward each session to the process that owns it, and take over the sessions of a process killed with SIGKILL, with nothing acknowledged lost', async () => {
    const databaseUrl = await postgres.database();
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
    const added = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/trainer.ts', 'add', 'multi-trainer'], { input: 'multi-trainer-password\n', encoding: 'utf8', env });
    expect(added.status, added.stderr).toBe(0);
    // one after the other: the first makes the signing key in the shared DATA_DIR, the second reads it
    const a = new ServerProcess(await freePort(), dataDir, { DRILLROOM_SKIP_BUILD: '1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'debug' });
    processes.push(a);
    await a.start();
    const b = new ServerProcess(await freePort(), dataDir, { DRILLROOM_SKIP_BUILD: '1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'debug' });
    processes.push(b);
    await b.start();

    const login = await fetch(`${a.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'multi-trainer', password: 'multi-trainer-password' }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const post = (p: ServerProcess, path: string, body: unknown, withCookie = true) =>
      fetch(`${p.url}${path.slice(1)}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(withCookie ? { cookie } : {}) }, body: JSON.stringify(body) });
    const create = async (p: ServerProcess, team: string): Promise<Created> => {
      const res = await post(p, '/api/sessions', { scenarioId: 'group-complaint-branch', team });
      expect(res.status).toBe(201);
      return (await res.json()) as Created;
    };
    // a session made on each process (the sign-in, in the database, works on both)
    const onA = await create(a, 'Made on A');
    const onB = await create(b, 'Made on B');

    /** Plays a drill through the process that did NOT make it: a participant joins there, both play, everything is acknowledged. */
    const play = async (s: Created, via: ServerProcess) => {
      const joined = await post(via, '/api/join', { code: s.code, name: 'Li Na' }, false);
      expect(joined.status).toBe(201);
      const { token } = (await joined.json()) as { token: string };
      const fac = await connect(via.port, s.id, s.facilitatorToken, cookie);
      expect(fac.welcome.you.kind).toBe('facilitator');
      const p = await connect(via.port, s.id, token);
      p.c.send({ type: 'claim', role: 'lobby-manager' });
      await p.c.next('welcome', (w) => w.you.role === 'lobby-manager', 30_000);
      const acked: string[] = [];
      fac.c.send({ type: 'command', id: `${s.id}-go`, command: { type: 'DRILL.START', payload: {} } });
      await fac.c.next('ack', (m) => m.id === `${s.id}-go`, 30_000);
      acked.push(`${s.id}-go`);
      const answer = `${s.id}-answer`;
      p.c.send({ type: 'command', id: answer, command: { type: 'TASK.ANSWER', payload: { task: 'lm-first-response', role: 'lobby-manager', answer: { kind: 'single', option: 'calm-and-alert' } } } });
      await p.c.next('ack', (m) => m.id === answer, 30_000);
      acked.push(answer);
      // the facilitator hears of the participant's answer
      await fac.c.next('event', (m) => m.event.id === answer, 30_000);
      for (let i = 0; i < 20; i++) fac.c.send({ type: 'command', id: `${s.id}-n${i}`, command: { type: 'NOTE.ADD', payload: { text: `note ${i}` } } });
      for (let i = 0; i < 20; i++) acked.push((await fac.c.next('ack', (m) => m.id === `${s.id}-n${i}`, 30_000)).id);
      return { fac: fac.c, p: p.c, token, acked };
    };
    const first = await play(onA, b);
    const second = await play(onB, a);
    // each was served by the process that made it: the other only forwarded
    expect(a.output).toContain(onA.id);
    expect(b.output).toContain(onB.id);
    expect(a.output).not.toContain(onB.id);
    expect(b.output).not.toContain(onA.id);
    // a request for a session goes to its owner from either port
    for (const p of [a, b]) for (const s of [onA, onB]) expect((await fetch(`${p.url}api/sessions/${s.id}/transcript`, { headers: { cookie } })).status).toBe(200);

    await a.kill();
    // B's own drill goes on undisturbed: its clients, cut off with A, come back through B
    const fac2 = await connect(b.port, onB.id, onB.facilitatorToken, cookie);
    expect(fac2.welcome.drill?.events.map((e: DrillEvent) => e.id)).toEqual(expect.arrayContaining(second.acked));
    expect(fac2.welcome.notice).toBeUndefined();
    fac2.c.send({ type: 'command', id: 'b-after', command: { type: 'NOTE.ADD', payload: { text: 'after the kill' } } });
    await fac2.c.next('ack', (m) => m.id === 'b-after', 30_000);

    // A's drill: B takes it over once A is seen dead (a few seconds), with every acknowledged event, paused
    const fac1 = await connect(b.port, onA.id, onA.facilitatorToken, cookie, 0, 90_000);
    const events = fac1.welcome.drill?.events ?? [];
    expect(events.map((e) => e.id)).toEqual(expect.arrayContaining(first.acked));
    expect(events.at(-1)?.type).toBe('DRILL.PAUSE');
    expect(fac1.welcome.notice).toMatchObject({ kind: 'restored' });
    expect(b.output).toMatch(/taken over from a process that stopped/);
    // the participant comes back through B too, and the drill goes on there
    const p1 = await connect(b.port, onA.id, first.token);
    expect(p1.welcome.you.role).toBe('lobby-manager');
    fac1.c.send({ type: 'command', id: 'a-resume', command: { type: 'DRILL.RESUME', payload: {} } });
    await fac1.c.next('ack', (m) => m.id === 'a-resume', 30_000);
    const transcript = (await (await fetch(`${b.url}api/sessions/${onA.id}/transcript`, { headers: { cookie } })).json()) as { events: DrillEvent[] };
    const ids = transcript.events.map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining([...first.acked, 'a-resume']));
    expect(transcript.events.map((e) => e.seq)).toEqual(transcript.events.map((_, i) => i + 1));

    // A restarted at its address serves again, forwarding B's sessions (now both) to B
    await a.start();
    const again = await connect(a.port, onA.id, onA.facilitatorToken, cookie);
    expect(again.welcome.drill?.events.at(-1)?.id).toBe('a-resume');

    // An exercise whose groups a takeover split between the processes: a round moved on A reaches the group served by B
    const exercise = (await (await post(a, '/api/exercises', { scenarioId: 'group-complaint-branch', mode: 'rounds', groups: ['G1', 'G2'] })).json()) as { id: string; groups: { sessionId: string; code: string }[] };
    const [g1, g2] = exercise.groups;
    if (!g1 || !g2) throw new Error('no groups');
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      await db.query('UPDATE session_owners SET process_id = (SELECT id FROM processes WHERE url = $1) WHERE session_id = $2', [b.url.replace(/\/$/, ''), g2.sessionId]);
    } finally {
      await db.end();
    }
    const joinedG2 = (await (await post(a, '/api/join', { code: g2.code, name: 'Wu' }, false)).json()) as { token: string };
    const member = await connect(a.port, g2.sessionId, joinedG2.token);
    expect(member.welcome.exercise).toMatchObject({ id: exercise.id, group: 1, playing: null });
    const moved = await post(b, `/api/exercises/${exercise.id}/state`, { playing: 0 });
    expect(moved.status).toBe(200);
    const told = await member.c.next('exercise', (m) => m.exercise.playing === 0, 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\nA: ${a.output.slice(-3000)}\nB: ${b.output.slice(-3000)}`);
    });
    expect(told.exercise.group).toBe(1);
    // the round was moved by A (its first group's owner), the request forwarded there by B
    expect(a.output).toMatch(new RegExp(`"exercise":"${exercise.id}"[^\\n]*"exercise moved on"`));
    expect(b.output).not.toContain('exercise moved on');
    for (const c of [first.fac, first.p, second.fac, second.p, fac1.c, fac2.c, p1.c, again.c, member.c]) c.close();
  }, 300_000);

  it('a process whose session was taken over while it stalled appends nothing more to it, and closes its clients so they find the new owner', async () => {
    const databaseUrl = await postgres.database();
    const srv = await startTestServer(undefined, { databaseUrl, processUrl: 'http://127.0.0.1:1' });
    try {
      const { json: created } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
      const fac = new TestClient(srv.port, { cookie: srv.cookie }, `/ws?session=${created.id}`);
      await fac.opened();
      fac.send({ type: 'hello', sessionId: created.id, token: created.facilitatorToken, lastSeq: 0 });
      await fac.next('welcome', () => true, 15_000);
      fac.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
      await fac.next('ack', (m) => m.id === 'go', 15_000);
      // another process (alive, as far as the database knows) takes the session over behind this one's back
      const db = new pg.Client({ connectionString: databaseUrl });
      await db.connect();
      try {
        await db.query("INSERT INTO processes (id, url, seen_at) VALUES ('other', 'http://127.0.0.1:2', now() + interval '1 hour')");
        await db.query("UPDATE session_owners SET process_id = 'other' WHERE session_id = $1", [created.id]);
        fac.send({ type: 'command', id: 'late', command: { type: 'NOTE.ADD', payload: { text: 'written by a process that lost the drill' } } });
        // refused by the fence, never acknowledged; the client is closed (1012) and would reconnect to the owner
        expect(await fac.waitClosed(30_000)).toBe(1012);
        expect(fac.messages.some((m) => m.type === 'ack' && m.id === 'late')).toBe(false);
        const stored = await db.query<{ id: string }>('SELECT command_id AS id FROM events WHERE session_id = $1 ORDER BY seq', [created.id]);
        expect(stored.rows.map((r) => r.id)).toEqual(['go']);
      } finally {
        await db.end();
      }
      // requests for it are forwarded to the owner: unreachable here, so a 503 to retry
      expect((await srv.api(`/api/sessions/${created.id}/transcript`)).status).toBe(503);
    } finally {
      await srv.close();
    }
  }, 120_000);
});
