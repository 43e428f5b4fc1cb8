/**
 * How automatic players answer, and how their simulated facilitator runs the drill:
 * - ideal: the best answer, in time; the facilitator records the good practice it sees.
 * - negligent: only what is required, late, the weakest answer; prohibited acts are recorded.
 * - random: from a seeded generator.
 * - idle: the drill is started and ended at once.
 * - rush: every phase is advanced at once and nothing is answered.
 * - testwise: a team with no domain knowledge that plays the test, in time: the longest
 *   option, every box ticked, a generic sentence as free text (rated S).
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Answer, Lang, Observation, Rating, Task, TaskState } from '../engine';
import { RATINGS } from '../engine';

export const POLICIES = ['ideal', 'negligent', 'random', 'idle', 'rush', 'testwise'] as const;
export type Policy = (typeof POLICIES)[number];

/** When and how a player will answer a task; null when they leave it. */
export type Plan = { at: number; answer: Answer } | null;

export interface Player {
  /** How the facilitator moves through the drill. */
  pace: 'normal' | 'idle' | 'rush';
  plan(task: Task, state: TaskState): Plan;
  /** How the facilitator rates a free-text answer. */
  rating(): Rating;
  /** Whether the facilitator sees (and records) this observation in the drill. */
  observes(o: Observation): boolean;
}

const MINUTE = 60;

/** What a team that knows nothing writes in any free-text box. */
export const GENERIC_TEXT: Record<Lang, string> = {
  'zh-CN': '我们已按应急预案要求妥善处理，并及时向上级报告。',
  en: 'We handled it as the plan says and reported it promptly.',
};

/** The ideal team's timing: half way to the deadline, at most a minute in. */
const promptly = (s: TaskState) => s.openedAt + Math.min(MINUTE, s.dueAt !== undefined ? Math.floor((s.dueAt - s.openedAt) / 2) : MINUTE);

export function makePlayer(policy: Policy, rng: RandomGenerator, lang: Lang = 'zh-CN'): Player {
  const none = { observes: () => false };
  switch (policy) {
    case 'ideal':
      return { pace: 'normal', plan: (task, s) => ({ at: promptly(s), answer: bestAnswer(task, lang) }), rating: () => 'P', observes: (o) => o.kind === 'good' };
    case 'negligent':
      return {
        pace: 'normal',
        plan: (task, s) => (task.required ? { at: s.dueAt !== undefined ? s.dueAt + 3 * MINUTE : s.openedAt + 8 * MINUTE, answer: weakestAnswer(task, lang) } : null),
        rating: () => 'U',
        observes: (o) => o.kind === 'prohibited',
      };
    case 'idle':
      return { pace: 'idle', plan: () => null, rating: () => 'U', ...none };
    case 'rush':
      return { pace: 'rush', plan: () => null, rating: () => 'U', ...none };
    case 'testwise':
      return { pace: 'normal', plan: (task, s) => ({ at: promptly(s), answer: testwiseAnswer(task, lang) }), rating: () => 'S', ...none };
    case 'random': {
      const int = (from: number, to: number) => uniformInt(rng, from, to);
      const chance = (percent: number) => int(1, 100) <= percent;
      const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
      const subset = <T>(xs: readonly T[]) => xs.filter(() => chance(50));
      return {
        pace: 'normal',
        plan: (task, s) => {
          if (!chance(task.required ? 90 : 60)) return null;
          const window = s.dueAt !== undefined ? s.dueAt - s.openedAt : 10 * MINUTE;
          const at = s.openedAt + int(30, Math.max(31, Math.round(window * 1.5)));
          switch (task.kind) {
            case 'single':
              return { at, answer: { kind: 'single', option: pick(task.options).id } };
            case 'multiple': {
              const options = subset(task.options).map((o) => o.id);
              return { at, answer: { kind: 'multiple', options: options.length ? options : [pick(task.options).id] } };
            }
            case 'checklist':
              return { at, answer: { kind: 'checklist', items: subset(task.items).map((i) => i.id) } };
            case 'text':
              return { at, answer: { kind: 'text', text: pick([task.guidance[lang], GENERIC_TEXT[lang]]) } };
          }
        },
        rating: () => pick(RATINGS),
        observes: () => chance(30),
      };
    }
  }
}

function bestAnswer(task: Task, lang: Lang): Answer {
  switch (task.kind) {
    case 'single':
      return { kind: 'single', option: maxBy(task.options, (o) => o.score).id };
    case 'multiple':
      return { kind: 'multiple', options: task.options.filter((o) => o.score >= 0.5).map((o) => o.id) };
    case 'checklist':
      return { kind: 'checklist', items: task.items.filter((i) => i.weight > 0).map((i) => i.id) };
    case 'text':
      return { kind: 'text', text: task.guidance[lang] };
  }
}

function weakestAnswer(task: Task, lang: Lang): Answer {
  switch (task.kind) {
    case 'single':
      return { kind: 'single', option: maxBy(task.options, (o) => -o.score).id };
    case 'multiple':
      return { kind: 'multiple', options: [maxBy(task.options, (o) => -o.score).id] };
    case 'checklist':
      return { kind: 'checklist', items: task.items.slice(0, 1).map((i) => i.id) };
    case 'text':
      return { kind: 'text', text: GENERIC_TEXT[lang] };
  }
}

function testwiseAnswer(task: Task, lang: Lang): Answer {
  const chars = (text: string) => [...text].length;
  switch (task.kind) {
    case 'single':
      return { kind: 'single', option: maxBy(task.options, (o) => chars(o.label[lang])).id };
    case 'multiple':
      return { kind: 'multiple', options: task.options.map((o) => o.id) };
    case 'checklist':
      return { kind: 'checklist', items: task.items.map((i) => i.id) };
    case 'text':
      return { kind: 'text', text: GENERIC_TEXT[lang] };
  }
}

/** The first item with the highest value. */
function maxBy<T>(xs: readonly T[], f: (x: T) => number): T {
  return xs.reduce((best, x) => (f(x) > f(best) ? x : best));
}
