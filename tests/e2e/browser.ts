/** End-to-end helpers: the built app served by Vite's preview server (with the drill server's CSP), and Debian's Chromium. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { freePort, ServerProcess } from '../../src/node/serverProcess';
import { contentSecurityPolicy } from '../../src/server/security';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The host name the browser loads the app from: not loopback, so the page is not a secure
 * context, as on a meeting room's LAN (http://<LAN-IP>:8080/). Chromium maps it to 127.0.0.1.
 */
export const E2E_HOST = 'drillroom.test';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Root in CI needs --no-sandbox; the rest keep Chromium off the (closed) network.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${E2E_HOST} 127.0.0.1`,
    ],
  });
}

/** Collects what would break on a LAN page: uncaught errors (e.g. an API that needs a secure context) and Content-Security-Policy violations. */
export function watchPage(page: Page, problems: string[]): void {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|secure context|is not a function/i.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
  });
}

/** Builds the app into a temporary folder and serves it statically on a free port. */
export async function serveBuiltApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'drillroom-dist-'));
  await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
  // the drill server's Content-Security-Policy, so a violation shows in the browser's console here too
  const headers = { 'Content-Security-Policy': contentSecurityPolicy(undefined), 'X-Content-Type-Options': 'nosniff' };
  const server: PreviewServer = await preview({ logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', strictPort: false, proxy: {}, allowedHosts: [E2E_HOST], headers } });
  const local = server.resolvedUrls?.local[0];
  if (!local) throw new Error('the preview server did not start');
  return {
    url: `http://${E2E_HOST}:${new URL(local).port}/`,
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/**
 * The drill server as `npm start` runs it, answering to the LAN host name, with one trainer
 * added by `npm run trainer`. `app`: the address the room's browsers load it from.
 */
export async function startRoomServer(dataDir: string, trainer: { name: string; password: string }): Promise<{ server: ServerProcess; app: string }> {
  const added = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/trainer.ts', 'add', trainer.name], { input: `${trainer.password}\n`, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
  if (added.status !== 0) throw new Error(`npm run trainer failed: ${added.stderr}`);
  const server = new ServerProcess(await freePort(), dataDir, { ALLOWED_HOSTS: E2E_HOST });
  // the first start builds the app when its sources are newer than dist/ (two shared cores: slow)
  await server.start(420_000);
  return { server, app: `http://${E2E_HOST}:${server.port}/` };
}
