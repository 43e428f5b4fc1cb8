/** Checks scenario files with the engine's validator before the library offers them. */
import { validateScenario, type Issue, type Scenario } from '../../engine';

export type LibraryEntry = { file: string; ok: true; scenario: Scenario } | { file: string; ok: false; issue: Issue };

export function checkScenarios(modules: Record<string, unknown>): LibraryEntry[] {
  return Object.entries(modules)
    .filter(([path]) => !path.endsWith('/schema.json'))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([path, json]) => {
      const file = path.split('/').pop() ?? path;
      const result = validateScenario(json);
      return result.ok ? { file, ok: true, scenario: result.value } : { file, ok: false, issue: result.issues[0] ?? { path: '$', message: 'invalid' } };
    });
}
