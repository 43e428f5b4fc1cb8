/** The studio's live check: the project's own validator (shape, references, the drill machine) and quality check. */
import { checkQuality, compileScenario, type CompiledScenario } from '../../engine';
import { parsePath, type Path } from './paths';

export type Problem = { severity: 'error' | 'warning'; path: Path; message: string };
export type Checked = { problems: Problem[]; compiled: CompiledScenario | null };

export function checkDraft(draft: unknown): Checked {
  const result = compileScenario(draft);
  if (!result.ok) return { compiled: null, problems: result.issues.map((i) => ({ severity: 'error', path: parsePath(i.path), message: i.message })) };
  const warnings = checkQuality(result.value.scenario).map((i): Problem => ({ severity: 'warning', path: parsePath(i.path), message: i.message }));
  return { compiled: result.value, problems: warnings };
}

export const hasErrors = (c: Checked) => c.problems.some((p) => p.severity === 'error');
