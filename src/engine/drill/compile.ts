/**
 * Compiling a validated scenario: its lookup tables (built once and shared by the machine,
 * stepping and scoring) and its XState machine. Validation is `compileScenario` in
 * ../scenario/validate.ts; this file needs no validator, so a browser following a drill does
 * not download one.
 */
import type { Condition, Inject, Observation, Phase, PhaseId, Scenario, Task } from '../scenario/schema';
import { upgradeScenario } from '../scenario/upgrade';
import { buildMachine, type DrillMachine } from './machine';

export type ScenarioIndex = {
  scenario: Scenario;
  tasks: Map<string, Task>;
  injects: Map<string, Inject>;
  phases: Map<PhaseId, Phase>;
  roles: Set<string>;
  playerRoles: string[];
  /** Roles a participant may be seated in: the player roles, and simulated roles with injects it may send (`playable`). */
  seatRoles: string[];
  varLimits: Map<string, { min: number; max: number }>;
  observations: Map<string, Observation>;
  /** The rubric's criteria by id (what the facilitator and peers rate). */
  criteria: Set<string>;
  /** Every `time` condition of the scenario: the drill wakes when one may come to hold. */
  timeConditions: Extract<Condition, { type: 'time' }>[];
};

/** The `time` conditions anywhere in a scenario (conditions are the only objects with `type: "time"` and `atLeast`). */
function timeConditionsOf(value: unknown, out: Extract<Condition, { type: 'time' }>[] = []): Extract<Condition, { type: 'time' }>[] {
  if (Array.isArray(value)) for (const v of value) timeConditionsOf(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.type === 'time' && 'atLeast' in o) out.push(o as Extract<Condition, { type: 'time' }>);
    else for (const v of Object.values(o)) timeConditionsOf(v, out);
  }
  return out;
}

export function indexScenario(stored: Scenario): ScenarioIndex {
  const scenario = upgradeScenario(stored);
  return {
    scenario,
    tasks: new Map(scenario.tasks.map((t) => [t.id, t])),
    injects: new Map(scenario.injects.map((i) => [i.id, i])),
    phases: new Map(scenario.phases.map((p) => [p.id, p])),
    roles: new Set(scenario.roles.map((r) => r.id)),
    playerRoles: scenario.roles.filter((r) => r.kind === 'player').map((r) => r.id),
    seatRoles: scenario.roles.filter((r) => r.kind === 'player' || scenario.injects.some((i) => i.playable && i.from === r.id)).map((r) => r.id),
    varLimits: new Map(scenario.variables.map((v) => [v.id, { min: v.min, max: v.max }])),
    observations: new Map(scenario.observations.map((o) => [o.id, o])),
    criteria: new Set(scenario.rubric.map((r) => r.id)),
    timeConditions: timeConditionsOf([scenario.phases, scenario.injects, scenario.tasks]),
  };
}


export type CompiledScenario = ScenarioIndex & { machine: DrillMachine };

export function compile(scenario: Scenario): CompiledScenario {
  const index = indexScenario(scenario);
  return { ...index, machine: buildMachine(index) };
}
