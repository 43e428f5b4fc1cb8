/**
 * npm start: builds the app if it is missing or older than its sources, then serves it with
 * the API and the WebSocket hub on PORT (default 8080), on all interfaces (HOST to narrow it);
 * data in DATA_DIR; scenarios from SCENARIO_DIR (default scenarios/); CREATE_LIMIT_PER_MINUTE
 * sessions per client address and minute (default 20); ALLOWED_HOSTS (comma-separated) host
 * names it answers to besides loopback and this machine's names and addresses; TLS_CERT and
 * TLS_KEY (PEM files) for https and wss; LOG_LEVEL (default info) for the JSON log on stdout;
 * MAX_CONNECTIONS_PER_ADDRESS (default 12) WebSocket connections per client address;
 * DATABASE_URL (postgres://…) keeps the drills in PostgreSQL instead of SQLite in DATA_DIR
 * (migrated on start either way). Transcripts are signed with DATA_DIR/signing-key.pem, made on
 * the first start. Several processes may share one PostgreSQL database (see ownership.ts):
 * PROCESS_URL is the URL the others reach this one at (default http://127.0.0.1:PORT, or HOST
 * when that names one address).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadScenarioFile, PROJECT_ROOT, scenarioFiles } from '../node/scenarioFiles';
import { loadOrCreateSigningKey } from '../node/keys';
import { createLogger } from './log';
import { MANIFEST } from './protectedAssets';
import { createDrillServer, lanUrls } from './server';
import { createSigner } from './signer';
import { describeStore, openStore } from './openStore';

const DIST = join(PROJECT_ROOT, 'dist');

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, f) => Math.max(max, newestMtime(join(path, f))), stat.mtimeMs);
}

async function ensureBuilt(): Promise<void> {
  const built = newestMtime(join(DIST, 'index.html'));
  const sources = Math.max(...['src/app', 'src/engine', 'src/i18n', 'src/protocol', 'scenarios', 'public', 'index.html'].map((p) => newestMtime(join(PROJECT_ROOT, p))));
  // A build without Vite's manifest (made before sign-in) is made again: the server reads which chunks hold scenarios from it.
  if (built > sources && existsSync(join(DIST, MANIFEST))) return;
  console.error('building the app…');
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });
}

async function main() {
  // DRILLROOM_SKIP_BUILD=1: serve the app as built (or none), e.g. a read-only install or the crash test.
  if (process.env.DRILLROOM_SKIP_BUILD !== '1') await ensureBuilt();
  const scenarios = scenarioFiles(process.env.SCENARIO_DIR ? resolve(process.env.SCENARIO_DIR) : undefined).flatMap((file) => {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) {
      for (const issue of loaded.issues) console.error(`${file}: ${issue.path}: ${issue.message} (skipped)`);
      return [];
    }
    return [loaded.scenario];
  });
  const port = Number(process.env.PORT ?? 8080);
  const dataDir = resolve(process.env.DATA_DIR ?? join(PROJECT_ROOT, 'data'));
  const env = process.env;
  const logger = createLogger();
  const limits = {
    ...(env.CREATE_LIMIT_PER_MINUTE ? { createPerMinute: Number(env.CREATE_LIMIT_PER_MINUTE) } : {}),
    ...(env.MAX_CONNECTIONS_PER_ADDRESS ? { hub: { connectionsPerAddress: Number(env.MAX_CONNECTIONS_PER_ADDRESS) } } : {}),
  };
  if (env.DATA_RETENTION_DAYS && !(Number(env.DATA_RETENTION_DAYS) > 0)) throw new Error('DATA_RETENTION_DAYS must be a number of days greater than 0');
  if (!env.TLS_CERT !== !env.TLS_KEY) throw new Error('set both TLS_CERT and TLS_KEY (PEM files), or neither');
  const tls = env.TLS_CERT && env.TLS_KEY ? { cert: readFileSync(env.TLS_CERT), key: readFileSync(env.TLS_KEY) } : undefined;
  const store = await openStore(env.DATABASE_URL, dataDir, (error) => logger.error({ err: error.message }, 'database connection lost'));
  const where = describeStore(env.DATABASE_URL, dataDir);
  const signer = createSigner(loadOrCreateSigningKey(dataDir));
  const scheme = tls ? 'https' : 'http';
  const own = env.HOST && env.HOST !== '0.0.0.0' && env.HOST !== '::' ? env.HOST : '127.0.0.1';
  const processUrl = env.PROCESS_URL || `${scheme}://${own.includes(':') ? `[${own}]` : own}:${port}`;
  if (!/^https?:\/\/[^/]+\/?$/.test(processUrl)) throw new Error('PROCESS_URL must be http(s)://host:port, the address other server processes reach this one at');
  const { server, close, firstRunCode: firstRun } = await createDrillServer({
    processUrl,
    store,
    signer,
    scenarios,
    limits,
    logger,
    ...(env.DATA_RETENTION_DAYS ? { retentionDays: Number(env.DATA_RETENTION_DAYS) } : {}),
    allowedHosts: (env.ALLOWED_HOSTS ?? '').split(',').filter((h) => h.trim()),
    ...(tls ? { tls } : {}),
    ...(existsSync(join(DIST, 'index.html')) ? { distDir: DIST } : {}),
  });
  const firstRunCode = await firstRun();
  server.listen(port, env.HOST ?? '0.0.0.0', () => {
    logger.info({ port, scheme, scenarios: scenarios.length, dataDir, store: store.kind, database: where, joinUrls: lanUrls(port, scheme) }, 'drillroom is running');
    // For the person who started it, readable (stderr: stdout is the JSON log):
    console.error(`drillroom is running with ${scenarios.length} scenarios; data in ${where} (${store.kind})`);
    console.error(`  transcripts signed with the key in ${dataDir} (fingerprint ${signer.fingerprint})`);
    console.error(`  on this computer:   ${scheme}://localhost:${port}/`);
    for (const url of lanUrls(port, scheme)) console.error(`  participants join:  ${url}#/join`);
    if (firstRunCode) {
      // No trainer yet: a one-time link to create the first account (a new one on every start until then).
      const host = env.HOST && env.HOST !== '0.0.0.0' ? env.HOST : 'localhost';
      console.error(`  no trainer account yet: create the first one at`);
      console.error(`    ${scheme}://${host}:${port}/#/first-trainer/${firstRunCode}`);
      console.error(`  (or: printf 'a-long-password\\n' | npm run trainer -- add NAME)`);
    }
  });
  const stop = () => void close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`drillroom could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
