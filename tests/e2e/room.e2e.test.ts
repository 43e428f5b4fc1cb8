/**
 * One laptop and a projector: a whole drill from the library to the printed debrief, through
 * the UI, in Chinese and in English. Screenshots go to tests/e2e/screenshots/ for a reviewer.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { stateOf, compile, replay, scoreDrill, validateScenario, type Lang, type Scenario } from '../../src/engine';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh-CN.json';
import { E2E_HOST, launchChromium, serveBuiltApp, watchPage } from './browser';
import { axeProblems } from './axe';
import { focusRingContrast } from './contrast';

const SHOTS = 'tests/e2e/screenshots';
const scenarioJson = JSON.parse(readFileSync('scenarios/group-complaint.json', 'utf8'));
const valid = validateScenario(scenarioJson);
if (!valid.ok) throw new Error('group-complaint.json is invalid');
const scenario: Scenario = valid.value;
const secondValid = validateScenario(JSON.parse(readFileSync('scenarios/data-leak.json', 'utf8')));
if (!secondValid.ok) throw new Error('data-leak.json is invalid');
const secondScenario: Scenario = secondValid.value;

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
    await enter.click();
    const form = page.getByRole('form', { name: title });
    if (task.kind === 'single') {
      const best = task.options.reduce((a, b) => (b.score > a.score ? b : a));
      await form.getByRole('radio', { name: best.label[lang], exact: true }).check();
    } else if (task.kind === 'multiple') {
      for (const o of task.options.filter((o) => o.score >= 0.5)) await form.getByRole('checkbox', { name: o.label[lang], exact: true }).check();
    } else if (task.kind === 'checklist') {
      for (const i of task.items.filter((i) => i.weight > 0)) await form.getByRole('checkbox', { name: i.label[lang], exact: true }).check();
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

/** Jump to the next inject; when the jump passes deadlines the console names them first, and the facilitator confirms. */
async function jump(page: Page, lang: Lang) {
  await page.getByRole('button', { name: say(lang, 'console.jump') }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${escape(say(lang, 'consoleLayout.jumpTitle', { time: '@' })).replace('@', '\\d\\d:\\d\\d')}$`) });
  if (await dialog.isVisible()) {
    await expect.poll(() => dialog.getByRole('listitem').count()).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: say(lang, 'consoleLayout.jumpConfirm'), exact: true }).click();
  }
}

/** The console at a laptop's size: the screen in view, and the clock and controls still there once the page is scrolled to its end. */
async function consoleAt(page: Page, lang: Lang, width: number, height: number) {
  await page.setViewportSize({ width, height });
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  for (const part of [page.getByRole('toolbar', { name: say(lang, 'console.controls') }), page.getByRole('timer', { name: say(lang, 'drill.clock') })]) {
    const box = await part.boundingBox();
    expect(box && box.y >= 0 && box.y + box.height <= height).toBe(true);
  }
  await page.screenshot({ path: `${SHOTS}/console-${width}x${height}-${lang}.png` });
  expect(await axeProblems(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe.each(['zh-CN', 'en'] as const)('a drill in one room (%s)', (lang) => {
  it('runs from the library to the printed debrief', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
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
    await jump(page, lang);
    await answerOpenTasks(page, lang);
    await jump(page, lang);

    // a private (定向) inject, opened on the console: who received it, what it says, what the team should do
    const injectsPane = page.getByRole('region', { name: say(lang, 'console.injects') });
    const fired = async (title: string) => (await injectsPane.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d ${escape(title)}`) }).count()) > 0;
    let opened: (typeof scenario.injects)[number] | undefined;
    for (let guard = 0; guard < 6 && !opened; guard++) {
      for (const inject of scenario.injects.filter((i) => !i.public)) if (!opened && (await fired(inject.title[lang]))) opened = inject;
      if (!opened) await jump(page, lang);
    }
    if (!opened) throw new Error('no private inject fired');
    const toggle = injectsPane.getByRole('button', { name: new RegExp(`^\\d\\d:\\d\\d ${escape(opened.title[lang])}`) });
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    const details = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
    const recipients = opened.to === 'all' ? [] : opened.to.map((r) => scenario.roles.find((x) => x.id === r)?.name[lang] ?? r);
    const detailText = await details.innerText();
    for (const name of recipients) expect(detailText).toContain(name);
    expect(detailText).toContain(opened.content[lang].slice(0, 30));
    if (opened.expectedAction) expect(detailText).toContain(opened.expectedAction[lang].slice(0, 30));
    await consoleAt(page, lang, 1920, 1080);
    await consoleAt(page, lang, 1366, 768);
    await consoleAt(page, lang, 1024, 768);
    // a visible focus ring, where the keyboard puts the focus
    await toggle.focus();
    await page.keyboard.press('Tab');
    expect(await focusRingContrast(page)).toBeGreaterThanOrEqual(3);
    await page.setViewportSize({ width: 1366, height: 768 });

    await answerOpenTasks(page, lang);
    await projector.getByRole('region', { name: say(lang, 'projector.feed') }).getByRole('article').first().waitFor();
    await page.screenshot({ path: `${SHOTS}/console-${lang}.png`, fullPage: true });
    await projector.screenshot({ path: `${SHOTS}/projector-${lang}.png` });
    await projector.setViewportSize({ width: 1024, height: 768 }); // a 4:3 projector
    await projector.screenshot({ path: `${SHOTS}/projector-4x3-${lang}.png` });
    expect(await axeProblems(projector)).toEqual([]);
    // the facilitator sees good practice in the room and records it
    const good = scenario.observations.find((o) => o.kind === 'good');
    if (!good) throw new Error('the scenario lists no good practice to observe');
    await page.getByRole('group', { name: say(lang, 'console.observationsGood') }).getByRole('button', { name: good.label[lang], exact: true }).click();
    await page.getByRole('list', { name: say(lang, 'console.observationsRecorded') }).getByText(good.label[lang], { exact: false }).waitFor();
    const privateBrief = lobby?.briefing.private?.[lang] ?? '';
    expect(await projector.locator('body').innerText()).not.toContain(privateBrief.slice(0, 20));

    for (let phase = 0; phase < 3; phase++) {
      await answerOpenTasks(page, lang);
      await page.getByRole('button', { name: say(lang, 'console.nextPhase') }).click();
      const dialog = page.getByRole('dialog', { name: say(lang, 'console.overrideTitle') });
      if (await dialog.isVisible()) {
        await dialog.getByLabel(say(lang, 'console.reason')).fill('e2e');
        await dialog.getByRole('button', { name: say(lang, 'console.overrideConfirm') }).click();
      }
      await jump(page, lang);
    }

    // 5. the last phase: moving on ends the drill, so the console asks first (Cancel has the focus), with `n` too
    await answerOpenTasks(page, lang);
    await page.getByRole('button', { name: say(lang, 'console.nextPhase') }).click();
    const finish = page.getByRole('dialog', { name: say(lang, 'consoleLayout.finishTitle') });
    await expect.poll(() => finish.getByRole('button', { name: say(lang, 'common.cancel') }).evaluate((b) => b === document.activeElement)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/console-finish-${lang}.png` });
    await page.keyboard.press('Enter'); // Cancel
    await expect.poll(() => finish.count()).toBe(0);
    await page.keyboard.press('n');
    await finish.getByRole('button', { name: say(lang, 'consoleLayout.finishConfirm') }).click();

    // 6. the hot wash: the debrief opens on the console; the leader's summary, and the debrief on the projector
    const summary = lang === 'en' ? 'Calm first response; the written report came late.' : '先期处置稳妥，书面报告偏慢。';
    await page.getByRole('textbox', { name: say(lang, 'console.summaryHint') }).fill(summary);
    await page.getByRole('button', { name: say(lang, 'console.summarySave') }).click();
    await page.getByRole('status').getByText(say(lang, 'console.summarySaved')).waitFor();
    await expect.poll(() => page.getByRole('region', { name: say(lang, 'debrief.summary') }).innerText()).toContain(summary);
    await expect.poll(() => page.getByRole('region', { name: say(lang, 'debrief.observations') }).innerText()).toContain(good.label[lang]);
    const total = Number(await page.getByLabel(say(lang, 'debrief.totalLabel')).innerText());
    await projector.getByRole('article', { name: say(lang, 'debrief.title') }).waitFor();
    await page.screenshot({ path: `${SHOTS}/debrief-${lang}.png`, fullPage: true });
    await projector.screenshot({ path: `${SHOTS}/projector-debrief-${lang}.png` });
    expect(await axeProblems(page)).toEqual([]);
    expect(await axeProblems(projector)).toEqual([]);

    // the debrief the room saw is the engine's score of the transcript the browser kept
    const saved = JSON.parse((await page.evaluate(() => localStorage.getItem(`drillroom.drill.${localStorage.getItem('drillroom.active')}`))) ?? '{}');
    const compiled = compile(scenario);
    const replayed = scoreDrill(compiled, stateOf(replay(compiled, saved.events).final));
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

describe('two drills in one browser', () => {
  it('asks before a second drill takes the console, keeps both, reopens the first where it was (its clock not set back by a reload), and lists it in History once ended', async () => {
    const lang = 'zh-CN';
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const errors: string[] = [];
    watchPage(page, errors);
    await page.goto(server.url);
    const timer = page.getByRole('timer', { name: say(lang, 'drill.clock') }).locator('.time');
    const seconds = async () => {
      const [m, s] = (await timer.innerText()).split(':').map(Number);
      return (m ?? 0) * 60 + (s ?? 0);
    };
    const prepare = async (s: Scenario, team: string) => {
      await page.getByRole('link', { name: say(lang, 'nav.library'), exact: true }).click();
      await page.getByRole('link', { name: say(lang, 'library.chooseNamed', { title: s.title[lang] }) }).click();
      await page.getByLabel(say(lang, 'setup.team')).fill(team);
      await page.getByRole('button', { name: say(lang, 'setup.prepare') }).click();
    };

    // the first drill runs
    await prepare(scenario, '青河县支行');
    await page.getByRole('button', { name: say(lang, 'console.start') }).click();
    await expect.poll(seconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);

    // a second one is prepared: the console asks, and starting it keeps the first
    await prepare(secondScenario, '河口支行');
    const ask = page.getByRole('dialog', { name: say(lang, 'rooms.askTitle') });
    await ask.waitFor();
    await page.screenshot({ path: `${SHOTS}/rooms-ask-${lang}.png` });
    await ask.getByRole('button', { name: say(lang, 'rooms.askStart', { title: secondScenario.title[lang] }) }).click();
    await page.getByRole('heading', { level: 2, name: secondScenario.title[lang] }).waitFor();

    // both are in the list of drills in progress; the first reopens where it was
    await page.getByRole('link', { name: say(lang, 'nav.library'), exact: true }).click();
    const list = page.getByRole('list', { name: say(lang, 'rooms.title') });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/rooms-list-${lang}.png` });
    await list.getByRole('button', { name: say(lang, 'rooms.resumeNamed', { title: scenario.title[lang], team: '青河县支行' }) }).click();
    await page.getByRole('heading', { level: 2, name: scenario.title[lang] }).waitFor();
    await expect.poll(() => page.getByRole('timer', { name: say(lang, 'drill.clock') }).innerText()).toContain(say(lang, 'status.running'));
    expect(await seconds()).toBeGreaterThanOrEqual(3);

    // a reload does not set the clock back
    await expect.poll(seconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(6);
    const before = await seconds();
    await page.reload();
    await page.getByRole('heading', { level: 2, name: scenario.title[lang] }).waitFor();
    expect(await seconds()).toBeGreaterThanOrEqual(before);

    // ended, it is in History, kept in this browser, and opens in review
    await page.getByRole('button', { name: say(lang, 'console.end') }).click();
    await page.getByRole('dialog', { name: say(lang, 'console.endTitle') }).getByRole('button', { name: say(lang, 'console.end') }).click();
    await page.getByRole('link', { name: say(lang, 'nav.history'), exact: true }).click();
    const row = page.getByRole('row', { name: new RegExp(escape(scenario.title[lang])) });
    await expect.poll(() => row.innerText()).toContain(say(lang, 'history.inBrowser'));
    expect(await row.innerText()).toContain('青河县支行');
    await page.screenshot({ path: `${SHOTS}/rooms-history-${lang}.png` });
    await row.getByRole('link').click();
    await page.getByText(new RegExp(escape(scenario.title[lang]))).first().waitFor();

    // the second drill is still kept
    await page.getByRole('link', { name: say(lang, 'nav.library'), exact: true }).click();
    await expect.poll(() => page.getByRole('list', { name: say(lang, 'rooms.title') }).getByRole('listitem', { name: new RegExp(escape(secondScenario.title[lang])) }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
