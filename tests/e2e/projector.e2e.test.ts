/**
 * The projector at a projector's resolutions (1920×1080 and a 4:3 1024×768), in Chinese and in
 * English, for the shipped scenario with the most roles: every role's row on the board is inside
 * the window, and so are the questions to the room and the debrief's slides with their buttons.
 * The one-laptop projector window follows a drill kept in this browser (the console's), and the
 * console's language. Screenshots go to tests/e2e/screenshots/ for a reviewer.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { compile, replay, stateOf, validateScenario, type DrillEvent, type Lang, type Scenario } from '../../src/engine';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh-CN.json';
import { simulate } from '../../src/sim/simulate';
import { launchChromium, serveBuiltApp, watchPage } from './browser';
import { axeProblems } from './axe';

const SHOTS = 'tests/e2e/screenshots';
type Named = { name: string; box: { x: number; y: number; width: number; height: number } | null };
const words = { en, 'zh-CN': zh } as const;

/** The shipped scenario with the most player roles (the role board's rows). */
const scenario: Scenario = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => {
    const valid = validateScenario(JSON.parse(readFileSync(`scenarios/${f}`, 'utf8')));
    if (!valid.ok) throw new Error(`${f} is invalid`);
    return valid.value;
  })
  .reduce((a, b) => (b.roles.filter((r) => r.kind === 'player').length > a.roles.filter((r) => r.kind === 'player').length ? b : a));
const players = scenario.roles.filter((r) => r.kind === 'player');
const c = compile(scenario);

/** A whole drill played by the negligent team (late: questions stay open), and the point in it with the most questions open. */
function drill(lang: Lang) {
  const events = simulate(c, 'negligent', 3, { lang });
  const { steps } = replay(c, events);
  let best = 0;
  let most = -1;
  steps.forEach((s, i) => {
    const ctx = stateOf(s.snapshot);
    const open = Object.values(ctx.tasks).filter((t) => t.answer === undefined).length;
    if (ctx.status === 'running' && open > most) [best, most] = [i, open];
  });
  return { all: events, running: events.slice(0, best + 1), open: most };
}

/** Long names on every row, as a real cast has: the board must hold them. */
const info = (lang: Lang) => ({
  team: lang === 'en' ? 'Qinghe County sub-branch, retail banking team' : '青河县支行零售业务应急小组',
  date: '2026-11-27T01:00:00.000Z',
  participants: Object.fromEntries(players.map((r, i) => [r.id, lang === 'en' ? `Ouyang Xiaoming ${i + 1}` : `欧阳晓明${i + 1}`])),
});

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

/** A browser holding the drill (the console's laptop) with the language chosen, and its projector window. */
async function room(lang: Lang, events: DrillEvent[], problems: string[]): Promise<{ context: BrowserContext; console: Page; projector: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const console = await context.newPage();
  watchPage(console, problems);
  await console.goto(server.url);
  const last = events.at(-1)?.t ?? 0;
  await console.evaluate(
    ([state, ui]) => {
      localStorage.setItem('drillroom.room', state);
      localStorage.setItem('drillroom.ui', ui);
    },
    [JSON.stringify({ scenario, info: info(lang), events, clock: { wall: Date.now(), drill: last, speed: 1 } }), JSON.stringify({ state: { lang }, version: 0 })] as const,
  );
  await console.goto(`${server.url}#/console`);
  await console.reload();
  await console.getByRole('heading', { level: 1 }).first().waitFor();
  const projector = await context.newPage();
  watchPage(projector, problems);
  await projector.goto(`${server.url}#/projector`);
  return { context, console, projector };
}

/** What of `boxes` is not wholly inside the window. */
async function allInside(page: Page, boxes: Named[]) {
  const size = page.viewportSize();
  if (!size) throw new Error('no viewport');
  const outside = boxes.filter(({ box }) => !box || box.x < 0 || box.y < 0 || box.x + box.width > size.width + 0.5 || box.y + box.height > size.height + 0.5);
  return outside.map(({ name, box }) => `${name}: ${JSON.stringify(box)} in ${size.width}×${size.height}`);
}

const SIZES = [
  [1920, 1080],
  [1024, 768],
] as const;

describe.each(['zh-CN', 'en'] as const)('the projector (%s)', (lang) => {
  const say = words[lang].projector;
  const { all, running, open } = drill(lang);

  it('shows every role, the team and the questions with deadlines, inside the window at 1920×1080 and 1024×768', async () => {
    expect(players.length).toBeGreaterThanOrEqual(9);
    expect(open).toBeGreaterThan(1);
    const problems: string[] = [];
    const { context, projector } = await room(lang, running, problems);
    await projector.getByRole('heading', { level: 1, name: scenario.title[lang] }).waitFor();
    for (const [width, height] of SIZES) {
      await projector.setViewportSize({ width, height });
      await projector.waitForTimeout(300); // the type is fitted after the resize
      await projector.screenshot({ path: `${SHOTS}/projector-${width}x${height}-${lang}.png` });
      const board = projector.getByRole('table', { name: words[lang].drill.roleBoard });
      const rows: Named[] = [];
      for (const role of players) {
        const row = board.getByRole('row', { name: new RegExp(`^${escape(role.name[lang])}`) });
        expect(await row.count(), `${role.id}'s row`).toBe(1);
        rows.push({ name: role.name[lang], box: await row.boundingBox() });
      }
      const team = projector.getByText(say.team.replace('{{team}}', info(lang).team));
      const questions = projector.getByRole('region', { name: say.questions });
      const items = questions.getByRole('listitem');
      expect(await items.count()).toBeGreaterThan(0);
      const shown: Named[] = [];
      for (let i = 0; i < (await items.count()); i++) shown.push({ name: `question ${i + 1}`, box: await items.nth(i).boundingBox() });
      // each question says when it falls due (or that it has no deadline), and never offers its options
      for (const text of await items.allInnerTexts()) expect(text).toMatch(new RegExp(`${escape(say.due.replace(' {{time}}', ''))}|${escape(say.noDeadline)}`));
      const body = await projector.locator('body').innerText();
      for (const task of scenario.tasks) for (const o of task.kind === 'single' || task.kind === 'multiple' ? task.options : task.kind === 'checklist' ? task.items : []) expect(body).not.toContain(o.label[lang]);
      expect(await allInside(projector, [...rows, { name: 'team', box: await team.boundingBox() }, ...shown])).toEqual([]);
      // readable: the type did not shrink below 14px anywhere on the board
      const smallest = await board.evaluate((el) => Math.min(...[...el.querySelectorAll('th, td')].map((x) => parseFloat(getComputedStyle(x).fontSize))));
      expect(smallest).toBeGreaterThanOrEqual(14);
      expect(await axeProblems(projector)).toEqual([]);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('shows the debrief as slides inside the window, stepped by keys and buttons', async () => {
    const problems: string[] = [];
    const { context, projector } = await room(lang, all, problems);
    const deck = projector.getByRole('article', { name: words[lang].debrief.title });
    await deck.waitFor();
    for (const [width, height] of SIZES) {
      await projector.setViewportSize({ width, height });
      await projector.keyboard.press('Home');
      const prev = deck.getByRole('button', { name: say.slidePrev });
      const next = deck.getByRole('button', { name: say.slideNext });
      for (let i = 0; i < 20; i++) {
        await projector.waitForTimeout(150);
        const slide = deck.getByRole('group');
        const name = (await slide.getAttribute('aria-label')) ?? `slide ${i + 1}`;
        // the whole slide and both buttons are in the window, and nothing on the slide is cut off
        expect(await allInside(projector, [{ name, box: await slide.boundingBox() }, { name: 'previous', box: await prev.boundingBox() }, { name: 'next', box: await next.boundingBox() }])).toEqual([]);
        expect(await slide.evaluate((el) => el.scrollHeight <= el.clientHeight + 1), `${name} fits`).toBe(true);
        await projector.screenshot({ path: `${SHOTS}/projector-debrief-${String(i + 1).padStart(2, '0')}-${width}x${height}-${lang}.png` });
        if (i === 0) expect(await axeProblems(projector)).toEqual([]);
        if (await next.isDisabled()) break;
        // alternate the ways to step: keys and the button
        if (i % 3 === 0) await projector.keyboard.press('ArrowRight');
        else if (i % 3 === 1) await projector.keyboard.press('PageDown');
        else await next.click();
      }
      expect(await deck.getByRole('group').getAttribute('aria-label')).toBe(words[lang].debrief.summary);
      await prev.click();
      expect(await deck.getByRole('group').getAttribute('aria-label')).not.toBe(words[lang].debrief.summary);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

describe('the projector window follows the console', () => {
  it("switches language when the console's language switch is used", async () => {
    const problems: string[] = [];
    const { context, console, projector } = await room('zh-CN', drill('zh-CN').running, problems);
    await projector.getByRole('heading', { level: 1, name: scenario.title['zh-CN'] }).waitFor();
    await projector.getByRole('region', { name: zh.projector.questions }).waitFor();
    await console.getByRole('banner').getByRole('combobox', { name: zh.lang.label }).selectOption('en');
    await projector.getByRole('heading', { level: 1, name: scenario.title.en }).waitFor({ timeout: 5000 });
    await projector.getByRole('region', { name: en.projector.questions }).waitFor();
    expect(await projector.evaluate(() => document.documentElement.lang)).toBe('en');
    await console.getByRole('banner').getByRole('combobox', { name: en.lang.label }).selectOption('zh-CN');
    await projector.getByRole('heading', { level: 1, name: scenario.title['zh-CN'] }).waitFor({ timeout: 5000 });
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
