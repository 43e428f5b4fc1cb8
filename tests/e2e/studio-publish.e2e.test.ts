/**
 * The scenario studio on the real drill server, loaded from a non-loopback host name (as on a
 * meeting room's LAN): a signed-in trainer builds the small drill from the blank template (two
 * roles, four phases, three injects, two tasks with options, a rubric; the same steps as the
 * static build's test), with an id and titles of its own, fixes the errors the studio lists,
 * tries it (the totals appear), publishes it (revision 1), changes it and publishes again
 * (revision 2); the library shows it as the bank's own at revision 2, with the changed text.
 * Another trainer publishes revision 3 meanwhile; the drill run with laptops from the library
 * (a participant joins as the player and answers both tasks on their own page, one in the
 * report phase, one in the assess phase) still runs revision 2, to the debrief, and the history
 * records revision 2. A participant's page, not signed in, cannot publish.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zh from '../../src/i18n/locales/zh-CN.json';
import studio from '../../src/studio/locales/zh-CN.json';
import { blankScenario } from '../../src/app/studio/template';
import type { ServerProcess } from '../../src/node/serverProcess';
import { launchChromium, startRoomServer, watchPage } from './browser';
import { buildSmallDrill, errorsShown, escape, fill, fixListedErrors, noErrorsLeft, SMALL_DRILL, startFromBlank, tryIt } from './studioSteps';

const SHOTS = 'tests/e2e/screenshots';

const TRAINER = { name: '李静', password: 'e2e-studio-password' };
/** The small drill the trainer builds: a new id, titles in both languages, a summary changed before the second publication. */
const DRAFT = {
  id: 'e2e-counter-outage',
  zh: '柜面系统中断（本行）',
  en: 'Counter system outage (ours)',
  summary2: '柜面系统中断两小时，客户在厅内排起长队。',
};
/** The blank template's player (the small drill's only player), its decision and that decision's best option, and its phases as the console names them. */
const template = blankScenario();
const PLAYER = template.roles.find((r) => r.kind === 'player')?.name['zh-CN'] ?? '';
const task = template.tasks[0];
const TASK = task?.title['zh-CN'] ?? '';
const BEST = task && 'options' in task ? ([...task.options].sort((a, b) => b.score - a.score)[0]?.label['zh-CN'] ?? '') : '';
const PHASES = template.phases.map((p) => p.title['zh-CN']);
/** The second task's best option, as the trainer typed it in the studio. */
const BEST2 = SMALL_DRILL.options[0].zh;

let browser: Browser;
let server: ServerProcess;
/** The app as the room's browsers load it; the test itself talks to the API on 127.0.0.1 (server.url). */
let app: string;
const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-e2e-studio-'));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  ({ server, app } = await startRoomServer(dataDir, TRAINER));
  browser = await launchChromium();
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Moves the console on a phase, forcing it with a reason when the exit rule is not met; after the last phase, ends the drill. */
async function nextPhase(fac: Page, next: string | undefined) {
  await fac.getByRole('button', { name: zh.console.nextPhase }).click();
  const override = fac.getByRole('dialog', { name: zh.console.overrideTitle });
  const finish = fac.getByRole('dialog', { name: zh.consoleLayout.finishTitle });
  const moved = next ? fac.getByRole('heading', { name: fill(zh.console.currentPhase, { phase: next }) }) : finish;
  await override.or(moved).first().waitFor();
  if (await override.isVisible()) {
    await override.getByLabel(zh.console.reason).fill('e2e：按时推进');
    await override.getByRole('button', { name: zh.console.overrideConfirm }).click();
    await moved.waitFor();
  }
  if (!next) {
    if ((await finish.getByLabel(zh.console.reason).count()) > 0) await finish.getByLabel(zh.console.reason).fill('e2e：时间到');
    await finish.getByRole('button', { name: zh.consoleLayout.finishConfirm }).click();
  }
}

describe('the studio on the drill server', () => {
  it('builds the small drill from the blank template, fixes its errors, tries it, publishes it twice (revisions 1 and 2), shows it in the library as the bank’s own, runs it with laptops to the debrief and records revision 2; a participant cannot publish', async () => {
    const errors: string[] = [];
    const facCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const fac = await facCtx.newPage();
    watchPage(fac, errors);
    await fac.goto(app);
    const signIn = fac.getByRole('form', { name: zh.auth.signInTitle });
    await signIn.getByLabel(zh.auth.name).fill(TRAINER.name);
    await signIn.getByLabel(zh.auth.password, { exact: true }).fill(TRAINER.password);
    await signIn.getByRole('button', { name: zh.auth.submit }).click();
    await fac.getByLabel(zh.auth.signedInLabel).filter({ hasText: TRAINER.name }).waitFor();
    const cookie = (await facCtx.cookies()).find((c) => c.name === 'drillroom_trainer');
    expect(cookie).toBeDefined();
    const signedIn = { headers: { cookie: `drillroom_trainer=${cookie?.value}` } };

    // the studio, from the library's link; a draft from the blank template
    await fac.getByRole('link', { name: zh.library.studio }).click();
    expect(new URL(fac.url()).hash).toBe('#/studio');
    await startFromBlank(fac, { id: DRAFT.id, zh: DRAFT.zh, en: DRAFT.en });

    // the small drill: two roles, four phases, three injects, two tasks with options, a rubric
    await buildSmallDrill(fac);

    // the studio lists the errors and will not publish until they are fixed from the list
    const publishButton = fac.getByRole('button', { name: studio.publish.button });
    await errorsShown(fac);
    expect(await publishButton.isDisabled()).toBe(true);
    expect(await fixListedErrors(fac)).toBeGreaterThan(5);
    await noErrorsLeft(fac);

    // tried: the automatic players' totals appear beside the targets
    await tryIt(fac);

    // published: the studio says which revision it became
    await expect.poll(() => publishButton.isEnabled(), { timeout: 20_000 }).toBe(true);
    await publishButton.click();
    await fac.getByText(fill(studio.publish.done, { id: DRAFT.id, revision: 1 })).waitFor({ timeout: 20_000 });

    // changed and published again: a new revision, the first one left as it was
    await fac.getByRole('tab', { name: studio.tabs.meta }).click();
    await fac.getByRole('textbox', { name: fill(studio.field.inZh, { label: studio.fields.summary }) }).fill(DRAFT.summary2);
    await expect.poll(() => publishButton.isEnabled(), { timeout: 20_000 }).toBe(true);
    await publishButton.click();
    await fac.getByText(fill(studio.publish.done, { id: DRAFT.id, revision: 2 })).waitFor({ timeout: 20_000 });
    await fac.screenshot({ path: `${SHOTS}/studio-published-1366x900.png` });
    type Published = { summary: { 'zh-CN': string }; title: { 'zh-CN': string }; roles: unknown[]; phases: unknown[]; injects: unknown[]; tasks: unknown[]; rubric: unknown[] };
    const first = (await (await fetch(`${server.url}api/scenarios/${DRAFT.id}/revisions/1`, signedIn)).json()) as Published;
    expect(first.title['zh-CN']).toBe(DRAFT.zh);
    expect(first.summary['zh-CN']).not.toBe(DRAFT.summary2);
    // the drill built in the studio, as published
    expect([first.roles.length, first.phases.length, first.injects.length, first.tasks.length, first.rubric.length]).toEqual([2, 4, 3, 2, 5]);

    // the library: the scenario's card, marked as the bank's own at revision 2, with the second revision's text
    await fac.getByRole('navigation', { name: zh.nav.library }).getByRole('link', { name: zh.nav.library }).click();
    const card = fac.getByRole('article', { name: DRAFT.zh, exact: true });
    await card.waitFor({ timeout: 30_000 });
    await card.getByText(fill(zh.library.bank, { revision: 2 }), { exact: true }).waitFor();
    await card.getByText(DRAFT.summary2).waitFor();
    expect(await fac.getByRole('article', { name: DRAFT.zh, exact: true }).count()).toBe(1);
    await card.screenshot({ path: `${SHOTS}/library-bank-card.png` });
    // meanwhile another trainer publishes a third revision: the drill still runs the revision the library shows
    const revision2 = await (await fetch(`${server.url}api/scenarios/${DRAFT.id}/revisions/2`, signedIn)).text();
    const third = { ...(JSON.parse(revision2) as Record<string, unknown>), summary: { 'zh-CN': '第三版的简介。', en: 'The third revision’s summary.' } };
    const published3 = await fetch(`${server.url}api/scenarios`, { method: 'POST', headers: { ...signedIn.headers, 'content-type': 'application/json' }, body: JSON.stringify(third) });
    expect(published3.status).toBe(201);
    expect(await published3.json()).toEqual({ id: DRAFT.id, revision: 3 });

    // run with laptops: the facilitator's console of a session on the server
    await card.getByRole('button', { name: fill(zh.library.laptopsNamed, { title: DRAFT.zh }) }).click();
    await fac.waitForURL(/#\/session\/[^/]+\/console$/, { timeout: 30_000 });
    const sessionId = /\/session\/([^/]+)\/console/.exec(fac.url())?.[1] ?? '';
    const joinPanel = fac.getByRole('region', { name: zh.join.title });
    const code = (await joinPanel.getByLabel(zh.join.code).innerText()).replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);

    // a participant joins by code and takes the drill's player role
    const partCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    const participant = await partCtx.newPage();
    watchPage(participant, errors);
    await participant.goto(`${app}#/join/${code}`);
    await participant.getByLabel(zh.join.name).fill('张伟');
    await participant.getByRole('button', { name: zh.join.submit }).click();
    await participant.getByRole('button', { name: PLAYER, exact: true }).click();
    await participant.getByRole('heading', { level: 2, name: new RegExp(`^${escape(PLAYER)}`) }).waitFor();

    // the participant's page, not signed in, cannot publish: refused, and nothing new in the bank
    const refused = await participant.evaluate(async (body) => {
      const res = await fetch('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return res.status;
    }, revision2);
    expect(refused).toBe(401);
    const listed = (await (await fetch(`${server.url}api/scenarios`, signedIn)).json()) as { id: string; source: string; revision?: number }[];
    expect(listed.filter((s) => s.source === 'bank')).toEqual([expect.objectContaining({ id: DRAFT.id, revision: 3 })]);

    // the drill: started, the participant answers both tasks on their own page, the phases moved on to the end
    await fac.getByRole('button', { name: zh.console.start }).click();
    await fac.getByRole('heading', { name: fill(zh.console.currentPhase, { phase: PHASES[0] ?? '' }) }).waitFor();
    const tasks = participant.getByRole('region', { name: zh.role.tasks });
    /** Answers the one task the participant's page shows with its best option; the console then no longer offers to enter it. */
    const answerOwn = async (best: string) => {
      const form = tasks.getByRole('form');
      await form.waitFor({ timeout: 30_000 });
      const title = (await form.getAttribute('aria-label')) ?? '';
      await form.getByRole('radio', { name: best, exact: true }).check();
      await form.getByRole('button', { name: zh.task.submit }).click();
      await form.waitFor({ state: 'detached', timeout: 20_000 });
      // the server has the answer
      await expect.poll(() => fac.getByRole('button', { name: fill(zh.console.enterNamed, { task: title }) }).count(), { timeout: 20_000 }).toBe(0);
      return title;
    };
    // the report phase: the template's decision
    expect(await answerOwn(BEST)).toBe(TASK);
    // the assess phase: the task the trainer added, with the options typed in the studio
    await nextPhase(fac, PHASES[1]);
    const second = await answerOwn(BEST2);
    expect(second).not.toBe(TASK);
    expect(second).not.toBe('');
    for (const next of [...PHASES.slice(2), undefined]) await nextPhase(fac, next);

    // the debrief of the drill that ran
    await fac.waitForURL(/#\/session\/[^/]+\/debrief$/, { timeout: 30_000 });
    await fac.getByText(new RegExp(escape(zh.debrief.ended.split('{{')[0] ?? ''))).waitFor({ timeout: 30_000 });
    await fac.getByText(new RegExp(escape(DRAFT.zh))).first().waitFor();
    const total = Number(await fac.getByLabel(zh.debrief.totalLabel).innerText());
    expect(total).toBeGreaterThan(0);
    await fac.screenshot({ path: `${SHOTS}/studio-published-debrief.png`, fullPage: true });
    await participant.getByRole('heading', { name: zh.seat.endedTitle }).waitFor({ timeout: 30_000 });

    // the history records the revision the drill ran, and its score
    type Summary = { id: string; status: string; total: number | null; scenario: { id: string; revision?: number } };
    const history = async () => ((await (await fetch(`${server.url}api/sessions`, signedIn)).json()) as Summary[]).find((s) => s.id === sessionId);
    await expect.poll(history, { timeout: 20_000 }).toMatchObject({ status: 'ended', total, scenario: { id: DRAFT.id, revision: 2 } });
    expect(errors).toEqual([]);
    await partCtx.close();
    await facCtx.close();
  }, 420_000);
});
