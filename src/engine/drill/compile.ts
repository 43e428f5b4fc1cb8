/** Step three of validation: build the machine. compileScenario runs all three steps. */
import { validateScenario, type Validated } from '../scenario/validate';
import { compile, type CompiledScenario } from './build';

export { compile, type CompiledScenario };

export function compileScenario(value: unknown): Validated<CompiledScenario> {
  const valid = validateScenario(value);
  if (!valid.ok) return valid;
  try {
    return { ok: true, value: compile(valid.value) };
  } catch (error) {
    return { ok: false, issues: [{ path: '$', message: `the drill machine could not be built: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
