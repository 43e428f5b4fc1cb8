/** How automatic players answer: ideal, negligent or random (from a seeded generator). */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import type { Answer, Rating, Task, TaskState } from '../engine';
import { RATINGS } from '../engine';

export const POLICIES = ['ideal', 'negligent', 'random'] as const;
export type Policy = (typeof POLICIES)[number];

/** When and how a player will answer a task; null when they leave it. */
export type Plan = { at: number; answer: Answer } | null;

export interface Player {
  plan(task: Task, state: TaskState): Plan;
  /** How the facilitator rates a free-text answer. */
  rating(): Rating;
}

const MINUTE = 60;

export function makePlayer(policy: Policy, rng: RandomGenerator): Player {
  switch (policy) {
    case 'ideal':
      return {
        plan: (task, s) => ({ at: s.openedAt + Math.min(MINUTE, s.dueAt !== undefined ? Math.floor((s.dueAt - s.openedAt) / 2) : MINUTE), answer: bestAnswer(task) }),
        rating: () => 'P',
      };
    case 'negligent':
      return {
        plan: (task, s) => (task.required ? { at: s.dueAt !== undefined ? s.dueAt + 3 * MINUTE : s.openedAt + 8 * MINUTE, answer: weakestAnswer(task) } : null),
        rating: () => 'U',
      };
    case 'random': {
      const int = (from: number, to: number) => uniformInt(rng, from, to);
      const chance = (percent: number) => int(1, 100) <= percent;
      const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T;
      const subset = <T>(xs: readonly T[]) => xs.filter(() => chance(50));
      return {
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
              return { at, answer: { kind: 'text', text: pick([task.guidance.en, 'We will look into it.', 'Handled as usual.']) } };
          }
        },
        rating: () => pick(RATINGS),
      };
    }
  }
}

function bestAnswer(task: Task): Answer {
  switch (task.kind) {
    case 'single':
      return { kind: 'single', option: maxBy(task.options, (o) => o.score).id };
    case 'multiple':
      return { kind: 'multiple', options: task.options.filter((o) => o.score >= 0.5).map((o) => o.id) };
    case 'checklist':
      return { kind: 'checklist', items: task.items.map((i) => i.id) };
    case 'text':
      return { kind: 'text', text: task.guidance.en };
  }
}

function weakestAnswer(task: Task): Answer {
  switch (task.kind) {
    case 'single':
      return { kind: 'single', option: maxBy(task.options, (o) => -o.score).id };
    case 'multiple':
      return { kind: 'multiple', options: [maxBy(task.options, (o) => -o.score).id] };
    case 'checklist':
      return { kind: 'checklist', items: task.items.slice(0, 1).map((i) => i.id) };
    case 'text':
      return { kind: 'text', text: 'We will look into it.' };
  }
}

/** The first item with the highest value. */
function maxBy<T>(xs: readonly T[], f: (x: T) => number): T {
  return xs.reduce((best, x) => (f(x) > f(best) ? x : best));
}
