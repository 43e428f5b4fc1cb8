/**
 * The injects the facilitator may fire by hand, grouped the way the facilitator thinks of them,
 * and what firing one does to the score (read from the rubric as src/engine/debrief/score.ts
 * reads it: an `avoided` measure counts the inject against the team; a `variable` measure
 * moves with the variables its effects change).
 */
import type { CompiledScenario, Criterion, DrillState, Inject } from '../../engine';
import { handInjects } from '../drill/selectors';

export type HandGroup = 'on-demand' | 'contingency' | 'consequence';
export const HAND_GROUPS: readonly HandGroup[] = ['on-demand', 'contingency', 'consequence'];

/** How firing an inject reaches a criterion's score. */
export type ScoreReach = { criterion: Criterion; avoided: boolean; vars: string[] };

/** Criteria whose score changes if `inject` fires (also through injects its effects fire). */
export function scoreReach(c: CompiledScenario, inject: Inject): ScoreReach[] {
  const injects = new Set<string>();
  const vars = new Set<string>();
  const visit = (id: string) => {
    const inj = c.injects.get(id);
    if (!inj || injects.has(id)) return;
    injects.add(id);
    for (const e of inj.effects) {
      if (e.type === 'add' || e.type === 'set') vars.add(e.var);
      else if (e.type === 'fire') visit(e.inject);
    }
  };
  visit(inject.id);
  return c.scenario.rubric.flatMap((criterion) => {
    const avoided = criterion.measures.some((m) => m.type === 'avoided' && m.injects.some((id) => injects.has(id)));
    const read = criterion.measures.flatMap((m) => (m.type === 'variable' && vars.has(m.var) ? [m.var] : []));
    return avoided || read.length > 0 ? [{ criterion, avoided, vars: read }] : [];
  });
}

/** contingency: fires when a deadline is missed; consequence: the score counts it as something to avoid; on demand: the rest. */
export function handGroup(c: CompiledScenario, inject: Inject): HandGroup {
  if (inject.trigger.type === 'missed') return 'contingency';
  return c.scenario.rubric.some((cr) => cr.measures.some((m) => m.type === 'avoided' && m.injects.includes(inject.id))) ? 'consequence' : 'on-demand';
}

/** The hand-fire list, by group, in scenario order. */
export function handFireGroups(c: CompiledScenario, ctx: DrillState): { group: HandGroup; injects: Inject[] }[] {
  const all = handInjects(c, ctx);
  return HAND_GROUPS.map((group) => ({ group, injects: all.filter((i) => handGroup(c, i) === group) })).filter((g) => g.injects.length > 0);
}
