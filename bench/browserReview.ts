/**
 * The review page in a real browser (Chromium, as the end-to-end tests drive it) on long drills:
 * opening a file, the report tab, a keystroke in the plan and a scrub jump, each timed in the
 * page from the action's event (the file input's change, a click, the scrubber's input) to the
 * frame that shows its result; Playwright's own round trips are left out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { compile, FACILITATOR, makeTranscript, type DrillEvent } from '../src/engine';
import { loadScenarioFile } from '../src/node/scenarioFiles';
import { simulate } from '../src/sim/simulate';
import en from '../src/i18n/locales/en.json';
import { longTranscript, median } from './inProcess';

export type ReviewFigures = { openMs: Record<number, number>; reportTabMs: number; keystrokeMs: number; scrubJumpMs: number };

/** What issue 14 asks of the review page on this machine. */
export const REVIEW_TARGETS = { openMs: { 10000: 1000, 50000: 3000 } as Record<number, number>, reportTabMs: 200, keystrokeMs: 16, scrubJumpMs: 16 };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';


async function openFile(page: Page, url: string, path: string): Promise<number> {
  // a fresh page each time: a hash change alone would keep the previous file open
  await page.goto('about:blank');
  await page.goto(`${url}#/review`);
  // from the moment the page has the file (its input's change event) to the frame that shows the drill
  await page.evaluate(() => {
    document.addEventListener('change', () => ((window as unknown as { chosenAt: number }).chosenAt = performance.now()), { capture: true, once: true });
  });
  await page.getByLabel(en.review.choose).setInputFiles(path);
  return page.evaluate(async (label) => {
    for (let frames = 0; frames < 3000; frames++) {
      await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const shown = performance.now();
      if (document.querySelector(`input[type="range"][aria-label="${label}"]`)) return shown - (window as unknown as { chosenAt: number }).chosenAt;
    }
    throw new Error('the drill never showed');
  }, en.review.scrubber);
}

/**
 * From a user's action to the frame that shows its result, timed in the page: the action's event
 * dispatched, then frames awaited until `shows` is on the page (a frame is shown once its
 * animation-frame callbacks, style, layout and paint have run: a task queued from the callback
 * runs after it). Playwright's own round trips and queries, which grow with the page, are left out.
 */
function untilShown(page: Page, action: 'scrub' | 'tab', label: string, value: number, shows: string): Promise<number> {
  return page.evaluate(
    async ({ action, label, value, shows }) => {
      const start = performance.now();
      if (action === 'scrub') {
        const slider = document.querySelector<HTMLInputElement>(`input[type="range"][aria-label="${label}"]`);
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        if (!slider || !setValue) throw new Error('no scrubber');
        setValue.call(slider, String(value));
        slider.dispatchEvent(new Event('input', { bubbles: true }));
        slider.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        const tab = [...document.querySelectorAll<HTMLElement>('[role="tab"]')].find((el) => el.textContent?.trim() === label);
        if (!tab) throw new Error(`no tab ${label}`);
        tab.click();
      }
      for (let frames = 0; frames < 600; frames++) {
        // (no named functions in here: the bench's TypeScript loader would wrap them in a helper the page lacks)
        await new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        const shown = performance.now();
        if (document.body.textContent?.includes(shows)) return shown - start;
      }
      throw new Error(`"${shows}" never shown`);
    },
    { action, label, value, shows },
  );
}

/**
 * A shipped scenario played well (the ideal player), its events spread over `length` with the
 * facilitator's notes between them: what the review's stage draws is a real drill's room.
 */
function shippedLongTranscript(length: number) {
  const loaded = loadScenarioFile('scenarios/service-outage.json');
  if (!loaded.ok) throw new Error('scenarios/service-outage.json does not load');
  const c = compile(loaded.scenario);
  const played = simulate(c, 'ideal', 1);
  const events: DrillEvent[] = [];
  played.forEach((e, i) => {
    events.push({ ...e, seq: events.length + 1 });
    const notes = Math.floor(((i + 1) * (length - played.length)) / played.length) - Math.floor((i * (length - played.length)) / played.length);
    for (let k = 0; k < notes; k++) events.push({ seq: events.length + 1, t: e.t, actor: FACILITATOR, type: 'NOTE.ADD', payload: { text: `note ${events.length + 1}` } });
  });
  return makeTranscript(loaded.scenario, { source: 'server' }, events);
}

/** `dist`: the built app. Medians of `runs` runs each. */
export async function reviewBench(dist: string, runs: number, lengths = [10_000, 50_000]): Promise<ReviewFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-bench-review-'));
  const files = Object.fromEntries(
    lengths.map((n) => {
      const { scenario, events } = longTranscript(n);
      const path = join(dir, `drill-${n}.json`);
      writeFileSync(path, JSON.stringify(makeTranscript(scenario, { source: 'server' }, events)));
      return [n, path];
    }),
  );
  const shipped = join(dir, 'service-outage.json');
  const scrubLength = lengths[0] as number;
  writeFileSync(shipped, JSON.stringify(shippedLongTranscript(scrubLength)));
  const server = await preview({ logLevel: 'error', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1', strictPort: false, proxy: {} } });
  const url = server.resolvedUrls?.local[0] ?? '';
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript(() => localStorage.setItem('drillroom.ui', JSON.stringify({ state: { lang: 'en' }, version: 0 })));
    const open: Record<number, number[]> = {};
    const reportTab: number[] = [];
    const keystroke: number[] = [];
    const scrub: number[] = [];
    for (let r = 0; r < runs; r++) {
      for (const n of lengths) (open[n] ??= []).push(await openFile(page, url, files[n] as string));
      // the scrubber on a shipped scenario's drill of the first length (10,000 events)
      await openFile(page, url, shipped);
      // jumps here and there, as a reviewer looks for a moment (the first one right after opening)
      for (const at of [0.3, 0.55, 0.8, 0.45, 0.65]) {
        const target = Math.floor(scrubLength * at) + r;
        scrub.push(await untilShown(page, 'scrub', en.review.scrubber, target, `Event ${target} of ${scrubLength}`));
      }
      // the rest on the first (10,000-event) drill
      const n = lengths[0] as number;
      await openFile(page, url, files[n] as string);
      reportTab.push(await untilShown(page, 'tab', en.aar.title, 0, en.aar.plan));
      const plan = page.getByRole('region', { name: en.aar.plan });
      await plan.getByRole('button', { name: en.aar.add }).click();
      // a keystroke's cost to the page: the input event handled and the page redrawn for it, measured in the page
      keystroke.push(
        ...(await page.evaluate((label) => {
          const field = document.querySelector<HTMLTextAreaElement>(`textarea[aria-label="${label}"]`);
          const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set;
          if (!field || !setValue) throw new Error('no plan field');
          return Array.from({ length: 10 }, () => {
            const start = performance.now();
            setValue.call(field, `${field.value}a`);
            field.dispatchEvent(new Event('input', { bubbles: true }));
            return performance.now() - start;
          });
        }, 'Action 1')),
      );
    }
    return {
      openMs: Object.fromEntries(Object.entries(open).map(([n, xs]) => [n, Math.round(median(xs))])),
      reportTabMs: Math.round(median(reportTab)),
      keystrokeMs: Math.round(median(keystroke) * 10) / 10,
      scrubJumpMs: Math.round(median(scrub)),
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
