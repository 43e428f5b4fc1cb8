/** The studio's parts that need no page: the words loader, paths, the problems in Chinese, and the automatic players' trial. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkQuality, validateScenario } from '../../src/engine';
import { createI18n } from '../../src/app/i18n';
import { checkDraft } from '../../src/app/studio/check';
import { addStudioWords, langOfFile, STUDIO_NS, studioWords } from '../../src/app/studio/i18n';
import { getAt, parsePath, setAt } from '../../src/app/studio/paths';
import { problemMessage, problemPlace } from '../../src/app/studio/problemText';
import { blankScenario } from '../../src/app/studio/template';
import { runTrial } from '../../src/app/studio/trial';

const i18n = createI18n('zh-CN');
addStudioWords(i18n);
const t = i18n.getFixedT('zh-CN', STUDIO_NS);

describe('studio words', () => {
  it('merges every locale file by the language its name ends with', () => {
    expect(langOfFile('../../studio/locales/zh-CN.json')).toBe('zh-CN');
    expect(langOfFile('../../studio/locales/map.en.json')).toBe('en');
    expect(langOfFile('../../studio/locales/notes.md')).toBeNull();
    const words = studioWords({
      '/l/zh-CN.json': { title: '场景工作室', map: { keep: '保留' } },
      '/l/map.zh-CN.json': { map: { lane: '泳道' } },
      '/l/map.en.json': { map: { lane: 'Lane' } },
    });
    expect(words['zh-CN']).toEqual({ title: '场景工作室', map: { keep: '保留', lane: '泳道' } });
    expect(words.en).toEqual({ map: { lane: 'Lane' } });
  });

  it('has every key the studio uses, the same in both languages', () => {
    const words = studioWords();
    const keys = (o: object, at = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v ? keys(v as object, `${at}${k}.`) : [`${at}${k}`]));
    expect(keys(words['zh-CN']).sort()).toEqual(keys(words.en).sort());
    const known = new Set(keys(words['zh-CN']));
    const dir = 'src/app/studio';
    const used = readdirSync(dir)
      .filter((f) => /\.tsx?$/.test(f))
      .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/\bts\('([a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)*)'/g)].map((m) => m[1] as string));
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });

  it('sets Chinese as the app does: full-width punctuation, and the facilitator is 导调', () => {
    const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
    const strings = (v: unknown, at: string): [string, string][] =>
      typeof v === 'string' ? [[at, v]] : v && typeof v === 'object' ? Object.entries(v).flatMap(([k, x]) => strings(x, `${at}.${k}`)) : [];
    const zhTexts = [...strings(studioWords()['zh-CN'], 'studio'), ...strings(blankScenario(), 'template').filter(([at]) => at.endsWith('.zh-CN'))];
    const halfWidth = zhTexts.filter(([, text]) => {
      const plain = text.replace(/\{\{[^}]*\}\}/g, 'x').replace(/\{(time|param:[a-z0-9-]+)\}/g, 'x');
      return CJK.test(plain) && /[,:;()]/.test(plain.replace(/\d:\d\d/g, '0'));
    });
    expect(halfWidth).toEqual([]);
    expect(zhTexts.filter(([, text]) => /导演|导调人员|主持人/.test(text))).toEqual([]);
    expect(zhTexts.some(([, text]) => text.includes('导调'))).toBe(true);
  });

  it('loads the studio namespace into the app\'s instance in both languages', () => {
    expect(t('title')).toBe('场景工作室');
    expect(i18n.getFixedT('en', STUDIO_NS)('title')).toBe('Scenario studio');
  });
});

describe('paths', () => {
  it('reads a validator\'s named path and writes a copy without touching the original', () => {
    expect(parsePath('$.tasks[12] (report-upward).options[1] (call-now).label["zh-CN"]')).toEqual(['tasks', 12, 'options', 1, 'label', 'zh-CN']);
    expect(parsePath('$.tasks[0].title.zh-CN')).toEqual(['tasks', 0, 'title', 'zh-CN']);
    const before = { tasks: [{ id: 'a' }, { id: 'b' }] };
    const after = setAt(before, ['tasks', 0, 'title', 'en'], 'A');
    expect(getAt(after, ['tasks', 0, 'title'])).toEqual({ en: 'A' });
    expect(before.tasks[0]).toEqual({ id: 'a' });
    expect(setAt(before, ['tasks', 0], undefined)).toEqual({ tasks: [{ id: 'b' }] });
  });
});

/** Every scenario file broken in many ways at once, so that most of the validator's wordings appear. */
function broken(): unknown {
  const s = blankScenario() as unknown as Record<string, unknown> & { roles: Record<string, unknown>[]; tasks: Record<string, unknown>[]; injects: Record<string, unknown>[]; phases: Record<string, unknown>[]; rubric: Record<string, unknown>[] };
  s.version = '1';
  s.storyClock = '25:00';
  s.id = 'Bad Id';
  (s.roles[1] as Record<string, unknown>).id = 'facilitator';
  (s.tasks[0] as Record<string, unknown>).roles = ['nobody'];
  (s.injects[0] as Record<string, unknown>).channel = 'pigeon';
  (s.title as Record<string, string>).en = '';
  s.rubric = s.rubric.slice(0, 3);
  s.extra = 1;
  return s;
}

describe('problems in the trainer\'s language', () => {
  it('words every problem of a broken draft in Chinese, none left generic', () => {
    const problems = checkDraft(broken()).problems;
    expect(problems.length).toBeGreaterThan(4);
    for (const p of problems) {
      const text = problemMessage(t, p.message);
      expect(text, p.message).not.toBe(t('problem.other'));
      expect(text).not.toMatch(/is missing|must|should|expected|not allowed/);
    }
    const reference = checkDraft(setAt(blankScenario(), ['tasks', 0, 'roles'], ['nobody'])).problems;
    expect(reference.map((p) => `${problemPlace(t, setAt(blankScenario(), ['tasks', 0, 'roles'], ['nobody']), p.path, 'zh-CN')}：${problemMessage(t, p.message)}`)).toEqual([
      '任务 › 第 1 项 首次响应 › 角色 › 第 1 项：“nobody”不是本场景中的角色。',
    ]);
  });

  it('words the quality check\'s findings on the shipped scenarios made worse', () => {
    const s = JSON.parse(readFileSync('scenarios/group-complaint.json', 'utf8')) as Record<string, unknown>;
    const valid = validateScenario(s);
    if (!valid.ok) throw new Error('group-complaint.json is invalid');
    // every option as long as the best one is the longest: the quality check warns on each task
    const worse = structuredClone(valid.value);
    for (const task of worse.tasks)
      if (task.kind === 'single') {
        const best = Math.max(...task.options.map((o) => o.score));
        for (const o of task.options) if (o.score === best) o.label = { 'zh-CN': `${o.label['zh-CN']}并且做得非常非常非常周到细致完整`, en: `${o.label.en} and do it very very thoroughly and completely` };
      }
    const findings = checkQuality(worse);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(problemMessage(t, f.message), f.message).not.toBe(t('problem.other'));
  });
});

describe('the trial', () => {
  it('plays a shipped scenario with every automatic player and finds it meets the targets', () => {
    const valid = validateScenario(JSON.parse(readFileSync('scenarios/service-outage.json', 'utf8')));
    if (!valid.ok) throw new Error('service-outage.json is invalid');
    const trial = runTrial(valid.value);
    expect(trial.results.map((r) => r.policy)).toEqual(['ideal', 'negligent', 'random', 'idle', 'rush', 'testwise']);
    expect(trial.results.find((r) => r.policy === 'ideal')?.runs.map((r) => r.total)).toEqual([100, 100, 100]);
    expect(trial.meetsAll).toBe(true);
  });

  it('finds a scenario whose score a test-wise team can game', () => {
    // the blank template with the longest option made the best one: picking the longest wins
    const s = blankScenario();
    const task = s.tasks[0] as { options: { label: { 'zh-CN': string; en: string } }[] };
    for (const o of task.options) o.label = { 'zh-CN': '好', en: 'ok' };
    const first = task.options[0];
    if (first) first.label = { 'zh-CN': '请客户到一旁，耐心倾听并记录诉求，随后安抚', en: 'Take the customer aside, listen, note it and calm them' };
    const valid = validateScenario(s);
    if (!valid.ok) throw new Error('invalid');
    const trial = runTrial(valid.value);
    expect(trial.results.find((r) => r.policy === 'testwise')?.meets).toBe(false);
    expect(trial.meetsAll).toBe(false);
  });
});
