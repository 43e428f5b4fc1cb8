/**
 * The drill's rules as pure functions of (scenario, state, event), where the state is the
 * machine's context with the mode of the machine's state (./state.ts). The machine calls
 * `refusal` as its guard and the `apply*` functions as its actions; hosts reach both through
 * `submit` (./replay.ts).
 */
import type { Deadline, Effect, PhaseId, Task } from '../scenario/schema';
import { PHASES } from '../scenario/constants';
import { holds, timeBase } from './conditions';
import { amountOf, parameterProblem, parameterValues } from './parameters';
import { minutesToSeconds, phaseIndex } from '../scenario/constants';
import type { ScenarioIndex } from './compile';
import { appendLog, type DrillContext, type DrillState, type Mode, type InjectCause, type LogEntry } from './context';
import { FACILITATOR } from '../scenario/constants';
import { refuse, type Refusal } from './refusals';
import { maySend } from './rights';
import type { Answer, DrillEvent, EventOf } from './events';

type Container = 'tasks' | 'injects' | 'vars' | 'flags' | 'scheduled' | 'phaseStartedAt' | 'phaseOutcomes' | 'observations' | 'cast' | 'cancelled' | 'venues' | 'criterionRatings' | 'peerReviews' | 'lessons';
/** A draft's containers already copied: kept on the draft itself, out of sight (not enumerable, so never copied into the context); a WeakMap per event cost the garbage collector more than the rules. */
const OWNED = Symbol('owned');
type Draft = DrillState & { [OWNED]?: Set<Container> };

/**
 * A copy of the state to change: its containers are copied on first write (`own`), so an
 * event that touches only the timeline does not copy every task. The machine keeps the draft's
 * context; a mode set on a draft lasts only until then (the machine's state says the mode).
 */
export function draft(ctx: DrillContext, mode: Mode): DrillState {
  const d: Draft = { ...ctx, ...mode };
  Object.defineProperty(d, OWNED, { value: new Set<Container>(), enumerable: false });
  return d;
}

/** A container of a draft, copied before its first change. */
function own<K extends Container>(d: DrillState, key: K): DrillState[K] {
  const keys = (d as Draft)[OWNED];
  if (!keys) throw new Error('only a draft may be changed');
  if (!keys.has(key)) {
    const value = d[key];
    d[key] = (Array.isArray(value) ? [...value] : { ...value }) as DrillState[K];
    keys.add(key);
  }
  return d[key];
}

/**
 * When a deadline counts as missed: the second after it. An answer at the deadline itself is
 * on time, everywhere (conditions, scoring and contingencies agree).
 */
export const missedAt = (dueAt: number) => dueAt + 1;

/** The earliest due time (inject, or a deadline being missed) of a context, if any; no allocation. */
function earliestDue(ctx: DrillState): number | undefined {
  let next: number | undefined;
  for (const s of ctx.scheduled) if (next === undefined || s.at < next) next = s.at;
  for (const w of ctx.wakes) if (next === undefined || w.at < next) next = w.at;
  for (const id in ctx.tasks) {
    const t = ctx.tasks[id];
    if (t && t.dueAt !== undefined && t.answer === undefined && t.missedAt === undefined && (next === undefined || missedAt(t.dueAt) < next)) next = missedAt(t.dueAt);
  }
  return next;
}

// ---------------------------------------------------------------- time

/**
 * Per schedule: hosts ask several times a second whether something falls due, and the check
 * before every event asks too. What is due depends only on the tasks, the schedule and the
 * wakes, which are copied whenever they change, so the three objects identify the answer.
 */
const dueAt = new WeakMap<DrillState['tasks'], { scheduled: DrillState['scheduled']; wakes: DrillState['wakes']; due: number | null }>();

/** The next drill time at which something is due (an inject, a deadline), if any. */
export function nextDueAt(ctx: DrillState): number | undefined {
  if (ctx.status !== 'running') return undefined;
  let known = dueAt.get(ctx.tasks);
  if (!known || known.scheduled !== ctx.scheduled || known.wakes !== ctx.wakes) dueAt.set(ctx.tasks, (known = { scheduled: ctx.scheduled, wakes: ctx.wakes, due: earliestDue(ctx) ?? null }));
  return known.due ?? undefined;
}

/**
 * Runs everything due up to drill time `t`, in time order (deadlines before injects, and both
 * before a time condition's wake, at the same second); how many it ran.
 */
function advanceTo(ix: ScenarioIndex, d: DrillState, t: number, seq: number): number {
  let ran = 0;
  for (let guard = 0; guard < 10_000; guard++) {
    const due = earliestDue(d);
    if (due === undefined || due > t) break;
    const deadline = Object.entries(d.tasks)
      .filter(([, s]) => s.dueAt !== undefined && s.answer === undefined && s.missedAt === undefined && missedAt(s.dueAt) <= t)
      .sort((a, b) => (a[1].dueAt ?? 0) - (b[1].dueAt ?? 0))[0];
    const scheduled = d.scheduled.reduce<number>((best, s, i) => (s.at <= t && (best < 0 || s.at < (d.scheduled[best]?.at ?? 0)) ? i : best), -1);
    const injectAt = scheduled >= 0 ? d.scheduled[scheduled]?.at : undefined;
    const wakeAt = d.wakes.reduce<number | undefined>((min, w) => (w.at <= t && (min === undefined || w.at < min) ? w.at : min), undefined);
    if (wakeAt !== undefined && wakeAt < Math.min(deadline ? missedAt(deadline[1].dueAt ?? 0) : Infinity, injectAt ?? Infinity)) {
      // Nothing fires by itself: a time condition may hold from now on, so settle looks again.
      d.wakes = d.wakes.filter((w) => w.at !== wakeAt);
      d.now = wakeAt;
    } else if (deadline && (injectAt === undefined || missedAt(deadline[1].dueAt ?? 0) <= injectAt)) {
      const [taskId, state] = deadline;
      d.now = missedAt(state.dueAt ?? d.now);
      own(d, 'tasks')[taskId] = { ...state, missedAt: d.now };
      log(d, { t: d.now, seq, kind: 'deadline-missed', task: taskId });
      for (const inj of ix.scenario.injects) if (inj.trigger.type === 'missed' && inj.trigger.task === taskId) fire(ix, d, inj.id, 'missed', seq);
    } else if (injectAt !== undefined) {
      const [item] = own(d, 'scheduled').splice(scheduled, 1);
      d.now = injectAt;
      if (item) fire(ix, d, item.inject, item.cause, seq);
    } else if (wakeAt !== undefined) {
      d.wakes = d.wakes.filter((w) => w.at !== wakeAt);
      d.now = wakeAt;
    } else break;
    ran++;
    settle(ix, d, seq);
  }
  d.now = Math.max(d.now, t);
  return ran;
}

// ---------------------------------------------------------------- consequences

function fire(ix: ScenarioIndex, d: DrillState, injectId: string, cause: InjectCause, seq: number): void {
  const inj = ix.injects.get(injectId);
  if (!inj || d.injects[injectId]) return; // an inject fires once
  // A cancelled inject no longer fires by itself; the facilitator (or the participant playing its sender) may still fire it.
  if (cause !== 'facilitator' && cause !== 'played') {
    if (d.cancelled[injectId] !== undefined) return;
    if (inj.trigger.unless && holds(inj.trigger.unless, d)) {
      cancel(d, injectId, 'unless', seq);
      return;
    }
  }
  d.scheduled = d.scheduled.filter((s) => s.inject !== injectId);
  const variant = inj.variants?.findIndex((v) => holds(v.when, d)) ?? -1;
  own(d, 'injects')[injectId] = { at: d.now, seq, cause, ...(variant >= 0 ? { variant } : {}) };
  log(d, { t: d.now, seq, kind: 'inject', inject: injectId, cause });
  applyEffects(ix, d, inj.effects, seq);
}

/** Stops an inject from firing by itself: off the schedule, and not scheduled again. */
function cancel(d: DrillState, injectId: string, by: 'effect' | 'unless', seq: number): void {
  if (d.injects[injectId] || d.cancelled[injectId] !== undefined) return;
  d.scheduled = d.scheduled.filter((s) => s.inject !== injectId);
  own(d, 'cancelled')[injectId] = d.now;
  log(d, { t: d.now, seq, kind: 'cancel', inject: injectId, by });
}

/** Whether an inject can still be put on the schedule by itself. */
const schedulable = (d: DrillState, injectId: string) => !d.injects[injectId] && d.cancelled[injectId] === undefined && !d.scheduled.some((s) => s.inject === injectId);

function applyEffects(ix: ScenarioIndex, d: DrillState, effects: readonly Effect[], seq: number): void {
  for (const e of effects) {
    if (e.type === 'add' || e.type === 'set') {
      const limits = ix.varLimits.get(e.var);
      const amount = amountOf(e.value, d.params);
      const value = e.type === 'add' ? (d.vars[e.var] ?? 0) + amount : amount;
      own(d, 'vars')[e.var] = limits ? Math.min(limits.max, Math.max(limits.min, value)) : value;
    } else if (e.type === 'flag') {
      own(d, 'flags')[e.flag] = e.value;
    } else if (e.type === 'cancel') {
      cancel(d, e.inject, 'effect', seq);
    } else {
      const delay = minutesToSeconds(amountOf(e.delay, d.params));
      if (delay === 0) fire(ix, d, e.inject, 'effect', seq);
      else if (schedulable(d, e.inject)) own(d, 'scheduled').push({ at: d.now + delay, inject: e.inject, cause: 'effect' });
    }
  }
}

/** When a task opening now falls due: minutes after it opens, after the drill's start, or never before the end (undefined). */
function dueAtOf(d: DrillState, deadline: Deadline | undefined): number | undefined {
  if (deadline === undefined || (typeof deadline === 'object' && 'by' in deadline)) return undefined;
  if (typeof deadline === 'object' && 'within' in deadline) return (d.phaseStartedAt.report ?? 0) + minutesToSeconds(amountOf(deadline.within, d.params));
  return d.now + minutesToSeconds(amountOf(deadline, d.params));
}

const reached = (d: DrillState, phase: PhaseId) => phaseIndex(d.phase) >= phaseIndex(phase);

/** Opens tasks and fires condition-triggered injects until nothing more changes. */
function settle(ix: ScenarioIndex, d: DrillState, seq: number): void {
  if (d.status === 'ended' || d.status === 'briefing') return;
  for (let changed = true, rounds = 0; changed && rounds < 1000; rounds++) {
    changed = false;
    for (const task of ix.scenario.tasks) {
      if (d.tasks[task.id] || !reached(d, task.phase) || (task.availableWhen && !holds(task.availableWhen, d))) continue;
      const dueAt = dueAtOf(d, task.deadline);
      own(d, 'tasks')[task.id] = { openedAt: d.now, ...(dueAt !== undefined ? { dueAt } : {}) };
      log(d, { t: d.now, seq, kind: 'task-open', task: task.id });
      changed = true;
    }
    for (const inj of ix.scenario.injects) {
      const tr = inj.trigger;
      if (tr.type !== 'condition' || !schedulable(d, inj.id) || !reached(d, inj.phase) || !holds(tr.when, d)) continue;
      const delay = minutesToSeconds(amountOf(tr.delay, d.params));
      if (delay === 0) fire(ix, d, inj.id, 'condition', seq);
      else own(d, 'scheduled').push({ at: d.now + delay, inject: inj.id, cause: 'condition' });
      changed = true;
    }
  }
}

// ---------------------------------------------------------------- checks

/**
 * The last answer given: a host asks before stepping (`step`), and the machine's guard asks
 * again at once for the same event in the same state, which would redo the check (and the
 * clock's advance) for every event of a replay. One slot, not one per event: a table kept per
 * event would keep every state of a long replay alive.
 */
let answered: { e: DrillEvent; ctx: DrillContext; status: Mode['status']; phase: Mode['phase']; refusal: Refusal | null } | null = null;

/** `refusal` for the machine's context in a mode, remembered for the last event asked about. */
export function refusalIn(ix: ScenarioIndex, ctx: DrillContext, mode: Mode, e: DrillEvent, state?: DrillState): Refusal | null {
  const seen = answered;
  if (seen && seen.e === e && seen.ctx === ctx && seen.status === mode.status && seen.phase === mode.phase) return seen.refusal;
  const result = refusal(ix, state ?? { ...ctx, ...mode }, e);
  answered = { e, ctx, status: mode.status, phase: mode.phase, refusal: result };
  return result;
}

/** Why an event cannot be applied now, or null when it can: the one refusal check every host asks. */
export function refusal(ix: ScenarioIndex, ctx: DrillState, e: DrillEvent): Refusal | null {
  if (e.seq <= ctx.lastSeq) return refuse('out-of-order', { seq: e.seq, last: ctx.lastSeq });
  if (e.t < ctx.now) return refuse('time-backwards', { t: e.t, now: ctx.now });
  if (ctx.status === 'paused' && e.t !== ctx.now) return refuse('paused-time');
  if (!maySend(ix, e.type, e.actor)) return refuse('not-allowed', { type: e.type });
  switch (e.type) {
    // Notes, observations and the leader's summary are taken during play and at the hot wash after it.
    case 'NOTE.ADD':
      return e.payload.role && !ix.roles.has(e.payload.role) ? refuse('unknown-role', { role: e.payload.role }) : null;
    case 'SUMMARY.SET':
      return ctx.status === 'briefing' ? refuse('not-started') : null;
    case 'ROLE.CAST':
      // Seats change before and during the drill; after the end the cast stays as it played.
      if (ctx.status === 'ended') return refuse('ended');
      return ix.seatRoles.includes(e.payload.role) ? null : refuse('unknown-role', { role: e.payload.role });
    case 'TASK.RATE': {
      // A rating changes nothing in the drill's course, so it may come at the hot wash too.
      if (ctx.status === 'briefing') return refuse('not-started');
      const task = ix.tasks.get(e.payload.task);
      if (!task) return refuse('unknown-task', { id: e.payload.task });
      if (task.kind !== 'text') return refuse('rate-free-text-only');
      return ctx.tasks[task.id]?.answer ? null : refuse('nothing-to-rate');
    }
    case 'CRITERION.RATE':
      if (ctx.status === 'briefing') return refuse('not-started');
      return ix.criteria.has(e.payload.criterion) ? null : refuse('unknown-criterion', { id: e.payload.criterion });
    case 'PEER.REVIEW': {
      // Peers review a round once it is over.
      if (ctx.status !== 'ended') return refuse('not-ended');
      const unknown = e.payload.ratings.find((r) => !ix.criteria.has(r.criterion));
      if (unknown) return refuse('unknown-criterion', { id: unknown.criterion });
      return new Set(e.payload.ratings.map((r) => r.criterion)).size === e.payload.ratings.length ? null : refuse('unknown-criterion', { id: e.payload.ratings[0]?.criterion ?? '' });
    }
    case 'LESSON.ADD':
      return ctx.status === 'briefing' ? refuse('not-started') : null;
    case 'OBSERVATION.RECORD':
      if (ctx.status === 'briefing') return refuse('not-started');
      if (!ix.observations.has(e.payload.observation)) return refuse('unknown-observation', { id: e.payload.observation });
      return e.payload.role && !ix.roles.has(e.payload.role) ? refuse('unknown-role', { role: e.payload.role }) : null;
    default:
      break;
  }
  if (ctx.status === 'ended') return refuse('ended');
  if (e.type === 'DRILL.START') {
    if (ctx.status !== 'briefing') return refuse('already-started');
    const bad = parameterProblem(ix.scenario.parameters, e.payload.parameters ?? {});
    return bad ? refuse('bad-parameter', bad) : null;
  }
  if (ctx.status === 'briefing') return refuse('not-started');
  switch (e.type) {
    case 'DRILL.PAUSE':
      return ctx.status === 'paused' ? refuse('already-paused') : null;
    case 'DRILL.RESUME':
      return ctx.status === 'paused' ? null : refuse('not-paused');
    case 'PHASE.ADVANCE':
      if (ctx.status === 'paused') return refuse('paused');
      return exitAllowed(ix, advanced(ix, ctx, e)) || e.payload.reason ? null : refuse('exit-rule');
    case 'INJECT.FIRE': {
      const inject = ix.injects.get(e.payload.inject);
      if (!inject) return refuse('unknown-inject', { id: e.payload.inject });
      // A participant seated in a simulated role sends only that role's playable injects.
      if (e.actor !== FACILITATOR && (!inject.playable || inject.from !== e.actor)) return refuse('not-playable', { id: inject.id });
      return advanced(ix, ctx, e).injects[e.payload.inject] ? refuse('inject-fired') : null;
    }
    case 'TASK.ANSWER':
      return answerRefusal(ix, advanced(ix, ctx, e), e);
    case 'TASK.APPROVE':
      return approveRefusal(ix, advanced(ix, ctx, e), e);
    case 'CLOCK.TICK':
    case 'DRILL.END':
      return null;
    default: {
      // Every event type is checked above: a new one fails to compile here until it is.
      const unchecked: never = e;
      return unchecked;
    }
  }
}

function answerRefusal(ix: ScenarioIndex, ctx: DrillState, e: EventOf<'TASK.ANSWER'>): Refusal | null {
  const { task: taskId, role, answer } = e.payload;
  if (ctx.status === 'paused') return refuse('paused');
  const task = ix.tasks.get(taskId);
  if (!task) return refuse('unknown-task', { id: taskId });
  if (e.actor !== FACILITATOR && e.actor !== role) return refuse('not-your-role', { role });
  if (!task.roles.includes(role)) return refuse('not-role-task', { task: taskId, role });
  const state = ctx.tasks[taskId];
  if (!state) return refuse('task-not-open');
  if (state.answer || state.proposal) return refuse('already-answered');
  return answerShapeRefusal(task, answer) ?? optionRefusal(task, answer, ctx);
}

/** An option offered only while a condition holds cannot be chosen once it no longer does. */
function optionRefusal(task: Task, a: Answer, ctx: DrillState): Refusal | null {
  if (task.kind !== 'single' && task.kind !== 'multiple') return null;
  const chosen = a.kind === 'single' ? [a.option] : a.kind === 'multiple' ? a.options : [];
  const off = task.options.find((o) => chosen.includes(o.id) && o.availableWhen && !holds(o.availableWhen, ctx));
  return off ? refuse('option-unavailable', { option: off.id }) : null;
}

function approveRefusal(ix: ScenarioIndex, ctx: DrillState, e: EventOf<'TASK.APPROVE'>): Refusal | null {
  const { task: taskId, role } = e.payload;
  if (ctx.status === 'paused') return refuse('paused');
  const task = ix.tasks.get(taskId);
  if (!task) return refuse('unknown-task', { id: taskId });
  if (e.actor !== FACILITATOR && e.actor !== role) return refuse('not-your-role', { role });
  if (!task.signoff?.includes(role)) return refuse('not-signer', { task: taskId, role });
  const state = ctx.tasks[taskId];
  if (!state?.proposal) return refuse('nothing-to-approve');
  return state.approvals?.some((a) => a.role === role) ? refuse('already-approved') : null;
}

function answerShapeRefusal(task: Task, a: Answer): Refusal | null {
  if (a.kind !== task.kind) return refuse('wrong-kind', { kind: task.kind });
  const known = (ids: string[], all: { id: string }[]) => ids.every((x) => all.some((o) => o.id === x)) && new Set(ids).size === ids.length;
  if (a.kind === 'single' && task.kind === 'single') return known([a.option], task.options) ? null : refuse('unknown-option');
  if (a.kind === 'multiple' && task.kind === 'multiple') return known(a.options, task.options) ? null : refuse('unknown-option');
  if (a.kind === 'checklist' && task.kind === 'checklist') return known(a.items, task.items) ? null : refuse('unknown-option');
  return null;
}

export function exitAllowed(ix: ScenarioIndex, ctx: DrillState): boolean {
  const when = ctx.phase ? ix.phases.get(ctx.phase)?.exit.when : undefined;
  return when === undefined || holds(when, ctx);
}

export function autoExit(ix: ScenarioIndex, ctx: DrillState): boolean {
  const exit = ctx.phase ? ix.phases.get(ctx.phase)?.exit : undefined;
  return ctx.status === 'running' && exit?.auto === true && exit.when !== undefined && holds(exit.when, ctx);
}

/** The context with drill time moved on to the event's time (what the event will see). */
function advanced(ix: ScenarioIndex, ctx: DrillState, e: DrillEvent): DrillState {
  const due = nextDueAt(ctx);
  if (e.t === ctx.now || due === undefined || due > e.t) return ctx; // nothing falls due before the event
  const d = draft(ctx, ctx); // a state carries its own mode
  advanceTo(ix, d, e.t, e.seq);
  return d;
}

// ---------------------------------------------------------------- applying accepted events

/**
 * Moves the clock to the event's time and records it; `then` applies the event itself.
 * `changes`: whether `then` can change what opens or fires next (a note or a pause cannot).
 */
export function apply(ix: ScenarioIndex, ctx: DrillContext, mode: Mode, e: DrillEvent, then?: (d: DrillState) => void, changes = true): DrillState {
  const d = draft(ctx, mode);
  d.lastSeq = e.seq;
  // Most events (notes, ticks) find nothing due: the context's next due time, kept per schedule, says so without a search.
  const ran = d.status === 'running' && (nextDueAt(d) ?? Infinity) <= e.t ? advanceTo(ix, d, e.t, e.seq) : 0;
  d.now = Math.max(d.now, e.t);
  then?.(d);
  if (ran > 0 || (then && changes)) settle(ix, d, e.seq);
  return d;
}

export const log = (d: DrillState, entry: LogEntry): void => {
  d.log = appendLog(d.log, entry);
};

/** An answer: it counts at once, or (a task that needs sign-off) once every signer approved it. */
export function applyAnswer(ix: ScenarioIndex, d: DrillState, e: EventOf<'TASK.ANSWER'>): void {
  const { task: taskId, role, answer } = e.payload;
  const task = ix.tasks.get(taskId);
  const state = d.tasks[taskId];
  if (!task || !state) return;
  if (task.signoff) {
    own(d, 'tasks')[taskId] = { ...state, proposal: { answer, by: role, t: d.now, seq: e.seq } };
    log(d, { t: d.now, seq: e.seq, kind: 'propose', task: taskId, role });
  } else complete(ix, d, task, answer, role, e.seq);
}

/** A sign-off; the last one makes the proposed answer count, as if given now. */
export function applyApproval(ix: ScenarioIndex, d: DrillState, e: EventOf<'TASK.APPROVE'>): void {
  const { task: taskId, role } = e.payload;
  const task = ix.tasks.get(taskId);
  const state = d.tasks[taskId];
  if (!task || !state?.proposal) return;
  const approvals = [...(state.approvals ?? []), { role, t: d.now, seq: e.seq }];
  own(d, 'tasks')[taskId] = { ...state, approvals };
  log(d, { t: d.now, seq: e.seq, kind: 'approve', task: taskId, role });
  if (task.signoff?.every((r) => approvals.some((a) => a.role === r))) complete(ix, d, task, state.proposal.answer, state.proposal.by, e.seq);
}

/** The task is done: the answer counts from now, and its consequences follow. */
function complete(ix: ScenarioIndex, d: DrillState, task: Task, answer: Answer, role: string, seq: number): void {
  const taskId = task.id;
  const state = d.tasks[taskId];
  if (!state) return;
  const late = state.dueAt !== undefined && d.now > state.dueAt;
  own(d, 'tasks')[taskId] = { ...state, answer, answeredAt: d.now, answeredBy: role, answerSeq: seq };
  log(d, { t: d.now, seq, kind: 'answer', task: taskId, role, late });
  if (task.kind === 'single' && answer.kind === 'single') applyEffects(ix, d, task.options.find((o) => o.id === answer.option)?.effects ?? [], seq);
  else if (task.kind === 'multiple' && answer.kind === 'multiple') {
    for (const o of task.options) if (answer.options.includes(o.id)) applyEffects(ix, d, o.effects, seq);
  } else if (task.kind === 'checklist' || task.kind === 'text') applyEffects(ix, d, task.effects, seq);
}

export function applyRating(d: DrillState, e: EventOf<'TASK.RATE'>): void {
  const state = d.tasks[e.payload.task];
  if (!state) return;
  own(d, 'tasks')[e.payload.task] = { ...state, rating: e.payload.rating, ratingSeq: e.seq };
  log(d, { t: d.now, seq: e.seq, kind: 'rating', task: e.payload.task, rating: e.payload.rating });
}

export function applyFire(ix: ScenarioIndex, d: DrillState, e: EventOf<'INJECT.FIRE'>): void {
  fire(ix, d, e.payload.inject, e.actor === FACILITATOR ? 'facilitator' : 'played', e.seq);
}

/** Records an observation; during play its effects follow (after the end it is only recorded). */
export function applyObservation(ix: ScenarioIndex, d: DrillState, e: EventOf<'OBSERVATION.RECORD'>): void {
  const { observation, role, note, by } = e.payload;
  const extra = { ...(role ? { role } : {}), ...(note ? { note } : {}), ...(by ? { by } : {}) };
  const again = d.observations.some((o) => o.observation === observation);
  own(d, 'observations').push({ observation, t: d.now, seq: e.seq, ...extra });
  log(d, { t: d.now, seq: e.seq, kind: 'observation', observation, ...extra });
  // What an act causes happens once, and only while the drill runs.
  if (d.status !== 'ended' && !again) applyEffects(ix, d, ix.observations.get(observation)?.effects ?? [], e.seq);
}

export function applyCast(d: DrillState, e: EventOf<'ROLE.CAST'>): void {
  const { role, name, venue } = e.payload;
  const cast = own(d, 'cast');
  if (name) cast[role] = name;
  else delete cast[role];
  if (venue && name) own(d, 'venues')[role] = venue;
  else if (d.venues[role] !== undefined) delete own(d, 'venues')[role];
  log(d, { t: d.now, seq: e.seq, kind: 'cast', role, ...(name ? { name } : {}), ...(venue && name ? { venue } : {}) });
}

export function applyCriterionRating(d: DrillState, e: EventOf<'CRITERION.RATE'>): void {
  const { criterion, rating, comment } = e.payload;
  own(d, 'criterionRatings')[criterion] = { rating, ...(comment ? { comment } : {}), t: d.now, seq: e.seq };
  log(d, { t: d.now, seq: e.seq, kind: 'criterion-rating', criterion, rating });
}

/** A peer's review; the same reviewer of the same group reviewing again replaces the earlier one. */
export function applyPeerReview(d: DrillState, e: EventOf<'PEER.REVIEW'>): void {
  const { group, reviewer, ratings } = e.payload;
  const reviews = own(d, 'peerReviews');
  const earlier = reviews.findIndex((r) => r.group === group && r.reviewer === reviewer);
  if (earlier >= 0) reviews.splice(earlier, 1);
  reviews.push({ group, reviewer, ratings: ratings.map((r) => ({ criterion: r.criterion, rating: r.rating, ...(r.comment ? { comment: r.comment } : {}) })), t: d.now, seq: e.seq });
  log(d, { t: d.now, seq: e.seq, kind: 'peer-review', group, reviewer });
}

export function applyLesson(d: DrillState, e: EventOf<'LESSON.ADD'>): void {
  own(d, 'lessons').push({ text: e.payload.text, t: d.now, seq: e.seq });
  log(d, { t: d.now, seq: e.seq, kind: 'lesson', text: e.payload.text });
}

export function applySummary(d: DrillState, e: EventOf<'SUMMARY.SET'>): void {
  d.summary = { text: e.payload.text, by: e.actor, t: d.now, seq: e.seq };
  log(d, { t: d.now, seq: e.seq, kind: 'summary', by: e.actor });
}

/**
 * Records how the phase being left ended: completed when its exit rule held (a phase without
 * one: when every required task it opened was answered), else cut short.
 */
export function leavePhase(ix: ScenarioIndex, d: DrillState): void {
  const phase = d.phase;
  if (!phase || d.phaseOutcomes[phase]) return;
  const rule = ix.phases.get(phase)?.exit.when;
  const done = rule ? holds(rule, d) : ix.scenario.tasks.every((t) => t.phase !== phase || !t.required || !d.tasks[t.id] || d.tasks[t.id]?.answer !== undefined);
  own(d, 'phaseOutcomes')[phase] = done ? 'completed' : 'cut-short';
}

/** The start: the parameters' values for this drill (the event's, else the file's). */
export function applyStart(ix: ScenarioIndex, d: DrillState, e: EventOf<'DRILL.START'>): void {
  d.params = parameterValues(ix.scenario.parameters, e.payload.parameters);
}

/**
 * Enters a phase: schedules its timed injects (entering the first phase, those timed from the
 * drill's start too) and the times at which its `time` conditions may come to hold; tasks and
 * triggered injects open in `settle`.
 */
export function enterPhase(ix: ScenarioIndex, d: DrillState, phase: PhaseId, seq: number, override?: string): void {
  d.phase = phase;
  own(d, 'phaseStartedAt')[phase] = d.now;
  log(d, { t: d.now, seq, kind: 'phase', phase, ...(override ? { override } : {}) });
  const drillStarts = phase === PHASES[0];
  for (const inj of ix.scenario.injects) {
    const tr = inj.trigger;
    if (tr.type !== 'time' || (tr.from === 'drill' ? !drillStarts : inj.phase !== phase) || d.injects[inj.id] || d.cancelled[inj.id] !== undefined) continue;
    const at = d.now + minutesToSeconds(amountOf(tr.at, d.params));
    if (at === d.now) fire(ix, d, inj.id, 'time', seq);
    else own(d, 'scheduled').push({ at, inject: inj.id, cause: 'time' });
  }
  scheduleWakes(ix, d, drillStarts);
  settle(ix, d, seq);
}

/** The times, from now on, at which the scenario's `time` conditions may come to hold (those counted from a phase: this phase's). */
function scheduleWakes(ix: ScenarioIndex, d: DrillState, drillStarts: boolean): void {
  if (ix.timeConditions.length === 0) return;
  const wakes = d.wakes.filter((w) => w.from === 'drill');
  for (const c of ix.timeConditions) {
    const from = c.from ?? 'phase';
    if (from === 'drill' && !drillStarts) continue;
    const at = (timeBase(d, from) ?? d.now) + minutesToSeconds(amountOf(c.atLeast, d.params));
    if (at > d.now && !wakes.some((w) => w.at === at && w.from === from)) wakes.push({ at, from });
  }
  d.wakes = wakes;
}

export const nextPhase = (p: PhaseId | null): PhaseId | undefined => PHASES[phaseIndex(p) + 1];
