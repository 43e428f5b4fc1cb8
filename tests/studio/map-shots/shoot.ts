/**
 * Screenshots of the map of every shipped scenario, in both languages, for a reviewer:
 * `npx tsx tests/studio/map-shots/shoot.ts [out-dir]` (default tests/e2e/screenshots/studio-map,
 * which git ignores). It builds ./index.html with Vite, serves it on loopback with the drill
 * server's Content-Security-Policy and photographs each map in Debian's Chromium at 1920×1080
 * (the whole map, fitted) and 1920×1080 at 100 % on the first lane (what a projector shows
 * when the trainer zooms in). Not part of `npm test`.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, preview } from 'vite';
import { contentSecurityPolicy } from '../../../src/server/security';
import { launchChromium } from '../../e2e/browser';
import { screenshotDrillMap, SHIPPED_SCENARIO_IDS, waitForDrillMap } from '../mapScreenshots';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? 'tests/e2e/screenshots/studio-map');
mkdirSync(out, { recursive: true });
const dist = mkdtempSync(join(tmpdir(), 'drillroom-map-shots-'));
await build({ root: here, configFile: false, logLevel: 'error', plugins: [react()], build: { outDir: dist, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
const server = await preview({ root: here, configFile: false, logLevel: 'error', build: { outDir: dist }, preview: { port: 0, host: '127.0.0.1', headers: { 'Content-Security-Policy': contentSecurityPolicy(undefined) } } });
const url = server.resolvedUrls?.local[0];
const browser = await launchChromium();
const problems: string[] = [];
try {
  if (!url) throw new Error('the preview server did not start');
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) problems.push(`console: ${m.text()}`);
  });
  for (const id of SHIPPED_SCENARIO_IDS)
    for (const lang of ['zh-CN', 'en'] as const) {
      await page.goto(`${url}?scenario=${id}&lang=${lang}`);
      await screenshotDrillMap(page, join(out, `${id}.${lang}.png`));
      // the first lane at 100 %: zoom with the wheel where its title stands, until the cards are full size
      const title = await page.getByRole('button', { name: lang === 'zh-CN' ? /^阶段：/ : /^Phase: / }).first().boundingBox();
      if (title) await page.mouse.move(title.x + 4, title.y + 4);
      for (let i = 0; i < 40; i++) {
        const scale = await page.locator('.react-flow__viewport').evaluate((el) => Number(/scale\(([\d.]+)\)/.exec((el as HTMLElement).style.transform)?.[1] ?? 1));
        if (scale >= 0.95) break;
        await page.mouse.wheel(0, -120);
        await page.waitForTimeout(60);
      }
      await waitForDrillMap(page);
      await page.screenshot({ path: join(out, `${id}.${lang}.zoomed.png`) });
      console.log(`${id} (${lang}): ${join(out, `${id}.${lang}.png`)}`);
    }
} finally {
  await browser.close();
  await server.close();
  rmSync(dist, { recursive: true, force: true });
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exitCode = 1;
}
