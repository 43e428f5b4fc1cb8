/** Load and fully check scenario files from disk: bytes, shape, references, build, images. */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileScenario, named, type Issue, type Scenario } from '../engine';
import { readJsonFile } from './files';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const SCENARIO_DIR = join(PROJECT_ROOT, 'scenarios');
export const PUBLIC_DIR = join(PROJECT_ROOT, 'public');

export type LoadedScenario = { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] };

export function loadScenarioFile(file: string): LoadedScenario {
  const json = readJsonFile(file);
  if (!json.ok) return { ok: false, issues: [{ path: '$', message: json.message }] };
  const compiled = compileScenario(json.value);
  if (!compiled.ok) return compiled;
  const missing = missingImages(compiled.value.scenario);
  return missing.length ? { ok: false, issues: missing } : { ok: true, scenario: compiled.value.scenario };
}

/** Images are the one reference the pure engine cannot check: they live in public/. */
function missingImages(s: Scenario): Issue[] {
  return named(
    s,
    s.injects.flatMap((inj, i) => (inj.image && !existsSync(join(PUBLIC_DIR, inj.image)) ? [{ path: `$.injects[${i}].image`, message: `"${inj.image}" is not a file in public/` }] : [])),
  );
}

/** Every shipped scenario file (schema.json excluded). */
export function scenarioFiles(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .sort()
    .map((f) => join(dir, f));
}
