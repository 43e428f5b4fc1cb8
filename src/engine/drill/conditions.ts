/** Evaluates scenario conditions (data, never code) against the drill's context. */
import { PHASES, RATINGS } from '../scenario/constants';
import type { Condition } from '../scenario/schema';
import type { DrillState } from './context';
import { amountOf } from './parameters';
import { minutesToSeconds } from '../scenario/constants';

export function holds(c: Condition, ctx: DrillState): boolean {
  switch (c.type) {
    case 'all':
      return c.of.every((sub) => holds(sub, ctx));
    case 'any':
      return c.of.some((sub) => holds(sub, ctx));
    case 'not':
      return !holds(c.of, ctx);
    case 'var':
      return compare(ctx.vars[c.var] ?? 0, c.cmp, amountOf(c.value, ctx.params));
    case 'flag':
      return ctx.flags[c.flag] === true;
    case 'done':
      return ctx.tasks[c.task]?.answer !== undefined;
    case 'on-time': {
      const t = ctx.tasks[c.task];
      return t?.answeredAt !== undefined && (t.dueAt === undefined || t.answeredAt <= t.dueAt);
    }
    case 'chose': {
      const a = ctx.tasks[c.task]?.answer;
      return (a?.kind === 'single' && a.option === c.option) || (a?.kind === 'multiple' && a.options.includes(c.option));
    }
    case 'fired':
      return ctx.injects[c.inject] !== undefined;
    case 'phase':
      return ctx.phase !== null && PHASES.indexOf(ctx.phase) >= PHASES.indexOf(c.atLeast);
    case 'rated': {
      // P > S > M > U: earlier in RATINGS is better.
      const r = ctx.tasks[c.task]?.rating;
      return r !== undefined && RATINGS.indexOf(r) <= RATINGS.indexOf(c.atLeast);
    }
    case 'time': {
      const since = timeBase(ctx, c.from ?? 'phase');
      return since !== undefined && ctx.now - since >= minutesToSeconds(amountOf(c.atLeast, ctx.params));
    }
  }
}

/** When a `time` condition starts counting: the current phase's start, or the drill's (undefined before the start). */
export function timeBase(ctx: DrillState, from: 'phase' | 'drill'): number | undefined {
  if (from === 'drill') return ctx.phaseStartedAt.report;
  return ctx.phase ? ctx.phaseStartedAt[ctx.phase] : undefined;
}

function compare(a: number, cmp: '<' | '<=' | '==' | '!=' | '>=' | '>', b: number): boolean {
  switch (cmp) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '>=':
      return a >= b;
    case '>':
      return a > b;
  }
}
