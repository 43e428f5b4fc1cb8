/**
 * The scenario studio in Chromium, on the static build (one laptop): a small drill built from the
 * blank template (two roles, four phases, three injects, two tasks with options, a rubric), the
 * errors the studio lists fixed from the list, tried with the automatic players (in a worker,
 * under the app's CSP), then played at once on this laptop and run to the debrief.
 * Screenshots of the studio at a projector's, a laptop's and a phone's size go to tests/e2e/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import zh from '../../src/i18n/locales/zh-CN.json';
import studio from '../../src/studio/locales/zh-CN.json';
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

/** Fixes every error the studio lists, one at a time: its button opens and focuses the field, and the field gets a text in its language. */
async function fixListedErrors(page: Page) {
  const list = page.getByRole('complementary', { name: new RegExp(`^${escape(studio.check.title.split('（')[0] ?? '')}`) });
  for (let n = 1; n <= 60; n++) {
    const error = list.getByRole('button', { name: new RegExp(`^${studio.check.error} `) }).first();
    if ((await error.count()) === 0) return n - 1;
    const said = (await error.innerText()).trim();
    expect(said).toMatch(/：(不能为空|未填写)。$/);
    await error.click();
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
      return el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') ? { lang: el.lang, value: el.value } : null;
    });
    if (!focused) throw new Error(`the error "${said}" did not focus a text field`);
    expect(focused.value).toBe('');
    await page.keyboard.type(focused.lang === 'en' ? `Text ${n}` : `内容${n}`);
    await expect.poll(() => list.getByRole('button', { name: said, exact: true }).count()).toBe(0);
  }
  throw new Error('the errors did not run out');
}

async function shotAt(page: Page, name: string, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.screenshot({ path: `${SHOTS}/studio-${name}-${width}x${height}.png` });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  expect(await axeProblems(page)).toEqual([]);
}

describe('the scenario studio (one laptop)', () => {
  it('builds a small drill from the blank template, fixes what it shows, tries it, plays it and runs it to the debrief', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    watchPage(page, errors);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.goto(server.url);
    await page.getByRole('link', { name: zh.library.studio }).click();
    await page.getByRole('button', { name: studio.start.blank }).click();
    await page.getByRole('heading', { level: 2, name: `${studio.title}：新演练` }).waitFor();
    await page.getByRole('textbox', { name: '标题（中文）' }).fill('柜面系统中断');
    await page.getByRole('textbox', { name: '标题（英文）' }).fill('Counter system outage');

    // two roles and four phases come with the template
    await page.getByRole('tab', { name: studio.tabs.roles }).click();
    expect(await page.getByRole('navigation', { name: studio.tabs.roles }).getByRole('listitem').count()).toBe(2);
    await page.getByRole('tab', { name: studio.tabs.phases }).click();
    expect(await page.getByRole('navigation', { name: studio.tabs.phases }).getByRole('listitem').count()).toBe(4);

    // three injects: the template's and two more, one in the assess phase
    await page.getByRole('tab', { name: studio.tabs.injects }).click();
    const addInject = page.getByRole('button', { name: fill(studio.list.addNamed, { name: studio.inject.one }) });
    await addInject.click();
    await page.getByRole('textbox', { name: '标题（中文）' }).fill('客户打来投诉电话');
    await page.getByRole('textbox', { name: '标题（英文）' }).fill('A customer phones to complain');
    await addInject.click();
    await page.getByLabel(studio.fields.phase, { exact: true }).selectOption('assess');
    expect(await page.getByRole('navigation', { name: studio.tabs.injects }).getByRole('listitem').count()).toBe(3);

    // a second task with two options, in the assess phase
    await page.getByRole('tab', { name: studio.tabs.tasks }).click();
    await page.getByRole('button', { name: fill(studio.list.addNamed, { name: studio.task.one }) }).click();
    await page.getByLabel(studio.fields.phase, { exact: true }).selectOption('assess');
    await page.getByRole('textbox', { name: '选项 1 内容（中文）' }).fill('立即电话报告分行');
    await page.getByRole('textbox', { name: '选项 1 内容（英文）' }).fill('Phone the city branch now');
    await page.getByRole('textbox', { name: '选项 2 内容（中文）' }).fill('等事态明朗后再说');
    await page.getByRole('textbox', { name: '选项 2 内容（英文）' }).fill('Wait until it is clear');

    // the rubric: the second task feeds the timeliness criterion
    await page.getByRole('tab', { name: studio.tabs.rubric }).click();
    await page.getByRole('navigation', { name: studio.rubric.criteria }).getByRole('button', { name: /响应时效/ }).click();
    await page.getByLabel(studio.rubric.addMeasure).selectOption('timeliness');
    const measure = page.getByRole('group', { name: fill(studio.rubric.measure, { n: 2, type: studio.measure.timeliness }) });
    await measure.getByRole('checkbox', { name: /task-2/ }).check();

    // the studio lists the errors in Chinese; each one opens its field, and they are fixed
    await expect.poll(() => page.getByText(/^还有 \d+ 个错误/).count()).toBe(1);
    await shotAt(page, 'errors', 1366, 768);
    expect(await fixListedErrors(page)).toBeGreaterThan(5);
    await page.getByText(/^没有错误/).waitFor();
    await shotAt(page, 'clean', 1920, 1080);
    await shotAt(page, 'clean', 390, 844);
    await page.setViewportSize({ width: 1366, height: 768 });

    // the expert's JSON tab: CodeMirror with the schema, under the app's CSP
    await page.getByRole('tab', { name: studio.tabs.json }).click();
    await page.getByRole('textbox', { name: studio.json.label }).waitFor();
    expect(await page.locator('.cm-editor').innerText()).toContain('"Counter system outage"');

    // try it: the automatic players in a worker, their totals beside the targets
    await page.getByRole('tab', { name: studio.tabs.try }).click();
    await page.getByRole('button', { name: studio.try.run }).click();
    const table = page.getByRole('table', { name: studio.try.caption });
    await table.waitFor({ timeout: 60_000 });
    expect(await table.getByRole('row').count()).toBe(7);
    expect(workers.filter((u) => /trialWorker/.test(u))).toHaveLength(1);
    const ideal = (await table.getByRole('row', { name: new RegExp(`^${studio.policy.ideal}`) }).innerText()).split(/\s+/);
    expect(Number(ideal[1])).toBeGreaterThanOrEqual(85);
    await page.screenshot({ path: `${SHOTS}/studio-try-1366x768.png`, fullPage: true });

    // play it now: the draft, set up as a one-laptop drill
    await page.getByRole('button', { name: studio.try.play }).click();
    await page.getByRole('heading', { level: 2, name: '柜面系统中断' }).waitFor();
    await page.getByLabel(zh.setup.team).fill('青河县支行');
    await page.getByRole('button', { name: zh.setup.prepare }).click();
    await page.getByRole('button', { name: zh.console.start }).click();

    const answerOpen = async () => {
      for (let guard = 0; guard < 5; guard++) {
        const enter = page.getByRole('button', { name: new RegExp(`^${escape(fill(zh.console.enterNamed, { task: '' }))}`) }).first();
        if ((await enter.count()) === 0) return;
        const title = ((await enter.getAttribute('aria-label')) ?? '').slice(fill(zh.console.enterNamed, { task: '' }).length);
        await enter.click();
        const form = page.getByRole('form', { name: title });
        await form.getByRole('radio').first().check();
        await form.getByRole('button', { name: zh.task.submit }).click();
        await expect.poll(() => form.count()).toBe(0);
      }
    };
    for (let phase = 0; phase < 3; phase++) {
      await answerOpen();
      await page.getByRole('button', { name: zh.console.nextPhase }).click();
      const dialog = page.getByRole('dialog', { name: zh.console.overrideTitle });
      if (await dialog.isVisible()) {
        await dialog.getByLabel(zh.console.reason).fill('e2e');
        await dialog.getByRole('button', { name: zh.console.overrideConfirm }).click();
      }
    }
    await answerOpen();
    await page.getByRole('button', { name: zh.console.nextPhase }).click();
    await page.getByRole('dialog', { name: zh.consoleLayout.finishTitle }).getByRole('button', { name: zh.consoleLayout.finishConfirm }).click();
    const total = page.getByLabel(zh.debrief.totalLabel);
    await total.waitFor();
    expect(Number(await total.innerText())).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/studio-debrief-1366x768.png` });

    // the draft is still there in the studio
    await page.goto(`${server.url}#/studio`);
    await page.getByRole('heading', { level: 2, name: `${studio.title}：柜面系统中断` }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
