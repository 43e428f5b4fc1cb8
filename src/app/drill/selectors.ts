/** Plain selector functions from the drill's context to what the views show. */
import { exitAllowed, fillLocal, injectWords, PHASES, type CompiledScenario, type DrillState, type Inject, type LocalText, type Task, type TaskState } from '../../engine';

export type FiredInjectView = { inject: Inject; at: number; seq: number; cause: string };

/** Injects that have fired, newest first. */
export function firedInjects(c: CompiledScenario, ctx: DrillState): FiredInjectView[] {
  return Object.entries(ctx.injects)
    .flatMap(([id, f]) => {
      const inject = c.injects.get(id);
      return inject ? [{ inject: injectWords(c.scenario, ctx, inject, f.at, f.variant), at: f.at, seq: f.seq, cause: f.cause }] : [];
    })
    .sort((a, b) => b.at - a.at || b.seq - a.seq || c.scenario.injects.indexOf(b.inject) - c.scenario.injects.indexOf(a.inject));
}

/** Injects scheduled to fire, soonest first. */
export function upcomingInjects(c: CompiledScenario, ctx: DrillState) {
  return [...ctx.scheduled]
    .sort((a, b) => a.at - b.at)
    .flatMap((s) => {
      const inject = c.injects.get(s.inject);
      return inject ? [{ inject: injectWords(c.scenario, ctx, inject, s.at), at: s.at }] : [];
    });
}

/** Injects the facilitator may fire by hand: not fired and not already scheduled. */
export function handInjects(c: CompiledScenario, ctx: DrillState) {
  return c.scenario.injects.filter((i) => !ctx.injects[i.id] && !ctx.scheduled.some((s) => s.inject === i.id) && i.trigger.type !== 'time').map((i) => injectWords(c.scenario, ctx, i, ctx.now));
}

export type TaskView = { task: Task; state: TaskState; overdue: boolean; dueIn?: number };

/** Open (unanswered) tasks, optionally for one role, most urgent first. */
export function openTasks(c: CompiledScenario, ctx: DrillState, now: number, role?: string): TaskView[] {
  return c.scenario.tasks
    .flatMap((task) => {
      const state = ctx.tasks[task.id];
      if (!state || state.answer || (role && !task.roles.includes(role))) return [];
      const dueIn = state.dueAt !== undefined ? state.dueAt - now : undefined;
      const words = (text: LocalText) => fillLocal(text, c.scenario, state.openedAt, ctx.params);
      const shown = { ...task, title: words(task.title), prompt: words(task.prompt), ...(task.rule ? { rule: words(task.rule) } : {}) } as Task;
      return [{ task: shown, state, overdue: dueIn !== undefined && dueIn < 0, ...(dueIn !== undefined ? { dueIn } : {}) }];
    })
    .sort((a, b) => (a.dueIn ?? Infinity) - (b.dueIn ?? Infinity));
}

/** Answered tasks, optionally for one role. */
export function answeredTasks(c: CompiledScenario, ctx: DrillState, role?: string) {
  return c.scenario.tasks.flatMap((task) => {
    const state = ctx.tasks[task.id];
    return state?.answer && (!role || task.roles.includes(role)) ? [{ task, state }] : [];
  });
}

/** Free-text answers waiting for the facilitator's P/S/M/U rating. */
export const unratedAnswers = (c: CompiledScenario, ctx: DrillState) => answeredTasks(c, ctx).filter(({ task, state }) => task.kind === 'text' && !state.rating);

export function phaseProgress(c: CompiledScenario, ctx: DrillState) {
  const index = ctx.phase ? PHASES.indexOf(ctx.phase) : -1;
  return {
    phase: ctx.phase ? c.phases.get(ctx.phase) : undefined,
    index,
    exitAllowed: ctx.status !== 'briefing' && ctx.status !== 'ended' && exitAllowed(c, ctx),
    isLast: index === PHASES.length - 1,
  };
}
