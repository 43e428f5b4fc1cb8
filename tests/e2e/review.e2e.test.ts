/**
 * Offline review: the static build with no server opens a transcript written by
 * `npm run simulate`, scrubs to the middle, views it as a role, and prints the report to PDF.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTranscript, parseTranscript } from '../../src/engine';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh-CN.json';
import { longTranscript } from '../../bench/inProcess';
import { loadOrCreateSigningKey } from '../../src/node/keys';
import { createSigner } from '../../src/server/signer';
import { axeProblems } from './axe';
import { launchChromium, serveBuiltApp } from './browser';
import { pageTexts } from './pdfPages';

const SHOTS = 'tests/e2e/screenshots';
const dir = mkdtempSync(join(tmpdir(), 'drillroom-review-e2e-'));
const transcript = join(dir, 'data-leak-random.json');
let browser: Browser;
let app: Awaited<ReturnType<typeof serveBuiltApp>>;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const sim = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', 'scenarios/data-leak.json', '--policy', 'random', '--seed', '3', '--out', transcript], { encoding: 'utf8' });
  if (sim.status !== 0) throw new Error(sim.stderr);
  app = await serveBuiltApp();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('offline review in the static build', () => {
  it('opens a simulated transcript, scrubs to the middle, views it as a role and prints the report', async () => {
    const file = JSON.parse(readFileSync(transcript, 'utf8'));
    const role = file.scenario.roles.find((r: { kind: string }) => r.kind === 'player');
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: 'en' }, version: 0 })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${app.url}#/review`);
    await page.getByLabel(en.review.choose).setInputFiles(transcript);
    await page.getByText(/^Unsigned: the events follow one another unchanged/).waitFor();

    // scrub to the middle
    const middle = Math.floor(file.events.length / 2);
    await page.getByRole('slider', { name: en.review.scrubber }).fill(String(middle));
    await expect.poll(() => page.getByRole('slider', { name: en.review.scrubber }).inputValue()).toBe(String(middle));
    await page.getByText(`Event ${middle} of ${file.events.length}`).first().waitFor();
    // view as a role: what did it know then?
    await page.getByRole('combobox', { name: en.review.viewAs }).selectOption({ label: role.name.en });
    await page.getByRole('heading', { level: 2, name: new RegExp(`^${role.name.en.replace(/[()]/g, '.')}`) }).waitFor();
    await expect.poll(() => page.getByText(role.briefing.private.en).count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/review-replay.png`, fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    // the after-action report, printed to A4
    await page.getByRole('tab', { name: en.aar.title }).click();
    const plan = page.getByRole('region', { name: en.aar.plan });
    await plan.getByRole('button', { name: en.aar.add }).click();
    await plan.getByLabel('Action 1', { exact: true }).fill('Rehearse the PIPL notification checklist');
    await plan.getByLabel('Owner of action 1', { exact: true }).fill('Consumer-protection department');
    await plan.getByLabel('Due date of action 1', { exact: true }).fill('2026-12-31');
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', path: `${SHOTS}/review-report.pdf` });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: `${SHOTS}/review-report.png`, fullPage: true });
    expect(await axeProblems(page)).toEqual([]);

    // the plan is kept only in this browser until the transcript is downloaded with it
    const unsaved = page.getByText(en.plansKept.unsavedFile);
    await unsaved.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: en.review.downloadTranscript }).click()]);
    const saved = parseTranscript(JSON.parse(readFileSync(await download.path(), 'utf8')));
    expect(saved.ok && saved.value.file.plan.map((p) => p.action)).toEqual(['Rehearse the PIPL notification checklist']);
    await unsaved.waitFor({ state: 'detached' });

    // nothing left this machine
    expect(requests.filter((u) => !u.startsWith(app.url) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('tells a signed server transcript from one cut short with its hashes and count', async () => {
    // signed as the drill server signs its exports, with the key it keeps in DATA_DIR
    const signer = createSigner(loadOrCreateSigningKey(join(dir, 'server-data')));
    const file = JSON.parse(readFileSync(transcript, 'utf8'));
    const signedPath = join(dir, 'signed.json');
    writeFileSync(signedPath, JSON.stringify(signer.sign(makeTranscript(file.scenario, { ...file.session, source: 'server' }, file.events))));
    const cut = JSON.parse(readFileSync(signedPath, 'utf8'));
    cut.events.splice(-10);
    cut.integrity.hashes.splice(-10);
    cut.integrity.count -= 10;
    const cutPath = join(dir, 'cut.json');
    writeFileSync(cutPath, JSON.stringify(cut));

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: 'en' }, version: 0 })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/review`);
    await page.getByLabel(en.review.choose).setInputFiles(signedPath);
    await page.getByText(`Signed by an unknown key (fingerprint ${signer.fingerprint})`).waitFor();
    await page.getByRole('button', { name: en.verify.trustKey }).click();
    await page.getByText(`Signed by a trusted key (fingerprint ${signer.fingerprint})`).waitFor();
    await page.screenshot({ path: `${SHOTS}/review-signed.png` });

    await page.getByLabel(en.review.choose).setInputFiles(cutPath);
    const n = file.events.length;
    await page.getByRole('alert').getByText(`Broken: the last 10 events were removed with their hashes after signing (signed with ${n} events, the file holds ${n - 10}).`).waitFor();
    expect(await page.getByRole('slider', { name: en.review.scrubber }).count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/review-cut.png` });
    expect(await axeProblems(page)).toEqual([]);

    // trust is remembered: the signed file opens as trusted after a reload
    await page.reload();
    await page.getByLabel(en.review.choose).setInputFiles(signedPath);
    await page.getByText(`Signed by a trusted key (fingerprint ${signer.fingerprint})`).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('prints the after-action report in Chinese: plan rows whole, blank empty dates, whole words, a sign-off and the transcript fingerprint', async () => {
    const signer = createSigner(loadOrCreateSigningKey(join(dir, 'server-data')));
    const file = JSON.parse(readFileSync(transcript, 'utf8'));
    const signedPath = join(dir, 'signed-zh.json');
    writeFileSync(signedPath, JSON.stringify(signer.sign(makeTranscript(file.scenario, { ...file.session, source: 'server' }, file.events))));
    const longAction = '组织全行网点开展个人金融信息泄露应急处置专项培训，重点演练发现泄露后十分钟内向支行行长报告、一小时内向市分行书面报告的流程，明确各岗位职责分工，' + '并对外包人员账号权限进行全面清理和复核，每季度抽查一次访问日志，发现异常立即冻结账号并上报信息科技部和消费者权益保护部。'.repeat(3);

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: 'zh-CN' }, version: 0 })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/review`);
    await page.getByLabel(zh.review.choose).setInputFiles(signedPath);
    await page.getByRole('tab', { name: zh.aar.title }).click();
    const plan = page.getByRole('region', { name: zh.aar.plan });
    await plan.getByRole('button', { name: zh.aar.add }).click();
    await plan.getByLabel('措施1', { exact: true }).fill(longAction);
    await plan.getByLabel('措施1责任人', { exact: true }).fill('消费者权益保护部');
    await plan.getByRole('button', { name: zh.aar.add }).click();
    await plan.getByLabel('措施2', { exact: true }).fill('复盘舆情应对口径');
    await plan.getByLabel('措施2完成时限', { exact: true }).fill('2026-12-31');

    // print media at the width of an A4 page's text (210 mm less 2 × 14 mm margins, at 96 dpi)
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 688, height: 900 });
    const firstRow = plan.getByRole('row').nth(1);
    // the whole action is printed, wrapped; the form fields are not
    await expect.poll(async () => (await firstRow.getByRole('cell').first().innerText()).trim()).toBe(longAction);
    expect(await plan.getByLabel('措施1', { exact: true }).isVisible()).toBe(false);
    // an empty due date prints blank; a set one prints as written
    expect((await firstRow.getByRole('cell').nth(3).innerText()).trim()).toBe('');
    expect((await plan.getByRole('row').nth(2).getByRole('cell').nth(3).innerText()).trim()).toBe('2026-12-31');
    // every column heading of the plan and the criteria stays on one line (no "权/重")
    const headings = page.locator('.aar th');
    const lines = await headings.evaluateAll((ths) =>
      ths.filter((th) => th.textContent?.trim()).map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return { text: th.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
      }),
    );
    expect(lines.filter((h) => h.lines > 1)).toEqual([]);
    // a sign-off to fill in by hand, and the transcript's fingerprint on it and at every page's foot
    const signOff = page.getByRole('region', { name: zh.aarPrint.signOff });
    for (const label of [zh.aarPrint.preparedBy, zh.aarPrint.approvedBy, zh.aarPrint.date]) await signOff.getByText(label, { exact: true }).waitFor();
    await signOff.getByText(`（已签名，密钥 ${signer.fingerprint}）`, { exact: false }).waitFor();
    const footer = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--aar-footer'));
    expect(footer).toContain('演练记录指纹');
    expect(footer).toContain(signer.fingerprint);
    await plan.screenshot({ path: `${SHOTS}/aar-plan-print.png` });
    await page.screenshot({ path: `${SHOTS}/aar-print-zh.png`, fullPage: true });
    const pdf = await page.pdf({ format: 'A4', path: `${SHOTS}/aar-print-zh.pdf` });
    await page.emulateMedia({ media: 'screen' });

    // every page's foot names the transcript and the page; the last page is no stray line: the plan's last row comes with the sign-off
    const pages = pageTexts(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => expect(text).toContain(`${i + 1} / ${pages.length}演练记录指纹 `));
    expect(pages.every((text) => text.includes(signer.fingerprint))).toBe(true);
    expect(pages.at(-1)).toContain('复盘舆情应对口径2026-12-31编制人审批人日期');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('checks a long drill off the page with its progress shown, and can be cancelled', async () => {
    const longest = longTranscript(200_000);
    const longPath = join(dir, 'long.json');
    writeFileSync(longPath, JSON.stringify(makeTranscript(longest.scenario, { source: 'server' }, longest.events)));
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    await context.addInitScript(() => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: 'en' }, version: 0 })));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.url}#/review`);
    await page.getByLabel(en.review.choose).setInputFiles(longPath);
    // the page stays usable while the worker hashes the events, and says how far it is
    await page.getByText(/^Checked [\d,]+ of 200,?000 events…/).waitFor();
    expect(await page.getByRole('progressbar', { name: en.reviewOpen.progress }).isVisible()).toBe(true);
    await page.getByRole('button', { name: en.reviewOpen.cancel }).click();
    await page.getByText('Opening “long.json” was cancelled.').waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await page.getByRole('tab', { name: en.aar.title }).count()).toBe(0);
    // the next file opens as usual, through the worker
    await page.getByLabel(en.review.choose).setInputFiles(transcript);
    await page.getByText(/^Unsigned: the events follow one another unchanged/).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
