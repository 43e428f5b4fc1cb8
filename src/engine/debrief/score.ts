/**
 * Scores a drill from its final context: per criterion, phase and role, with evidence,
 * strengths, shortfalls and improvements taken from the scenario's feedback texts.
 */
import type { CompiledScenario } from '../drill/compile';
import { holds } from '../drill/conditions';
import { logEntries, type DrillContext, type TaskState } from '../drill/context';
import { PHASES, type Rating } from '../scenario/constants';
import type { Measure, Task } from '../scenario/schema';
import type { CriterionResult, Debrief, Evidence, Feedback, GroupScore, MeasureResult, TaskResult } from './types';

export const RATING_QUALITY: Record<Rating, number> = { P: 1, S: 2 / 3, M: 1 / 3, U: 0 };
/** An answer the facilitator has not rated yet counts half. */
export const UNRATED_QUALITY = 0.5;
export const GOOD = 0.75;
export const POOR = 0.5;

export function rate(score: number): Rating {
  return score >= 85 ? 'P' : score >= 65 ? 'S' : score >= 40 ? 'M' : 'U';
}

/** How good an answer is, 0–1. */
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
    const total = task.items.reduce((sum, i) => sum + i.weight, 0);
    return task.items.filter((i) => a.items.includes(i.id)).reduce((sum, i) => sum + i.weight, 0) / total;
  }
  if (task.kind === 'text') return state.rating ? RATING_QUALITY[state.rating] : UNRATED_QUALITY;
  return 0;
}

const isLate = (s: TaskState) => s.dueAt !== undefined && s.answeredAt !== undefined && s.answeredAt > s.dueAt;
const pct = (x: number) => Math.round(x * 100);

function taskResult(task: Task, state: TaskState | undefined): TaskResult {
  const quality = state ? answerQuality(task, state) : null;
  const late = state ? isLate(state) : false;
  const done = quality !== null;
  const performance = done ? quality * (late ? 0.5 : 1) : state && task.required ? 0 : null;
  return {
    id: task.id,
    phase: task.phase,
    owner: task.roles[0] ?? '',
    required: task.required,
    opened: state !== undefined,
    done,
    quality,
    late,
    performance,
    ...(state?.answeredAt !== undefined ? { answeredAt: state.answeredAt } : {}),
    ...(state?.answeredBy ? { answeredBy: state.answeredBy } : {}),
    ...(state?.dueAt !== undefined ? { dueAt: state.dueAt } : {}),
    ...(state?.answerSeq !== undefined ? { seq: state.answerSeq } : {}),
  };
}

function weightedMean(items: { value: number | null; weight: number }[]): number | null {
  const counted = items.filter((i): i is { value: number; weight: number } => i.value !== null);
  const weight = counted.reduce((s, i) => s + i.weight, 0);
  return weight === 0 ? null : counted.reduce((s, i) => s + i.value * i.weight, 0) / weight;
}

function measureResult(c: CompiledScenario, ctx: DrillContext, results: Map<string, TaskResult>, m: Measure): MeasureResult {
  const base = { type: m.type, weight: m.weight };
  switch (m.type) {
    case 'quality': {
      const evidence: Evidence[] = [];
      const values = m.tasks.flatMap((id) => {
        const r = results.get(id);
        if (!r?.opened) return []; // never became available in this drill
        if (!r.done && !r.required) return []; // an extra left out is no failure
        if (r.done && r.quality !== null && r.answeredAt !== undefined && r.seq !== undefined) {
          evidence.push({ kind: 'answered', task: id, t: r.answeredAt, seq: r.seq, quality: r.quality, late: r.late, by: r.answeredBy ?? '' });
          return [r.quality];
        }
        evidence.push({ kind: 'not-done', task: id, ...(r.dueAt !== undefined ? { dueAt: r.dueAt } : {}) });
        return [0];
      });
      return { ...base, score: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, evidence };
    }
    case 'timeliness': {
      const evidence: Evidence[] = [];
      const values = m.tasks.flatMap((id) => {
        const r = results.get(id);
        if (!r?.opened || r.dueAt === undefined || (!r.done && !r.required)) return [];
        if (r.done && r.answeredAt !== undefined && r.seq !== undefined) {
          evidence.push({ kind: r.late ? 'late' : 'on-time', task: id, t: r.answeredAt, seq: r.seq, dueAt: r.dueAt });
          return [r.late ? 0 : 1];
        }
        if (r.dueAt < ctx.now) {
          evidence.push({ kind: 'missed', task: id, dueAt: r.dueAt });
          return [0];
        }
        return []; // still open and not yet due
      });
      return { ...base, score: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, evidence };
    }
    case 'variable': {
      const value = ctx.vars[m.var] ?? 0;
      const score = Math.min(1, Math.max(0, (m.worst - value) / (m.worst - m.best)));
      return { ...base, score, evidence: [{ kind: 'variable', var: m.var, value }] };
    }
    case 'condition': {
      const ok = holds(m.when, ctx);
      return { ...base, score: ok ? 1 : 0, evidence: [{ kind: 'condition', holds: ok }] };
    }
    case 'avoided': {
      const evidence: Evidence[] = m.injects.map((id) => {
        const f = ctx.injects[id];
        return f ? { kind: 'fired', inject: id, t: f.at, seq: f.seq } : { kind: 'not-fired', inject: id };
      });
      return { ...base, score: evidence.filter((e) => e.kind === 'not-fired').length / m.injects.length, evidence };
    }
    case 'coverage': {
      const evidence: Evidence[] = c.playerRoles.flatMap((role): Evidence[] => {
        const owned = [...results.values()].filter((r) => r.owner === role && r.required && r.opened);
        if (owned.length === 0) return [];
        const missing = owned.filter((r) => !r.done).map((r) => r.id);
        return [missing.length ? { kind: 'not-covered', role, tasks: missing } : { kind: 'covered', role }];
      });
      return { ...base, score: evidence.length ? evidence.filter((e) => e.kind === 'covered').length / evidence.length : null, evidence };
    }
  }
}

function feedback(c: CompiledScenario, ctx: DrillContext, results: Map<string, TaskResult>) {
  const strengths: Feedback[] = [];
  const shortfalls: Feedback[] = [];
  for (const task of c.scenario.tasks) {
    const state = ctx.tasks[task.id];
    const r = results.get(task.id);
    if (!state || !r) continue;
    const at = { task: task.id, ...(r.answeredAt !== undefined ? { t: r.answeredAt } : {}), ...(r.seq !== undefined ? { seq: r.seq } : {}) };
    if (!r.done) {
      if (task.required && state.dueAt !== undefined && state.dueAt < ctx.now) shortfalls.push({ kind: 'missed', text: task.missedFeedback, task: task.id, t: state.dueAt });
      else if (task.required && ctx.status === 'ended') shortfalls.push({ kind: 'missed', text: task.missedFeedback, task: task.id });
      continue;
    }
    if (r.late) shortfalls.push({ kind: 'late', text: task.missedFeedback, ...at });
    const a = state.answer;
    if ((task.kind === 'single' || task.kind === 'multiple') && a && (a.kind === 'single' || a.kind === 'multiple')) {
      const chosen = a.kind === 'single' ? [a.option] : a.options;
      for (const o of task.options.filter((o) => chosen.includes(o.id))) {
        if (o.score >= GOOD && !r.late) strengths.push({ kind: 'option', text: o.feedback, option: o.id, ...at });
        else if (o.score < POOR) shortfalls.push({ kind: 'option', text: o.feedback, option: o.id, ...at });
      }
    } else if (task.kind === 'checklist' && a?.kind === 'checklist') {
      const left = task.items.filter((i) => !a.items.includes(i.id));
      if (left.length === 0 && !r.late) strengths.push({ kind: 'complete', ...at });
      for (const i of left) shortfalls.push({ kind: 'item-missed', text: i.feedback, item: i.id, ...at });
    } else if (task.kind === 'text' && state.rating) {
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
  const byTime = (a: Feedback, b: Feedback) => (a.t ?? Infinity) - (b.t ?? Infinity);
  return { strengths: strengths.sort(byTime), shortfalls: shortfalls.sort(byTime) };
}

export function scoreDrill(c: CompiledScenario, ctx: DrillContext): Debrief {
  const s = c.scenario;
  const results = new Map(s.tasks.map((t) => [t.id, taskResult(t, ctx.tasks[t.id])]));

  const criteria: CriterionResult[] = s.rubric.map((cr) => {
    const measures = cr.measures.map((m) => measureResult(c, ctx, results, m));
    const mean = weightedMean(measures.map((m) => ({ value: m.score, weight: m.weight })));
    const score = mean === null ? null : pct(mean);
    return { id: cr.id, title: cr.title, weight: cr.weight, score, rating: score === null ? null : rate(score), measures };
  });
  const totalMean = weightedMean(criteria.map((cr) => ({ value: cr.score, weight: cr.weight })));
  const total = totalMean === null ? 0 : Math.round(totalMean);

  const group = (id: string, of: TaskResult[]): GroupScore => {
    const mean = weightedMean(of.map((r) => ({ value: r.performance, weight: c.tasks.get(r.id)?.weight ?? 1 })));
    return { id, score: mean === null ? null : pct(mean), tasks: of.map((r) => r.id) };
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

  const overrides = logEntries(ctx).flatMap((e): Debrief['overrides'] =>
    // Name the phase whose exit rule was overridden: the one being left.
    e.kind === 'phase' && e.override
      ? [{ t: e.t, seq: e.seq, phase: PHASES[PHASES.indexOf(e.phase) - 1] ?? e.phase, reason: e.override }]
      : e.kind === 'end' && e.override
        ? [{ t: e.t, seq: e.seq, phase: 'resolve' as const, reason: e.override }]
        : [],
  );
  const notes = logEntries(ctx).flatMap((e) => (e.kind === 'note' ? [{ t: e.t, seq: e.seq, text: e.text, ...(e.role ? { role: e.role } : {}) }] : []));

  return {
    scenario: { id: s.id, version: s.version },
    ended: ctx.status === 'ended',
    durationSeconds: ctx.endedAt ?? ctx.now,
    total,
    rating: rate(total),
    criteria,
    phases,
    roles,
    tasks: all,
    ...feedback(c, ctx, results),
    improvements,
    overrides,
    notes,
  };
}
