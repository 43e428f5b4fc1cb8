/**
 * Fuzzing the scenario validator with thousands of mutations of the shipped scenarios:
 * every input gives a clean error (a JSON path and a sentence) or a valid scenario, never a
 * crash, a hang or a polluted prototype.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileScenario, decodeJsonBytes } from '../../src/engine';
import { scenarioFiles } from '../../src/node/scenarioFiles';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

/** Every path to a value in a JSON document. */
function paths(value: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

const deep = (depth: number): Json => {
  let v: Json = { type: 'flag', flag: 'x' };
  for (let i = 0; i < depth; i++) v = { type: 'not', of: v };
  return v;
};

const replacement = fc.oneof(
  fc.jsonValue() as fc.Arbitrary<Json>,
  fc.constantFrom<Json>(null, true, 0, -1, 1e308, '', 'ghost', 'report', [], {}),
  fc.constant('x'.repeat(100_000) as Json),
  fc.integer({ min: 1, max: 300 }).map(deep),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}}') as Json),
);

type Mutation = { kind: 'delete' | 'set' | 'dangle' | 'duplicate' | 'proto'; pick: number; value: Json };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('delete', 'set', 'dangle', 'duplicate', 'proto'),
  pick: fc.nat(),
  value: replacement,
});

function mutate(doc: Json, mutations: Mutation[]): Json {
  const copy = structuredClone(doc);
  for (const m of mutations) {
    const all = paths(copy).filter((p) => p.length > 0);
    const path = all[m.pick % all.length];
    if (!path) continue;
    const parent = path.slice(0, -1).reduce<Json>((o, k) => (o as Record<string | number, Json>)[k] as Json, copy) as Record<string | number, Json> | Json[];
    const key = path[path.length - 1] as string | number;
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
    } else if (m.kind === 'set') (parent as Record<string | number, Json>)[key] = m.value;
    else if (m.kind === 'dangle') {
      if (typeof (parent as Record<string | number, Json>)[key] === 'string') (parent as Record<string | number, Json>)[key] = 'ghost-id';
    } else if (m.kind === 'duplicate') {
      if (Array.isArray(parent)) parent.push(structuredClone(parent[Number(key)] as Json));
    } else if (!Array.isArray(parent)) Object.defineProperty(parent, '__proto__', { value: m.value, enumerable: true, configurable: true, writable: true });
  }
  return copy;
}

describe.each(scenarioFiles().map((f) => [f.split('/').pop() as string, f]))('fuzzing %s', (_name, file) => {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Json;

  it('gives a clean error or a valid scenario for every mutation', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const result = compileScenario(mutate(doc, mutations));
        if (result.ok) {
          valid++;
          return;
        }
        expect(result.issues.length).toBeGreaterThan(0);
        for (const issue of result.issues) {
          expect(issue.path).toMatch(/^\$/);
          expect(typeof issue.message).toBe('string');
          expect(issue.message.length).toBeGreaterThan(0);
          expect(issue.message.length).toBeLessThan(1000);
        }
      }),
      { numRuns: 1200, seed: 20261127, interruptAfterTimeLimit: 25_000 },
    );
    expect(valid).toBeLessThan(1200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 60_000);
});

describe('fuzzing the file reader', () => {
  it('turns any bytes into JSON or one sentence', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        const r = decodeJsonBytes(bytes);
        if (!r.ok) expect(r.message).toMatch(/^(the file|not valid JSON|the JSON)/);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });
});
