/**
 * The dynamic half of the map's marks: what fired and what opened over drills played by the
 * automatic players (src/sim). A run can only show that something can happen, never that it
 * cannot — the static analysis (./reach.ts) decides the "never" marks; this tells a trainer how
 * often an item came up in practice (an inject that fired in no run may still be reachable).
 */
import { replay, stateOf, type CompiledScenario } from '../../engine';
import { POLICIES, type Policy } from '../../sim/policies';
import { simulate } from '../../sim/simulate';

export type Coverage = {
  runs: number;
  /** Runs in which each inject fired (by the scenario's rules or a player; the facilitator's hand excluded). */
  injects: Record<string, number>;
  /** Runs in which each task opened. */
  tasks: Record<string, number>;
};
export type Run = { policy: Policy; seed: number };

/** Every automatic player with seeds 1–3. */
export const DEFAULT_RUNS: Run[] = POLICIES.flatMap((policy) => [1, 2, 3].map((seed) => ({ policy, seed })));

export function simulatedCoverage(c: CompiledScenario, runs: Run[] = DEFAULT_RUNS): Coverage {
  const out: Coverage = { runs: runs.length, injects: {}, tasks: {} };
  for (const { policy, seed } of runs) {
    const state = stateOf(replay(c, simulate(c, policy, seed)).final);
    for (const [id, fired] of Object.entries(state.injects)) if (fired.cause !== 'facilitator') out.injects[id] = (out.injects[id] ?? 0) + 1;
    for (const id of Object.keys(state.tasks)) out.tasks[id] = (out.tasks[id] ?? 0) + 1;
  }
  return out;
}
