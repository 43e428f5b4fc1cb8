/**
 * Parameters (bank-specific numbers) and story time, as pure functions: the numbers a drill
 * uses are the file's values, overridden by those the DRILL.START event carries.
 */
import type { Amount, LocalText, Parameter } from '../scenario/schema';
import type { Command } from './events';

export type ParamValues = Record<string, number>;

/** A number as written in the file, with a parameter replaced by its value in this drill. */
export const amountOf = (a: Amount, params: ParamValues): number => (typeof a === 'number' ? a : (params[a.param] ?? 0));

/** The values a drill runs with: the file's, overridden by those chosen at the start. */
export function parameterValues(parameters: readonly Parameter[], chosen: ParamValues = {}): ParamValues {
  return Object.fromEntries(parameters.map((p) => [p.id, chosen[p.id] ?? p.value]));
}

/**
 * The command that starts a drill, carrying the parameters' values (the file's unless chosen
 * otherwise), so the transcript says which numbers the drill used. A scenario without
 * parameters starts as before format 2, with an empty payload.
 */
export function startCommand(parameters: readonly Parameter[], chosen: ParamValues = {}): Extract<Command, { type: 'DRILL.START' }> {
  return { type: 'DRILL.START', payload: parameters.length ? { parameters: parameterValues(parameters, chosen) } : {} };
}

/** Why chosen values cannot be used (an unknown parameter, or one outside its limits), or null. */
export function parameterProblem(parameters: readonly Parameter[], chosen: ParamValues): { param: string } | null {
  for (const [id, value] of Object.entries(chosen)) {
    const p = parameters.find((x) => x.id === id);
    if (!p || !Number.isFinite(value) || (p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max)) return { param: id };
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The story's time of day ("09:45") at a drill time in seconds, or null when the scenario has no story clock. */
export function storyTime(s: { storyClock?: string | undefined }, drillSeconds: number): string | null {
  const m = s.storyClock ? /^(\d\d):(\d\d)$/.exec(s.storyClock) : null;
  if (!m) return null;
  const minutes = (Number(m[1]) * 60 + Number(m[2]) + Math.floor(drillSeconds / 60)) % (24 * 60);
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Placeholders a text may contain: `{time}` and `{param:id}`. */
export const PLACEHOLDER = /\{(time|param:([a-z0-9][a-z0-9-]*))\}/g;

/** A text with `{time}` (story time at `drillSeconds`) and `{param:id}` (the value in this drill) filled in. */
export function fillText(text: string, s: { storyClock?: string | undefined }, drillSeconds: number, params: ParamValues): string {
  if (!text.includes('{')) return text;
  return text.replace(PLACEHOLDER, (whole, _kind: string, param: string | undefined) => {
    if (param !== undefined) return param in params ? String(params[param]) : whole;
    return storyTime(s, drillSeconds) ?? whole;
  });
}

export function fillLocal(text: LocalText, s: { storyClock?: string | undefined }, drillSeconds: number, params: ParamValues): LocalText {
  return { 'zh-CN': fillText(text['zh-CN'], s, drillSeconds, params), en: fillText(text.en, s, drillSeconds, params) };
}

const isLocal = (x: object): x is LocalText => Object.keys(x).length === 2 && typeof (x as LocalText)['zh-CN'] === 'string' && typeof (x as LocalText).en === 'string';

/** Every local text anywhere in `value` (a debrief, a glossary) with `{param:id}` filled in; `{time}` needs a moment, so it stays. */
export function fillParams<T>(value: T, params: ParamValues): T {
  if (Array.isArray(value)) return value.map((v: unknown) => fillParams(v, params)) as T;
  if (!value || typeof value !== 'object') return value;
  if (isLocal(value)) return fillLocal(value, {}, 0, params) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillParams(v, params)])) as T;
}
