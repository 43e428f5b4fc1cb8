/**
 * One laptop cannot stall the server: 20 sockets with one participant's token flood `hello`
 * (and come back when cut off) while another session's scripted clients send commands and
 * measure how long each takes to be acknowledged. Their p95 stays under 50 ms, the abusive
 * sockets are closed, and what the abuser is sent stays small.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ServerProcess } from '../../src/node/serverProcess';
import type { ServerMessage } from '../../src/protocol/messages';

const ABUSERS = 20;
const SECONDS = 8;
const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-abuse-'));
let server: ServerProcess;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The abuser's script: argv url, session, token, sockets, milliseconds; prints what happened as JSON. */
const ABUSER = `
import WebSocket from 'ws';
const [url, sessionId, token, n, ms] = process.argv.slice(1);
let abusing = true, sockets = 0, closedByServer = 0, bytes = 0;
const live = new Set();
const abuse = () => {
  if (!abusing) return;
  sockets++;
  const c = new WebSocket(url);
  live.add(c);
  let timer;
  c.on('open', () => { timer = setInterval(() => c.readyState === WebSocket.OPEN && c.send(JSON.stringify({ type: 'hello', sessionId, token, lastSeq: 0 })), 10); });
  c.on('message', (d) => { bytes += d.length; });
  c.on('error', () => undefined);
  c.on('close', (code) => {
    clearInterval(timer);
    live.delete(c);
    if (code === 4000 || code === 1008) closedByServer++;
    setTimeout(abuse, 200);
  });
};
for (let i = 0; i < Number(n); i++) abuse();
setTimeout(() => {
  abusing = false;
  setTimeout(() => {
    const stillOpen = live.size;
    for (const c of live) c.terminate();
    process.stdout.write(JSON.stringify({ sockets, closedByServer, stillOpen, bytes }));
    process.exit(0);
  }, 500);
}, Number(ms));
`;

describe('abuse stays with the abuser', () => {
  it(`${ABUSERS} sockets flooding hello on one session do not slow another session down`, async () => {
    // a trainer, made the way an administrator's script would, creates the sessions
    const added = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/trainer.ts', 'add', 'abuse-trainer'], { input: 'abuse-test-password\n', encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
    if (added.status !== 0) throw new Error(`npm run trainer failed: ${added.stderr}`);
    server = new ServerProcess(await freePort(), dataDir, { DRILLROOM_SKIP_BUILD: '1', LOG_LEVEL: 'warn' });
    await server.start();
    const login = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'abuse-trainer', password: 'abuse-test-password' }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const post = (path: string, body: unknown) => fetch(`${server.url}api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) }).then((r) => r.json());
    const target = await post('/sessions', { scenarioId: 'group-complaint-branch' });
    const victim = await post('/sessions', { scenarioId: 'group-complaint-branch' });
    const abuserSeat = await post('/join', { code: target.code, name: 'abuser' });
    const ws = `ws://127.0.0.1:${server.port}/ws`;

    // The other session: three connections of its facilitator and two participants.
    const open = (token: string, sessionId: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const c = new WebSocket(ws, { headers: { cookie } });
        c.on('open', () => c.send(JSON.stringify({ type: 'hello', sessionId, token, lastSeq: 0 })));
        c.once('message', () => resolve(c));
        c.on('error', reject);
      });
    const facilitators = await Promise.all([0, 1, 2].map(() => open(victim.facilitatorToken, victim.id)));
    for (const name of ['p1', 'p2']) await open((await post('/join', { code: victim.code, name })).token, victim.id);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    for (const f of facilitators) {
      f.on('message', (d) => {
        const m = JSON.parse(String(d)) as ServerMessage;
        if (m.type === 'ack') {
          const t = sentAt.get(m.id);
          if (t !== undefined) latencies.push(performance.now() - t);
        }
      });
    }
    const command = (f: WebSocket, id: string, c: unknown) => {
      sentAt.set(id, performance.now());
      f.send(JSON.stringify({ type: 'command', id, command: c }));
    };
    command(facilitators[0] as WebSocket, 'start', { type: 'DRILL.START', payload: {} });

    // Meanwhile the other session works: 30 commands a second from its three windows. First
    // without the abuser (the machine's own pace: CI may share its cores), then with it.
    const measure = async (seconds: number, tag: string) => {
      latencies.length = 0;
      const until = Date.now() + seconds * 1000;
      for (let i = 0; Date.now() < until; i++) {
        for (const [k, f] of facilitators.entries()) {
          command(f, `${tag}-${i}-${k}`, { type: 'NOTE.ADD', payload: { text: `note ${i}` } });
          await sleep(33);
        }
      }
      await sleep(300);
      const sorted = [...latencies].sort((a, b) => a - b);
      return { n: sorted.length, p95: sorted[Math.floor(sorted.length * 0.95)] ?? Infinity };
    };
    const quiet = await measure(2, 'quiet');

    // The abuser, in a process of its own: 20 sockets, each saying hello every 10 ms; cut off, it comes back 200 ms later.
    const abuser = spawn(process.execPath, ['--input-type=module', '-e', ABUSER, ws, target.id, abuserSeat.token, String(ABUSERS), String(SECONDS * 1000)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let report = '';
    abuser.stdout.on('data', (d) => (report += String(d)));
    const abuserDone = new Promise<void>((resolve) => abuser.on('exit', () => resolve()));
    await sleep(500); // the flood is on
    const loaded = await measure(SECONDS - 1.5, 'loaded');
    await abuserDone;
    for (const f of facilitators) f.close();
    const { sockets, closedByServer, stillOpen, bytes } = JSON.parse(report) as { sockets: number; closedByServer: number; stillOpen: number; bytes: number };

    const summary = `p95 ${loaded.p95.toFixed(1)} ms over ${loaded.n} commands under abuse (${quiet.p95.toFixed(1)} ms without); ${sockets} abusive sockets, ${closedByServer} closed by the server, ${(bytes / 1e6).toFixed(2)} MB sent to them`;
    console.log(summary);
    expect(loaded.n, summary).toBeGreaterThan(SECONDS * 15);
    // Under 50 ms. Only when this machine is too busy to reach that even without the abuser
    // (other test files share its cores) the bar is relative: no worse than twice its own pace.
    expect(loaded.p95, summary).toBeLessThan(quiet.p95 < 25 ? 50 : 2 * quiet.p95 + 25);
    // every abusive socket was cut off (none outlives the flood), and the abuser got little
    expect(stillOpen, summary).toBe(0);
    expect(closedByServer, summary).toBeGreaterThanOrEqual(ABUSERS);
    expect(bytes, summary).toBeLessThan(20e6);
  }, 120_000);
});
