/** Step three of validation: build the machine. compileScenario runs all three steps. */
import type { Scenario } from '../scenario/schema';
import { validateScenario, type Validated } from '../scenario/validate';
import { indexScenario, type ScenarioIndex } from './compiled';
import { buildMachine, type DrillMachine } from './machine';

export type CompiledScenario = ScenarioIndex & { machine: DrillMachine };

export function compileScenario(value: unknown): Validated<CompiledScenario> {
  const valid = validateScenario(value);
  if (!valid.ok) return valid;
  try {
    return { ok: true, value: compile(valid.value) };
  } catch (error) {
    return { ok: false, issues: [{ path: '$', message: `the drill machine could not be built: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/** Builds an already validated scenario. */
export function compile(scenario: Scenario): CompiledScenario {
  const index = indexScenario(scenario);
  return { ...index, machine: buildMachine(index) };
}
