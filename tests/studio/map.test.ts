/** The map of a drill as data: cards, lanes and arrows of every shipped scenario, the "never" marks, and the automatic layout. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkQuality, compile, validateScenario, type ScenarioInput } from '../../src/engine';
import { drillMap, layoutDrillMap, mapProblems, reachable, simulatedCoverage, type DrillMapModel } from '../../src/studio/map';
import { format2Json } from '../helpers/drill';

const SHIPPED = readdirSync('scenarios').filter((f) => f.endsWith('.json') && f !== 'schema.json');
const SCENARIOS: [string, ScenarioInput][] = [
  ...SHIPPED.map((f): [string, ScenarioInput] => [f, JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')) as ScenarioInput]),
  ['format2-scenario.json (fixture)', format2Json() as ScenarioInput],
];

const fireEffects = (s: ScenarioInput) => {
  const pairs: [string, string][] = [];
  for (const i of s.injects) for (const e of i.effects ?? []) if (e.type === 'fire') pairs.push([`inject:${i.id}`, `inject:${e.inject}`]);
  for (const t of s.tasks) {
    const effects = t.kind === 'single' || t.kind === 'multiple' ? t.options.flatMap((o) => o.effects ?? []) : (t.effects ?? []);
    for (const e of effects) if (e.type === 'fire') pairs.push([`task:${t.id}`, `inject:${e.inject}`]);
  }
  return pairs;
};

describe('the map of every shipped scenario and the format 2 fixture', () => {
  for (const [name, s] of SCENARIOS)
    describe(name, () => {
      const model: DrillMapModel = drillMap(s);

      it('has a lane per phase and a card per inject and task, in its phase', () => {
        expect(model.lanes.map((l) => l.id)).toEqual(['report', 'assess', 'escalate', 'resolve']);
        expect(model.cards.filter((c) => c.kind === 'inject').map((c) => [c.id, c.phase])).toEqual(s.injects.map((i) => [i.id, i.phase]));
        expect(model.cards.filter((c) => c.kind === 'task').map((c) => [c.id, c.phase])).toEqual(s.tasks.map((t) => [t.id, t.phase]));
        expect(new Set(model.cards.map((c) => c.key)).size).toBe(model.cards.length);
      });

      it('draws an arrow for every contingency and every fire effect, between cards that exist', () => {
        const keys = new Set(model.cards.map((c) => c.key));
        for (const e of model.edges) {
          expect(keys.has(e.source), e.key).toBe(true);
          expect(keys.has(e.target), e.key).toBe(true);
        }
        for (const inj of s.injects)
          if (inj.trigger.type === 'missed') expect(model.edges).toContainEqual(expect.objectContaining({ kind: 'missed', source: `task:${inj.trigger.task}`, target: `inject:${inj.id}` }));
        for (const [source, target] of fireEffects(s)) expect(model.edges.some((e) => e.kind === 'fire' && e.source === source && e.target === target), `${source} → ${target}`).toBe(true);
      });

      it('orders timed cards by their time along their lane', () => {
        for (const lane of model.lanes) {
          const timed = model.cards.filter((c) => c.phase === lane.id && c.place.type === 'time' && c.place.from === 'phase' && typeof c.place.at === 'number');
          for (const a of timed)
            for (const b of timed) if ((a.place as { at: number }).at < (b.place as { at: number }).at) expect(a.order, `${a.id} before ${b.id}`).toBeLessThan(b.order);
        }
      });

      it('marks nothing in a well-made scenario, and nothing that the automatic players saw happen', () => {
        const marked = model.cards.filter((c) => c.marks.length).map((c) => c.key);
        expect(marked).toEqual([]);
        expect(model.lanes.flatMap((l) => l.marks)).toEqual([]);
        const valid = validateScenario(s);
        if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
        const seen = simulatedCoverage(compile(valid.value), [
          { policy: 'ideal', seed: 1 },
          { policy: 'negligent', seed: 1 },
          { policy: 'random', seed: 2 },
        ]);
        const reach = reachable(s);
        for (const id of Object.keys(seen.injects)) expect(reach.injects.has(id), id).toBe(true);
        for (const id of Object.keys(seen.tasks)) expect(reach.tasks.has(id), id).toBe(true);
        expect(Object.keys(seen.injects).length).toBeGreaterThan(0);
      });

      it('lays the cards out in their lanes without overlaps', async () => {
        const layout = await layoutDrillMap(model);
        const lanes = model.lanes.map((l) => layout.lanes[l.key]);
        for (let i = 1; i < lanes.length; i++) expect(lanes[i]?.y).toBeGreaterThanOrEqual((lanes[i - 1]?.y ?? 0) + (lanes[i - 1]?.height ?? 0));
        for (const lane of model.lanes) {
          const box = layout.lanes[lane.key];
          const cards = model.cards.filter((c) => c.phase === lane.id).map((c) => ({ c, b: layout.cards[c.key] }));
          for (const { c, b } of cards) {
            expect(b, c.key).toBeDefined();
            if (!b || !box) continue;
            expect(b.x + b.width).toBeLessThanOrEqual(box.width);
            expect(b.y + b.height).toBeLessThanOrEqual(box.height);
          }
          for (const x of cards)
            for (const y of cards) {
              if (x === y || !x.b || !y.b) continue;
              const apart = x.b.x + x.b.width <= y.b.x || y.b.x + y.b.width <= x.b.x || x.b.y + x.b.height <= y.b.y || y.b.y + y.b.height <= x.b.y;
              expect(apart, `${x.c.key} / ${y.c.key}`).toBe(true);
            }
          // a card later on the time axis stands further right
          for (const x of cards) for (const y of cards) if (x.b && y.b && x.c.order < y.c.order) expect(x.b.x, `${x.c.key} left of ${y.c.key}`).toBeLessThan(y.b.x);
        }
      });
    });
});

describe('the format 2 fixture in detail', () => {
  const model = drillMap(format2Json() as ScenarioInput);
  const edge = (source: string, target: string) => model.edges.filter((e) => e.source === source && e.target === target).map((e) => e.kind);

  it('draws triggers, effects, contingencies, unless, sign-offs and cancels', () => {
    expect(edge('task:alert', 'inject:filming')).toEqual(['missed']);
    const video = model.cards.find((c) => c.id === 'video');
    expect(video?.place).toEqual({ type: 'time', at: 12, from: 'drill' });
    expect(model.edges.some((e) => e.target === 'inject:video' && e.kind === 'unless')).toBe(true);
    expect(model.edges.some((e) => e.target === 'inject:calm' && e.kind === 'trigger')).toBe(true);
    expect(model.cards.find((c) => c.id === 'statement')?.signoff?.length).toBeGreaterThan(0);
    expect(model.cards.find((c) => c.id === 'follow-up')?.place).toEqual({ type: 'condition', delay: { param: 'report-minutes' } });
    expect(model.edges.some((e) => e.kind === 'cancel')).toBe(true);
    // what waits for a task that needs sign-off waits for the sign-off
    const waiting = drillMap(
      format2Json((s) => {
        s.tasks.find((t: any) => t.id === 'report-text').availableWhen = { type: 'done', task: 'statement' };
      }) as ScenarioInput,
    );
    expect(waiting.edges.filter((e) => e.target === 'task:report-text').map((e) => [e.source, e.kind])).toEqual([['task:statement', 'signoff']]);
  });
});

describe('never-happening items are marked', () => {
  /** The fixture with a deliberately unreachable corner. */
  function broken() {
    return format2Json((s) => {
      const base = s.injects[0];
      const inject = (id: string, trigger: unknown) => ({ ...structuredClone(base), id, trigger, effects: [], public: false });
      // a manual inject that nothing fires, and an inject that waits for it
      s.injects.push(inject('ghost', { type: 'manual' }));
      s.injects.push(inject('echo', { type: 'condition', when: { type: 'fired', inject: 'ghost' } }));
      // a task that opens only when a variable passes its maximum, and the contingency of its deadline
      const t = structuredClone(s.tasks.find((x: any) => x.id === 'extra'));
      s.tasks.push({ ...t, id: 'impossible', required: false, deadline: 5, availableWhen: { type: 'var', var: 'anger', cmp: '>', value: 100 } });
      s.injects.push(inject('too-late', { type: 'missed', task: 'impossible' }));
      // a flag nothing sets, needed to leave the escalate phase by itself
      s.flags.push({ id: 'never-set', label: { 'zh-CN': '从未设置', en: 'Never set' } });
      s.phases[2].exit = { when: { type: 'flag', flag: 'never-set' } };
      // tasks that wait for each other, one of them also for something that happens: both can open
      const u = structuredClone(t);
      s.tasks.push({ ...u, id: 'wait-a', required: false, availableWhen: { type: 'done', task: 'wait-b' } });
      s.tasks.push({ ...u, id: 'wait-b', required: false, availableWhen: { type: 'any', of: [{ type: 'done', task: 'wait-a' }, { type: 'fired', inject: 'crowd' }] } });
      // an option offered only when the variable passes its maximum
      s.tasks.find((x: any) => x.id === 'extra').options[1].availableWhen = { type: 'var', var: 'anger', cmp: '>', value: 100 };
      // and two that wait only for each other: neither can
      s.tasks.push({ ...u, id: 'loop-a', required: false, availableWhen: { type: 'done', task: 'loop-b' } });
      s.tasks.push({ ...u, id: 'loop-b', required: false, availableWhen: { type: 'done', task: 'loop-a' } });
    }) as ScenarioInput;
  }

  it('is a scenario the validator accepts', () => {
    const result = validateScenario(broken());
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it('marks the inject nothing fires, what waits for it, the task that never opens, its contingency and the exit rule', () => {
    const model = drillMap(broken());
    const marks = Object.fromEntries(model.cards.filter((c) => c.marks.length).map((c) => [c.key, c.marks]));
    expect(marks).toEqual({
      'inject:ghost': ['never-fires'],
      'inject:echo': ['never-fires'],
      'inject:too-late': ['never-fires'],
      'task:impossible': ['never-opens'],
      'task:loop-a': ['never-opens'],
      'task:loop-b': ['never-opens'],
    });
    expect(model.lanes.find((l) => l.id === 'escalate')?.marks).toEqual(['exit-never']);
    expect(model.lanes.filter((l) => l.id !== 'escalate').flatMap((l) => l.marks)).toEqual([]);
    const extra = model.cards.find((c) => c.id === 'extra');
    const option = (broken().tasks.find((t) => t.id === 'extra') as any).options[1];
    expect(extra?.neverOffered).toEqual([{ id: option.id, label: option.label }]);
  });

  it('puts the validator\'s and the quality check\'s problems on their cards and lanes', () => {
    const s = broken() as any;
    const before = validateScenario(s);
    if (!before.ok) throw new Error(JSON.stringify(before.issues));
    const quality = checkQuality(before.value);
    s.injects.find((i: any) => i.id === 'echo').from = 'nobody';
    s.phases[1].exit = { when: { type: 'done', task: 'no-such-task' } };
    const valid = validateScenario(s);
    const problems = mapProblems(s, { errors: valid.ok ? [] : valid.issues, warnings: quality });
    expect(problems.filter((p) => p.severity === 'error').map((p) => [p.kind, p.id])).toEqual([
      ['phase', 'assess'],
      ['inject', 'echo'],
    ]);
    // the quality check names the manual inject nothing fires
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'inject', id: 'ghost', severity: 'warning' }));
  });

  it('stops marking an item once something can make it happen', () => {
    const s = broken() as any;
    s.tasks.find((t: any) => t.id === 'extra').options[0].effects = [{ type: 'fire', inject: 'ghost' }, { type: 'set', var: 'anger', value: 100 }];
    const model = drillMap(s);
    expect(model.cards.find((c) => c.id === 'ghost')?.marks).toEqual([]);
    expect(model.cards.find((c) => c.id === 'echo')?.marks).toEqual([]);
    // anger can reach 100 but never pass it
    expect(model.cards.find((c) => c.id === 'impossible')?.marks).toEqual(['never-opens']);
    s.tasks.find((t: any) => t.id === 'impossible').availableWhen = { type: 'var', var: 'anger', cmp: '>=', value: 100 };
    expect(drillMap(s).cards.find((c) => c.id === 'impossible')?.marks).toEqual([]);
    expect(drillMap(s).cards.find((c) => c.id === 'too-late')?.marks).toEqual([]);
  });

  it('takes a parameter\'s whole range into account', () => {
    const s = broken() as any;
    s.tasks.find((t: any) => t.id === 'impossible').availableWhen = { type: 'var', var: 'anger', cmp: '>=', value: { param: 'report-minutes' } };
    // anger starts at its initial value; nothing lowers it below, so it can only be compared with what the parameter may be
    const model = drillMap(s);
    expect(model.cards.find((c) => c.id === 'impossible')?.marks).toEqual([]);
  });
});
