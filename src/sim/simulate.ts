/**
 * Plays a whole drill with automatic players and a simulated facilitator, as a host would:
 * it stamps every event (seq, drill time, id, wall-clock) and feeds it through the engine.
 */
import { mersenne } from 'pure-rand/generator/mersenne';
import {
  exitAllowed,
  FACILITATOR,
  nextDueAt,
  startDrill,
  step,
  SYSTEM,
  type Command,
  type CompiledScenario,
  type DrillEvent,
  type DrillSnapshot,
} from '../engine';
import { makePlayer, type Plan, type Policy } from './policies';

export const DEFAULT_TIMEBOX_MINUTES = 15;
/** Wall-clock start of simulated drills: 09:00 in Beijing. */
export const DEFAULT_START = '2026-01-05T01:00:00.000Z';

type Pending = { task: string; role: string; at: number; answer: NonNullable<Plan>['answer'] };

export function simulate(c: CompiledScenario, policy: Policy, seed: number, start = DEFAULT_START): DrillEvent[] {
  // Mersenne Twister's seeding scrambles the seed, so seeds 1, 2, 3 differ from the first draw.
  const player = makePlayer(policy, mersenne(seed));
  const startMs = Date.parse(start);
  const events: DrillEvent[] = [];
  let snapshot: DrillSnapshot = startDrill(c);

  const send = (t: number, actor: string, command: Command) => {
    const event = { ...command, seq: events.length + 1, t, actor, id: `sim-${seed}-${events.length + 1}`, at: new Date(startMs + t * 1000).toISOString() } as DrillEvent;
    const result = step(c, snapshot, event);
    if (!result.ok) throw new Error(`the simulator sent an event the engine refused (${event.type} at ${t}s): ${result.refusal}`);
    snapshot = result.snapshot;
    events.push(event);
  };

  const planned = new Set<string>();
  const pending: Pending[] = [];
  const toRate: { task: string; at: number }[] = [];

  send(0, FACILITATOR, { type: 'DRILL.START', payload: {} });
  for (let guard = 0; guard < 100_000 && snapshot.context.status !== 'ended'; guard++) {
    const ctx = snapshot.context;
    // Each player decides once, when a task first opens (in scenario order, so the seed replays).
    for (const task of c.scenario.tasks) {
      const state = ctx.tasks[task.id];
      if (!state || planned.has(task.id)) continue;
      planned.add(task.id);
      const plan = player.plan(task, state);
      if (plan) pending.push({ task: task.id, role: task.roles[0] ?? '', at: Math.max(plan.at, ctx.now), answer: plan.answer });
    }
    pending.sort((a, b) => a.at - b.at);
    toRate.sort((a, b) => a.at - b.at);

    const phase = ctx.phase;
    // Before the drill ends, every planned answer and rating is in.
    const inPhase = (task: string) => phase === 'resolve' || c.tasks.get(task)?.phase === phase;
    const phaseBusy =
      pending.some((p) => inPhase(p.task)) ||
      toRate.some((r) => inPhase(r.task)) ||
      ctx.scheduled.some((s) => s.cause === 'time' && c.injects.get(s.inject)?.phase === phase);
    const timebox = phase ? (c.phases.get(phase)?.timebox ?? DEFAULT_TIMEBOX_MINUTES) * 60 : 0;
    const timeboxEnds = (phase ? (ctx.phaseStartedAt[phase] ?? 0) : 0) + timebox;
    const advanceAt = !phaseBusy && exitAllowed(c, ctx) ? ctx.now : Math.max(ctx.now, timeboxEnds);

    const answerAt = pending[0]?.at ?? Infinity;
    const rateAt = toRate[0]?.at ?? Infinity;
    const dueAt = nextDueAt(ctx) ?? Infinity;
    const next = Math.min(answerAt, rateAt, dueAt);

    if (advanceAt <= next) {
      // The simulated facilitator moves on, with a reason when the exit rule does not hold yet.
      const t = advanceAt;
      if (t > ctx.now) send(t, SYSTEM, { type: 'CLOCK.TICK', payload: {} });
      const allowed = exitAllowed(c, snapshot.context);
      send(t, FACILITATOR, { type: 'PHASE.ADVANCE', payload: allowed ? {} : { reason: 'Timebox reached; moving on.' } });
    } else if (next === answerAt) {
      const p = pending.shift() as Pending;
      send(p.at, p.role, { type: 'TASK.ANSWER', payload: { task: p.task, role: p.role, answer: p.answer } });
      if (c.tasks.get(p.task)?.kind === 'text') toRate.push({ task: p.task, at: p.at + 60 });
    } else if (next === rateAt) {
      const r = toRate.shift() as { task: string; at: number };
      send(r.at, FACILITATOR, { type: 'TASK.RATE', payload: { task: r.task, rating: player.rating() } });
    } else {
      send(dueAt, SYSTEM, { type: 'CLOCK.TICK', payload: {} });
    }
  }
  if (snapshot.context.status !== 'ended') throw new Error('the simulated drill did not end');
  return events;
}
