/** The scenarios bundled with the app, each checked by the engine before it is offered. */
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

/** The scenarios shipped in scenarios/, loaded on demand (they are not part of the first download). */
export async function loadBundledScenarios(): Promise<LibraryEntry[]> {
  const loaders = import.meta.glob('../../../scenarios/*.json', { import: 'default' });
  const modules = Object.fromEntries(await Promise.all(Object.entries(loaders).filter(([path]) => !path.endsWith('/schema.json')).map(async ([path, load]) => [path, await load()] as const)));
  return checkScenarios(modules);
}
