import { describe, expect, it } from 'vitest';
import { checkQuality } from '../../src/engine';
import { mini } from '../helpers/drill';

type Json = Record<string, any>;
const task = (s: Json, id: string) => s.tasks.find((t: Json) => t.id === id);
const warnings = (edit?: (s: Json) => void) => checkQuality(mini(edit).scenario).map((w) => `${w.path}: ${w.message}`);

describe('the scenario-quality check', () => {
  it('finds nothing to say about a scenario written to the standards', () => {
    expect(warnings()).toEqual([]);
  });

  it('names every task whose best option is also the longest, when that is more than 40% of them, per language', () => {
    const found = warnings((s) => {
      for (const id of ['alert', 'statement', 'extra']) {
        const best = task(s, id).options[0];
        best.label = { 'zh-CN': `${best.label['zh-CN']}，并且说明理由和依据`, en: `${best.label.en}, with the reasons and the rule behind it` };
      }
    });
    expect(found.filter((w) => w.includes('(zh-CN)'))).toEqual([
      expect.stringMatching(/^\$\.tasks\[0\] \(alert\): the best option is also the longest \(zh-CN\) in 3 of 3 single-choice tasks/),
      expect.stringMatching(/^\$\.tasks\[2\] \(statement\): /),
      expect.stringMatching(/^\$\.tasks\[5\] \(extra\): /),
    ]);
    expect(found.filter((w) => w.includes('(en)'))).toHaveLength(3);
  });

  it('lets one task in three have its longest option best (not more than 40%)', () => {
    expect(warnings((s) => (task(s, 'alert').options[0].label = { 'zh-CN': '【中】Call the head now and tell the supervisor', en: 'Call the head now and tell the supervisor' }))).toEqual([]);
  });

  it('asks for at least two wrong items in a checklist', () => {
    expect(warnings((s) => task(s, 'records').items.splice(2))).toEqual(['$.tasks[3] (records).items: has 0 wrong items (negative weight): ticking every item should not win; add at least 2']);
  });

  it('finds a required task that can never open and a manual inject nothing fires', () => {
    const found = warnings((s) => {
      Object.assign(task(s, 'extra'), { required: true, availableWhen: { type: 'var', var: 'anger', cmp: '>', value: 100 } });
      task(s, 'statement').options[1].effects = [];
    });
    expect(found).toEqual([
      '$.tasks[5] (extra).availableWhen: this required task can never open: nothing in the scenario can make its condition hold',
      '$.injects[4] (reporter).trigger: a manual inject that nothing fires: tie it to the option, task or observation that causes it',
    ]);
  });

  it('sees that an observation can fire a manual inject', () => {
    expect(
      warnings((s) => {
        task(s, 'statement').options[1].effects = [];
        s.observations[0].effects.push({ type: 'fire', inject: 'reporter' });
      }),
    ).toEqual([]);
  });

  it('finds a timed inject after its phase\'s timebox, a rubric value outside its variable\'s range, and a criterion nothing measures', () => {
    const found = warnings((s) => {
      s.injects.find((i: Json) => i.id === 'late-check').trigger.at = 12;
      s.rubric[2].measures[0].best = -20;
      s.rubric[1].measures = [];
      s.observations[1].criteria = ['quality'];
    });
    expect(found).toEqual([
      '$.injects[5] (late-check).trigger.at: fires at 12 min, after its phase\'s timebox of 10 min: most drills will have moved on',
      '$.rubric[2] (calm).measures[0].best: best value -20 is outside the range of "anger" (0 … 100)',
      '$.rubric[1] (quality).measures: no measure feeds this criterion: it is scored only when an observation is recorded',
    ]);
  });
});
