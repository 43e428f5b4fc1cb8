/**
 * Chinese typesetting: Chinese text uses full-width punctuation, and the facilitator has one
 * name (导调) everywhere. Read from the locale file and every shipped scenario's zh-CN text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import zh from '../../src/i18n/locales/zh-CN.json';

type Found = { where: string; text: string };

/** Every string of a JSON value with its path; `onlyKey` keeps the strings under that key only. */
function strings(value: unknown, path: string, onlyKey?: string, inside = !onlyKey): Found[] {
  if (typeof value === 'string') return inside ? [{ where: path, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`, onlyKey, inside));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`, onlyKey, inside || k === onlyKey));
  return [];
}

const SCENARIOS = readdirSync('scenarios').filter((f) => f.endsWith('.json') && f !== 'schema.json');
const texts: Found[] = [...strings(zh, 'zh-CN.json'), ...SCENARIOS.flatMap((f) => strings(JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')), f, 'zh-CN'))];

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The half-width , : ; ( ) in a Chinese string, with what is left alone: placeholders ({{time}}),
 * URLs, times (09:20), thousands (2,860) and strings with no Chinese at all (ids, Latin names).
 */
function halfWidthIn(text: string): string[] {
  // i18next's {{…}} and the scenario format's {time} and {param:id} are placeholders, not prose.
  const plain = text.replace(/\{\{[^}]*\}\}/g, 'x').replace(/\{(time|param:[a-z0-9-]+)\}/g, 'x').replace(/https?:\/\/\S+/g, 'x');
  if (!CJK.test(plain)) return [];
  const numeric = plain.replace(/\d:\d\d/g, '0').replace(/\d,\d{3}(?!\d)/g, '0');
  return [...numeric.matchAll(/[,:;()]/g)].map((m) => numeric.slice(Math.max(0, m.index - 6), m.index + 7));
}

describe('Chinese typesetting', () => {
  it('finds what it should and leaves times, numbers, placeholders, URLs and Latin text alone', () => {
    expect(halfWidthIn('上午10:05,7名客户')).toHaveLength(1);
    expect(halfWidthIn('注意:请先登记')).toHaveLength(1);
    expect(halfWidthIn('代表(不超过5名)')).toHaveLength(2);
    expect(halfWidthIn('上午9:40，涉及2,860万元；见 https://example.cn/a,b:c')).toEqual([]);
    expect(halfWidthIn('{{time}}: {{name}}')).toEqual([]);
    expect(halfWidthIn('须在{param:report-minutes}分钟内上报')).toEqual([]);
    expect(halfWidthIn('现在是{time}:请登记')).toHaveLength(1);
    expect(halfWidthIn('Lobby (hall), 09:20; ok')).toEqual([]);
  });

  it('uses full-width punctuation in every zh-CN string and scenario text', () => {
    const bad = texts.flatMap(({ where, text }) => halfWidthIn(text).map((at) => `${where}: “${at}”`));
    expect(bad).toEqual([]);
  });

  it('calls the facilitator 导调 everywhere', () => {
    const other = texts.filter(({ text }) => /导演|导调人员|主持人/.test(text)).map(({ where, text }) => `${where}: ${text}`);
    expect(other).toEqual([]);
    expect(texts.some(({ text }) => text.includes('导调'))).toBe(true);
  });
});
