import { describe, expect, it } from 'vitest';
import { compile, packCheckpoints, replay, replayCheckpoints, stateAt, stateOf, unpackCheckpoints, type CompiledScenario, type DrillEvent } from '../../src/engine';
import { loadScenarioFile, scenarioFiles } from '../../src/node/scenarioFiles';
import { simulate } from '../../src/sim/simulate';
import { format2 } from '../helpers/drill';

/** What a reviewer sees of a state: the context with its timeline as entries, and the mode. */
const seen = (_c: CompiledScenario, s: Parameters<typeof stateOf>[0]) => {
  const { log, ...rest } = stateOf(s);
  const entries = [];
  for (let n = log; n; n = n.prev) entries.unshift(n.entry);
  return { ...rest, log: entries };
};

const drills = (): [string, CompiledScenario, DrillEvent[]][] => [
  ['format2 fixture', format2(), simulate(format2(), 'random', 3)],
  ...scenarioFiles().flatMap((f) => {
    const l = loadScenarioFile(f);
    if (!l.ok) throw new Error(f);
    const c = compile(l.scenario);
    return [[`${l.scenario.id} ideal`, c, simulate(c, 'ideal', 1)] as [string, CompiledScenario, DrillEvent[]], [`${l.scenario.id} random`, c, simulate(c, 'random', 2)] as [string, CompiledScenario, DrillEvent[]]];
  }),
];

describe('checkpointed replay (the review scrubber)', () => {
  it.each(drills())('%s: every position, reached from checkpoints sent through a worker’s message, is the state replay gives', (_name, c, events) => {
    // a refused event too: a damaged file keeps it, and the count of refused events says so
    const damaged = [...events.slice(0, 5), { ...(events[3] as DrillEvent) }, ...events.slice(5).map((e) => ({ ...e, seq: e.seq + 1 }))];
    const full = replay(c, damaged);
    const every = 4;
    // structuredClone is what postMessage does to the packed checkpoints
    const cp = unpackCheckpoints(c, structuredClone(packCheckpoints(replayCheckpoints(c, damaged, every))));
    expect(cp.refused).toEqual(full.steps.flatMap((s, i) => (s.refusal ? [i + 1] : [])));
    expect(cp.refused.length).toBeGreaterThan(0);
    expect(seen(c, cp.final)).toEqual(seen(c, full.final));
    let near;
    for (let pos = 0; pos <= damaged.length; pos++) {
      const expected = pos === 0 ? cp.states[0]! : full.steps[pos - 1]!.snapshot;
      // straight from the checkpoints, and stepping on from the position before (playing, "next")
      expect(seen(c, stateAt(c, damaged, cp, pos).snapshot)).toEqual(seen(c, expected));
      near = stateAt(c, damaged, cp, pos, near);
      expect(near.pos).toBe(pos);
      expect(seen(c, near.snapshot)).toEqual(seen(c, expected));
      expect(near.snapshot.value).toEqual(expected.value);
    }
    // stepping on from a restored checkpoint gives what stepping on from the real one does
    const last = damaged.length;
    expect(seen(c, stateAt(c, damaged, cp, last + 10).snapshot)).toEqual(seen(c, full.final));
  });
});
