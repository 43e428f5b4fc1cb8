/**
 * npm run bench [-- --quick]: fan-out latency against a bare ws broadcast floor and a bare
 * socket.io server (the peers' transport) at 300, 2,000 and 5,000 clients, durability,
 * replay against a bare XState floor, bundle sizes, and the review page on long drills in
 * Chromium. Prints a table and writes
 * bench/results.json. Every figure is the median of repeated runs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { ROUTE_MODULES } from '../src/app/routes';
import { freePort, ServerProcess } from '../src/node/serverProcess';
import { addTrainer } from '../src/server/auth';
import { openSqliteStore } from '../src/server/sqliteStore';
import { runFanout, percentile, type SessionSeats, type Target } from './fanout';
import { REVIEW_TARGETS, reviewBench, type ReviewFigures } from './browserReview';
import { bundleSizes, durability, median, replayBench, scenario } from './inProcess';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;
const LOADS = [
  { sessions: 20, clients: 15 },
  { sessions: 100, clients: 20 },
  // where one process ends
  { sessions: 250, clients: 20 },
];
const PACE = { warmupMs: quick ? 2000 : 4000, measureMs: quick ? 6000 : 15_000, intervalMs: 10_000 };
const root = fileURLToPath(new URL('..', import.meta.url));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** A peer server in its own process: the bare ws floor (bareServer.ts) or a bare socket.io server (socketIoServer.ts). */
async function startPeer(script: 'bareServer.ts' | 'socketIoServer.ts'): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench', script)], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout?.on('data', (d) => String(d).includes('listening') && resolve()));
  return { port, stop: () => child.kill('SIGKILL') };
}

/** A trainer in a fresh data directory (before the server starts), signed in once it runs. */
async function benchTrainer(dataDir: string): Promise<(base: string) => Promise<string>> {
  const store = openSqliteStore(dataDir);
  await addTrainer(store, 'bench', 'bench-password');
  await store.close();
  return async (base) => {
    const res = await fetch(`${base}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', password: 'bench-password' }) });
    if (!res.ok) throw new Error(`sign-in: ${res.status}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
}

async function drillroomSessions(base: string, sessions: number, players: number, cookie: string): Promise<SessionSeats[]> {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const out: SessionSeats[] = [];
  for (let s = 0; s < sessions; s++) {
    const created = await post('/sessions', { scenarioId: 'bench-load' });
    const seats = await Promise.all(Array.from({ length: players }, (_, i) => post(`/sessions/${created.id}/seats`, { name: `P${i + 1}`, role: `p${i + 1}` }, created.facilitatorToken)));
    out.push({ sessionId: created.id, facilitator: created.facilitatorToken, players: seats.map((x: { token: string }, i) => ({ token: x.token, role: `p${i + 1}` })) });
  }
  return out;
}

type LoadFigures = { p50: number; p95: number; p99: number; eventsPerSecond: number; errors: number; samples: number };
function summarise(runs: Awaited<ReturnType<typeof runFanout>>[]): LoadFigures {
  const per = runs.map((r) => {
    const sorted = [...r.latencies].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), rate: r.committed / r.seconds, errors: r.errors, samples: r.latencies.length };
  });
  return {
    p50: round(median(per.map((p) => p.p50)), 2),
    p95: round(median(per.map((p) => p.p95)), 2),
    p99: round(median(per.map((p) => p.p99)), 2),
    eventsPerSecond: round(median(per.map((p) => p.rate))),
    errors: per.reduce((s, p) => s + p.errors, 0),
    samples: per.reduce((s, p) => s + p.samples, 0),
  };
}

async function main() {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', memoryGiB: round(totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    pace: PACE,
  };
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-bench-'));
  const scenarioDir = join(dir, 'scenarios');
  mkdirSync(scenarioDir);
  const maxPlayers = Math.max(...LOADS.map((l) => l.clients - 1));
  writeFileSync(join(scenarioDir, 'bench.json'), JSON.stringify(scenario(maxPlayers, 60)));

  // ---------------------------------------------------------------- fan-out
  const fanout: Record<string, unknown>[] = [];
  for (const load of LOADS) {
    const ours: Awaited<ReturnType<typeof runFanout>>[] = [];
    const bare: Awaited<ReturnType<typeof runFanout>>[] = [];
    const socketIo: Awaited<ReturnType<typeof runFanout>>[] = [];
    for (let r = 0; r < RUNS; r++) {
      const dataDir = join(dir, `data-${load.sessions}-${r}`);
      const signIn = await benchTrainer(dataDir);
      const server = new ServerProcess(await freePort(), dataDir, { DRILLROOM_SKIP_BUILD: '1', SCENARIO_DIR: scenarioDir, CREATE_LIMIT_PER_MINUTE: '1000000' });
      await server.start();
      const cookie = await signIn(server.url);
      const seats = await drillroomSessions(server.url, load.sessions, load.clients - 1, cookie);
      ours.push(await runFanout({ kind: 'drillroom', port: server.port, cookie } satisfies Target, seats, PACE));
      await server.stop();
      const fake = seats.map((s) => ({ ...s, sessionId: `bare-${s.sessionId}` }));
      const floor = await startPeer('bareServer.ts');
      bare.push(await runFanout({ kind: 'bare', port: floor.port }, fake, PACE));
      floor.stop();
      const peer = await startPeer('socketIoServer.ts');
      socketIo.push(await runFanout({ kind: 'socket.io', port: peer.port }, fake, PACE));
      peer.stop();
      console.error(`fan-out S=${load.sessions} C=${load.clients}: run ${r + 1}/${RUNS} done`);
    }
    const o = summarise(ours);
    const b = summarise(bare);
    const io = summarise(socketIo);
    const ratio = (x: LoadFigures, floor: LoadFigures) => ({ p50: round(x.p50 / floor.p50, 2), p95: round(x.p95 / floor.p95, 2), p99: round(x.p99 / floor.p99, 2) });
    fanout.push({ ...load, clientsTotal: load.sessions * load.clients, drillroom: o, bare: b, socketIo: io, ratio: ratio(o, b), socketIoRatio: ratio(io, b), drillroomVsSocketIo: ratio(o, io) });
  }
  results.fanout = fanout;

  // ---------------------------------------------------------------- durability, replay
  const d = await durability(RUNS + 2);
  results.durability = { eventsPerSecond: round(median(d)), settings: 'WAL, synchronous=FULL, one transaction per event' };
  const rp = replayBench(RUNS + 2);
  results.replay = {
    events: rp.events,
    eventsPerSecond: round(median(rp.eventsPerSecond)),
    bareXStateEventsPerSecond: round(median(rp.bareEventsPerSecond)),
    ratio: round(median(rp.eventsPerSecond) / median(rp.bareEventsPerSecond), 3),
    jumpToPointMs: round(median(rp.jumpMs), 1),
  };

  // ---------------------------------------------------------------- bundle
  const dist = join(dir, 'dist');
  await build({ root, logLevel: 'error', build: { outDir: dist, emptyOutDir: true, manifest: true } });
  const sizes = bundleSizes(dist, ROUTE_MODULES);
  results.bundleGzipBytes = sizes;

  // ---------------------------------------------------------------- review in a browser
  results.review = await reviewBench(dist, RUNS);

  rmSync(dir, { recursive: true, force: true });
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  printTable(results, fanout, sizes);
}

function printTable(results: Record<string, unknown>, fanout: Record<string, unknown>[], sizes: Record<string, number>) {
  const m = results.machine as { cpus: number; cpu: string; memoryGiB: number; node: string };
  console.log(`drillroom benchmark — ${m.cpus} × ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}; medians of ${RUNS} run(s)\n`);
  console.log('Fan-out (ms from a participant\'s decision to the last client of its session)');
  console.log('load                  | drillroom p50 / p95 / p99 | ws floor p50 / p95 / p99 | socket.io p50 / p95 / p99 | p99 vs ws (≤ 1.5) | p99 vs socket.io (≤ 1) | events/s | errors');
  type Row = { sessions: number; clients: number; clientsTotal: number; drillroom: LoadFigures; bare: LoadFigures; socketIo: LoadFigures; ratio: { p99: number }; drillroomVsSocketIo: { p99: number } };
  const cell = (f: LoadFigures, width: number) => `${f.p50} / ${f.p95} / ${f.p99}`.padEnd(width);
  const met = (ratio: number, target: number) => `${ratio}${ratio <= target ? ' ✓' : ''}`;
  for (const f of fanout as Row[]) {
    console.log(
      `S=${f.sessions} C=${f.clients} (${f.clientsTotal})`.padEnd(22) +
        `| ${cell(f.drillroom, 26)}| ${cell(f.bare, 25)}| ${cell(f.socketIo, 26)}| ${met(f.ratio.p99, 1.5).padEnd(18)}| ${met(f.drillroomVsSocketIo.p99, 1).padEnd(23)}| ${String(f.drillroom.eventsPerSecond).padEnd(9)}| ${f.drillroom.errors}` +
        (f.bare.errors || f.socketIo.errors ? ` (ws ${f.bare.errors}, socket.io ${f.socketIo.errors})` : ''),
    );
  }
  const dur = results.durability as { eventsPerSecond: number };
  const rp = results.replay as { events: number; eventsPerSecond: number; bareXStateEventsPerSecond: number; ratio: number; jumpToPointMs: number };
  console.log(`\nDurability: ${dur.eventsPerSecond} events/s committed (WAL, synchronous=FULL)`);
  console.log(`Replay of ${rp.events} events: ${rp.eventsPerSecond} events/s; bare XState ${rp.bareXStateEventsPerSecond} events/s; ratio ${rp.ratio}; jump to a point ${rp.jumpToPointMs} ms`);
  const rv = results.review as ReviewFigures;
  const vs = (ms: number, target: number) => `${ms} ms (target < ${target} ms${ms < target ? ' ✓' : ''})`;
  console.log('\nReview page in Chromium (from the action to the frame that shows it; opening with Playwright\'s round trips):');
  for (const [n, ms] of Object.entries(rv.openMs)) console.log(`  open ${n} events`.padEnd(44) + vs(ms, REVIEW_TARGETS.openMs[Number(n)] ?? Infinity));
  console.log('  report tab, 10,000 events'.padEnd(44) + vs(rv.reportTabMs, REVIEW_TARGETS.reportTabMs));
  console.log('  keystroke in the plan'.padEnd(44) + vs(rv.keystrokeMs, REVIEW_TARGETS.keystrokeMs));
  console.log('  scrub jump, 10,000 events (service-outage)'.padEnd(44) + vs(rv.scrubJumpMs, REVIEW_TARGETS.scrubJumpMs));
  console.log('\nFirst JavaScript per view (gzip):');
  for (const [view, bytes] of Object.entries(sizes)) console.log(`  ${view.padEnd(12)} ${round(bytes / 1024)} KB`);
  console.log('\nwrote bench/results.json');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
