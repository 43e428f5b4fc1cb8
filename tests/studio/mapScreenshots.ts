/**
 * For the studio's e2e test (tests/e2e/studio-msel.e2e.test.ts, which opens the studio's map tab):
 * waits until a DrillMap on the page is laid out and fitted to its frame, then saves a picture
 * of it — one per shipped scenario for a reviewer.
 */
import { readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DRILL_MAP_READY } from '../../src/studio/map/selectors';

/** The shipped scenarios' ids (their files in scenarios/, without schema.json). */
export const SHIPPED_SCENARIO_IDS = readdirSync('scenarios')
  .filter((f) => f.endsWith('.json') && f !== 'schema.json')
  .map((f) => f.replace(/\.json$/, ''));

/** Waits for the map's cards and for React Flow's fit to settle (the viewport's transform unchanged over a few frames). */
export async function waitForDrillMap(page: Page, timeout = 30_000): Promise<void> {
  await page.locator(`${DRILL_MAP_READY} .react-flow__node-card`).first().waitFor({ timeout });
  // as a string: a compiled function may carry helpers of its compiler (tsx adds `__name`) that the page does not have
  const settled = `new Promise((resolve) => {
    const viewport = document.querySelector(${JSON.stringify(`${DRILL_MAP_READY} .react-flow__viewport`)});
    if (!(viewport instanceof HTMLElement)) return resolve(false);
    const before = viewport.style.transform;
    let frames = 0;
    const tick = () => {
      if (viewport.style.transform !== before) return resolve(false);
      if (++frames >= 5) return resolve(before !== '');
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`;
  await page.waitForFunction(settled, undefined, { timeout, polling: 100 });
}

/** Saves a PNG of the map (the map's own frame, not the whole page). */
export async function screenshotDrillMap(page: Page, path: string): Promise<void> {
  await waitForDrillMap(page);
  await page.locator(DRILL_MAP_READY).first().screenshot({ path });
}
