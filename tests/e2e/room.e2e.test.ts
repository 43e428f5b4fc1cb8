/**
 * One laptop and a projector: a whole drill from the library to the printed debrief, through
 * the UI, in Chinese and in English. Screenshots go to tests/e2e/screenshots/ for a reviewer.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { compile, replay, scoreDrill, validateScenario, type Lang, type Scenario } from '../../src/engine';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh-CN.json';
import { E2E_HOST, launchChromium, serveBuiltApp, watchPage } from './browser';

const SHOTS = 'tests/e2e/screenshots';
const scenarioJson = JSON.parse(readFileSync('scenarios/group-complaint.json', 'utf8'));
const valid = validateScenario(scenarioJson);
if (!valid.ok) throw new Error('group-complaint.json is invalid');
const scenario: Scenario = valid.value;

const words = { en, 'zh-CN': zh } as const;
const say = (lang: Lang, key: string, vars: Record<string, string> = {}) => {
  const text = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], words[lang]) as string;
  return text.replace(/\{\{(\w+)\}\}/g, (_, v: string) => vars[v] ?? '');
};

let browser: Browser;
let server: Awaited<ReturnType<typeof serveBuiltApp>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveBuiltApp();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Answers every open task from the console with the best answer, and rates free text P. */
async function answerOpenTasks(page: Page, lang: Lang) {
  for (let guard = 0; guard < 40; guard++) {
    const enter = page.getByRole('button', { name: new RegExp(`^${escape(say(lang, 'console.enterNamed', { task: '' }))}`) }).first();
    if ((await enter.count()) === 0) break;
    const name = (await enter.getAttribute('aria-label')) ?? '';
    const title = name.slice(say(lang, 'console.enterNamed', { task: '' }).length);
    const task = scenario.tasks.find((t) => t.title[lang] === title);
    if (!task) throw new Error(`no task titled ${title}`);
    // by name, not position: the list re-sorts as deadlines come closer
    await page.getByRole('button', { name, exact: true }).click();
    const form = page.getByRole('form', { name: title });
    if (task.kind === 'single') {
      const best = task.options.reduce((a, b) => (b.score > a.score ? b : a));
      await form.getByRole('radio', { name: best.label[lang], exact: true }).check();
    } else if (task.kind === 'multiple') {
      for (const o of task.options.filter((o) => o.score >= 0.5)) await form.getByRole('checkbox', { name: o.label[lang], exact: true }).check();
    } else if (task.kind === 'checklist') {
      for (const i of task.items) await form.getByRole('checkbox', { name: i.label[lang], exact: true }).check();
    } else {
      await form.getByRole('textbox').fill(task.guidance[lang]);
    }
    await form.getByRole('button', { name: say(lang, 'task.submit') }).click();
    await expect.poll(() => form.count()).toBe(0);
  }
  for (let guard = 0; guard < 10; guard++) {
    const rate = page.getByRole('button', { name: new RegExp(`^P · `) }).first();
    if ((await rate.count()) === 0) break;
    await rate.click();
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(['zh-CN', 'en'] as const)('a drill in one room (%s)', (lang) => {
  it('runs from the library to the printed debrief', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    watchPage(page, errors);
    await page.goto(server.url);
    // a LAN origin (not loopback): no secure context, as in the meeting room
    expect(new URL(page.url()).hostname).toBe(E2E_HOST);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);

    // 1. the library, in Chinese by default; switch language if asked
    await page.getByRole('heading', { name: zh.library.title }).waitFor();
    if (lang === 'en') await page.getByRole('combobox', { name: zh.lang.label }).selectOption('en');
    await page.getByRole('heading', { name: say(lang, 'library.title') }).waitFor();

    // 2. choose the scenario, name the team and a player
    await page.getByRole('link', { name: say(lang, 'library.chooseNamed', { title: scenario.title[lang] }) }).click();
    await page.getByLabel(say(lang, 'setup.team')).fill(lang === 'en' ? 'Qinghe sub-branch' : '青河县支行');
    const lobby = scenario.roles.find((r) => r.kind === 'player');
    await page.getByRole('textbox', { name: lobby?.name[lang] }).fill(lang === 'en' ? 'Li Na' : '李娜');
    await page.getByRole('button', { name: say(lang, 'setup.prepare') }).click();

    // 3. open the projector window with one button
    const [projector] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: say(lang, 'console.openProjector') }).click()]);
    await projector.setViewportSize({ width: 1280, height: 720 });
    await projector.getByRole('heading', { level: 1, name: scenario.title[lang] }).waitFor();

    // 4. run the drill
    await page.getByRole('button', { name: say(lang, 'console.start') }).click();
    await page.getByRole('button', { name: say(lang, 'console.jump') }).click();
    await page.getByRole('button', { name: say(lang, 'console.jump') }).click();
    await answerOpenTasks(page, lang);
    await projector.getByRole('region', { name: say(lang, 'projector.feed') }).getByRole('article').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/console-${lang}.png`, fullPage: true });
    await projector.screenshot({ path: `${SHOTS}/projector-${lang}.png` });
    await projector.setViewportSize({ width: 1024, height: 768 }); // a 4:3 projector
    await projector.screenshot({ path: `${SHOTS}/projector-4x3-${lang}.png` });
    const privateBrief = lobby?.briefing.private?.[lang] ?? '';
    expect(await projector.locator('body').innerText()).not.toContain(privateBrief.slice(0, 20));

    for (let phase = 0; phase < 4; phase++) {
      await answerOpenTasks(page, lang);
      await page.getByRole('button', { name: say(lang, 'console.nextPhase') }).click();
      const dialog = page.getByRole('dialog', { name: say(lang, 'console.overrideTitle') });
      if (await dialog.isVisible()) {
        await dialog.getByLabel(say(lang, 'console.reason')).fill('e2e');
        await dialog.getByRole('button', { name: say(lang, 'console.overrideConfirm') }).click();
      }
      if (phase < 3) await page.getByRole('button', { name: say(lang, 'console.jump') }).click();
    }

    // 5. the debrief, on the console and on the projector
    await page.getByRole('link', { name: say(lang, 'console.showDebrief') }).click();
    const total = Number(await page.getByLabel(say(lang, 'debrief.totalLabel')).innerText());
    await projector.getByRole('article', { name: say(lang, 'debrief.title') }).waitFor();
    await page.screenshot({ path: `${SHOTS}/debrief-${lang}.png`, fullPage: true });
    await projector.screenshot({ path: `${SHOTS}/projector-debrief-${lang}.png` });

    // the debrief the room saw is the engine's score of the transcript the browser kept
    const saved = JSON.parse((await page.evaluate(() => localStorage.getItem('drillroom.room'))) ?? '{}');
    const compiled = compile(scenario);
    const replayed = scoreDrill(compiled, replay(compiled, saved.events).final.context);
    expect(replayed.ended).toBe(true);
    expect(total).toBe(replayed.total);
    expect(total).toBeGreaterThanOrEqual(60);

    // printable to A4
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', path: `${SHOTS}/debrief-${lang}.pdf` });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
