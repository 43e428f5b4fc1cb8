/**
 * The studio's MSEL and map in Chromium, on the static build (the app's CSP): an MSEL sheet made
 * here with exceljs, with Chinese headers, imported into a new draft through its preview, its
 * injects then shown as cards on the drill map and exported again as XLSX; and a picture of the
 * map of every shipped scenario, in Chinese and in English, saved to tests/e2e/screenshots/ for
 * a reviewer (studio-map-<id>-<lang>.png).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Lang, Scenario } from '../../src/engine';
import en from '../../src/studio/locales/en.json';
import zh from '../../src/studio/locales/zh-CN.json';
import mapZh from '../../src/studio/locales/map.zh-CN.json';
import { DRILL_MAP_READY } from '../../src/studio/map/selectors';
import { SHIPPED_SCENARIO_IDS, screenshotDrillMap, waitForDrillMap } from '../studio/mapScreenshots';
import { axeProblems } from './axe';
import { launchChromium, serveBuiltApp, watchPage } from './browser';

const SHOTS = 'tests/e2e/screenshots';
let browser: Browser;
let server: Awaited<ReturnType<typeof serveBuiltApp>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveBuiltApp();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));

/** The MSEL a trainer might have kept in Excel: Chinese headers, the blank template's roles, one reporter the draft lacks. */
const INJECTS = [
  ['05:00', '信息报告', '电话', '客户', '大堂经理', '客户来电投诉柜面中断', '客户在电话中说网点柜台无法办理业务，要求解释。', '记录诉求，安抚客户并报告网点负责人'],
  ['10:00', '研判评估', '热线', '媒体记者', '大堂经理', '记者来电求证', '一位记者打来热线，询问网点停业的原因。', '按统一口径回应并上报'],
  ['T+40:00', '升级处置', '社交媒体', '客户', '全体', '短视频在网上传播', '有客户在短视频平台发布了营业厅排长队的视频。', '启动舆情应对预案'],
];

async function mselWorkbook(): Promise<Buffer> {
  const book = new Workbook();
  const sheet = book.addWorksheet('主事件清单');
  sheet.addRow(['时间', '阶段', '渠道', '发送方', '接收方', '标题', '内容', '预期行动']);
  for (const row of INJECTS) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function noOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

describe('the studio\'s MSEL and map (one laptop)', () => {
  it('imports an MSEL sheet made with exceljs into a new draft, shows its injects on the map, and exports them again', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    watchPage(page, errors);
    await page.goto(`${server.url}#/studio`);
    await page.getByRole('button', { name: zh.start.blank }).click();
    await page.getByRole('tab', { name: zh.tabs.msel }).click();

    // the preview: every row added (the reporter as a new role), nothing changed until applied
    await page.getByRole('checkbox', { name: zh.msel.import.addRoles }).check();
    await page.getByLabel(zh.msel.import.file).setInputFiles({ name: '柜面中断-MSEL.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await mselWorkbook() });
    const preview = page.getByRole('table', { name: fill(zh.msel.import.caption, { name: '柜面中断-MSEL.xlsx' }) });
    await preview.waitFor();
    for (const [n, row] of INJECTS.entries()) {
      const line = preview.getByRole('row', { name: new RegExp(`^${escape(fill(zh.msel.rowLabel, { row: n + 2 }))} `) });
      await expect.poll(() => line.getByRole('cell', { name: zh.msel.action.add, exact: true }).count()).toBe(1);
      expect(await line.innerText()).toContain(row[5]);
    }
    expect(await preview.innerText()).toContain('已新增角色“媒体记者”');
    await page.getByText(fill(zh.msel.import.summary, { added: 3, updated: 0, roles: 1 })).waitFor();
    expect(await page.getByRole('table', { name: fill(zh.msel.caption, { count: 1 }) }).count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await noOverflow(page);
    await page.screenshot({ path: `${SHOTS}/studio-msel-preview-390x844.png`, fullPage: true });
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: `${SHOTS}/studio-msel-preview-1366x768.png`, fullPage: true });

    await page.getByRole('button', { name: zh.msel.import.apply }).click();
    await page.getByText(fill(zh.msel.import.applied, { added: 3, updated: 0 })).waitFor();
    await page.getByRole('table', { name: fill(zh.msel.caption, { count: 4 }) }).waitFor();

    // the imported injects on the map, as cards by name; a card opens its form
    await page.getByRole('tab', { name: zh.tabs.map }).click();
    await waitForDrillMap(page);
    const map = page.getByRole('region', { name: mapZh.drillMap.label });
    for (const row of INJECTS) expect(await map.getByRole('button', { name: new RegExp(`^${escape(mapZh.drillMap.kind.inject)}：${escape(row[5] as string)}，`) }).count(), row[5]).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await page.locator(DRILL_MAP_READY).screenshot({ path: `${SHOTS}/studio-map-imported-zh-CN.png` });
    await map.getByRole('button', { name: new RegExp(`^${escape(mapZh.drillMap.kind.inject)}：记者来电求证，`) }).click();
    expect(await page.getByRole('tab', { name: zh.tabs.injects }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('textbox', { name: '标题（中文）' }).inputValue()).toBe('记者来电求证');

    // exported again as XLSX (exceljs's browser build, under the app's CSP), read back here
    await page.getByRole('tab', { name: zh.tabs.msel }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: zh.msel.export.xlsx }).click()]);
    expect(download.suggestedFilename()).toBe('new-drill-msel-zh-CN.xlsx');
    const book = new Workbook();
    const bytes = readFileSync(await download.path());
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const titles: string[] = [];
    book.worksheets[0]?.eachRow((row) => titles.push(String(row.getCell(7).value)));
    expect(titles).toEqual(['标题', '客户到厅反映问题', ...INJECTS.map((r) => r[5])]);
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);

  it('saves a picture of the map of every shipped scenario, in Chinese and in English', async () => {
    expect(SHIPPED_SCENARIO_IDS.length).toBeGreaterThanOrEqual(4);
    for (const lang of ['zh-CN', 'en'] as Lang[]) {
      const words = lang === 'en' ? en : zh;
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      await context.addInitScript((l) => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: l }, version: 0 })), lang);
      const page = await context.newPage();
      const errors: string[] = [];
      watchPage(page, errors);
      for (const id of SHIPPED_SCENARIO_IDS) {
        const scenario = JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8')) as Scenario;
        await page.goto(`${server.url}#/studio`);
        await page.evaluate(() => localStorage.removeItem('drillroom.studio.draft'));
        await page.reload();
        await page.getByRole('button', { name: fill(words.start.fromNamed, { title: scenario.title[lang] }) }).click();
        await page.getByRole('tab', { name: words.tabs.map }).click();
        await waitForDrillMap(page);
        // every inject and task of the scenario is a card on the map
        const cards = page.locator(`${DRILL_MAP_READY} .react-flow__node-card`);
        expect(await cards.count(), `${id} ${lang}`).toBe(scenario.injects.length + scenario.tasks.length);
        await screenshotDrillMap(page, `${SHOTS}/studio-map-${id}-${lang}.png`);
        expect(await axeProblems(page), `${id} ${lang}`).toEqual([]);
      }
      // the last one on a laptop and on a phone too: the map fits the page, which does not scroll sideways
      for (const [width, height] of [
        [1366, 768],
        [390, 844],
      ] as const) {
        await page.setViewportSize({ width, height });
        await waitForDrillMap(page);
        await noOverflow(page);
        await page.screenshot({ path: `${SHOTS}/studio-map-page-${lang}-${width}x${height}.png`, fullPage: true });
      }
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 300_000);
});
