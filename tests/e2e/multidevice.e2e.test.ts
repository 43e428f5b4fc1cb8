/**
 * A drill across devices against the real server, loaded from a non-loopback host name (plain
 * http, no secure context, as on a meeting room's LAN): a trainer (added with `npm run trainer`)
 * signs in and creates the session; a facilitator, a projector, three participants and an
 * observer in separate browser contexts; a fourth participant's seat is removed and joining is
 * locked before the start; a participant reloads mid-drill, the server is
 * killed with SIGKILL and restarted mid-drill (an answer given meanwhile is queued, changed,
 * and sent once the facilitator resumes the drill the restart paused), and the transcript from
 * the API replays to the score the debrief showed, with every seat change in its events; a join
 * after the end is refused. No page logs an error or a CSP violation.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScenario, type Scenario, type Task } from '../../src/engine';
import en from '../../src/i18n/locales/en.json';
import { axeProblems } from './axe';
import { launchChromium, startRoomServer, watchPage } from './browser';
import type { ServerProcess } from '../../src/node/serverProcess';

const SHOTS = 'tests/e2e/screenshots';
const valid = validateScenario(JSON.parse(readFileSync('scenarios/product-loss.json', 'utf8')));
if (!valid.ok) throw new Error('product-loss.json is invalid');
const scenario: Scenario = valid.value;
const players = scenario.roles.filter((r) => r.kind === 'player');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fill = (text: string, vars: Record<string, string>) => text.replace(/\{\{(\w+)\}\}/g, (_, v: string) => vars[v] ?? '');

let browser: Browser;
let server: ServerProcess;
/** The app as the room's browsers load it; the test itself talks to the API on 127.0.0.1 (server.url). */
let app: string;
const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-e2e-data-'));

const TRAINER = { name: '王芳', password: 'e2e-trainer-password' };

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

async function english(context: BrowserContext) {
  await context.addInitScript(() => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: 'en' }, version: 0 })));
}

/** Fills and submits a task's form with its best answer. */
async function answer(page: Page, task: Task) {
  const form = page.getByRole('form', { name: task.title.en });
  if (task.kind === 'single') await form.getByRole('radio', { name: task.options.reduce((a, b) => (b.score > a.score ? b : a)).label.en, exact: true }).check();
  else if (task.kind === 'multiple') for (const o of task.options.filter((o) => o.score >= 0.5)) await form.getByRole('checkbox', { name: o.label.en, exact: true }).check();
  else if (task.kind === 'checklist') for (const i of task.items.filter((i) => i.weight > 0)) await form.getByRole('checkbox', { name: i.label.en, exact: true }).check();
  else await form.getByRole('textbox').fill(task.guidance.en);
  await form.getByRole('button', { name: en.task.submit }).click();
  await form.waitFor({ state: 'detached' });
}

/** Answers every task the page shows as open (a participant's own screen). */
async function answerOwnTasks(page: Page) {
  for (let guard = 0; guard < 20; guard++) {
    const forms = page.getByRole('region', { name: en.role.tasks }).getByRole('form');
    if ((await forms.count()) === 0) return;
    const title = await forms.first().getAttribute('aria-label');
    const task = scenario.tasks.find((t) => t.title.en === title);
    if (!task) throw new Error(`no task ${title}`);
    await answer(page, task);
  }
}

/** From the console: the tasks of roles nobody plays. */
async function answerForUnplayedRoles(page: Page, played: Set<string>) {
  for (let guard = 0; guard < 30; guard++) {
    // Read the list at once: it moves while participants' answers arrive.
    const titles = (await page.getByRole('button', { name: /^Enter decision: / }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((l) => l.replace('Enter decision: ', ''));
    const task = titles.map((title) => scenario.tasks.find((t) => t.title.en === title)).find((t) => t && !played.has(t.roles[0] ?? ''));
    if (!task) return;
    // by its name, not its place
    const enter = page.getByRole('button', { name: `Enter decision: ${task.title.en}`, exact: true });
    await enter.click();
    await answer(page, task);
    // the task leaves the list when the server's event comes back, not before
    await enter.waitFor({ state: 'detached' });
  }
}

async function ratePending(page: Page) {
  for (let guard = 0; guard < 10; guard++) {
    const rate = page.getByRole('button', { name: /^P · / }).first();
    if ((await rate.count()) === 0) return;
    await rate.click();
    await rate.waitFor({ state: 'detached' }).catch(() => undefined);
  }
}

describe('a drill across devices', () => {
  it('runs with a facilitator, a projector, three participants and an observer: a seat removed, joining locked, a reload, a server crash, no join after the end', async () => {
    // the facilitator creates the session from the library
    const facCtx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await english(facCtx);
    const fac = await facCtx.newPage();
    const errors: string[] = [];
    watchPage(fac, errors);
    await fac.goto(app);
    expect(await fac.evaluate(() => window.isSecureContext)).toBe(false);
    expect(await axeProblems(fac)).toEqual([]); // the sign-in page
    // a trainer signs in first: the library (and the scenarios' answer keys) are not shown before
    const signIn = fac.getByRole('form', { name: en.auth.signInTitle });
    await signIn.getByLabel(en.auth.name).fill(TRAINER.name);
    await signIn.getByLabel(en.auth.password, { exact: true }).fill('not the password');
    await signIn.getByRole('button', { name: en.auth.submit }).click();
    await signIn.getByRole('alert').filter({ hasText: en.auth.error.wrong }).waitFor();
    await signIn.getByLabel(en.auth.password, { exact: true }).fill(TRAINER.password);
    await signIn.getByRole('button', { name: en.auth.submit }).click();
    await fac.getByLabel(en.auth.signedInLabel).filter({ hasText: TRAINER.name }).waitFor();
    const cookie = (await facCtx.cookies()).find((c) => c.name === 'drillroom_trainer');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const signedIn = { headers: { cookie: `drillroom_trainer=${cookie?.value}` } };
    await fac.getByRole('button', { name: fill(en.library.laptopsNamed, { title: scenario.title.en }) }).click();
    const joinPanel = fac.getByRole('region', { name: en.join.title });
    const code = (await joinPanel.getByLabel(en.join.code).innerText()).replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    await expect.poll(() => joinPanel.getByRole('img', { name: en.join.qr }).count()).toBe(1);
    const sessionId = /\/session\/([^/]+)\/console/.exec(fac.url())?.[1] ?? '';
    const projectorToken = await fac.evaluate((id) => localStorage.getItem(`drillroom.projector.${id}`), sessionId);

    // the projector shows the join screen
    const projCtx = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await english(projCtx);
    const proj = await projCtx.newPage();
    // what the room's devices download: never the chunks with the scenarios (they are for trainers)
    const manifest = JSON.parse(readFileSync('dist/.vite/manifest.json', 'utf8')) as Record<string, { file: string; src?: string }>;
    const scenarioChunks = Object.values(manifest).flatMap((c) => (c.src?.startsWith('scenarios/') ? [c.file] : []));
    expect(scenarioChunks.length).toBeGreaterThan(0);
    const fetched: string[] = [];
    proj.on('request', (r) => fetched.push(r.url()));
    watchPage(proj, errors);
    await proj.goto(`${app}?t=${projectorToken}#/session/${sessionId}/projector`);
    await proj.getByLabel(en.join.code).waitFor();

    // three participants join by code and pick roles
    const chosen = players.slice(0, 3);
    const participants: Page[] = [];
    for (const [i, role] of chosen.entries()) {
      // the third on a phone
      const ctx = await browser.newContext(i === 2 ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : { viewport: { width: 1100, height: 800 } });
      await english(ctx);
      const page = await ctx.newPage();
      watchPage(page, errors);
      page.on('request', (r) => fetched.push(r.url()));
      await page.goto(`${app}#/join/${code}`);
      await page.getByLabel(en.join.name).fill(`Player ${i + 1}`);
      await page.getByRole('button', { name: en.join.submit }).click();
      await page.getByRole('button', { name: role.name.en, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: new RegExp(`^${escapeRe(role.name.en)}`) }).waitFor();
      participants.push(page);
    }
    // an observer joins and takes no role: it sees the room's view, no role's private briefing
    const obsCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    await english(obsCtx);
    const observer = await obsCtx.newPage();
    watchPage(observer, errors);
    observer.on('request', (r) => fetched.push(r.url()));
    await observer.goto(`${app}#/join/${code}`);
    await observer.getByLabel(en.join.name).fill('Observer');
    await observer.getByRole('button', { name: en.join.submit }).click();
    await observer.getByRole('heading', { name: fill(en.join.chooseRole, { name: 'Observer' }) }).waitFor();
    // a fourth participant takes a role; the facilitator removes that seat: its link stops working and the role is free again
    const extraCtx = await browser.newContext({ viewport: { width: 1100, height: 800 } });
    await english(extraCtx);
    const extra = await extraCtx.newPage();
    watchPage(extra, errors);
    await extra.goto(`${app}#/join/${code}`);
    await extra.getByLabel(en.join.name).fill('Player 4');
    await extra.getByRole('button', { name: en.join.submit }).click();
    const fourth = players[3] ?? players[0];
    await extra.getByRole('button', { name: fourth?.name.en ?? '', exact: true }).click();
    await extra.getByRole('heading', { level: 2, name: new RegExp(`^${escapeRe(fourth?.name.en ?? '')}`) }).waitFor();
    fac.once('dialog', (d) => void d.accept());
    await joinPanel.getByRole('button', { name: fill(en.join.removeNamed, { name: 'Player 4' }) }).click();
    await extra.getByRole('status').filter({ hasText: en.connection.refused }).waitFor();
    await expect.poll(() => joinPanel.getByText('Player 4').count()).toBe(0);
    // the facilitator locks joining: the projector no longer shows the code, and the code lets nobody in
    await joinPanel.getByRole('button', { name: en.join.lock }).click();
    await proj.getByRole('status').filter({ hasText: en.join.closed }).waitFor();
    expect(await proj.getByLabel(en.join.code).count()).toBe(0);
    await extra.goto(`${app}#/join/${code}`);
    await extra.getByLabel(en.join.name).fill('Player 5');
    await extra.getByRole('button', { name: en.join.submit }).click();
    await extra.getByRole('alert').filter({ hasText: en.join.refused['joining-closed'] }).waitFor();
    await expect.poll(() => proj.getByText(/Player \d/).count()).toBe(3);
    expect(fetched.filter((url) => scenarioChunks.some((c) => url.endsWith(c)))).toEqual([]);
    expect(await participants[0]?.getByRole('form', { name: en.auth.signInTitle }).count()).toBe(0);
    // and a chunk asked for without the trainer's cookie is not there
    for (const c of scenarioChunks) expect((await fetch(`${server.url}${c}`)).status).toBe(404);
    await proj.screenshot({ path: `${SHOTS}/server-projector-join.png` });
    await joinPanel.getByRole('button', { name: en.join.reopen }).click();
    await proj.getByLabel(en.join.code).waitFor();

    // a participant sees its own private briefing and nobody else's
    const firstPrivate = chosen[0]?.briefing.private?.en ?? '';
    const secondPrivate = chosen[1]?.briefing.private?.en ?? '';
    expect(await participants[0]?.getByText(firstPrivate).count()).toBe(1);
    expect(await participants[0]?.locator('body').innerText()).not.toContain(secondPrivate);
    for (const role of players) if (role.briefing.private) expect(await observer.locator('body').innerText()).not.toContain(role.briefing.private.en);

    // start; everyone plays
    await fac.getByRole('button', { name: en.console.start }).click();
    await proj.getByRole('region', { name: en.projector.feed }).getByRole('article').first().waitFor();
    const played = new Set(chosen.map((r) => r.id));
    // each participant sees the drill clock and the phase
    for (const p of participants) {
      await p.getByRole('timer', { name: en.drill.clock }).waitFor();
      await p.getByText(fill(en.seat.phase, { phase: en.phase.report })).waitFor();
    }
    await participants[2]?.screenshot({ path: `${SHOTS}/server-participant-phone.png`, fullPage: true });
    // what every device shows passes axe-core's WCAG checks: a participant's phone, an observer, the console with its join panel, the projector
    for (const p of [participants[2], observer, fac, proj]) if (p) expect(await axeProblems(p)).toEqual([]);
    // the first participant's task opens at the start: wait until its screen has it (the events travel on their own time)
    await participants[0]?.getByRole('region', { name: en.role.tasks }).getByRole('form').first().waitFor();
    for (const p of participants) await answerOwnTasks(p);
    await answerForUnplayedRoles(fac, played);

    // a participant reloads mid-drill and is back in the same role without being asked
    const reloaded = participants[0] as Page;
    const tasksBefore = await reloaded.getByRole('region', { name: en.role.tasks }).innerText();
    expect(tasksBefore).toContain(en.role.done);
    await reloaded.reload();
    await reloaded.getByRole('heading', { level: 2, name: new RegExp(`^${escapeRe(chosen[0]?.name.en ?? '')}`) }).waitFor();
    await expect.poll(() => reloaded.getByRole('region', { name: en.role.tasks }).innerText()).toBe(tasksBefore);

    // move on a phase, then kill the server mid-drill
    await fac.getByRole('button', { name: en.console.nextPhase }).click();
    const override = fac.getByRole('dialog', { name: en.console.overrideTitle });
    if (await override.isVisible()) {
      await override.getByLabel(en.console.reason).fill('moving on');
      await override.getByRole('button', { name: en.console.overrideConfirm }).click();
    }
    // a participant with new tasks is told so, in view and in the tab's title
    const titles = async () => Promise.all(participants.map((p) => p.title()));
    await expect.poll(async () => (await titles()).some((t) => /^\(\d+\) /.test(t)), { timeout: 10_000 }).toBe(true);
    const told = participants[(await titles()).findIndex((t) => /^\(\d+\) /.test(t))] as Page;
    await told.getByText(new RegExp(`^${escapeRe(en.seat.newTask.split('{{')[0] ?? '')}`)).first().waitFor();
    await told.screenshot({ path: `${SHOTS}/server-participant-new-task.png` });
    await told.getByRole('button', { name: en.seat.seen }).click();
    await expect.poll(() => told.title()).not.toMatch(/^\(/);
    const before = (await (await fetch(`${server.url}api/sessions/${sessionId}/transcript`, signedIn)).json()) as { events: unknown[] };
    await server.kill();
    await participants[0]?.getByRole('status').filter({ hasText: en.connection.reconnecting }).waitFor();
    await fac.getByRole('status').waitFor();

    // offline, a participant answers: the answer is queued (and says so), the form locks; a change replaces it
    let queued: { page: Page; task: Task & { kind: 'single' }; best: string } | undefined;
    for (const page of participants) {
      await page.getByRole('status').filter({ hasText: en.connection.reconnecting }).waitFor();
      for (const form of await page.getByRole('region', { name: en.role.tasks }).getByRole('form').all()) {
        const title = await form.getAttribute('aria-label');
        const task = scenario.tasks.find((t) => t.title.en === title);
        if (task?.kind === 'single' && task.options.length > 1 && !queued) {
          const sorted = [...task.options].sort((a, b) => a.score - b.score);
          queued = { page, task, best: sorted.at(-1)?.id ?? '' };
          await form.getByRole('radio', { name: sorted[0]?.label.en ?? '', exact: true }).check();
          await form.getByRole('button', { name: en.task.submit }).click();
          await form.getByText(en.task.queued).waitFor();
          expect(await form.getByRole('radio').first().isDisabled()).toBe(true);
          await form.getByRole('button', { name: en.task.change }).click();
          await form.getByRole('radio', { name: sorted.at(-1)?.label.en ?? '', exact: true }).check();
          await form.getByRole('button', { name: en.task.submit }).click();
          await form.getByText(en.task.queued).waitFor();
        }
      }
    }
    expect(queued, 'a participant with an open single-choice task while the server is down').toBeDefined();
    await server.start();
    await participants[0]?.getByRole('status').waitFor({ state: 'detached', timeout: 20_000 });
    await fac.getByRole('status').waitFor({ state: 'detached', timeout: 20_000 });
    const after = (await (await fetch(`${server.url}api/sessions/${sessionId}/transcript`, signedIn)).json()) as { events: { type: string; t: number; actor: string; payload: Record<string, unknown> }[] };
    expect(after.events.slice(0, before.events.length)).toEqual(before.events);
    // the restart paused the drill where it was, and the console says so; the queued answer waits for the resume
    expect(after.events.at(-1)?.type).toBe('DRILL.PAUSE');
    const notice = fac.getByRole('alert').filter({ hasText: en.restore.notice.split('{{')[0] ?? '' });
    await notice.waitFor();
    await queued?.page.getByText(en.task.queuedPaused).waitFor();
    await queued?.page.screenshot({ path: `${SHOTS}/server-participant-queued.png`, fullPage: true });
    await fac.screenshot({ path: `${SHOTS}/server-restored.png` });
    await fac.getByRole('button', { name: en.console.resume }).click();
    await notice.waitFor({ state: 'detached' });
    await queued?.page.getByRole('form', { name: queued.task.title.en }).waitFor({ state: 'detached' });
    const answered = (await (await fetch(`${server.url}api/sessions/${sessionId}/transcript`, signedIn)).json()) as typeof after;
    const answers = answered.events.filter((e) => e.type === 'TASK.ANSWER' && e.payload.task === queued?.task.id);
    expect(answers.map((e) => (e.payload.answer as { option: string }).option)).toEqual([queued?.best]);

    // the drill carries on to the end
    for (let phase = 0; phase < 4; phase++) {
      for (const p of participants) await answerOwnTasks(p);
      await answerForUnplayedRoles(fac, played);
      await ratePending(fac);
      if ((await fac.getByRole('link', { name: en.console.showDebrief }).count()) > 0) break;
      await fac.getByRole('button', { name: en.console.nextPhase }).click();
      const dialog = fac.getByRole('dialog', { name: en.console.overrideTitle });
      if (await dialog.isVisible()) {
        await dialog.getByLabel(en.console.reason).fill('time');
        await dialog.getByRole('button', { name: en.console.overrideConfirm }).click();
      }
      // leaving the last phase ends the drill: the console asks first, then opens the debrief
      const finish = fac.getByRole('dialog', { name: en.consoleLayout.finishTitle });
      if (await finish.isVisible()) {
        if ((await finish.getByLabel(en.console.reason).count()) > 0) await finish.getByLabel(en.console.reason).fill('time');
        await finish.getByRole('button', { name: en.consoleLayout.finishConfirm }).click();
        break;
      }
    }
    if ((await fac.getByRole('link', { name: en.console.showDebrief }).count()) > 0) await fac.getByRole('link', { name: en.console.showDebrief }).click();
    await fac.getByText(new RegExp(escapeRe(en.debrief.ended.split('{{')[0] ?? ''))).waitFor(); // the server's end has arrived
    const total = Number(await fac.getByLabel(en.debrief.totalLabel).innerText());
    await fac.screenshot({ path: `${SHOTS}/server-debrief.png`, fullPage: true });
    await proj.getByRole('article', { name: en.debrief.title }).waitFor();
    // the participants see the end of the drill
    for (const p of participants) await p.getByRole('heading', { name: en.seat.endedTitle }).waitFor();
    await participants[2]?.screenshot({ path: `${SHOTS}/server-participant-ended.png`, fullPage: true });
    for (const p of [participants[2], fac]) if (p) expect(await axeProblems(p)).toEqual([]);
    // the observer sees the end and is offered no role
    await observer.getByRole('heading', { name: en.seat.endedTitle }).waitFor();
    expect(await observer.getByRole('button', { name: players[0]?.name.en ?? '', exact: true }).count()).toBe(0);
    // the join code no longer works
    await extra.goto(`${app}#/join/${code}`);
    await extra.getByLabel(en.join.name).fill('Late observer');
    await extra.getByRole('button', { name: en.join.submit }).click();
    await extra.getByRole('alert').filter({ hasText: en.join.refused['drill-ended'] }).waitFor();

    // the transcript from the API replays to the same score
    const transcript = await (await fetch(`${server.url}api/sessions/${sessionId}/transcript`, signedIn)).text();
    const file = join(dataDir, 'transcript.json');
    writeFileSync(file, transcript);
    const replayed = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', file, '--json'], { encoding: 'utf8' });
    expect(replayed.status, replayed.stderr).toBe(0);
    expect(JSON.parse(replayed.stdout).total).toBe(total);
    // the session's details as at the start; who played which role, as it changed, in the events
    const parsed = JSON.parse(transcript) as { session: { participants?: unknown }; events: { type: string; payload: { role?: string; name?: string } }[] };
    expect(parsed.session.participants).toBeUndefined();
    const casts = parsed.events.filter((e) => e.type === 'ROLE.CAST').map((e) => [e.payload.role, e.payload.name ?? null]);
    expect(casts).toEqual([...chosen.map((r, i) => [r.id, `Player ${i + 1}`]), [fourth?.id, 'Player 4'], [fourth?.id, null]]);
    expect(errors).toEqual([]);
  }, 300_000);
});
