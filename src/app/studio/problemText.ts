/**
 * The validator's and quality check's findings in the trainer's language. The engine words
 * them in English for the command line; here each known wording becomes a sentence of the
 * studio's own (its values kept), and one never seen before a plain sentence saying the field
 * does not fit the format, so a Chinese screen shows no English.
 */
import type { TFunction } from 'i18next';
import type { Lang } from '../../engine';
import type { Problem } from './check';
import { getAt, type Path } from './paths';

type Rule = [RegExp, string, (m: RegExpMatchArray) => Record<string, string>];

const NOUNS = ['role', 'variable', 'flag', 'task', 'inject', 'parameter', 'option', 'item', 'criterion', 'observation'] as const;
const none = () => ({});

const RULES: Rule[] = [
  [/^is missing$/, 'missing', none],
  [/^must have at least 1 character/, 'empty', none],
  [/^must have at least (\d+) characters?/, 'tooShort', (m) => ({ n: m[1] ?? '' })],
  [/^may have at most (\d+) characters?/, 'tooLong', (m) => ({ n: m[1] ?? '' })],
  [/^must have at least (\d+) items?(?: \(it has (\d+)\))?/, 'fewItems', (m) => ({ n: m[1] ?? '', has: m[2] ?? '0' })],
  [/^may have at most (\d+) items?(?: \(it has (\d+)\))?/, 'manyItems', (m) => ({ n: m[1] ?? '', has: m[2] ?? '' })],
  [/^must have exactly (\d+) items?(?: \(it has (\d+)\))?/, 'exactItems', (m) => ({ n: m[1] ?? '', has: m[2] ?? '' })],
  [/^must be at least (-?[\d.]+)/, 'atLeast', (m) => ({ n: m[1] ?? '' })],
  [/^must be at most (-?[\d.]+)/, 'atMost', (m) => ({ n: m[1] ?? '' })],
  [/^must be more than (-?[\d.]+)/, 'moreThan', (m) => ({ n: m[1] ?? '' })],
  [/^must be less than (-?[\d.]+)/, 'lessThan', (m) => ({ n: m[1] ?? '' })],
  [/^must be a whole number/, 'wholeNumber', none],
  [/^must be lower-case letters/, 'badId', none],
  [/^must be a version like/, 'badVersion', none],
  [/^must be a time of day like/, 'badClock', none],
  [/^must be a file under public\/images/, 'badImage', none],
  [/^must not be 0/, 'zeroWeight', none],
  [/^must be "(\w+)": the phases run/, 'phaseOrder', (m) => ({ id: m[1] ?? '' })],
  [/^(.+) is not allowed: expected one of (.+)$/, 'notAllowed', (m) => ({ value: m[1] ?? '', allowed: m[2] ?? '' })],
  [/^should be (?:an?) (\w+), not (.+)$/, 'wrongType', (m) => ({ expected: m[1] ?? '' })],
  [/^unknown fields? (.+)$/, 'unknownField', (m) => ({ fields: m[1] ?? '' })],
  [/^"(\w+)" is missing: expected one of (.+)$/, 'kindMissing', (m) => ({ allowed: m[2] ?? '' })],
  [/^(.+) is not one of the known kinds/, 'unknownKind', (m) => ({ value: m[1] ?? '' })],
  [/^(.+) is none of the forms allowed here/, 'noForm', (m) => ({ value: m[1] ?? '' })],
  [/^min \((.+)\) is greater than max \((.+)\)$/, 'minMax', (m) => ({ min: m[1] ?? '', max: m[2] ?? '' })],
  [/^(\S+) is outside min (\S+) … max (\S+)$/, 'outside', (m) => ({ value: m[1] ?? '', min: m[2] ?? '', max: m[3] ?? '' })],
  [/is part of format 2/, 'needFormat2', none],
  [/^"(.+)" is reserved for the drill's host/, 'reserved', (m) => ({ id: m[1] ?? '' })],
  [/^needs at least one role of kind "player"/, 'needPlayer', none],
  [/^"(.+)" is not an option of task "(.+)"$/, 'notOption', (m) => ({ id: m[1] ?? '', task: m[2] ?? '' })],
  [/^"(.+)" is not a criterion of this scenario's rubric$/, 'notCriterion', (m) => ({ id: m[1] ?? '' })],
  [/^"(.+)" is not an? (\w+) of this scenario$/, 'notA', (m) => ({ id: m[1] ?? '', noun: m[2] ?? '' })],
  [/^task "(.+)" has no deadline/, 'noDeadline', (m) => ({ task: m[1] ?? '' })],
  [/^task "(.+)" is an? (\w+) task and has no options/, 'noOptions', (m) => ({ task: m[1] ?? '' })],
  [/^task "(.+)" is an? (\w+) task; only free-text answers are rated/, 'notText', (m) => ({ task: m[1] ?? '' })],
  [/^task "(.+)" is due by the end of the drill/, 'dueByEnd', (m) => ({ task: m[1] ?? '' })],
  [/^only an inject from a simulated role can be played/, 'playable', none],
  [/^"(.+)" is a simulated role; only player roles take tasks/, 'simulatedTask', (m) => ({ id: m[1] ?? '' })],
  [/^"(.+)" is a simulated role; only player roles sign off/, 'simulatedSignoff', (m) => ({ id: m[1] ?? '' })],
  [/^"(.+)" is a simulated role; the leader must be a player role/, 'simulatedLeader', (m) => ({ id: m[1] ?? '' })],
  [/^"(.+)" is listed twice$/, 'twice', (m) => ({ id: m[1] ?? '' })],
  [/^every option has availableWhen/, 'allOptionsConditional', none],
  [/^a multiple-choice task needs at least one right option/, 'noRightOption', none],
  [/^best and worst must differ/, 'bestWorst', none],
  [/^criterion "(.+)" has no measure and no observation feeds it/, 'unfedError', (m) => ({ id: m[1] ?? '' })],
  [/^\{param:(.+)\} names no parameter/, 'textParam', (m) => ({ id: m[1] ?? '' })],
  [/^\{time\} needs a story clock/, 'timeNeedsClock', none],
  [/^\w+ "(.+)" is defined twice/, 'definedTwice', (m) => ({ id: m[1] ?? '' })],
  [/^injects trigger each other in a cycle: (.+)$/, 'cycle', (m) => ({ cycle: m[1] ?? '' })],
  [/^(?:phase "(\w+)" can never be reached|the drill can never end normally): the exit rule of "(\w+)" needs (.+), which can only happen in "(\w+)"$/, 'exitLater', (m) => ({ phase: m[2] ?? '', later: m[4] ?? '' })],
  [/^the drill machine could not be built/, 'machine', none],
  [/^the best option is also the longest \(([\w-]+)\) in (\d+) of (\d+)/, 'longestBest', (m) => ({ lang: m[1] ?? '', hits: m[2] ?? '', of: m[3] ?? '' })],
  [/^the best option is (?:the second longest|the shortest) \(([\w-]+)\) in (\d+) of (\d+)/, 'rankBest', (m) => ({ lang: m[1] ?? '', hits: m[2] ?? '', of: m[3] ?? '' })],
  [/^has (\d+) wrong items? \(negative weight\)/, 'fewWrong', (m) => ({ n: m[1] ?? '' })],
  [/^ticking every item still scores (\d+)%/, 'tickAll', (m) => ({ n: m[1] ?? '' })],
  [/^choosing every option still scores (\d+)%/, 'chooseAll', (m) => ({ n: m[1] ?? '' })],
  [/^this required task can never open/, 'neverOpen', none],
  [/^a manual inject that nothing fires/, 'unfiredManual', none],
  [/^fires at (\S+) min from the start, after the drill's expected length of (\S+) min/, 'lateDrill', (m) => ({ at: m[1] ?? '', length: m[2] ?? '' })],
  [/^fires at (\S+) min, after its phase's timebox of (\S+) min/, 'lateTimebox', (m) => ({ at: m[1] ?? '', box: m[2] ?? '' })],
  [/^(best|worst) value (\S+) is outside the range of "(.+)" \((\S+) … (\S+)\)/, 'rubricRange', (m) => ({ value: m[2] ?? '', id: m[3] ?? '', min: m[4] ?? '', max: m[5] ?? '' })],
  [/^no measure feeds this criterion/, 'unfed', none],
];

/** What is wrong, in the trainer's language. */
export function problemMessage(ts: TFunction, message: string): string {
  for (const [re, key, params] of RULES) {
    const m = message.match(re);
    if (!m) continue;
    const values = params(m);
    if (values.noun) values.noun = NOUNS.includes(values.noun as (typeof NOUNS)[number]) ? ts(`noun.${values.noun}`) : ts('noun.thing');
    if (values.lang) values.lang = ts(`lang.${values.lang}`, { defaultValue: values.lang });
    return ts(`problem.${key}`, values);
  }
  return ts('problem.other');
}

/** Where it is, in words: the section, the item (its number and title) and the field. */
export function problemPlace(ts: TFunction, draft: unknown, path: Path, lang: Lang): string {
  const parts: string[] = [];
  path.forEach((key, i) => {
    if (typeof key === 'number') {
      const item = getAt(draft, path.slice(0, i + 1)) as Record<string, unknown> | undefined;
      const named = item && typeof item === 'object' ? (item.title ?? item.name ?? item.label) : undefined;
      const text = named && typeof named === 'object' ? (named as Record<string, unknown>)[lang] : undefined;
      const id = item && typeof item === 'object' && typeof item.id === 'string' ? item.id : '';
      parts.push(ts('place.item', { n: key + 1, name: typeof text === 'string' && text ? text : id }).trim());
    } else {
      const word = ts(`fields.${key}`, { defaultValue: '' });
      if (word) parts.push(word);
    }
  });
  return parts.length ? parts.join(' › ') : ts('place.whole');
}

export const problemKey = (p: Problem) => `${p.severity}:${p.path.join('.')}:${p.message}`;
