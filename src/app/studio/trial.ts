/**
 * "Try it": every automatic player on the draft (seeds 1–3), scored by the debrief's scorer as
 * `npm run scores` does, and read against the targets a scenario must meet
 * (docs/scenario-format.md, "Automatic players").
 */
import { compile, replay, scoreDrill, stateOf, type Rating, type Scenario } from '../../engine';
import { POLICIES, type Policy } from '../../sim/policies';
import { simulate } from '../../sim/simulate';

export const SEEDS = [1, 2, 3] as const;
export type Run = { seed: number; total: number | null; rating: Rating | null };
export type PolicyResult = { policy: Policy; runs: Run[]; meets: boolean };
export type TrialResult = { results: PolicyResult[]; meetsAll: boolean };

/** The bound each player's totals must keep (random: strictly between negligent's best and ideal's worst). */
export const TARGETS: Record<Exclude<Policy, 'random'>, { max?: number; min?: number; notRated?: Rating[] }> = {
  ideal: { min: 85 },
  negligent: { max: 40 },
  idle: { max: 10 },
  rush: { max: 15 },
  testwise: { max: 55, notRated: ['P', 'S'] },
};

export function runTrial(scenario: Scenario, onPolicy?: (done: number, total: number) => void): TrialResult {
  const c = compile(scenario);
  const raw = POLICIES.map((policy, i) => {
    const runs = SEEDS.map((seed): Run => {
      const d = scoreDrill(c, stateOf(replay(c, simulate(c, policy, seed)).final));
      return { seed, total: d.total, rating: d.rating };
    });
    onPolicy?.(i + 1, POLICIES.length);
    return { policy, runs };
  });
  const totals = (p: Policy) => raw.find((r) => r.policy === p)?.runs.map((r) => r.total ?? 0) ?? [];
  const negligentTop = Math.max(...totals('negligent'));
  const idealBottom = Math.min(...totals('ideal'));
  const results = raw.map(({ policy, runs }): PolicyResult => {
    const value = (r: Run) => r.total ?? 0;
    if (policy === 'random') return { policy, runs, meets: runs.every((r) => value(r) > negligentTop && value(r) < idealBottom) };
    const target = TARGETS[policy];
    const meets = runs.every(
      (r) => (target.min === undefined || value(r) >= target.min) && (target.max === undefined || value(r) <= target.max) && !(r.rating && target.notRated?.includes(r.rating)),
    );
    return { policy, runs, meets };
  });
  return { results, meetsAll: results.every((r) => r.meets) };
}
