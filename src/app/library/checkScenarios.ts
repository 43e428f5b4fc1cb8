/** Checks scenario files with the engine's validator before the library offers them. */
import { validateScenario, type Issue, type Scenario } from '../../engine';

/** `bank`: one of the bank's own scenarios, published on the drill server (at its latest revision). */
export type LibraryEntry = ({ file: string; ok: true; scenario: Scenario } | { file: string; ok: false; issue: Issue }) & { bank?: { revision: number } };

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
