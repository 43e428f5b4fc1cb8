/**
 * Steps one and two of validation: shape (zod), then references. Step three, building
 * the machine, is `compileScenario` in ../drill/compile.ts.
 */
import type { z } from 'zod';
import { checkReferences, type Issue } from './references';
import { scenarioSchema, type Scenario } from './schema';
import { compile, type CompiledScenario } from '../drill/compile';

export type { Issue };
export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function validateScenario(value: unknown): Validated<Scenario> {
  const shaped = parseShape(scenarioSchema, value);
  if (!shaped.ok) return { ok: false, issues: named(value, shaped.issues) };
  const issues = checkReferences(shaped.value);
  return issues.length ? { ok: false, issues: named(value, issues) } : shaped;
}

/** Issues whose paths name the id of each element they pass through. */
export const named = (value: unknown, issues: Issue[]): Issue[] => issues.map((i) => ({ ...i, path: namePath(value, i.path) }));

/**
 * A JSON path with the id of each list element it passes through, so an author finds it
 * without counting: `$.tasks[12] (report-upward).options[1] (call-now)`.
 */
export function namePath(value: unknown, path: string): string {
  let node: unknown = value;
  return path.replace(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g, (part, key: string | undefined, index: string | undefined, quoted: string | undefined) => {
    const at = key ?? (index !== undefined ? Number(index) : quoted !== undefined ? (JSON.parse(`"${quoted}"`) as string) : undefined);
    node = node !== null && typeof node === 'object' && at !== undefined ? (node as Record<string | number, unknown>)[at] : undefined;
    const id = index !== undefined && node !== null && typeof node === 'object' ? (node as { id?: unknown }).id : undefined;
    return typeof id === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) ? `${part} (${id})` : part;
  });
}

/** Parse with a zod schema; issues come back as `$.json.path: plain message`. */
export function parseShape<S extends z.ZodType>(schema: S, value: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(value, { error: plainMessage });
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 50).map((i) => ({ path: jsonPath(i.path), message: i.message }));
  return { ok: false, issues };
}

export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : /^[A-Za-z_$][\w$-]*$/.test(String(key)) ? `${out}.${String(key)}` : `${out}[${JSON.stringify(String(key))}]`,
    '$',
  );
}

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

/** zod's messages, reworded where they would puzzle a scenario author. */
function plainMessage(issue: RawIssue): string | undefined {
  if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined) return 'is missing';
  if (issue.code === 'invalid_value') return `${preview(issue.input)} is not allowed: expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int' && typeof issue.input === 'number') return 'must be a whole number';
  if (issue.code === 'invalid_type') return `should be ${article(issue.expected)}, not ${describe(issue.input)}`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    const input = issue.input as Record<string, unknown> | undefined;
    const got = input && typeof input === 'object' ? input[issue.discriminator] : undefined;
    const known = 'options' in issue && Array.isArray(issue.options) ? `: expected one of ${issue.options.map((o) => JSON.stringify(o)).join(', ')}` : '';
    return got === undefined ? `"${issue.discriminator}" is missing${known}` : `${preview(got)} is not one of the known kinds${known}`;
  }
  if (issue.code === 'invalid_union') return `${preview(issue.input)} is none of the forms allowed here: ${formsOf(issue.inst)}`;
  if (issue.code === 'too_big' || issue.code === 'too_small') return limit(issue);
  return undefined;
}

/** A size or value limit, in words. */
function limit(issue: Extract<RawIssue, { code: 'too_big' | 'too_small' }>): string {
  const big = issue.code === 'too_big';
  const bound = Number(big ? issue.maximum : issue.minimum);
  const exclusive = issue.inclusive === false;
  if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
    return big ? (exclusive ? `must be less than ${bound}` : `must be at most ${bound}`) : exclusive ? `must be more than ${bound}` : `must be at least ${bound}`;
  const unit = issue.origin === 'string' ? 'character' : 'item';
  const count = `${bound} ${unit}${bound === 1 ? '' : 's'}`;
  const has = Array.isArray(issue.input) ? ` (it has ${issue.input.length})` : typeof issue.input === 'string' ? ` (it has ${[...issue.input].length})` : '';
  if ('exact' in issue && issue.exact) return `must have exactly ${count}${has}`;
  return `${big ? 'may have at most' : 'must have at least'} ${count}${has}`;
}

/** The forms a union accepts, in words: "a number", {"param"}, {"by"}, … */
function formsOf(inst: unknown): string {
  const options = (inst as { _zod?: { def?: { options?: unknown[] } } } | undefined)?._zod?.def?.options ?? [];
  const form = (o: unknown): string => {
    const def = (o as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; options?: unknown[] } } })._zod?.def;
    if (def?.type === 'object' && def.shape) return `{${Object.keys(def.shape).map((k) => JSON.stringify(k)).join(', ')}}`;
    if (def?.type === 'union' && def.options) return def.options.map(form).join(', ');
    return def?.type ? article(def.type) : 'a value';
  };
  return options.length ? options.map(form).join(', ') : 'see the scenario format';
}

function article(expected: string): string {
  return ['object', 'array', 'integer'].includes(expected) ? `an ${expected}` : `a ${expected}`;
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'string') return `the text ${preview(input)}`;
  return typeof input === 'object' ? 'an object' : `${typeof input} ${String(input)}`;
}

/** A value as it may appear in a message: short, whatever the author wrote. */
function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const short = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return typeof value === 'string' ? JSON.stringify(short) : short;
}

/** All three steps of validation: the shape, the references, then building the drill machine. */
export function compileScenario(value: unknown): Validated<CompiledScenario> {
  const valid = validateScenario(value);
  if (!valid.ok) return valid;
  try {
    return { ok: true, value: compile(valid.value) };
  } catch (error) {
    return { ok: false, issues: [{ path: '$', message: `the drill machine could not be built: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
