/** The studio's live check: the project's own validator (shape, references, the drill machine) and quality check. */
import { checkQuality, compileScenario, type CompiledScenario, type Issue } from '../../engine';
import { parsePath, pathText, type Path } from './paths';

export type Problem = { severity: 'error' | 'warning'; path: Path; message: string };
export type Checked = { problems: Problem[]; compiled: CompiledScenario | null };

export function checkDraft(draft: unknown): Checked {
  const result = compileScenario(draft);
  if (!result.ok) return { compiled: null, problems: result.issues.map((i) => ({ severity: 'error', path: parsePath(i.path), message: i.message })) };
  const warnings = checkQuality(result.value.scenario).map((i): Problem => ({ severity: 'warning', path: parsePath(i.path), message: i.message }));
  return { compiled: result.value, problems: warnings };
}

export const hasErrors = (c: Checked) => c.problems.some((p) => p.severity === 'error');

/**
 * The studio's problems in the validator's own form (`{path, message}`, the path as text), split
 * by severity, for what reads those: the drill map's `mapProblems` puts each on its card or lane.
 */
export function asIssues(problems: Problem[]): { errors: Issue[]; warnings: Issue[] } {
  const of = (severity: Problem['severity']) => problems.filter((p) => p.severity === severity).map((p) => ({ path: pathText(p.path), message: p.message }));
  return { errors: of('error'), warnings: of('warning') };
}
