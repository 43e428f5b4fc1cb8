/**
 * What can ever happen in a drill of a scenario, read from the file alone — the static half of
 * the map's marks.
 *
 * What it checks: whether each inject can ever fire, each task can ever open, each option can
 * ever be offered and each phase's exit rule can ever hold, by the scenario's own rules:
 * triggers, `availableWhen`, exit rules, and the effects of injects, options, submitted tasks
 * and recorded observations. It assumes players may answer anything at any time, the
 * facilitator may record any observation, rate any answer and move on (an override) at any
 * time, a participant seated in a simulated role may send its `playable` injects, and the
 * trainer may choose any parameter value within its limits. It does not count the
 * facilitator's own firing of an inject from the console (which can fire anything): "never
 * fires" means nothing in the scenario makes it fire.
 *
 * Why it is sound (an item marked "never" really can never happen under those assumptions):
 * it is a least fixed point over an over-approximation. Every item starts as impossible and
 * becomes possible as soon as one way to it is possible; a condition is judged possible
 * whenever it might hold in some state — `not …` always, `all` when each part might hold on
 * its own, a variable comparison when some value in the variable's reachable interval
 * satisfies it (the interval grows from the initial value by every possible `add`/`set`
 * effect, clamped to min…max). Each round only widens what is possible, so the rounds stop,
 * and what is still impossible at the end has no way to happen. (The quality check's own
 * reading in src/engine/scenario/quality.ts stops a cycle of waits early and may call an item
 * impossible that a later round would find possible; this one iterates to the end.)
 */
import { type Condition, type ScenarioInput } from '../../engine';

type Amount = number | { param: string };
type Interval = { lo: number; hi: number };
type EffectInput = { type: string; var?: string; value?: Amount | boolean; flag?: string; inject?: string };

export type Reach = {
  /** Injects that can fire by the scenario's rules. */
  injects: Set<string>;
  /** Tasks that can open. */
  tasks: Set<string>;
  /** Options (`task/option`) that can be offered. */
  options: Set<string>;
  /** Phases whose exit rule can hold (a phase without one is always in). */
  exits: Set<string>;
};

export const optionKey = (task: string, option: string) => `${task}/${option}`;

/** Everything that can happen in a drill of `s` (a draft may be incomplete: what it names but lacks is impossible). */
export function reachable(s: ScenarioInput): Reach {
  const params = new Map((s.parameters ?? []).map((p) => [p.id, { lo: p.min ?? -Infinity, hi: p.max ?? Infinity }]));
  const amount = (a: Amount | undefined): Interval => (a === undefined ? { lo: 0, hi: 0 } : typeof a === 'number' ? { lo: a, hi: a } : (params.get(a.param) ?? { lo: -Infinity, hi: Infinity }));
  const vars = new Map((s.variables ?? []).map((v) => [v.id, v]));
  const tasks = new Map(s.tasks.map((t) => [t.id, t]));

  const reach: Reach = { injects: new Set(), tasks: new Set(), options: new Set(), exits: new Set() };
  let range = new Map<string, Interval>();
  let flags = new Set<string>();
  let fired = new Set<string>();

  const possible = (c: Condition): boolean => {
    switch (c.type) {
      case 'all':
        return c.of.every(possible);
      case 'any':
        return c.of.some(possible);
      case 'not':
        return true;
      case 'var': {
        const r = range.get(c.var);
        if (!r) return false;
        const v = amount(c.value);
        switch (c.cmp) {
          case '<':
            return r.lo < v.hi;
          case '<=':
            return r.lo <= v.hi;
          case '>':
            return r.hi > v.lo;
          case '>=':
            return r.hi >= v.lo;
          case '==':
            return r.lo <= v.hi && v.lo <= r.hi;
          case '!=':
            return !(r.lo === r.hi && v.lo === v.hi && r.lo === v.lo);
        }
        return true;
      }
      case 'flag':
        return flags.has(c.flag);
      case 'done':
      case 'on-time':
        return reach.tasks.has(c.task);
      case 'rated':
        return reach.tasks.has(c.task) && tasks.get(c.task)?.kind === 'text';
      case 'chose':
        return reach.options.has(optionKey(c.task, c.option));
      case 'fired':
        return reach.injects.has(c.inject);
      case 'phase':
      case 'time':
        return true;
    }
  };

  /** The effects that can happen now: of injects that can fire, options that can be offered, tasks that can open, and observations. */
  const possibleEffects = (): EffectInput[] => [
    ...s.injects.filter((i) => reach.injects.has(i.id)).flatMap((i) => i.effects ?? []),
    ...s.tasks.flatMap((t) =>
      !reach.tasks.has(t.id) ? [] : t.kind === 'single' || t.kind === 'multiple' ? t.options.filter((o) => reach.options.has(optionKey(t.id, o.id))).flatMap((o) => o.effects ?? []) : (t.effects ?? []),
    ),
    ...(s.observations ?? []).flatMap((o) => o.effects ?? []),
  ];

  for (let round = 0; round < 10_000; round++) {
    const before = size(reach) + flags.size + fired.size + widths(range);
    const effects = possibleEffects();
    // variables: the initial value, widened by every possible change
    const next = new Map<string, Interval>();
    for (const v of vars.values()) {
      const clamp = (x: number) => Math.min(v.max, Math.max(v.min, x));
      const r = { lo: clamp(v.initial), hi: clamp(v.initial) };
      for (const e of effects) {
        if (e.var !== v.id || typeof e.value === 'boolean') continue;
        const a = amount(e.value);
        if (e.type === 'add') {
          if (a.hi > 0) r.hi = v.max;
          if (a.lo < 0) r.lo = v.min;
        } else if (e.type === 'set') {
          r.lo = Math.min(r.lo, clamp(a.lo));
          r.hi = Math.max(r.hi, clamp(a.hi));
        }
      }
      next.set(v.id, r);
    }
    range = next;
    flags = new Set(effects.flatMap((e) => (e.type === 'flag' && e.value !== false && e.flag ? [e.flag] : [])));
    fired = new Set(effects.flatMap((e) => (e.type === 'fire' && e.inject ? [e.inject] : [])));

    for (const t of s.tasks) if (!t.availableWhen || possible(t.availableWhen as Condition)) reach.tasks.add(t.id);
    for (const t of s.tasks)
      if ((t.kind === 'single' || t.kind === 'multiple') && reach.tasks.has(t.id))
        for (const o of t.options) if (!o.availableWhen || possible(o.availableWhen as Condition)) reach.options.add(optionKey(t.id, o.id));
    for (const inj of s.injects) {
      const t = inj.trigger;
      const can =
        fired.has(inj.id) ||
        inj.playable === true ||
        t.type === 'time' ||
        (t.type === 'condition' && possible(t.when as Condition)) ||
        (t.type === 'missed' && reach.tasks.has(t.task) && missable(tasks.get(t.task)?.deadline));
      if (can) reach.injects.add(inj.id);
    }
    for (const p of s.phases) if (!p.exit?.when || possible(p.exit.when as Condition)) reach.exits.add(p.id);
    if (size(reach) + flags.size + fired.size + widths(range) === before) break;
  }
  return reach;
}

/** A deadline a task can miss: any but none and "by the end". */
const missable = (d: unknown) => d !== undefined && !(typeof d === 'object' && d !== null && 'by' in d);

const size = (r: Reach) => r.injects.size + r.tasks.size + r.options.size + r.exits.size;
/** A measure of the intervals that grows whenever one widens. */
const widths = (m: Map<string, Interval>) => [...m.values()].reduce((n, r) => n + (r.hi - r.lo > 0 ? Math.min(r.hi - r.lo, 1e12) : 0), 0);
