/**
 * Steps one and two of validation: shape (zod), then references. Step three, building
 * the machine, is `compileScenario` in ../drill/compile.ts.
 */
import type { z } from 'zod';
import { checkReferences, type Issue } from './references';
import { scenarioSchema, type Scenario } from './schema';

export type { Issue };
export type Validated<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function validateScenario(value: unknown): Validated<Scenario> {
  const shaped = parseShape(scenarioSchema, value);
  if (!shaped.ok) return shaped;
  const issues = checkReferences(shaped.value);
  return issues.length ? { ok: false, issues } : shaped;
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
  if (issue.code === 'invalid_type') return `should be ${article(issue.expected)}, not ${describe(issue.input)}`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    const input = issue.input as Record<string, unknown> | undefined;
    const got = input && typeof input === 'object' ? input[issue.discriminator] : undefined;
    return got === undefined ? `"${issue.discriminator}" is missing` : `${preview(got)} is not one of the known kinds`;
  }
  return undefined;
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
