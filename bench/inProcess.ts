/** Benchmarks measured inside this process: durability of commits, replay, and the bundle sizes. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { assign, initialTransition, setup, transition } from 'xstate';
import { compile, FACILITATOR, replay, validateScenario, type DrillEvent, type Scenario } from '../src/engine';
import { openSqliteStore } from '../src/server/sqliteStore';
import { benchScenario } from './scenario';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] as number) + (s[s.length >> 1] as number)) / 2 : NaN;
};

export function scenario(players: number, tasks: number): Scenario {
  const v = validateScenario(benchScenario(players, tasks));
  if (!v.ok) throw new Error(`bench scenario invalid: ${JSON.stringify(v.issues)}`);
  return v.value;
}

/** Events per second committed to SQLite with the server's settings (WAL, synchronous=FULL), one transaction each. */
export async function durability(runs: number, events = 2000): Promise<number[]> {
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const dir = mkdtempSync(join(tmpdir(), 'drillroom-bench-db-'));
    const store = openSqliteStore(dir);
    await store.createSession({ id: 's', code: '000000', scenario: scenario(1, 1), info: {}, clock: { wall: 0, drill: 0, speed: 1 }, createdAt: '', plan: [], joining: true }, []);
    const start = performance.now();
    // One after another, each awaited: one commit (transaction) per event.
    for (let i = 1; i <= events; i++) await store.appendEvent('s', { seq: i, t: i, actor: FACILITATOR, id: `e${i}`, type: 'NOTE.ADD', payload: { text: `note ${i}` } });
    rates.push(events / ((performance.now() - start) / 1000));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rates;
}

/** A long drill: it starts, then mostly notes and clock events, with every decision of ten roles along the way. */
export function longTranscript(length: number): { scenario: Scenario; events: DrillEvent[] } {
  const roles = 10;
  const tasksPerRole = 20;
  const s = scenario(roles, tasksPerRole);
  const events: DrillEvent[] = [{ seq: 1, t: 0, actor: FACILITATOR, type: 'DRILL.START', payload: {} }];
  let answered = 0;
  for (let seq = 2; events.length < length; seq++) {
    const t = Math.floor(seq / 2);
    if (seq % 25 === 0 && answered < roles * tasksPerRole) {
      const role = `p${(answered % roles) + 1}`;
      const n = Math.floor(answered / roles) + 1;
      answered++;
      events.push({ seq, t, actor: role, type: 'TASK.ANSWER', payload: { task: `${role}-t${n}`, role, answer: { kind: 'single', option: n % 3 ? 'a' : 'b' } } });
    } else if (seq % 5 === 0) {
      events.push({ seq, t, actor: 'system', type: 'CLOCK.TICK', payload: {} });
    } else {
      events.push({ seq, t, actor: FACILITATOR, type: 'NOTE.ADD', payload: { text: `note ${seq}` } });
    }
  }
  return { scenario: s, events };
}

export type ReplayFigures = { eventsPerSecond: number[]; jumpMs: number[]; bareEventsPerSecond: number[]; events: number };

export function replayBench(runs: number, length = 10_000): ReplayFigures {
  const { scenario: s, events } = longTranscript(length);
  const c = compile(s);
  const eventsPerSecond: number[] = [];
  const jumpMs: number[] = [];
  const bareEventsPerSecond: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const result = replay(c, events);
    eventsPerSecond.push(events.length / ((performance.now() - start) / 1000));
    const refused = result.steps.find((x) => x.refusal);
    if (refused) throw new Error(`the bench transcript has a refused event: ${refused.event.seq} ${refused.refusal}`);
    // jumping as review does when it opens a file at an arbitrary point: replay up to it
    const point = Math.floor(events.length * (0.25 + 0.5 * ((r * 7919) % 100) / 100));
    const j = performance.now();
    replay(c, events.slice(0, point));
    jumpMs.push(performance.now() - j);
    // the floor: a bare XState machine stepped through as many events with the same pure transition
    const bare = setup({ types: { context: {} as { n: number; notes: string[] }, events: {} as { type: 'E'; text: string } } }).createMachine({
      context: { n: 0, notes: [] },
      on: { E: { actions: assign(({ context, event }) => ({ n: context.n + 1, notes: [...context.notes, event.text] })) } },
    });
    let snap = initialTransition(bare)[0];
    const b = performance.now();
    for (let i = 0; i < events.length; i++) snap = transition(bare, snap, { type: 'E', text: `note ${i}` })[0];
    bareEventsPerSecond.push(events.length / ((performance.now() - b) / 1000));
  }
  return { eventsPerSecond, jumpMs, bareEventsPerSecond, events: events.length };
}

/** Gzip size of the JavaScript each view loads first, from the build manifest. */
export function bundleSizes(distDir: string, routes: Record<string, string>): Record<string, number> {
  type Chunk = { file: string; imports?: string[]; isEntry?: boolean };
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;
  const collect = (key: string, seen: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const i of chunk.imports ?? []) collect(i, seen);
  };
  const entry = Object.keys(manifest).find((k) => manifest[k]?.isEntry) ?? 'index.html';
  const out: Record<string, number> = {};
  for (const [view, module] of Object.entries(routes)) {
    const files = new Set<string>();
    collect(entry, files);
    collect(module, files);
    out[view] = [...files].filter((f) => f.endsWith('.js')).reduce((sum, f) => sum + gzipSync(readFileSync(join(distDir, f)), { level: 9 }).length, 0);
  }
  return out;
}
