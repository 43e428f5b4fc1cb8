/**
 * The map's problem marks from the project's own checks: an issue of `validateScenario` or
 * `checkQuality` (`{path, message}`, the path naming list elements by index, e.g.
 * `$.injects[3] (crowd).trigger`) belongs to the inject, task or phase its path starts in.
 */
import type { Issue, ScenarioInput } from '../../engine';
import type { ItemKind } from './model';

export type ItemProblem = { kind: ItemKind; id: string; severity: 'error' | 'warning'; path: string; message: string };

const LISTS: Record<string, ItemKind> = { injects: 'inject', tasks: 'task', phases: 'phase' };

/** The item an issue's path points into, if it points into an inject, a task or a phase. */
export function itemOfPath(scenario: ScenarioInput, path: string): { kind: ItemKind; id: string } | null {
  const m = /^\$\.(injects|tasks|phases)\[(\d+)\]/.exec(path);
  if (!m) return null;
  const kind = LISTS[m[1] as string] as ItemKind;
  const list = scenario[m[1] as 'injects' | 'tasks' | 'phases'] as { id?: unknown }[] | undefined;
  const id = list?.[Number(m[2])]?.id;
  return typeof id === 'string' ? { kind, id } : null;
}

/** The issues that belong to a card or a lane, for DrillMap's `problems`. */
export function mapProblems(scenario: ScenarioInput, issues: { errors?: Issue[]; warnings?: Issue[] }): ItemProblem[] {
  const out: ItemProblem[] = [];
  for (const [severity, list] of [
    ['error', issues.errors ?? []],
    ['warning', issues.warnings ?? []],
  ] as const)
    for (const issue of list) {
      const item = itemOfPath(scenario, issue.path);
      if (item) out.push({ ...item, severity, path: issue.path, message: issue.message });
    }
  return out;
}
