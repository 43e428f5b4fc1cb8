/**
 * The one migration path. A file of format 1 (no `format` field) is a valid format 2 file with
 * defaults, so reading it needs nothing here. Scenarios stored before a format change (a drill
 * in progress in the browser, a session in the server's database) lack the fields added since.
 * They were valid when stored; this fills those fields with their defaults, without the
 * validator (a participant's browser does not download it).
 */
import type { Scenario } from './schema';

export function upgradeScenario(s: Scenario): Scenario {
  const old = s as Omit<Scenario, 'observations' | 'parameters'> & { observations?: Scenario['observations']; parameters?: Scenario['parameters'] };
  if (old.observations && old.parameters && s.tasks.every((t) => t.branch !== undefined)) return s;
  return {
    ...s,
    observations: old.observations ?? [],
    parameters: old.parameters ?? [],
    tasks: s.tasks.map((t) => (t.branch !== undefined ? t : { ...t, branch: false })),
    rubric: s.rubric.map((c) => (c.measures ? c : { ...c, measures: [] })),
  };
}
