/** Plain selector functions from the drill's context to what the views show. */
import { exitAllowed, PHASES, type CompiledScenario, type DrillContext, type Inject, type Task, type TaskState } from '../../engine';

export type FiredInjectView = { inject: Inject; at: number; seq: number; cause: string };

/** Injects that have fired, newest first. */
export function firedInjects(c: CompiledScenario, ctx: DrillContext): FiredInjectView[] {
  return Object.entries(ctx.injects)
    .flatMap(([id, f]) => {
      const inject = c.injects.get(id);
      return inject ? [{ inject, at: f.at, seq: f.seq, cause: f.cause }] : [];
    })
    .sort((a, b) => b.at - a.at || b.seq - a.seq || c.scenario.injects.indexOf(b.inject) - c.scenario.injects.indexOf(a.inject));
}

/** What the room may see: public injects only. */
export const publicInjects = (c: CompiledScenario, ctx: DrillContext) => firedInjects(c, ctx).filter((f) => f.inject.public);

/** The messages a role receives: injects addressed to it or to everyone. */
export const injectsForRole = (c: CompiledScenario, ctx: DrillContext, role: string) =>
  firedInjects(c, ctx).filter((f) => f.inject.to === 'all' || f.inject.to.includes(role));

/** Injects scheduled to fire, soonest first. */
export function upcomingInjects(c: CompiledScenario, ctx: DrillContext) {
  return [...ctx.scheduled]
    .sort((a, b) => a.at - b.at)
    .flatMap((s) => {
      const inject = c.injects.get(s.inject);
      return inject ? [{ inject, at: s.at }] : [];
    });
}

/** Injects the facilitator may fire by hand: not fired and not already scheduled. */
export function handInjects(c: CompiledScenario, ctx: DrillContext) {
  return c.scenario.injects.filter((i) => !ctx.injects[i.id] && !ctx.scheduled.some((s) => s.inject === i.id) && i.trigger.type !== 'time');
}

export type TaskView = { task: Task; state: TaskState; overdue: boolean; dueIn?: number };

/** Open (unanswered) tasks, optionally for one role, most urgent first. */
export function openTasks(c: CompiledScenario, ctx: DrillContext, now: number, role?: string): TaskView[] {
  return c.scenario.tasks
    .flatMap((task) => {
      const state = ctx.tasks[task.id];
      if (!state || state.answer || (role && !task.roles.includes(role))) return [];
      const dueIn = state.dueAt !== undefined ? state.dueAt - now : undefined;
      return [{ task, state, overdue: dueIn !== undefined && dueIn < 0, ...(dueIn !== undefined ? { dueIn } : {}) }];
    })
    .sort((a, b) => (a.dueIn ?? Infinity) - (b.dueIn ?? Infinity));
}

/** Answered tasks, optionally for one role. */
export function answeredTasks(c: CompiledScenario, ctx: DrillContext, role?: string) {
  return c.scenario.tasks.flatMap((task) => {
    const state = ctx.tasks[task.id];
    return state?.answer && (!role || task.roles.includes(role)) ? [{ task, state }] : [];
  });
}

/** Free-text answers waiting for the facilitator's P/S/M/U rating. */
export const unratedAnswers = (c: CompiledScenario, ctx: DrillContext) => answeredTasks(c, ctx).filter(({ task, state }) => task.kind === 'text' && !state.rating);

export type RoleStatus = { role: string; done: number; open: number; overdue: number };

/** The role status board: per player role, tasks done, open and overdue. */
export function roleBoard(c: CompiledScenario, ctx: DrillContext, now: number): RoleStatus[] {
  return c.playerRoles.map((role) => {
    const mine = c.scenario.tasks.filter((t) => t.roles[0] === role && ctx.tasks[t.id]);
    const open = mine.filter((t) => !ctx.tasks[t.id]?.answer);
    return {
      role,
      done: mine.length - open.length,
      open: open.length,
      overdue: open.filter((t) => {
        const due = ctx.tasks[t.id]?.dueAt;
        return due !== undefined && due < now;
      }).length,
    };
  });
}

export const publicVariables = (c: CompiledScenario, ctx: DrillContext) =>
  c.scenario.variables.filter((v) => v.public).map((v) => ({ variable: v, value: ctx.vars[v.id] ?? v.initial }));

export function phaseProgress(c: CompiledScenario, ctx: DrillContext) {
  const index = ctx.phase ? PHASES.indexOf(ctx.phase) : -1;
  return {
    phase: ctx.phase ? c.phases.get(ctx.phase) : undefined,
    index,
    exitAllowed: ctx.status !== 'briefing' && ctx.status !== 'ended' && exitAllowed(c, ctx),
    isLast: index === PHASES.length - 1,
  };
}
