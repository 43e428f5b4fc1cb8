/**
 * A group exercise as a bank runs it, against the real server from a LAN host name: a trainer
 * creates an exercise of two groups of three in rounds, played in two venues (a county
 * sub-branch and its city branch); in each group one participant swaps roles and plays the
 * waiting customers; group one's round is watched on group two's laptops; an evaluator invited
 * from the console records an observation under her name; each venue's projector names its
 * venue and who sits there; after each round the other group rates it on the rubric and the
 * facilitator rates the criteria too; the exercise page compares both groups (engine,
 * facilitator and peers); the transcripts hold all of it. No page logs an error or a CSP
 * violation.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScenario, type DrillEvent, type Scenario } from '../../src/engine';
import en from '../../src/i18n/locales/en.json';
import type { ServerProcess } from '../../src/node/serverProcess';
import { E2E_HOST, launchChromium, startRoomServer, watchPage } from './browser';

const SHOTS = 'tests/e2e/screenshots';
const valid = validateScenario(JSON.parse(readFileSync('scenarios/service-outage.json', 'utf8')));
if (!valid.ok) throw new Error('service-outage.json is invalid');
const scenario: Scenario = valid.value;
const roleName = (id: string) => scenario.roles.find((r) => r.id === id)?.name.en ?? id;
const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, v: string) => String(vars[v] ?? ''));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const TRAINER = { name: '王芳', password: 'e2e-trainer-password' };
const VENUES = ['County sub-branch', 'City branch'];
const GROUPS = [fill(en.exercise.groupDefault, { n: 1 }), fill(en.exercise.groupDefault, { n: 2 })];
/** Three per group: two players, and one who swaps roles to play the waiting customers. */
const CAST = [
  { role: 'lobby-manager', venue: VENUES[0] },
  { role: 'branch-head', venue: VENUES[1] },
  { role: 'customers', venue: VENUES[0] },
] as const;
const customersInject = scenario.injects.find((i) => i.playable && i.from === 'customers');
const goodObservation = scenario.observations.find((o) => o.kind === 'good');

let browser: Browser;
let server: ServerProcess;
let app: string;
const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-e2e-groups-'));
const errors: string[] = [];

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

async function page(viewport: { width: number; height: number }, phone = false): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  await context.addInitScript(() => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: 'en' }, version: 0 })));
  const p = await context.newPage();
  p.setDefaultTimeout(60_000);
  watchPage(p, errors);
  return p;
}

/** A participant joins a group by its code at a venue, and takes a player's role (a simulated one is given by the facilitator). */
async function joinAs(code: string, name: string, venue: string, role: string): Promise<Page> {
  const p = await page({ width: 412, height: 915 }, true);
  await p.goto(`${app}#/join/${code}`);
  await p.getByLabel(en.join.name).fill(name);
  await p.getByRole('button', { name: en.join.submit }).click();
  // the drill is played in two venues: the server asks which one
  await p.getByRole('group', { name: en.joinVenue.legend }).getByLabel(venue).check();
  await p.getByRole('button', { name: en.join.submit }).click();
  if (scenario.roles.find((r) => r.id === role)?.kind !== 'player') {
    await p.getByRole('heading', { name: fill(en.join.chooseRole, { name }) }).waitFor();
    return p;
  }
  await p.getByRole('button', { name: roleName(role), exact: true }).click();
  await p.getByRole('heading', { level: 2, name: new RegExp(`^${escapeRe(roleName(role))}`) }).waitFor();
  return p;
}

/** A member of another group rates every criterion of the rubric on its laptop. */
async function review(p: Page, group: string, rating: 'P' | 'S' | 'M' | 'U', comment: string) {
  const form = p.getByRole('form', { name: fill(en.peerReview.title, { group }) });
  await form.waitFor();
  for (const c of scenario.rubric) {
    const set = form.getByRole('group', { name: c.title.en, exact: true });
    await set.getByRole('radio', { name: `${rating} ${en.rating[rating]}` }).check();
  }
  await form.getByRole('group', { name: scenario.rubric[0]?.title.en ?? '', exact: true }).getByLabel(en.peerReview.comment).fill(comment);
  await form.getByRole('button', { name: en.peerReview.send }).click();
  await p.getByRole('status').filter({ hasText: fill(en.peerReview.sent, { group }) }).waitFor();
}

/** The facilitator starts a round; the participant who swapped roles sends the customers' message when they choose. */
async function startRound(consolePage: Page, sessionId: string, customers: Page) {
  await consolePage.goto(`${app}#/session/${sessionId}/console`);
  await consolePage.getByRole('button', { name: en.console.start }).click();
  if (customersInject) {
    await customers.getByRole('button', { name: fill(en.role.send, { title: customersInject.title.en }) }).click();
    await customers.getByText(en.role.sent).waitFor();
    await consolePage.getByRole('region', { name: en.console.injects }).getByText(customersInject.title.en).first().waitFor();
  }
}

/** The facilitator ends the round and rates each criterion. */
async function endRound(consolePage: Page, sessionId: string, rating: 'P' | 'S' | 'M' | 'U') {
  await consolePage.getByRole('button', { name: en.console.end }).click();
  await consolePage.getByRole('dialog', { name: en.console.endTitle }).getByRole('button', { name: en.console.end }).click();
  await consolePage.waitForURL(/\/debrief$/);
  await consolePage.goto(`${app}#/session/${sessionId}/console`);
  const panel = consolePage.getByRole('region', { name: en.criteriaRating.title });
  for (const c of scenario.rubric) {
    const row = panel.getByRole('group', { name: c.title.en, exact: true });
    await row.getByRole('button', { name: fill(en.criteriaRating.rateAs, { rating, name: en.rating[rating] }) }).click();
    await row.getByText(fill(en.criteriaRating.current, { rating, name: en.rating[rating] })).waitFor();
  }
}

describe('a group exercise in rounds, in two venues', () => {
  it('two groups of three play, watch, review each other and are compared; an evaluator records; each venue has its projector', async () => {
    // The trainer signs in and creates the exercise.
    const trainer = await page({ width: 1366, height: 900 });
    await trainer.goto(app);
    const signIn = trainer.getByRole('form', { name: en.auth.signInTitle });
    await signIn.getByLabel(en.auth.name).fill(TRAINER.name);
    await signIn.getByLabel(en.auth.password, { exact: true }).fill(TRAINER.password);
    await signIn.getByRole('button', { name: en.auth.submit }).click();
    await trainer.getByLabel(en.auth.signedInLabel).waitFor();
    await trainer.getByRole('link', { name: fill(en.exercise.startNamed, { title: scenario.title.en }) }).click();
    await trainer.getByRole('heading', { name: en.exercise.new.title }).waitFor();
    await trainer.getByLabel(en.exercise.modeRounds).check();
    for (const [i, venue] of VENUES.entries()) {
      await trainer.getByRole('button', { name: en.exercise.new.addVenue }).click();
      await trainer.getByLabel(fill(en.exercise.new.venueName, { n: i + 1 })).fill(venue);
    }
    await trainer.getByRole('button', { name: en.exercise.new.create }).click();
    await trainer.waitForURL(/#\/exercise\/[\w-]+$/);
    const exerciseId = /#\/exercise\/([\w-]+)$/.exec(trainer.url())?.[1] ?? '';
    const codes: string[] = [];
    for (const g of GROUPS) codes.push((await trainer.getByLabel(fill(en.exercise.codeNamed, { group: g })).innerText()).replace(/\s/g, ''));
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    const exercise = await (await fetch(`${server.url}api/exercises/${exerciseId}`, { headers: { cookie: `drillroom_trainer=${(await trainer.context().cookies()).find((c) => c.name === 'drillroom_trainer')?.value}` } })).json();
    const sessions: string[] = exercise.groups.map((g: { sessionId: string }) => g.sessionId);

    // Six participants join, three per group, each at a venue; the third of each plays the customers.
    const members: Page[][] = [];
    for (const [g, code] of codes.entries()) members.push(await Promise.all(CAST.map((c, i) => joinAs(code, `G${g + 1} player ${i + 1}`, c.venue ?? '', c.role))));

    // Each group's console: the role swap — the facilitator gives the third participant the waiting customers.
    const consoles: Page[] = [];
    for (const [g, sessionId] of sessions.entries()) {
      const c = await trainer.context().newPage();
      watchPage(c, errors);
      c.setDefaultTimeout(60_000);
      await c.goto(`${app}#/session/${sessionId}/console`);
      await c.getByRole('region', { name: en.join.title }).getByLabel(fill(en.join.assignNamed, { name: `G${g + 1} player 3` })).selectOption('customers');
      await members[g]?.[2]?.getByRole('heading', { level: 2, name: new RegExp(`^${escapeRe(roleName('customers'))}`) }).waitFor();
      consoles.push(c);
    }
    const [console1, console2] = consoles as [Page, Page];

    // Group one's console: the seats with their venues; an evaluator invited; each venue's projector opened.
    const joinPanel = console1.getByRole('region', { name: en.join.title });
    await expect.poll(() => joinPanel.getByText(fill(en.venue.named, { venue: VENUES[0] ?? '' })).count()).toBe(2);
    await joinPanel.getByLabel(en.evaluator.name).fill('Zhou Min (regulator)');
    await joinPanel.getByRole('button', { name: en.evaluator.inviteButton }).click();
    const evaluatorLink = await joinPanel.getByLabel(fill(en.evaluator.address, { label: fill(en.evaluator.linkFor, { name: 'Zhou Min (regulator)' }) })).inputValue();
    expect(evaluatorLink).toContain(`${E2E_HOST}`);
    const projectors: Page[] = [];
    for (const venue of VENUES) {
      const link = await joinPanel.getByLabel(fill(en.evaluator.address, { label: fill(en.venue.projectorFor, { venue }) })).inputValue();
      const projector = await page({ width: 1024, height: 768 });
      await projector.goto(link);
      projectors.push(projector);
    }
    for (const [i, venue] of VENUES.entries()) {
      const projector = projectors[i];
      if (!projector) throw new Error('no projector');
      await projector.getByText(fill(en.venue.named, { venue }), { exact: true }).waitFor();
      // who sits in this venue (name · role), and nobody from the other
      const seated = projector.getByRole('list', { name: fill(en.venue.seatedHere, { venue }) });
      const here = CAST.flatMap((c, n) => (c.venue === venue ? [`G1 player ${n + 1} · ${roleName(c.role)}`] : []));
      await expect.poll(async () => (await seated.getByRole('listitem').allInnerTexts()).sort()).toEqual(here.sort());
      await projector.screenshot({ path: `${SHOTS}/group-venue-projector-${i + 1}.png` });
    }
    const evaluator = await page({ width: 1280, height: 800 });
    await evaluator.goto(evaluatorLink);
    await evaluator.getByText(fill(en.evaluator.youAre, { name: 'Zhou Min (regulator)' })).waitFor();
    expect(await evaluator.getByRole('button', { name: en.console.start }).count()).toBe(0);

    // Round one: group one plays while group two watches on its laptops.
    await trainer.getByRole('button', { name: fill(en.exercise.startRoundNamed, { group: GROUPS[0] ?? '' }) }).click();
    for (const p of members[1] ?? []) await p.getByRole('heading', { name: fill(en.watch.banner, { group: GROUPS[0] ?? '' }) }).waitFor();
    await members[0]?.[0]?.getByRole('status').filter({ hasText: en.watch.yourRound }).waitFor();
    await startRound(console1, sessions[0] ?? '', members[0]?.[2] as Page);
    // what the watchers see is group one's room: the customers' message is there
    if (customersInject) await members[1]?.[0]?.getByText(customersInject.title.en).first().waitFor();
    // the evaluator records what she sees, under her name, while the round runs
    if (goodObservation) {
      await evaluator.getByRole('button', { name: goodObservation.label.en }).click();
      await evaluator.getByRole('list', { name: en.console.observationsRecorded }).getByText(goodObservation.label.en).waitFor();
    }
    await endRound(console1, sessions[0] ?? '', 'S');
    await trainer.getByRole('button', { name: fill(en.exercise.endRoundNamed, { group: GROUPS[0] ?? '' }) }).click();

    // Group two reviews group one; the trainer sees the reviews arrive and closes the review.
    await trainer.getByRole('button', { name: fill(en.exercise.openReviewNamed, { group: GROUPS[0] ?? '' }) }).click();
    await review(members[1]?.[0] as Page, GROUPS[0] ?? '', 'M', 'Reported to the branch head too late');
    await review(members[1]?.[1] as Page, GROUPS[0] ?? '', 'U', 'No single public line');
    const reviews1 = trainer.getByRole('region', { name: fill(en.exercise.reviewsNamed, { group: GROUPS[0] ?? '' }) });
    await reviews1.getByText(fill(en.exercise.reviews_other, { count: 2 })).waitFor();
    await trainer.getByRole('button', { name: fill(en.exercise.closeReviewNamed, { group: GROUPS[0] ?? '' }) }).click();

    // Round two: group two plays; group one reviews it.
    await trainer.getByRole('button', { name: fill(en.exercise.startRoundNamed, { group: GROUPS[1] ?? '' }) }).click();
    for (const p of members[0] ?? []) await p.getByRole('heading', { name: fill(en.watch.banner, { group: GROUPS[1] ?? '' }) }).waitFor();
    // group one's venue projectors show group two's round too
    await projectors[0]?.getByRole('heading', { name: fill(en.watch.banner, { group: GROUPS[1] ?? '' }) }).waitFor();
    await startRound(console2, sessions[1] ?? '', members[1]?.[2] as Page);
    await endRound(console2, sessions[1] ?? '', 'P');
    await trainer.getByRole('button', { name: fill(en.exercise.endRoundNamed, { group: GROUPS[1] ?? '' }) }).click();
    await trainer.getByRole('button', { name: fill(en.exercise.openReviewNamed, { group: GROUPS[1] ?? '' }) }).click();
    await review(members[0]?.[0] as Page, GROUPS[1] ?? '', 'S', 'Calm with the customers');
    await trainer.getByRole('region', { name: fill(en.exercise.reviewsNamed, { group: GROUPS[1] ?? '' }) }).getByText(fill(en.exercise.reviews_one, { count: 1 })).waitFor();
    await trainer.getByRole('button', { name: fill(en.exercise.closeReviewNamed, { group: GROUPS[1] ?? '' }) }).click();

    // The comparison: both groups, with the engine's, the facilitator's and the peers' ratings.
    const compare = trainer.getByRole('region', { name: en.exercise.compare.title });
    await compare.scrollIntoViewIfNeeded();
    const block = compare.locator('tbody').filter({ hasText: scenario.rubric[0]?.title.en ?? '' });
    const cells = (group: string) => block.getByRole('row').filter({ has: trainer.getByRole('rowheader', { name: group, exact: true }) }).getByRole('cell');
    // group one: the facilitator S, peers M and U (the lower middle: U); group two: the facilitator P, one peer S
    await expect.poll(() => cells(GROUPS[0] ?? '').allInnerTexts()).toEqual([expect.stringMatching(/^[PSMU] /), expect.stringMatching(/^S /), expect.stringMatching(/^U [\s\S]*\(2\)/), expect.any(String)]);
    await expect.poll(() => cells(GROUPS[1] ?? '').allInnerTexts()).toEqual([expect.stringMatching(/^[PSMU] /), expect.stringMatching(/^P /), expect.stringMatching(/^S [\s\S]*\(1\)/), expect.any(String)]);
    expect(await compare.getByText(/⚠/).count()).toBeGreaterThan(0);
    await trainer.screenshot({ path: `${SHOTS}/group-exercise-comparison.png`, fullPage: true });

    // Group one's debrief shows the ratings compared and the peers' comments.
    await console1.goto(`${app}#/session/${sessions[0]}/debrief`);
    const compared = console1.getByRole('region', { name: en.compare.title });
    await compared.getByText('Reported to the branch head too late', { exact: false }).first().waitFor();

    // The transcripts hold it all: the venues in the cast, the role swap, the evaluator's name, the peers' reviews.
    const cookie = `drillroom_trainer=${(await trainer.context().cookies()).find((c) => c.name === 'drillroom_trainer')?.value}`;
    const t1 = await (await fetch(`${server.url}api/sessions/${sessions[0]}/transcript`, { headers: { cookie } })).json();
    const events = t1.events as DrillEvent[];
    const byName = (a: { name?: string }, b: { name?: string }) => (a.name ?? '').localeCompare(b.name ?? '');
    expect(events.flatMap((e) => (e.type === 'ROLE.CAST' ? [e.payload] : [])).sort(byName)).toEqual(CAST.map((c, i) => ({ role: c.role, name: `G1 player ${i + 1}`, venue: c.venue })));
    if (customersInject) expect(events.find((e) => e.type === 'INJECT.FIRE' && e.payload.inject === customersInject.id)?.actor).toBe('customers');
    if (goodObservation) expect(events.find((e) => e.type === 'OBSERVATION.RECORD')?.payload).toMatchObject({ observation: goodObservation.id, by: 'Zhou Min (regulator)' });
    expect(events.filter((e) => e.type === 'PEER.REVIEW').map((e) => e.payload)).toEqual([
      expect.objectContaining({ group: GROUPS[1], reviewer: 'G2 player 1' }),
      expect.objectContaining({ group: GROUPS[1], reviewer: 'G2 player 2' }),
    ]);
    expect(events.filter((e) => e.type === 'CRITERION.RATE')).toHaveLength(scenario.rubric.length);
    expect(t1.session).toMatchObject({ venues: VENUES, exercise: { id: exerciseId, group: GROUPS[0] } });
    expect(errors).toEqual([]);
  }, 900_000);
});
