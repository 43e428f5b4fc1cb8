/**
 * Scenarios stored before a format change (a drill in progress in the browser, a session in
 * the server's database) lack the fields added since. They were valid when stored; this fills
 * those fields with their defaults, without the validator (a participant's browser does not
 * download it).
 */
import type { Scenario } from './schema';

export function upgradeScenario(s: Scenario): Scenario {
  const old = s as Omit<Scenario, 'observations'> & { observations?: Scenario['observations'] };
  if (old.observations && s.tasks.every((t) => t.branch !== undefined)) return s;
  return {
    ...s,
    observations: old.observations ?? [],
    tasks: s.tasks.map((t) => (t.branch !== undefined ? t : { ...t, branch: false })),
    rubric: s.rubric.map((c) => (c.measures ? c : { ...c, measures: [] })),
  };
}
