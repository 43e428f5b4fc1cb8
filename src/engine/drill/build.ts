/** Building the machine for a scenario already validated (what a browser following a drill needs). */
import type { Scenario } from '../scenario/schema';
import { indexScenario, type ScenarioIndex } from './compiled';
import { buildMachine, type DrillMachine } from './machine';

export type CompiledScenario = ScenarioIndex & { machine: DrillMachine };

export function compile(scenario: Scenario): CompiledScenario {
  const index = indexScenario(scenario);
  return { ...index, machine: buildMachine(index) };
}
