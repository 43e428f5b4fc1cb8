import { describe, expect, it } from 'vitest';
import { stateOf, checkQuality, compile, parseTranscript, replay, scoreDrill, makeTranscript, type CompiledScenario } from '../../src/engine';
import { POLICIES, type Policy } from '../../src/sim/policies';
import { loadScenarioFile, scenarioFiles } from '../../src/node/scenarioFiles';
import { simulate } from '../../src/sim/simulate';
import { mini } from '../helpers/drill';

const score = (c: CompiledScenario, policy: Policy, seed = 1) => scoreDrill(c, stateOf(replay(c, simulate(c, policy, seed)).final));
const SEEDS = [1, 2, 3];

describe('automatic players', () => {
  const c = mini();

  it('play a whole drill to its end with every event accepted', () => {
    for (const policy of POLICIES) {
      const events = simulate(c, policy, 7);
      const { steps, final } = replay(c, events);
      expect(steps.filter((s) => s.refusal)).toEqual([]);
      expect(stateOf(final).status).toBe('ended');
    }
  });

  it('the same seed gives the same transcript; different seeds differ', () => {
    expect(simulate(c, 'random', 5)).toEqual(simulate(c, 'random', 5));
    const runs = [1, 2, 3].map((seed) => JSON.stringify(simulate(c, 'random', seed).map(({ id: _id, ...e }) => e)));
    expect(new Set(runs).size).toBe(3);
  });

  it('ideal play scores high and negligent play low', () => {
    expect(score(c, 'ideal').total).toBeGreaterThanOrEqual(85);
    expect(score(c, 'negligent').total).toBeLessThanOrEqual(40);
  });

  it('a simulated transcript survives the file format round trip', () => {
    const file = JSON.parse(JSON.stringify(makeTranscript(c.scenario, { source: 'simulate' }, simulate(c, 'ideal', 1))));
    const loaded = parseTranscript(file);
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(scoreDrill(loaded.value.compiled, stateOf(replay(loaded.value.compiled, loaded.value.file.events).final))).toEqual(score(c, 'ideal'));
  });
});

describe('the shipped scenarios', () => {
  const files = scenarioFiles();

  it('cover the three families the banks asked for first', () => {
    const categories = files.map((f) => {
      const loaded = loadScenarioFile(f);
      return loaded.ok ? loaded.scenario.category : `invalid: ${f}`;
    });
    expect(categories).toEqual(expect.arrayContaining(['group-complaint', 'data-leak', 'product-loss']));
  });

  describe.each(files.map((f) => [f.split('/').pop() as string, f]))('%s', (_name, file) => {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    const s = loaded.scenario;
    const c = compile(s);

    it('is complete: roles, injects in every phase, decisions with consequences, contingencies, feedback', () => {
      expect(s.roles.filter((r) => r.kind === 'player').length).toBeGreaterThanOrEqual(6);
      expect(s.roles.filter((r) => r.kind === 'player').every((r) => r.briefing.private)).toBe(true);
      expect(s.injects.length).toBeGreaterThanOrEqual(12);
      expect(new Set(s.injects.map((i) => i.phase))).toEqual(new Set(['report', 'assess', 'escalate', 'resolve']));
      expect(s.injects.filter((i) => i.trigger.type === 'missed').length).toBeGreaterThanOrEqual(2);
      const consequential = s.tasks.filter((t) => (t.kind === 'single' || t.kind === 'multiple') && t.options.some((o) => o.effects.length > 0));
      expect(consequential.length).toBeGreaterThanOrEqual(3);
      expect(s.tasks.filter((t) => t.deadline !== undefined && t.rule).length).toBeGreaterThanOrEqual(2);
    });

    it('passes the scenario-quality check with no warning', () => {
      expect(checkQuality(s)).toEqual([]);
    });

    // The score measures judgement: guessing, idling or rushing does not score well.
    describe.each(SEEDS)('seed %i', (seed) => {
      const totals = Object.fromEntries(POLICIES.map((p) => [p, score(c, p, seed)]));
      const total = (p: Policy) => totals[p]?.total ?? NaN;

      it('ideal ≥ 85, negligent ≤ 40, idle ≤ 10, rush ≤ 15', () => {
        expect(total('ideal')).toBeGreaterThanOrEqual(85);
        expect(total('negligent')).toBeLessThanOrEqual(40);
        expect(total('idle')).toBeLessThanOrEqual(10);
        expect(total('rush')).toBeLessThanOrEqual(15);
      });

      it('a test-wise team (longest option, every box ticked, generic text) scores ≤ 55 and is never rated P or S', () => {
        expect(total('testwise')).toBeLessThanOrEqual(55);
        expect(['M', 'U']).toContain(totals.testwise?.rating);
      });

      it('random play lands strictly between negligent and ideal play', () => {
        expect(total('random')).toBeGreaterThan(total('negligent'));
        expect(total('random')).toBeLessThan(total('ideal'));
      });
    });

    it('three random seeds give three different transcripts, each replaying without a refusal', () => {
      const runs = [1, 2, 3].map((seed) => simulate(c, 'random', seed));
      expect(new Set(runs.map((r) => JSON.stringify(r.map(({ id: _id, ...e }) => e)))).size).toBe(3);
      for (const events of runs) expect(replay(c, events).steps.filter((x) => x.refusal)).toEqual([]);
    });
  });
});
