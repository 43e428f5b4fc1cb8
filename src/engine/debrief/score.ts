/**
 * Scores a drill from its final context: per criterion, phase and role, with evidence,
 * strengths, shortfalls and improvements taken from the scenario's feedback texts.
 *
 * The score is earned: a required task that never opened or was never answered counts as
 * missed, a consequence counts as avoided only once its window has passed, outcomes at the
 * end count only when the resolve phase was completed, unrated free text counts 0, wrong
 * checklist items cost, and a prohibited act the facilitator recorded caps its criteria.
 * A drill that never started has no score.
 */
import type { CompiledScenario } from '../drill/compile';
import { holds } from '../drill/conditions';
import { logEntries, type DrillState, type TaskState } from '../drill/context';
import { fillParams } from '../drill/parameters';
import { PHASES, type Rating } from '../scenario/constants';
import type { Measure, Task } from '../scenario/schema';
import type { CriterionResult, Debrief, Evidence, Feedback, GroupScore, Judgement, MeasureResult, TaskResult } from './types';

export const RATING_QUALITY: Record<Rating, number> = { P: 1, S: 2 / 3, M: 1 / 3, U: 0 };
export const GOOD = 0.75;
export const POOR = 0.5;

export function rate(score: number): Rating {
  return score >= 85 ? 'P' : score >= 65 ? 'S' : score >= 40 ? 'M' : 'U';
}

/** How good an answer is, 0–1 (an unrated free-text answer: 0 until rated). */
export function answerQuality(task: Task, state: TaskState): number | null {
  const a = state.answer;
  if (!a) return null;
  if (task.kind === 'single' && a.kind === 'single') return task.options.find((o) => o.id === a.option)?.score ?? 0;
  if (task.kind === 'multiple' && a.kind === 'multiple') {
    const right = task.options.filter((o) => o.score >= POOR);
    const chosen = task.options.filter((o) => a.options.includes(o.id));
    const hits = chosen.filter((o) => o.score >= POOR).length - chosen.filter((o) => o.score < POOR).length;
    return Math.max(0, hits / right.length);
  }
  if (task.kind === 'checklist' && a.kind === 'checklist') {
    // Right items earn their weight, wrong items cost theirs: ticking everything does not win.
    const possible = task.items.reduce((sum, i) => sum + Math.max(0, i.weight), 0);
    const earned = task.items.filter((i) => a.items.includes(i.id)).reduce((sum, i) => sum + i.weight, 0);
    return possible > 0 ? Math.max(0, earned / possible) : 0;
  }
  if (task.kind === 'text') return state.rating ? RATING_QUALITY[state.rating] : 0;
  return 0;
}

const isLate = (s: TaskState) => s.dueAt !== undefined && s.answeredAt !== undefined && s.answeredAt > s.dueAt;
const pct = (x: number) => Math.round(x * 100);

/** Due "by the end": never late, and once the drill has ended (or the task is done) its due time is the end, or now. */
const dueByEnd = (task: Task) => typeof task.deadline === 'object' && 'by' in task.deadline;

function taskResult(task: Task, state: TaskState | undefined, ended: boolean, endTime: number): TaskResult {
  const quality = state ? answerQuality(task, state) : null;
  const late = state ? isLate(state) : false;
  const dueAt = state?.dueAt ?? (dueByEnd(task) && state && (ended || quality !== null) ? endTime : undefined);
  const done = quality !== null;
  const opened = state !== undefined;
  // Every team is expected to meet a required task that is not on a branch: never reaching it is missing it.
  const counts = done || (task.required && (opened || (ended && !task.branch)));
  const performance = done ? quality * (late ? 0.5 : 1) : counts ? 0 : null;
  return {
    id: task.id,
    phase: task.phase,
    owner: task.roles[0] ?? '',
    required: task.required,
    branch: task.branch,
    opened,
    done,
    counts,
    quality,
    awaitingRating: task.kind === 'text' && done && !state?.rating,
    late,
    performance,
    ...(state?.answeredAt !== undefined ? { answeredAt: state.answeredAt } : {}),
    ...(state?.answeredBy ? { answeredBy: state.answeredBy } : {}),
    ...(state?.approvals?.length ? { signed: state.approvals.map((a) => ({ role: a.role, t: a.t })) } : {}),
    ...(dueAt !== undefined ? { dueAt } : {}),
    ...(state?.answerSeq !== undefined ? { seq: state.answerSeq } : {}),
  };
}

function weightedMean(items: { value: number | null; weight: number }[]): number | null {
  const counted = items.filter((i): i is { value: number; weight: number } => i.value !== null);
  const weight = counted.reduce((s, i) => s + i.weight, 0);
  return weight === 0 ? null : counted.reduce((s, i) => s + i.value * i.weight, 0) / weight;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

type Scoring = { c: CompiledScenario; ctx: DrillState; results: Map<string, TaskResult>; ended: boolean };

/** A required task that counts but was not done: why, in evidence. */
function undone(r: TaskResult): Evidence {
  if (!r.opened) return { kind: 'never-opened', task: r.id, phase: r.phase };
  return { kind: 'not-done', task: r.id, ...(r.dueAt !== undefined ? { dueAt: r.dueAt } : {}) };
}

function measureResult({ c, ctx, results, ended }: Scoring, m: Measure): MeasureResult {
  const base = { type: m.type, weight: m.weight };
  // Outcomes at the end are established only when the resolve phase was completed.
  const outcomeReached = !ended || ctx.phaseOutcomes.resolve === 'completed';
  switch (m.type) {
    case 'quality': {
      const evidence: Evidence[] = [];
      const values = m.tasks.flatMap((id) => {
        const r = results.get(id);
        if (!r?.counts) return [];
        if (r.done && r.quality !== null && r.answeredAt !== undefined && r.seq !== undefined) {
          evidence.push(
            r.awaitingRating
              ? { kind: 'awaiting-rating', task: id, t: r.answeredAt, seq: r.seq, by: r.answeredBy ?? '', ...(r.signed ? { signed: r.signed } : {}) }
              : { kind: 'answered', task: id, t: r.answeredAt, seq: r.seq, quality: r.quality, late: r.late, by: r.answeredBy ?? '', ...(r.signed ? { signed: r.signed } : {}) },
          );
          return [r.quality];
        }
        evidence.push(undone(r));
        return [0];
      });
      return { ...base, score: mean(values), evidence };
    }
    case 'timeliness': {
      const evidence: Evidence[] = [];
      const values = m.tasks.flatMap((id) => {
        const r = results.get(id);
        if (!r?.counts) return [];
        if (r.done && r.answeredAt !== undefined && r.seq !== undefined && r.dueAt !== undefined) {
          evidence.push({ kind: r.late ? 'late' : 'on-time', task: id, t: r.answeredAt, seq: r.seq, dueAt: r.dueAt });
          return [r.late ? 0 : 1];
        }
        if (r.dueAt !== undefined && r.dueAt < endOrNow(ctx)) {
          evidence.push({ kind: 'missed', task: id, dueAt: r.dueAt });
          return [0];
        }
        if (!ended) return []; // still open and not yet due
        evidence.push(undone(r));
        return [0];
      });
      return { ...base, score: mean(values), evidence };
    }
    case 'variable': {
      const value = ctx.vars[m.var] ?? 0;
      if (!outcomeReached) return { ...base, score: 0, evidence: [{ kind: 'outcome-not-reached', var: m.var }] };
      const score = Math.min(1, Math.max(0, (m.worst - value) / (m.worst - m.best)));
      return { ...base, score, evidence: [{ kind: 'variable', var: m.var, value, best: m.best, worst: m.worst }] };
    }
    case 'condition': {
      if (!outcomeReached) return { ...base, score: 0, evidence: [{ kind: 'condition-not-reached', when: m.when }] };
      const ok = holds(m.when, ctx);
      return { ...base, score: ok ? 1 : 0, evidence: [{ kind: 'condition', when: m.when, holds: ok }] };
    }
    case 'avoided': {
      const evidence: Evidence[] = [];
      const values = m.injects.flatMap((id) => {
        const f = ctx.injects[id];
        if (f) {
          evidence.push({ kind: 'fired', inject: id, t: f.at, seq: f.seq });
          return [0];
        }
        const inj = c.injects.get(id);
        if (!inj) return [];
        const pending = ctx.pendingAtEnd?.find((p) => p.inject === id);
        if (pending) {
          // Ending the drill does not stop a consequence already on its way.
          evidence.push({ kind: 'pending-at-end', inject: id, at: pending.at });
          return [0];
        }
        if (windowPassed(c, ctx, id)) {
          evidence.push({ kind: 'avoided', inject: id });
          return [1];
        }
        if (!ended) return []; // it may still happen
        // A contingency for a branch task that never opened was never at stake.
        if (inj.trigger.type === 'missed' && !results.get(inj.trigger.task)?.counts) return [];
        evidence.push({ kind: 'not-tested', inject: id, phase: inj.phase });
        return [0];
      });
      return { ...base, score: mean(values), evidence };
    }
    case 'coverage': {
      // A role is covered when every required task it owns was done on time and acceptably well.
      const evidence: Evidence[] = c.playerRoles.flatMap((role): Evidence[] => {
        const owned = [...results.values()].filter((r) => r.owner === role && r.required && r.counts);
        if (owned.length === 0) return [];
        const missing = owned.filter((r) => !r.done || r.late || (r.quality ?? 0) < POOR).map((r) => r.id);
        return [missing.length ? { kind: 'not-covered', role, tasks: missing } : { kind: 'covered', role }];
      });
      return { ...base, score: evidence.length ? evidence.filter((e) => e.kind === 'covered').length / evidence.length : null, evidence };
    }
  }
}

/**
 * Whether a consequence can no longer happen, so not having happened is to the team's credit:
 * a contingency once its task was done in time, any other consequence once its phase was
 * completed (left with its exit rule met).
 */
function windowPassed(c: CompiledScenario, ctx: DrillState, injectId: string): boolean {
  const inj = c.injects.get(injectId);
  if (!inj) return false;
  // A cancelled consequence can no longer happen by itself.
  if (ctx.cancelled?.[injectId] !== undefined) return true;
  if (inj.trigger.type === 'missed') {
    const s = ctx.tasks[inj.trigger.task];
    return s?.answeredAt !== undefined && (s.dueAt === undefined || s.answeredAt <= s.dueAt);
  }
  return ctx.phaseOutcomes[inj.phase] === 'completed';
}

/** Drill time at the end (notes taken at the hot wash do not move it on), or now while the drill runs. */
const endOrNow = (ctx: DrillState) => ctx.endedAt ?? ctx.now;

/**
 * What the facilitator observed, per criterion: good practice counts 1, a prohibited act 0 and
 * caps. Each observation counts once per role, however often it is recorded.
 */
function observed(c: CompiledScenario, ctx: DrillState, criterion: string): { measure?: MeasureResult; cap?: number; capEvidence: Evidence[] } {
  const evidence: Evidence[] = [];
  const capEvidence: Evidence[] = [];
  let good = 0;
  let total = 0;
  let cap: number | undefined;
  const counted = new Set<string>();
  for (const rec of ctx.observations) {
    const o = c.observations.get(rec.observation);
    const key = `${rec.observation}\u0000${rec.role ?? ''}`;
    if (!o || !o.criteria.includes(criterion) || counted.has(key)) continue;
    counted.add(key);
    const isGood = o.kind === 'good';
    evidence.push({ kind: 'observed', observation: o.id, good: isGood, t: rec.t, seq: rec.seq, ...(rec.role ? { role: rec.role } : {}), ...(rec.note ? { note: rec.note } : {}) });
    total += o.weight;
    if (isGood) good += o.weight;
    else {
      cap = Math.min(cap ?? 100, o.cap);
      capEvidence.push({ kind: 'capped', observation: o.id, cap: o.cap, t: rec.t, seq: rec.seq });
    }
  }
  if (total === 0) return { capEvidence };
  return { measure: { type: 'observed', weight: total, score: good / total, evidence }, ...(cap !== undefined ? { cap } : {}), capEvidence };
}

/** When a piece of evidence happened, for ordering (facts without a time come last). */
export function evidenceTime(e: Evidence): number {
  if ('t' in e) return e.t;
  if ('dueAt' in e && e.dueAt !== undefined) return e.dueAt;
  return Infinity;
}

function feedback({ c, ctx, results }: Scoring) {
  const strengths: Feedback[] = [];
  const shortfalls: Feedback[] = [];
  for (const task of c.scenario.tasks) {
    const state = ctx.tasks[task.id];
    const r = results.get(task.id);
    if (!r?.counts) continue;
    const at = { task: task.id, ...(r.answeredAt !== undefined ? { t: r.answeredAt } : {}), ...(r.seq !== undefined ? { seq: r.seq } : {}) };
    if (!r.done) {
      if (!r.opened) shortfalls.push({ kind: 'never-opened', text: task.missedFeedback, task: task.id });
      else if (state?.dueAt !== undefined && state.dueAt < endOrNow(ctx)) shortfalls.push({ kind: 'missed', text: task.missedFeedback, task: task.id, t: state.dueAt });
      else if (ctx.status === 'ended') shortfalls.push({ kind: 'missed', text: task.missedFeedback, task: task.id });
      continue;
    }
    if (r.late) shortfalls.push({ kind: 'late', text: task.missedFeedback, ...at });
    const a = state?.answer;
    if ((task.kind === 'single' || task.kind === 'multiple') && a && (a.kind === 'single' || a.kind === 'multiple')) {
      const chosen = a.kind === 'single' ? [a.option] : a.options;
      for (const o of task.options.filter((o) => chosen.includes(o.id))) {
        if (o.score >= GOOD && !r.late) strengths.push({ kind: 'option', text: o.feedback, option: o.id, ...at });
        else if (o.score < POOR) shortfalls.push({ kind: 'option', text: o.feedback, option: o.id, ...at });
      }
    } else if (task.kind === 'checklist' && a?.kind === 'checklist') {
      const left = task.items.filter((i) => i.weight > 0 && !a.items.includes(i.id));
      const wrong = task.items.filter((i) => i.weight < 0 && a.items.includes(i.id));
      if (left.length === 0 && wrong.length === 0 && !r.late) strengths.push({ kind: 'complete', ...at });
      for (const i of wrong) shortfalls.push({ kind: 'item-wrong', text: i.feedback, item: i.id, ...at });
      for (const i of left) shortfalls.push({ kind: 'item-missed', text: i.feedback, item: i.id, ...at });
    } else if (task.kind === 'text' && state?.rating) {
      const item = { kind: 'rating' as const, text: task.feedback[state.rating], ...at };
      if ((state.rating === 'P' || state.rating === 'S') && !r.late) strengths.push(item);
      else if (state.rating === 'M' || state.rating === 'U') shortfalls.push(item);
    }
  }
  for (const inj of c.scenario.injects) {
    const f = ctx.injects[inj.id];
    // A contingency counts here when a missed deadline fired it; fired by a choice, the option's feedback says why.
    if (f && f.cause === 'missed' && inj.trigger.type === 'missed') shortfalls.push({ kind: 'contingency', inject: inj.id, task: inj.trigger.task, t: f.at, seq: f.seq });
  }
  for (const rec of ctx.observations) {
    const o = c.observations.get(rec.observation);
    if (!o) continue;
    const item: Feedback = { kind: 'observation', text: o.feedback, observation: o.id, t: rec.t, seq: rec.seq, ...(rec.role ? { role: rec.role } : {}) };
    (o.kind === 'good' ? strengths : shortfalls).push(item);
  }
  const byTime = (a: Feedback, b: Feedback) => (a.t ?? Infinity) - (b.t ?? Infinity);
  return { strengths: strengths.sort(byTime), shortfalls: shortfalls.sort(byTime) };
}

/** The debrief of a drill as far as it went; its texts say the numbers this drill used (`{param:id}`). */
export function scoreDrill(c: CompiledScenario, ctx: DrillState): Debrief {
  const debrief = score(c, ctx);
  return c.scenario.parameters.length ? fillParams(debrief, ctx.params) : debrief;
}

function score(c: CompiledScenario, ctx: DrillState): Debrief {
  const s = c.scenario;
  const played = ctx.status !== 'briefing';
  const ended = ctx.status === 'ended';
  const results = new Map(s.tasks.map((t) => [t.id, taskResult(t, ctx.tasks[t.id], ended, endOrNow(ctx))]));
  const scoring: Scoring = { c, ctx, results, ended };

  const criteria: CriterionResult[] = s.rubric.map((cr) => {
    const seen = observed(c, ctx, cr.id);
    const measures = [...cr.measures.map((m) => measureResult(scoring, m)), ...(seen.measure ? [seen.measure] : [])];
    const m = weightedMean(measures.map((x) => ({ value: x.score, weight: x.weight })));
    const score = m === null ? null : seen.cap !== undefined ? Math.min(pct(m), seen.cap) : pct(m);
    const evidence = [...measures.flatMap((x) => x.evidence), ...seen.capEvidence].sort((a, b) => evidenceTime(a) - evidenceTime(b));
    return {
      id: cr.id,
      title: cr.title,
      weight: cr.weight,
      score: played ? score : null,
      rating: played && score !== null ? rate(score) : null,
      measures,
      evidence,
      ...(seen.cap !== undefined ? { cap: seen.cap } : {}),
    };
  });
  const totalMean = weightedMean(criteria.map((cr) => ({ value: cr.score, weight: cr.weight })));
  const total = played ? Math.round(totalMean ?? 0) : null;

  const group = (id: string, of: TaskResult[]): GroupScore => {
    const m = weightedMean(of.map((r) => ({ value: r.performance, weight: c.tasks.get(r.id)?.weight ?? 1 })));
    return { id, score: m === null || !played ? null : pct(m), tasks: of.map((r) => r.id) };
  };
  const all = [...results.values()];
  const phases = s.phases.map((p) => group(p.id, all.filter((r) => r.phase === p.id)));
  const roles = c.playerRoles.map((role) => group(role, all.filter((r) => (r.done ? r.answeredBy === role : r.owner === role))));

  const improvements: Feedback[] = criteria
    .filter((cr) => cr.score !== null && cr.score < 65)
    .sort((a, b) => (a.score ?? 0) - (b.score ?? 0))
    .flatMap((cr) => {
      const text = s.rubric.find((x) => x.id === cr.id)?.improvement;
      return text ? [{ kind: 'criterion' as const, criterion: cr.id, text }] : [];
    });

  const log = logEntries(ctx);
  const overrides = log.flatMap((e): Debrief['overrides'] =>
    // Name the phase whose exit rule was overridden: the one being left.
    e.kind === 'phase' && e.override
      ? [{ t: e.t, seq: e.seq, phase: PHASES[PHASES.indexOf(e.phase) - 1] ?? e.phase, reason: e.override }]
      : e.kind === 'end' && e.override
        ? [{ t: e.t, seq: e.seq, phase: 'resolve' as const, reason: e.override }]
        : [],
  );
  const notes = log.flatMap((e) => (e.kind === 'note' ? [{ t: e.t, seq: e.seq, text: e.text, ...(e.role ? { role: e.role } : {}), ...(e.by ? { by: e.by } : {}) }] : []));
  const observations = ctx.observations.map((rec) => ({ ...rec, good: c.observations.get(rec.observation)?.kind === 'good' }));

  return {
    scenario: { id: s.id, version: s.version },
    played,
    ended,
    durationSeconds: endOrNow(ctx),
    total,
    rating: total === null ? null : rate(total),
    criteria,
    phases,
    roles,
    tasks: all,
    ...feedback(scoring),
    improvements,
    awaitingRating: all.filter((r) => r.awaitingRating).map((r) => r.id),
    cutShort: PHASES.filter((p) => ctx.phaseOutcomes[p] === 'cut-short'),
    overrides,
    notes,
    observations,
    judgements: judgements(criteria, ctx),
    lessons: ctx.lessons,
    venues: ctx.venues,
    ...(ctx.summary ? { summary: ctx.summary } : {}),
  };
}

/** P/S/M/U as steps (P highest). */
const STEP: Record<Rating, number> = { P: 3, S: 2, M: 1, U: 0 };

/** Each criterion as the engine, the facilitator and the peers of other groups rated it, and how far apart they are. */
export function judgements(criteria: CriterionResult[], ctx: DrillState): Judgement[] {
  return criteria.map((cr) => {
    const own = ctx.criterionRatings[cr.id];
    const peers = ctx.peerReviews.flatMap((r) => r.ratings.filter((x) => x.criterion === cr.id).map((x) => ({ group: r.group, reviewer: r.reviewer, rating: x.rating, ...(x.comment ? { comment: x.comment } : {}) })));
    const sorted = peers.map((p) => p.rating).sort((a, b) => STEP[a] - STEP[b]);
    const peer = sorted.length ? (sorted[Math.floor((sorted.length - 1) / 2)] ?? null) : null;
    const steps = [cr.rating, own?.rating ?? null, peer].flatMap((r) => (r ? [STEP[r]] : []));
    return {
      criterion: cr.id,
      title: cr.title,
      engine: cr.rating,
      facilitator: own ? { rating: own.rating, ...(own.comment ? { comment: own.comment } : {}) } : null,
      peers,
      peer,
      spread: steps.length > 1 ? Math.max(...steps) - Math.min(...steps) : 0,
    };
  });
}
