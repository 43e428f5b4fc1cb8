/** MSEL spreadsheets: every shipped scenario out to XLSX and CSV and back, a hand-made Chinese sheet in, bad cells reported. */
import { readdirSync, readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { validateScenario, type Lang, type ScenarioInput } from '../../src/engine';
import { importMsel, mselToCsv, mselToXlsx, readCsv, readTime, readXlsx, scenarioToMsel, type MselImport } from '../../src/studio/msel';

const SHIPPED = readdirSync('scenarios').filter((f) => f.endsWith('.json') && f !== 'schema.json');
const load = (file: string): ScenarioInput => JSON.parse(readFileSync(`scenarios/${file}`, 'utf8')) as ScenarioInput;
const LANGS: Lang[] = ['zh-CN', 'en'];

/** What a sheet holds of an inject, in one language. */
function sheetFields(inj: ScenarioInput['injects'][number], lang: Lang) {
  const t = inj.trigger;
  return {
    id: inj.id,
    phase: inj.phase,
    channel: inj.channel,
    from: inj.from,
    to: inj.to,
    title: inj.title[lang],
    content: inj.content[lang],
    expectedAction: inj.expectedAction?.[lang],
    trigger: t.type === 'time' ? { type: 'time', at: t.at, from: t.from ?? 'phase' } : { type: 'manual' },
  };
}

async function xlsxRoundTrip(s: ScenarioInput, base: ScenarioInput, lang: Lang): Promise<MselImport> {
  const bytes = await mselToXlsx(scenarioToMsel(s, lang), lang);
  return importMsel(await readXlsx(bytes), base);
}
const csvRoundTrip = (s: ScenarioInput, base: ScenarioInput, lang: Lang): MselImport => importMsel(readCsv(mselToCsv(scenarioToMsel(s, lang), lang)), base);

describe('MSEL round trip of every shipped scenario', () => {
  expect(SHIPPED.length).toBeGreaterThanOrEqual(4);
  for (const file of SHIPPED)
    for (const lang of LANGS)
      for (const [kind, trip] of [
        ['XLSX', xlsxRoundTrip],
        ['CSV', async (s: ScenarioInput, base: ScenarioInput, l: Lang) => csvRoundTrip(s, base, l)],
      ] as const)
        it(`${file} in ${lang} through ${kind}`, async () => {
          const s = load(file);
          // into the scenario itself: every row updates its inject, nothing changes, the validator accepts it
          const same = await trip(s, s, lang);
          expect(same.lang).toBe(lang);
          expect(same.problems.filter((p) => p.severity === 'error')).toEqual([]);
          expect(same.updated.sort()).toEqual(s.injects.map((i) => i.id).sort());
          expect(same.added).toEqual([]);
          expect(same.draft).toEqual(s);
          expect(validateScenario(same.draft)).toMatchObject({ ok: true });

          // into a copy whose injects were taken out: each comes back with what the sheet holds
          const empty = { ...s, injects: [] };
          const fresh = await trip(s, empty, lang);
          expect(fresh.problems.filter((p) => p.severity === 'error')).toEqual([]);
          expect(fresh.added.sort()).toEqual(s.injects.map((i) => i.id).sort());
          const back = new Map(fresh.draft.injects.map((i) => [i.id, i]));
          for (const inj of s.injects) {
            const got = back.get(inj.id);
            expect(got, inj.id).toBeDefined();
            if (got) expect(sheetFields(got, lang)).toEqual(sheetFields(inj, lang));
          }
          // an untimed trigger other than "on demand" cannot be written in a sheet, and says so
          const conditional = s.injects.filter((i) => i.trigger.type === 'condition' || i.trigger.type === 'missed').length;
          expect(fresh.problems.filter((p) => p.code === 'trigger-unset')).toHaveLength(conditional);
        });
});

describe('MSEL files', () => {
  it('writes CSV as UTF-8 with a byte-order mark, Chinese headers and texts intact', () => {
    const s = load('data-leak.json');
    const csv = mselToCsv(scenarioToMsel(s, 'zh-CN'), 'zh-CN');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const firstLine = csv.slice(1).split('\r\n')[0];
    expect(firstLine).toBe('"编号","时间","阶段","渠道","发送方","接收方","标题","内容","预期行动","目标"');
    expect(csv).toContain(s.injects[0]?.title['zh-CN'].replace(/"/g, '""'));
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('orders the rows by phase and time, and writes times from the drill as T+', () => {
    const s = load('service-outage.json');
    const rows = scenarioToMsel(s, 'en');
    const phases = rows.map((r) => r.phase);
    expect(phases).toEqual([...phases].sort((a, b) => ['Report', 'Assess', 'Escalate', 'Resolve'].indexOf(a) - ['Report', 'Assess', 'Escalate', 'Resolve'].indexOf(b)));
    const drillTimed = s.injects.find((i) => i.trigger.type === 'time' && i.trigger.from === 'drill');
    expect(rows.find((r) => r.id === drillTimed?.id)?.time).toMatch(/^T\+\d\d:\d\d$/);
  });

  it('reads times as mm:ss, minutes, T+, h:mm:ss and Excel time cells', () => {
    expect(readTime('05:30')).toEqual({ kind: 'time', at: 5.5, from: 'phase' });
    expect(readTime('75:00')).toEqual({ kind: 'time', at: 75, from: 'phase' });
    expect(readTime('1:05:00')).toEqual({ kind: 'time', at: 65, from: 'phase' });
    expect(readTime('12')).toEqual({ kind: 'time', at: 12, from: 'phase' });
    expect(readTime('12 分钟')).toEqual({ kind: 'time', at: 12, from: 'phase' });
    expect(readTime(7)).toEqual({ kind: 'time', at: 7, from: 'phase' });
    expect(readTime('T+25:00')).toEqual({ kind: 'time', at: 25, from: 'drill' });
    expect(readTime('t + 3')).toEqual({ kind: 'time', at: 3, from: 'drill' });
    expect(readTime('0５：30'.replace('５', '5'))).toEqual({ kind: 'time', at: 5.5, from: 'phase' });
    expect(readTime(new Date(Date.UTC(1899, 11, 30, 0, 12, 30)))).toEqual({ kind: 'time', at: 12.5, from: 'phase' });
    expect(readTime('{param:report-minutes}')).toEqual({ kind: 'time', at: { param: 'report-minutes' }, from: 'phase' });
    expect(readTime('按需')).toEqual({ kind: 'manual', empty: false });
    expect(readTime(null)).toEqual({ kind: 'manual', empty: true });
    expect(readTime('5:75')).toEqual({ kind: 'bad' });
    expect(readTime('soon')).toEqual({ kind: 'bad' });
    expect(readTime(-1)).toEqual({ kind: 'bad' });
    expect(readTime(new Date(Date.UTC(2026, 0, 5, 9, 40)))).toEqual({ kind: 'bad' });
  });
});

/** A sheet as a trainer makes it in Excel: Chinese headers in an order of their own, times typed several ways. */
async function chineseSheet(rows: (string | number | Date | null)[][]): Promise<Uint8Array> {
  const book = new Workbook();
  const sheet = book.addWorksheet('演练脚本');
  sheet.addRow(['标题', '时间', '阶段', '渠道', '发送方', '接收方', '内容', '预期行动', '目标']);
  for (const r of rows) sheet.addRow(r);
  sheet.getColumn(2).eachCell((cell, n) => {
    if (n > 1 && cell.value instanceof Date) cell.numFmt = '[h]:mm:ss';
  });
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('MSEL import', () => {
  it('imports a sheet made with exceljs with Chinese headers into an existing draft', async () => {
    const s = load('data-leak.json');
    const bytes = await chineseSheet([
      ['网点门口出现横幅', '03:30', '信息报告', '现场到访', '客户', '大堂经理、支行行长', '两位客户在网点门口拉起横幅。', '劝离并报告。', '先期处置'],
      ['监管来电询问', 12, '研判评估', '监管', '国家金融监督管理总局江北监管分局', '全体', '监管来电了解情况。', null, null],
      ['自媒体发布视频', new Date(Date.UTC(1899, 11, 30, 0, 8, 0)), 'escalate', 'social-media', 'netizen', 'office-pr', '视频开始传播。', null, null],
      ['总行发来通知', 'T+40:00', '处置善后', '内部消息', '总行相关部门', '分管行领导（领导小组组长）', '总行要求报送处置进展。', null, null],
    ]);
    const result = importMsel(await readXlsx(bytes), s);
    expect(result.lang).toBe('zh-CN');
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.added).toHaveLength(4);
    const [banner, regulator, video, notice] = result.added.map((id) => result.draft.injects.find((i) => i.id === id));
    expect(banner).toMatchObject({ phase: 'report', channel: 'walk-in', from: 'customers', to: ['lobby-manager', 'branch-head'], trigger: { type: 'time', at: 3.5 } });
    expect(banner?.title).toEqual({ 'zh-CN': '网点门口出现横幅', en: '网点门口出现横幅' });
    expect(banner?.expectedAction?.['zh-CN']).toBe('劝离并报告。');
    expect(regulator).toMatchObject({ phase: 'assess', channel: 'regulator', from: 'regulator', to: 'all', trigger: { type: 'time', at: 12 } });
    expect(regulator?.expectedAction).toBeUndefined();
    expect(video).toMatchObject({ phase: 'escalate', channel: 'social-media', from: 'netizen', to: ['office-pr'], trigger: { type: 'time', at: 8 } });
    expect(notice).toMatchObject({ phase: 'resolve', from: 'head-office', to: ['leadership'], trigger: { type: 'time', at: 40, from: 'drill' } });
    // the English texts are copies until translated, and each row says so
    expect(result.problems.filter((p) => p.code === 'untranslated').map((p) => p.row)).toEqual([2, 3, 4, 5]);
    expect(result.problems.find((p) => p.code === 'untranslated')?.message['zh-CN']).toContain('英文');
    expect(validateScenario(result.draft)).toMatchObject({ ok: true });
    expect(s.injects.length).toBe(result.draft.injects.length - 4); // the draft given is not changed
  });

  it('reports each bad cell with its row and column, leaves those rows out and never throws', async () => {
    const s = load('data-leak.json');
    const bytes = await chineseSheet([
      ['', '05:00', '信息报告', '电话', '客户', '大堂经理', '没有标题。', null, null], // row 2: missing title (A)
      ['时间不对', 'soon', '信息报告', '电话', '客户', '大堂经理', '内容', null, null], // row 3: bad time (B)
      ['阶段不对', '05:00', '第五阶段', '电话', '客户', '大堂经理', '内容', null, null], // row 4: unknown phase (C)
      ['渠道不对', '05:00', '信息报告', '飞鸽传书', '客户', '大堂经理', '内容', null, null], // row 5: unknown channel (D)
      ['角色不对', '05:00', '信息报告', '电话', '外星人', '大堂经理、火星人', '内容', null, null], // row 6: unknown roles (E, F)
      ['好的一行', '06:00', '信息报告', '电话', '客户', '大堂经理', '内容', null, null], // row 7: fine
      ['太晚了', '200:00', '信息报告', '电话', '客户', '大堂经理', '内容', null, null], // row 8: a warning only
    ]);
    const result = importMsel(await readXlsx(bytes), s);
    const errors = result.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.header, p.code]);
    expect(errors).toEqual([
      [2, 'A', '标题', 'missing-title'],
      [3, 'B', '时间', 'bad-time'],
      [4, 'C', '阶段', 'unknown-phase'],
      [5, 'D', '渠道', 'unknown-channel'],
      [6, 'E', '发送方', 'unknown-role'],
      [6, 'F', '接收方', 'unknown-role'],
    ]);
    expect(result.rows.map((r) => r.action)).toEqual(['skip', 'skip', 'skip', 'skip', 'skip', 'add', 'add']);
    expect(result.problems.find((p) => p.code === 'time-after-end')).toMatchObject({ row: 8, column: 'B', severity: 'warning' });
    expect(result.problems.find((p) => p.code === 'unknown-role')?.message).toEqual({
      'zh-CN': '角色“外星人”不在本场景的角色中。',
      en: '"外星人" is not a role of this scenario.',
    });
    expect(result.rows[1]?.cells).toMatchObject({ title: '时间不对', time: 'soon' });
    expect(result.draft.injects).toHaveLength(s.injects.length + 2);
    expect(validateScenario(result.draft)).toMatchObject({ ok: true });
  });

  it('reports a file it cannot read, a sheet without headers and missing columns', async () => {
    const garbage = importMsel(await readXlsx(new TextEncoder().encode('not a workbook')), load('data-leak.json'));
    expect(garbage.problems).toHaveLength(1);
    expect(garbage.problems[0]?.code).toBe('file-unreadable');
    const noHeader = importMsel(readCsv('a,b,c\n1,2,3\n'), load('data-leak.json'));
    expect(noHeader.problems.map((p) => p.code)).toEqual(['no-header']);
    const missing = importMsel(readCsv('Title,Phase,Channel,Colour\nx,report,phone,red\n'), load('data-leak.json'));
    expect(missing.problems.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual(['time', 'from', 'to', 'content']);
    expect(missing.problems.find((p) => p.code === 'unknown-column')).toMatchObject({ row: 1, column: 'D', header: 'Colour' });
    expect(missing.draft).toEqual(load('data-leak.json'));
  });

  it('reports bad and repeated ids, a second sender and an unknown parameter', () => {
    const s = load('service-outage.json');
    const csv = [
      'ID,Time,Phase,Channel,From,To,Title,Content',
      'Bad_Id,05:00,Report,Phone,customers,all,A,B',
      'new-one,05:00,Report,Phone,customers,all,A,B',
      'new-one,06:00,Report,Phone,customers,all,C,D',
      'two,05:00,Report,Phone,"customers, reporter",all,E,F',
      'param,{param:nope},Report,Phone,customers,all,G,H',
    ].join('\n');
    const r = importMsel(readCsv(csv), s);
    const codes = r.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.code]);
    expect(codes).toContainEqual([2, 'A', 'bad-id']);
    expect(codes).toContainEqual([4, 'A', 'duplicate-id']);
    expect(codes).toContainEqual([5, 'E', 'one-sender']);
    expect(codes).toContainEqual([6, 'B', 'unknown-param']);
    expect(r.added).toEqual(['new-one']);
  });

  it('adds the roles a new draft does not have yet, when asked', () => {
    const s = load('data-leak.json');
    const csv = 'Time,Phase,Channel,From,To,Title,Content\n05:00,Report,Phone,Angry caller,Lobby manager,Call,A customer calls.\n';
    const strict = importMsel(readCsv(csv), s);
    expect(strict.problems.filter((p) => p.severity === 'error').map((p) => p.code)).toEqual(['unknown-role']);
    const loose = importMsel(readCsv(csv), s, { addMissingRoles: true });
    expect(loose.lang).toBe('en');
    expect(loose.addedRoles).toHaveLength(1);
    const role = loose.draft.roles.find((r) => r.id === loose.addedRoles[0]);
    expect(role).toMatchObject({ kind: 'simulated', name: { en: 'Angry caller' } });
    expect(loose.draft.injects.at(-1)).toMatchObject({ from: role?.id, to: ['lobby-manager'], trigger: { type: 'time', at: 5 } });
    expect(validateScenario(loose.draft)).toMatchObject({ ok: true });
  });
});
