/**
 * Plays a whole drill with automatic players and a simulated facilitator, as a host would:
 * it stamps every event (seq, drill time, id, wall-clock) and feeds it through the engine.
 */
import { mersenne } from 'pure-rand/generator/mersenne';
import {
  exitAllowed,
  FACILITATOR,
  holds,
  nextDueAt,
  startCommand,
  startDrill,
  submit,
  SYSTEM,
  stateOf,
  type Answer,
  type Command,
  type CompiledScenario,
  type DrillState,
  type DrillEvent,
  type DrillSnapshot,
  type Lang,
  type PhaseId,
  type Task,
  type TaskState,
} from '../engine';
import { makePlayer, type Policy } from './policies';

export const DEFAULT_TIMEBOX_MINUTES = 15;
/** Wall-clock start of simulated drills: 09:00 in Beijing. */
export const DEFAULT_START = '2026-01-05T01:00:00.000Z';

/** What the simulated facilitator says, in the drill's language. */
const WORDS: Record<Lang, { override: string; summary: string }> = {
  'zh-CN': { override: '时间盒已到，继续推进。', summary: '本次演练已按脚本完成。请各岗位对照点评意见整改，并在改进计划中落实责任人和完成时间。' },
  en: { override: 'Timebox reached; moving on.', summary: 'The drill ran to its end. Each post should act on the review and give every action in the improvement plan an owner and a due date.' },
};

/** Something a player or the facilitator will do at drill time `at` (in the phase `phase`, or whenever). */
type Pending = { at: number; actor: string; command: Command; phase?: PhaseId; kind: 'answer' | 'approve' | 'rate' | 'observe' };

/** A task as a player sees it now: only the options offered at this moment (`availableWhen`). */
function offered(task: Task, ctx: DrillState): Task {
  if (task.kind !== 'single' && task.kind !== 'multiple') return task;
  const options = task.options.filter((o) => !o.availableWhen || holds(o.availableWhen, ctx));
  return options.length === task.options.length ? task : { ...task, options };
}

export type SimulateOptions = { start?: string; lang?: Lang };

export function simulate(c: CompiledScenario, policy: Policy, seed: number, options: SimulateOptions = {}): DrillEvent[] {
  const { start = DEFAULT_START, lang = 'zh-CN' } = options;
  // Mersenne Twister's seeding scrambles the seed, so seeds 1, 2, 3 differ from the first draw.
  const player = makePlayer(policy, mersenne(seed), lang);
  const words = WORDS[lang];
  const startMs = Date.parse(start);
  const events: DrillEvent[] = [];
  let snapshot: DrillSnapshot = startDrill(c);

  const send = (t: number, actor: string, command: Command) => {
    const result = submit(c, snapshot, command, { seq: events.length + 1, t, actor, id: `sim-${seed}-${events.length + 1}`, at: new Date(startMs + t * 1000).toISOString() });
    if (!result.ok) throw new Error(`the simulator sent an event the engine refused (${command.type} at ${t}s): ${JSON.stringify(result.refusal)}`);
    snapshot = result.snapshot;
    events.push(result.event);
  };
  const advance = (t: number) => send(t, FACILITATOR, { type: 'PHASE.ADVANCE', payload: exitAllowed(c, stateOf(snapshot)) ? {} : { reason: words.override } });

  send(0, FACILITATOR, startCommand(c.scenario.parameters));
  if (player.pace === 'idle') send(0, FACILITATOR, { type: 'DRILL.END', payload: {} });
  if (player.pace === 'rush') while (stateOf(snapshot).status !== 'ended') advance(stateOf(snapshot).now);

  const planned = new Set<string>();
  const observed = new Set<string>();
  const pending: Pending[] = [];

  for (let guard = 0; guard < 100_000 && stateOf(snapshot).status !== 'ended'; guard++) {
    const ctx = stateOf(snapshot);
    // Each player decides once, when a task first opens (in scenario order, so the seed replays).
    for (const task of c.scenario.tasks) {
      const state = ctx.tasks[task.id];
      if (!state || planned.has(task.id)) continue;
      planned.add(task.id);
      const plan = player.plan(offered(task, ctx), state);
      const role = task.roles[0] ?? '';
      if (plan) pending.push({ at: Math.max(plan.at, ctx.now), actor: role, command: { type: 'TASK.ANSWER', payload: { task: task.id, role, answer: plan.answer } }, phase: task.phase, kind: 'answer' });
    }
    // The facilitator records what it sees, two minutes into the phase where it is likely.
    for (const o of c.scenario.observations) {
      const phase = o.phase ?? 'report';
      const since = ctx.phaseStartedAt[phase];
      if (since === undefined || observed.has(o.id)) continue;
      observed.add(o.id);
      if (player.observes(o)) {
        const role = o.roles?.[0];
        pending.push({ at: Math.max(since + 120, ctx.now), actor: FACILITATOR, command: { type: 'OBSERVATION.RECORD', payload: { observation: o.id, ...(role ? { role } : {}) } }, phase, kind: 'observe' });
      }
    }
    pending.sort((a, b) => a.at - b.at);

    const phase = ctx.phase;
    // Before the drill ends, every planned answer, rating and observation is in.
    const inPhase = (p: Pending) => phase === 'resolve' || p.phase === phase;
    const phaseBusy = pending.some(inPhase) || ctx.scheduled.some((s) => s.cause === 'time' && c.injects.get(s.inject)?.phase === phase);
    const timebox = phase ? (c.phases.get(phase)?.timebox ?? DEFAULT_TIMEBOX_MINUTES) * 60 : 0;
    const timeboxEnds = (phase ? (ctx.phaseStartedAt[phase] ?? 0) : 0) + timebox;
    const advanceAt = !phaseBusy && exitAllowed(c, ctx) ? ctx.now : Math.max(ctx.now, timeboxEnds);

    const actAt = pending[0]?.at ?? Infinity;
    const dueAt = nextDueAt(ctx) ?? Infinity;

    if (advanceAt <= Math.min(actAt, dueAt)) {
      // The simulated facilitator moves on, with a reason when the exit rule does not hold yet.
      if (advanceAt > ctx.now) send(advanceAt, SYSTEM, { type: 'CLOCK.TICK', payload: {} });
      advance(advanceAt);
    } else if (actAt <= dueAt) {
      const p = pending.shift() as Pending;
      const task = p.command.type === 'TASK.ANSWER' ? c.tasks.get(p.command.payload.task) : undefined;
      if (p.command.type === 'TASK.ANSWER' && task && !answerable(task, p.command.payload.answer, stateOf(snapshot))) {
        // The option planned is no longer offered: the player chooses again among those that are.
        const plan = player.plan(offered(task, stateOf(snapshot)), stateOf(snapshot).tasks[task.id] as TaskState);
        if (plan) pending.push({ ...p, command: { ...p.command, payload: { ...p.command.payload, answer: plan.answer } } });
        continue;
      }
      send(p.at, p.actor, p.command);
      // A team that proposes an answer signs it off, one signer after another.
      const signers = task?.signoff ?? [];
      signers.forEach((role, i) => pending.push({ at: p.at + 30 * (i + 1), actor: role, command: { type: 'TASK.APPROVE', payload: { task: task?.id ?? '', role } }, ...(p.phase ? { phase: p.phase } : {}), kind: 'approve' }));
      if (task?.kind === 'text')
        pending.push({ at: p.at + 60 + 30 * signers.length, actor: FACILITATOR, command: { type: 'TASK.RATE', payload: { task: task.id, rating: player.rating() } }, ...(p.phase ? { phase: p.phase } : {}), kind: 'rate' });
    } else {
      send(dueAt, SYSTEM, { type: 'CLOCK.TICK', payload: {} });
    }
  }
  if (stateOf(snapshot).status !== 'ended') throw new Error('the simulated drill did not end');

  function answerable(task: Task, answer: Answer, ctx: DrillState): boolean {
    const chosen = answer.kind === 'single' ? [answer.option] : answer.kind === 'multiple' ? answer.options : [];
    const now = offered(task, ctx);
    return now.kind !== 'single' && now.kind !== 'multiple' ? true : chosen.every((id) => now.options.some((o) => o.id === id));
  }
  // The hot wash: the leader's summary.
  if (player.pace === 'normal') send(stateOf(snapshot).now, FACILITATOR, { type: 'SUMMARY.SET', payload: { text: words.summary } });
  return events;
}
