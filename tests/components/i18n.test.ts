import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh-CN.json';

const keys = (o: object, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));

const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));

describe('translations', () => {
  it('Chinese and English have the same keys', () => {
    expect(keys(zh).sort()).toEqual(keys(en).sort());
  });

  it('every key the app and command line use exists', () => {
    // A plural key (`x_one`, `x_other`) is used as `x`.
    const known = new Set(keys(en).map((k) => k.replace(/_(one|other)$/, '')));
    const used = files('src')
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9]+(?:\.[a-zA-Z0-9-]+)+)'/g)].map((m) => m[1] as string));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });
});
