import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTranscript } from '../../src/engine';
import { FORMAT2_FILE, miniJson, MINI_FILE as mini } from '../helpers/drill';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(tool: 'validate' | 'simulate' | 'replay' | 'scores', ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli', `${tool}.ts`), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-validate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('exits 0 for valid files', () => {
    const r = run('validate', mini);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok (mini-drill 1.0.0)');
  });

  it('refuses every kind of bad file with `FILE: PATH: message` and never a stack trace', () => {
    const utf16 = Buffer.from(`\ufeff${JSON.stringify(miniJson())}`, 'utf16le');
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /: \$: no such file$/],
      [(mkdirSync(join(dir, 'folder.json')), join(dir, 'folder.json')), /: \$: is a directory, not a file$/],
      [file('empty.json', ''), /: \$: the file is empty$/],
      [file('prose.json', 'Group complaint drill, version 2'), /: \$: not valid JSON: .* at line 1, column 1$/],
      [file('image.json', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /: \$: the file is binary, not JSON text$/],
      [file('utf16.json', utf16), /: \$: the file is UTF-16 text; save it as UTF-8$/],
      [file('huge.json', `{"pad": "${'x'.repeat(6 * 1024 * 1024)}"}`), /: \$: the file is too large \(6\.0 MiB; the limit is 5\.0 MiB\)$/],
      [file('deep.json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`), /: \$: the JSON is nested 50000 levels deep; the limit is 64$/],
      [file('array.json', '[1, 2, 3]'), /: \$: should be an object, not an array$/],
      [file('dangling.json', JSON.stringify(miniJson((s) => (s.tasks[0].roles = ['ghost'])))), /: \$\.tasks\[0\] \(alert\)\.roles\[0\]: "ghost" is not a role of this scenario$/],
    ];
    for (const [path, expected] of cases) {
      const r = run('validate', path);
      expect(r.code, path).toBe(1);
      const lines = r.err.trim().split('\n');
      expect(lines.every((l) => l.startsWith(`${path}: $`)), r.err).toBe(true);
      expect(lines[0], path).toMatch(expected);
      expect(r.err).not.toMatch(/^\s+at /m);
    }
  });

  it('warns about a guessable scenario, and with --strict fails it naming each task whose best option is the longest', () => {
    const guessable = file(
      'guessable.json',
      JSON.stringify(
        miniJson((s) => {
          for (const t of s.tasks.filter((t: { kind: string }) => t.kind === 'single')) {
            const best = t.options[0];
            best.label = { 'zh-CN': `${best.label['zh-CN']}，并当场说明理由、依据和后续安排`, en: `${best.label.en}, with the reasons and the rule` };
          }
        }),
      ),
    );
    const lenient = run('validate', guessable);
    expect(lenient.code).toBe(0);
    expect(lenient.out).toContain('ok (mini-drill 1.0.0), 6 warnings');
    const strict = run('validate', '--strict', guessable);
    expect(strict.code).toBe(1);
    const named = strict.err.trim().split('\n');
    expect(named).toHaveLength(6);
    expect(named[0]).toBe(`${guessable}: error: $.tasks[0] (alert): the best option is also the longest (zh-CN) in 3 of 3 single-choice tasks: a team can score by picking the longest answer; make the options of similar length`);
    expect(named.map((l) => l.match(/\((alert|statement|extra)\)/)?.[1])).toEqual(['alert', 'statement', 'extra', 'alert', 'statement', 'extra']);
    expect(run('validate', '--strict', mini).code).toBe(0);
  });

  it('passes every shipped scenario with --strict, skipping the generated schema.json', () => {
    const r = run('validate', '--strict', ...['data-leak', 'group-complaint', 'product-loss', 'schema'].map((n) => join(root, 'scenarios', `${n}.json`)));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toHaveLength(3);
  });

  it('checks all files and fails when any one is bad', () => {
    const r = run('validate', mini, join(dir, 'missing.json'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('ok (mini-drill');
  });
});

describe('npm run simulate and npm run replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-sim-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const out = join(dir, 'ideal.json');
  let first: ReturnType<typeof run>;

  beforeAll(() => {
    expect(run('simulate', mini, '--policy', 'ideal', '--seed', '4', '--out', out).code).toBe(0);
    first = run('replay', out);
  });

  it('writes a transcript file that replay reads, with the same output every time', () => {
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file).toMatchObject({ format: 'drillroom-transcript', version: 2, integrity: { algorithm: 'sha-256', count: file.events.length }, scenario: { id: 'mini-drill' }, session: { source: 'simulate', simulation: { policy: 'ideal', seed: 4 } } });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^Debrief: Mini drill \(mini-drill 1\.0\.0\)\n/);
    expect(first.out).toMatch(/Total \d+\/100, rating P/);
    expect(run('replay', out).out).toBe(first.out);
  });

  it('a format 2 scenario validates, plays and replays, its parameters in the transcript and its conditions in words', () => {
    expect(run('validate', '--strict', FORMAT2_FILE)).toMatchObject({ code: 0, out: expect.stringContaining('ok (format2-mini 1.0.0)') });
    const f2 = join(dir, 'format2.json');
    expect(run('simulate', FORMAT2_FILE, '--policy', 'ideal', '--seed', '1', '--out', f2).code).toBe(0);
    const file = JSON.parse(readFileSync(f2, 'utf8'));
    expect(file.events[0]).toMatchObject({ type: 'DRILL.START', payload: { parameters: { 'report-minutes': 5, 'video-anger': 20 } } });
    expect(run('replay', f2, '--lang', 'en').out).toContain('at the end: “Written report” rated S or better — met');
    expect(run('replay', f2, '--lang', 'zh-CN').out).toContain('“【中】Written report”评定为S及以上');
  });

  it('--json prints total, rating and criteria', () => {
    const json = JSON.parse(run('replay', out, '--json').out);
    expect(json.total).toBeGreaterThanOrEqual(85);
    expect(json.rating).toBe('P');
    expect(json.criteria.map((c: { id: string; score: number }) => c.id)).toEqual(['timely', 'quality', 'calm', 'contained', 'documented', 'coverage']);
    expect(first.out).toContain(`Total ${json.total}/100`);
  });

  it('prints the debrief in Chinese on request', () => {
    const zh = run('replay', out, '--lang', 'zh-CN').out;
    expect(zh.split('\n')[0]).toBe('演练评估：小型演练（mini-drill 1.0.0）');
    expect(zh).toMatch(/总分\d+\/100，评级P/);
    expect(zh).toContain('亮点');
  });

  it('refuses a truncated or altered transcript with a clear message', () => {
    const check = (name: string, edit: (f: any) => void) => {
      const file = JSON.parse(readFileSync(out, 'utf8'));
      edit(file);
      const path = join(dir, name);
      writeFileSync(path, JSON.stringify(file));
      const r = run('replay', path);
      expect(r.code).toBe(1);
      return r.err.replace(`${path}: `, '');
    };
    expect(check('cut.json', (f) => f.events.pop())).toMatch(/^Broken: the file is cut short: its record lists \d+ events, the file holds \d+\.\n$/);
    expect(check('gap.json', (f) => f.events.splice(2, 1))).toBe('Broken: events were removed: 1 missing from event 3 on.\n');
    expect(check('edit.json', (f) => (f.events[1].t += 60))).toBe('Broken: event 2 was altered.\n');
    expect(check('team.json', (f) => (f.session.team = 'Another branch'))).toBe('Broken: the scenario or the session details were changed after the drill.\n');
  });

  it('still reads a version-1 file (no hash chain)', () => {
    const file = JSON.parse(readFileSync(out, 'utf8'));
    delete file.integrity;
    delete file.plan;
    file.version = 1;
    const old = join(dir, 'v1.json');
    writeFileSync(old, JSON.stringify(file));
    const r = run('replay', old);
    expect(r.code).toBe(0);
    expect(r.out).toBe(first.out);
  });

  it('plays the score-gaming teams: idle, rush and testwise score far below the ideal team', () => {
    const ideal = JSON.parse(run('replay', out, '--json').out).total as number;
    for (const policy of ['idle', 'rush', 'testwise']) {
      const path = join(dir, `${policy}.json`);
      expect(run('simulate', mini, '--policy', policy, '--out', path).code).toBe(0);
      const json = JSON.parse(run('replay', path, '--json').out);
      expect(json.total, policy).toBeLessThanOrEqual(policy === 'testwise' ? ideal - 30 : 15);
    }
  });

  it('gives a drill that never started no score: "total": null, and says so in words', () => {
    const file = JSON.parse(readFileSync(out, 'utf8'));
    const path = join(dir, 'never-started.json');
    writeFileSync(path, JSON.stringify(makeTranscript(file.scenario, { source: 'simulate' }, [])));
    const json = JSON.parse(run('replay', path, '--json').out);
    expect(json).toMatchObject({ played: false, total: null, rating: null });
    expect(run('replay', path).out).toContain('Not played (no score)');
    expect(run('replay', path, '--lang', 'zh-CN').out).toContain('未演练（无得分）');
  });

  it('prints the ratings compared (engine, facilitator, peers) and the lessons learned of a group exercise, in both languages', () => {
    const ideal = JSON.parse(readFileSync(out, 'utf8')) as { scenario: never; session: never; events: { seq: number; t: number; type: string }[] };
    const last = ideal.events.at(-1) ?? { seq: 0, t: 0 };
    const more = [
      { type: 'CRITERION.RATE', actor: 'facilitator', payload: { criterion: 'timely', rating: 'S', comment: 'reported within the hour' } },
      { type: 'PEER.REVIEW', actor: 'system', payload: { group: '第二组', reviewer: '赵磊', ratings: [{ criterion: 'timely', rating: 'M', comment: '上报偏慢' }] } },
      { type: 'LESSON.ADD', actor: 'facilitator', payload: { text: '先倾听，再解释' } },
      { type: 'NOTE.ADD', actor: 'evaluator', payload: { text: '保安站位过近', by: '王芳' } },
    ].map((e, i) => ({ ...e, seq: last.seq + i + 1, t: last.t }));
    const path = join(dir, 'exercise.json');
    writeFileSync(path, JSON.stringify(makeTranscript(ideal.scenario, ideal.session, [...ideal.events, ...more] as never)));
    const zh = run('replay', path, '--lang', 'zh-CN').out;
    expect(zh).toMatch(/评分对照[^\n]*\n[^\n]*导调 S · 互评 M（1人）/);
    expect(zh).toContain('第二组 · 赵磊: 上报偏慢');
    expect(zh).toMatch(/心得技巧：\n {2}- 先倾听，再解释/);
    expect(zh).toContain('保安站位过近（王芳）');
    const en = run('replay', path, '--lang', 'en').out;
    expect(en).toMatch(/facilitator S · peers M \(1\)/);
    expect(en).toContain('Lessons learned:');
  });

  it('carries observations and the leader\'s summary into --json', () => {
    const json = JSON.parse(run('replay', out, '--json').out);
    expect(json.summary).toMatchObject({ by: 'facilitator', text: expect.stringContaining('改进计划') });
    expect(json.observations).toEqual([expect.objectContaining({ observation: 'listens', good: true })]);
  });

  it('npm run scores prints every automatic player\'s totals against the targets', () => {
    const r = run('scores', mini);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toMatch(/mini-scenario\.json \(mini-drill 1\.0\.0\)$/);
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/)[0])).toEqual(['ideal', 'negligent', 'random', 'idle', 'rush', 'testwise']);
    expect(lines[1]).toMatch(/^ {2}ideal +\d+ P +\d+ P +\d+ P +target ≥ 85$/);
  });

  it('explains bad arguments', () => {
    const r = run('simulate', mini, '--policy', 'lazy', '--out', join(dir, 'x.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: npm run simulate');
  });
});
