/**
 * The scenario-quality check: things a valid scenario should not do because they make the
 * score guessable or the drill unplayable as written. Warnings, not errors (`validate
 * --strict` makes them errors); each names the path and the id.
 */
import { LANGS, type Lang } from './constants';
import type { Condition, Effect, Scenario, Task } from './schema';
import type { Issue } from './references';
import { named } from './validate';
import { amountOf, parameterValues } from '../drill/parameters';

/** The share of single-choice tasks whose best option may also be the longest (or the second longest, or the shortest). */
export const LONGEST_BEST_LIMIT = 0.4;
/** Wrong items a checklist needs, so that ticking everything does not win. */
export const WRONG_ITEMS_MIN = 2;

/** Each finding's path names the ids it passes through, as validation errors do. */
export function checkQuality(s: Scenario): Issue[] {
  return named(s, [...longestBest(s), ...checklists(s), ...neverOpen(s), ...unfiredManual(s), ...lateTimed(s), ...rubricRanges(s), ...unfedCriteria(s)]);
}

/** Length in characters (a Chinese character counts one). */
const length = (text: string) => [...text].length;

/** Where the best option stands when the options are ranked by length: a team could learn that rank. */
const RANKS = [
  { name: 'the longest', pick: (sorted: number) => sorted === 0 },
  { name: 'the second longest', pick: (sorted: number, n: number) => n >= 3 && sorted === 1 },
  { name: 'the shortest', pick: (sorted: number, n: number) => sorted === n - 1 },
] as const;

function longestBest(s: Scenario): Issue[] {
  const singles = s.tasks.map((t, i) => ({ t, i })).filter((x): x is { t: Extract<Task, { kind: 'single' }>; i: number } => x.t.kind === 'single');
  if (singles.length === 0) return [];
  const issues: Issue[] = [];
  for (const lang of LANGS) {
    for (const rank of RANKS) {
      const hits = singles.filter(({ t }) => bestRanks(t, lang).some((r) => rank.pick(r, t.options.length)));
      // A small scenario gets a little room: two tasks alike are no pattern yet.
      if (hits.length <= Math.max(2, LONGEST_BEST_LIMIT * singles.length)) continue;
      const share = `${hits.length} of ${singles.length} single-choice tasks`;
      for (const { i } of hits)
        issues.push({
          path: `$.tasks[${i}]`,
          message:
            rank.name === 'the longest'
              ? `the best option is also the longest (${lang}) in ${share}: a team can score by picking the longest answer; make the options of similar length`
              : `the best option is ${rank.name} (${lang}) in ${share}: a team can score by picking by length; vary which option is longest`,
        });
    }
  }
  return issues;
}

/** The places (0 = longest) a best option takes when the options are sorted by length; ties take every place they span. */
function bestRanks(t: Extract<Task, { kind: 'single' }>, lang: Lang): number[] {
  const top = Math.max(...t.options.map((o) => o.score));
  const lengths = t.options.map((o) => length(o.label[lang]));
  return t.options.flatMap((o, i) => {
    if (o.score !== top) return [];
    const own = lengths[i] ?? 0;
    const longer = lengths.filter((l) => l > own).length;
    const same = lengths.filter((l) => l === own).length;
    return Array.from({ length: same }, (_, k) => longer + k);
  });
}

/** What ticking every box may earn at most in a checklist or multiple-choice task. */
export const TICK_ALL_LIMIT = 0.5;

function checklists(s: Scenario): Issue[] {
  return s.tasks.flatMap((t, i) => {
    if (t.kind === 'checklist') {
      const wrong = t.items.filter((x) => x.weight < 0).length;
      if (wrong < WRONG_ITEMS_MIN)
        return [{ path: `$.tasks[${i}].items`, message: `has ${wrong} wrong item${wrong === 1 ? '' : 's'} (negative weight): ticking every item should not win; add at least ${WRONG_ITEMS_MIN}` }];
      const all = t.items.reduce((sum, x) => sum + x.weight, 0) / t.items.reduce((sum, x) => sum + Math.max(0, x.weight), 0);
      return all > TICK_ALL_LIMIT
        ? [{ path: `$.tasks[${i}].items`, message: `ticking every item still scores ${Math.round(all * 100)}%: give the wrong items more weight (at most ${TICK_ALL_LIMIT * 100}%)` }]
        : [];
    }
    if (t.kind === 'multiple') {
      const right = t.options.filter((o) => o.score >= 0.5).length;
      const all = Math.max(0, (right - (t.options.length - right)) / right);
      return all > TICK_ALL_LIMIT
        ? [{ path: `$.tasks[${i}].options`, message: `choosing every option still scores ${Math.round(all * 100)}%: add wrong options (at most ${TICK_ALL_LIMIT * 100}%)` }]
        : [];
    }
    return [];
  });
}

/** What could ever happen in a drill of this scenario, read from the file alone. */
function possibilities(s: Scenario) {
  const params = parameterValues(s.parameters);
  const tasks = new Map(s.tasks.map((t) => [t.id, t]));
  const injects = new Map(s.injects.map((i) => [i.id, i]));
  const vars = new Map(s.variables.map((v) => [v.id, v]));
  const effects: Effect[] = [
    ...s.injects.flatMap((i) => i.effects),
    ...s.tasks.flatMap((t) => (t.kind === 'single' || t.kind === 'multiple' ? t.options.flatMap((o) => o.effects) : t.effects)),
    ...s.observations.flatMap((o) => o.effects),
  ];
  const firedByEffect = new Set(effects.flatMap((e) => (e.type === 'fire' ? [e.inject] : [])));
  const settable = new Set(effects.flatMap((e) => (e.type === 'flag' && e.value ? [e.flag] : [])));
  const memo = new Map<string, boolean>();

  const guarded = (key: string, f: () => boolean): boolean => {
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, false); // a cycle of waits cannot start by itself
    const result = f();
    memo.set(key, result);
    return result;
  };
  const canFire = (id: string): boolean =>
    guarded(`inject:${id}`, () => {
      const inj = injects.get(id);
      if (!inj) return false;
      if (firedByEffect.has(id)) return true;
      switch (inj.trigger.type) {
        case 'time':
          return true;
        case 'condition':
          return possible(inj.trigger.when);
        case 'missed':
          return canOpen(inj.trigger.task);
        case 'manual':
          return false;
      }
    });
  const canOpen = (id: string): boolean =>
    guarded(`task:${id}`, () => {
      const t = tasks.get(id);
      return t !== undefined && (t.availableWhen === undefined || possible(t.availableWhen));
    });
  const possible = (c: Condition): boolean => {
    switch (c.type) {
      case 'all':
        return c.of.every(possible);
      case 'any':
        return c.of.some(possible);
      case 'not':
        return true; // not worth proving
      case 'var': {
        const v = vars.get(c.var);
        if (!v) return false;
        const { min, max } = v;
        const value = amountOf(c.value, params);
        switch (c.cmp) {
          case '<':
            return min < value;
          case '<=':
            return min <= value;
          case '>':
            return max > value;
          case '>=':
            return max >= value;
          case '==':
            return value >= min && value <= max;
          case '!=':
            return min !== max || min !== value;
        }
        return true;
      }
      case 'flag':
        return settable.has(c.flag);
      case 'done':
      case 'on-time':
      case 'chose':
        return canOpen(c.task);
      case 'fired':
        return canFire(c.inject);
      case 'phase':
      case 'time':
        return true;
      case 'rated':
        return canOpen(c.task);
    }
  };
  return { canOpen, firedByEffect };
}

function neverOpen(s: Scenario): Issue[] {
  const { canOpen } = possibilities(s);
  return s.tasks.flatMap((t, i) =>
    t.required && !canOpen(t.id)
      ? [{ path: `$.tasks[${i}].availableWhen`, message: 'this required task can never open: nothing in the scenario can make its condition hold' }]
      : [],
  );
}

function unfiredManual(s: Scenario): Issue[] {
  const { firedByEffect } = possibilities(s);
  return s.injects.flatMap((inj, i) =>
    inj.trigger.type === 'manual' && !firedByEffect.has(inj.id)
      ? [{ path: `$.injects[${i}].trigger`, message: 'a manual inject that nothing fires: tie it to the option, task or observation that causes it' }]
      : [],
  );
}

function lateTimed(s: Scenario): Issue[] {
  const params = parameterValues(s.parameters);
  const timebox = new Map(s.phases.map((p) => [p.id, p.timebox]));
  return s.injects.flatMap((inj, i) => {
    if (inj.trigger.type !== 'time') return [];
    const at = amountOf(inj.trigger.at, params);
    const path = `$.injects[${i}].trigger.at`;
    // Timed from the drill's start: it must come before the drill is expected to end.
    if (inj.trigger.from === 'drill')
      return at > s.durationMinutes ? [{ path, message: `fires at ${at} min from the start, after the drill's expected length of ${s.durationMinutes} min: most drills will have ended` }] : [];
    const box = timebox.get(inj.phase);
    return box !== undefined && at > box ? [{ path, message: `fires at ${at} min, after its phase's timebox of ${box} min: most drills will have moved on` }] : [];
  });
}

function rubricRanges(s: Scenario): Issue[] {
  const vars = new Map(s.variables.map((v) => [v.id, v]));
  return s.rubric.flatMap((c, i) =>
    c.measures.flatMap((m, j) => {
      if (m.type !== 'variable') return [];
      const v = vars.get(m.var);
      if (!v) return [];
      return (['best', 'worst'] as const).flatMap((end) =>
        m[end] < v.min || m[end] > v.max ? [{ path: `$.rubric[${i}].measures[${j}].${end}`, message: `${end} value ${m[end]} is outside the range of "${m.var}" (${v.min} … ${v.max})` }] : [],
      );
    }),
  );
}

function unfedCriteria(s: Scenario): Issue[] {
  return s.rubric.flatMap((c, i) =>
    c.measures.length === 0 ? [{ path: `$.rubric[${i}].measures`, message: 'no measure feeds this criterion: it is scored only when an observation is recorded' }] : [],
  );
}
