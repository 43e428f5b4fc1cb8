/** Evaluates scenario conditions (data, never code) against the drill's context. */
import { PHASES } from '../scenario/constants';
import type { Condition } from '../scenario/schema';
import type { DrillContext } from './context';

export function holds(c: Condition, ctx: DrillContext): boolean {
  switch (c.type) {
    case 'all':
      return c.of.every((sub) => holds(sub, ctx));
    case 'any':
      return c.of.some((sub) => holds(sub, ctx));
    case 'not':
      return !holds(c.of, ctx);
    case 'var':
      return compare(ctx.vars[c.var] ?? 0, c.cmp, c.value);
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
  }
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
