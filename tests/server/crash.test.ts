/**
 * Crash test: the real server process is killed with SIGKILL at random moments (20+ times)
 * while scripted facilitators and participants drive several sessions. After each restart the
 * clients resume by themselves; at the end no acknowledged event is lost, none is duplicated,
 * and every transcript replays. Then the drills run on at 5× and the server is killed once
 * more: each drill comes back paused within 5 drill-seconds of where it was, and its
 * facilitator is told.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseTranscript, replay, type DrillEvent } from '../../src/engine';
import { drillTimeAt } from '../../src/protocol/clock';
import { freePort, ServerProcess } from '../../src/node/serverProcess';
import { ScriptedClient } from './scriptedClient';

const KILLS = 20;
/** Each participant's decision in the report phase of group-complaint.json. */
const ANSWERS: Record<string, [string, string]> = { 'lobby-manager': ['lm-first-response', 'calm-and-alert'], 'ops-supervisor': ['os-phone-report', 'report-now'] };
const SESSIONS = 3;
const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-crash-'));
let server: ServerProcess;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(test: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe('crash test', () => {
  it(`loses and duplicates nothing across ${KILLS} SIGKILLs`, async () => {
    // a trainer account, made the way an administrator's script would, then signed in over HTTP
    const added = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/trainer.ts', 'add', 'crash-trainer'], { input: 'crash-test-password\n', encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
    expect(added.status, added.stderr).toBe(0);
    server = new ServerProcess(await freePort(), dataDir, { DRILLROOM_SKIP_BUILD: '1' });
    await server.start();
    const login = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'crash-trainer', password: 'crash-test-password' }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}api${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } }).then((r) => r.json());

    type Drill = { id: string; facilitatorToken: string; facilitator: ScriptedClient; players: { client: ScriptedClient; role: string; tasks: string[] }[] };
    const drills: Drill[] = [];
    for (let s = 0; s < SESSIONS; s++) {
      const created = await api('/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: 'group-complaint-branch', team: `Team ${s}` }) });
      const facilitator = new ScriptedClient(() => server.port, created.id, created.facilitatorToken, cookie);
      facilitator.start();
      const players: Drill['players'] = [];
      for (const role of Object.keys(ANSWERS)) {
        const seat = await api('/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: created.code, name: role }) });
        const client = new ScriptedClient(() => server.port, created.id, seat.token);
        client.start();
        await until(() => client.online, 5000, 'a participant to connect');
        client.claim(role);
        await until(() => client.you?.role === role, 5000, 'a role');
        players.push({ client, role, tasks: [] });
      }
      await until(() => facilitator.online, 5000, 'the facilitator');
      facilitator.command({ type: 'DRILL.START', payload: {} });
      drills.push({ id: created.id, facilitatorToken: created.facilitatorToken, facilitator, players });
    }

    // Traffic: facilitators take notes, participants answer their open tasks, all the time.
    let running = true;
    let notes = 0;
    // After each restart the drill is paused; the facilitator resumes it, as in the room. An answer
    // that arrives in between is refused (the drill is paused) and sent again.
    const paused = (c: ScriptedClient) => (c.screen ? c.screen.status === 'paused' : c.events.reduce((p, e) => (e.type === 'DRILL.PAUSE' ? true : e.type === 'DRILL.RESUME' ? false : p), false));
    const PAUSED = JSON.stringify({ code: 'paused' });
    const traffic = (async () => {
      while (running) {
        for (const d of drills) {
          if (d.facilitator.pending.size < 5) d.facilitator.command({ type: 'NOTE.ADD', payload: { text: `note ${++notes}` } });
          if (paused(d.facilitator) && ![...d.facilitator.pending.values()].some((c) => c.type === 'DRILL.RESUME')) d.facilitator.command({ type: 'DRILL.RESUME', payload: {} });
          for (const p of d.players) {
            const [task, option] = ANSWERS[p.role] ?? [];
            const refusedPaused = p.client.refused.findIndex((r) => r.endsWith(`: ${PAUSED}`));
            if (refusedPaused >= 0) {
              p.client.refused.splice(refusedPaused, 1);
              p.tasks = [];
            }
            if (task && option && !p.tasks.includes(task) && notes > 30 * drills.length && !paused(p.client)) {
              p.tasks.push(task);
              p.client.command({ type: 'TASK.ANSWER', payload: { task, role: p.role, answer: { kind: 'single', option } } });
            }
          }
        }
        await sleep(15);
      }
    })();

    const lives: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      // each life long enough for a client on a busy machine to get back in, now and then
      await sleep(150 + Math.random() * 350);
      lives.push(Math.min(...drills.flatMap((d) => [d.facilitator, ...d.players.map((p) => p.client)]).map((c) => c.connects)));
      await server.kill();
      await sleep(Math.random() * 100);
      await server.start();
    }
    running = false;
    await traffic;
    console.log(`fewest welcomes of a client after each server life: ${lives.join(' ')}`);

    // Everyone resumes and catches up.
    const clients = drills.flatMap((d) => [d.facilitator, ...d.players.map((p) => p.client)]);
    await until(() => clients.every((c) => c.online && c.pending.size === 0), 30_000, 'every client to resume with nothing pending');
    for (const d of drills) {
      for (const p of d.players) {
        // an answer refused while the drill was paused after a restart: the drill runs again, send it now
        if (p.client.refused.some((r) => r.endsWith(`: ${PAUSED}`))) {
          p.client.refused.splice(0, p.client.refused.length, ...p.client.refused.filter((r) => !r.endsWith(`: ${PAUSED}`)));
          const [task, option] = ANSWERS[p.role] ?? [];
          if (task && option) p.client.command({ type: 'TASK.ANSWER', payload: { task, role: p.role, answer: { kind: 'single', option } } });
        }
      }
      if (paused(d.facilitator) && ![...d.facilitator.pending.values()].some((c) => c.type === 'DRILL.RESUME')) d.facilitator.command({ type: 'DRILL.RESUME', payload: {} });
    }
    await until(() => clients.every((c) => c.online && c.pending.size === 0), 30_000, 'every client to have nothing pending');
    for (const d of drills) {
      const file = await api(`/sessions/${d.id}/transcript`);
      const loaded = parseTranscript(file);
      if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
      const events = loaded.value.file.events;
      // contiguous, and each command applied once
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      // no acknowledged event lost
      for (const c of [d.facilitator, ...d.players.map((p) => p.client)]) {
        for (const [id, seq] of c.acked) expect(events[seq - 1]?.id, `ack ${id}`).toBe(id);
        expect(c.connects, `reconnects of a client`).toBeGreaterThan(KILLS / 2);
      }
      // the facilitator holds every event; each participant's screen shows its answer as done
      await until(() => d.facilitator.events.length === events.length, 10_000, 'the facilitator to catch up');
      expect(d.facilitator.events).toEqual(events);
      for (const p of d.players) {
        const [task] = ANSWERS[p.role] ?? [];
        await until(() => !!p.client.screen && 'done' in p.client.screen && p.client.screen.done.some((x) => x.id === task), 10_000, 'a participant\'s screen to catch up');
      }
      expect(d.facilitator.acked.size).toBeGreaterThan(KILLS);
      expect(d.players.flatMap((p) => p.client.refused)).toEqual([]);
      expect(events.filter((e) => e.type === 'TASK.ANSWER').map((e) => e.actor).sort()).toEqual(Object.keys(ANSWERS).sort());
      // every transcript still replays
      expect(replay(loaded.value.compiled, events).steps.filter((s) => s.refusal)).toEqual([]);
    }

    // The drill clock survives a crash: run on at 5×, kill, restart.
    const statusOf = (events: DrillEvent[]) => events.reduce((st, e) => (e.type === 'DRILL.PAUSE' ? 'paused' : e.type === 'DRILL.RESUME' || e.type === 'DRILL.START' ? 'running' : st), 'briefing');
    for (const d of drills) {
      if (statusOf(d.facilitator.events) === 'paused') d.facilitator.command({ type: 'DRILL.RESUME', payload: {} });
    }
    await until(() => drills.every((d) => d.facilitator.pending.size === 0 && statusOf(d.facilitator.events) === 'running'), 10_000, 'the drills to resume');
    const clockMessages = drills.map((d) => d.facilitator.clock);
    for (const d of drills) d.facilitator.ws_send({ type: 'clock', action: 'speed', speed: 5 });
    await until(() => drills.every((d, i) => d.facilitator.clock !== clockMessages[i] && d.facilitator.clock?.speed === 5), 10_000, 'the clocks to run at 5×');
    await sleep(3000);
    const reached = drills.map((d) => {
      const clock = d.facilitator.clock;
      if (!clock) throw new Error('no clock');
      return drillTimeAt(clock, true, d.facilitator.events.at(-1)?.t ?? 0, Date.now());
    });
    await server.kill();
    for (const [i, d] of drills.entries()) expect(reached[i], d.id).toBeGreaterThan(14);
    await server.start();
    await until(() => drills.every((d) => d.facilitator.notices.length > 0 && statusOf(d.facilitator.events) === 'paused'), 20_000, 'the drills to come back paused');
    for (const [i, d] of drills.entries()) {
      const pause = d.facilitator.events.at(-1);
      expect(pause?.type).toBe('DRILL.PAUSE');
      expect(Math.abs((pause?.t ?? 0) - (reached[i] ?? 0)), `drill time after the restart: ${pause?.t}, before: ${reached[i]}`).toBeLessThanOrEqual(5);
      expect(d.facilitator.notices.at(-1)).toEqual({ kind: 'restored', drillTime: pause?.t });
    }
    for (const c of clients) c.stop();
  }, 240_000);
});
