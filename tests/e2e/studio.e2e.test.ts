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
import { buildSmallDrill, errorsShown, escape, fill, fixListedErrors, noErrorsLeft, startFromBlank, tryIt } from './studioSteps';

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
    await startFromBlank(page, { zh: '柜面系统中断', en: 'Counter system outage' });

    // two roles, four phases, three injects, two tasks with options, a rubric
    await buildSmallDrill(page);

    // the studio lists the errors in Chinese; each one opens its field, and they are fixed
    await errorsShown(page);
    await shotAt(page, 'errors', 1366, 768);
    expect(await fixListedErrors(page)).toBeGreaterThan(5);
    await noErrorsLeft(page);
    await shotAt(page, 'clean', 1920, 1080);
    await shotAt(page, 'clean', 390, 844);
    await page.setViewportSize({ width: 1366, height: 768 });

    // the expert's JSON tab: CodeMirror with the schema, under the app's CSP
    await page.getByRole('tab', { name: studio.tabs.json }).click();
    await page.getByRole('textbox', { name: studio.json.label }).waitFor();
    expect(await page.locator('.cm-editor').innerText()).toContain('"Counter system outage"');

    // try it: the automatic players in a worker, their totals beside the targets
    await tryIt(page);
    expect(workers.filter((u) => /trialWorker/.test(u))).toHaveLength(1);
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
