/**
 * A real PostgreSQL server for the store tests: TEST_DATABASE_URL when set (a role that may
 * create databases), otherwise a throwaway server started here (initdb into a temporary
 * directory, postgres on a free loopback port; as the `postgres` or `nobody` user when running as
 * root, which PostgreSQL refuses) and stopped at the end. Each test gets a database of its own.
 * No PostgreSQL found is an error that says how to get one, never a skipped test.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../src/node/serverProcess';

export type TestPostgres = {
  /** A new, empty database on the server (its URL). */
  database: () => Promise<string>;
  stop: () => Promise<void>;
};

const NOT_FOUND = `PostgreSQL was not found: the store tests need a real server. Install it (Debian: apt-get install -y postgresql; .ci/run does this), put its bin directory (e.g. /usr/lib/postgresql/15/bin) in PG_BIN, or set TEST_DATABASE_URL=postgres://user:password@host:port/db for a server you run (the role must be allowed to create databases).`;

/** The directory holding initdb and postgres: PG_BIN, PATH, /usr/local/bin, then Debian's /usr/lib/postgresql/<newest>/bin. */
function binDir(): string | undefined {
  const has = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
  const debian = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  const candidates = [process.env.PG_BIN ?? '', ...(process.env.PATH ?? '').split(delimiter), '/usr/local/bin', ...debian].filter(Boolean);
  return candidates.find(has);
}

/** Who runs the server: this process's user, or (as root) postgres or nobody. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const user of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as (it refuses to run as root)');
}

async function connects(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Databases made here are named so and dropped at the end. */
const prefix = `drillroom_test_${randomBytes(4).toString('hex')}`;

function onServer(adminUrl: string, started: ChildProcess | undefined, cleanup: () => void): TestPostgres {
  const made: string[] = [];
  const admin = async <T>(f: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await f(client);
    } finally {
      await client.end();
    }
  };
  return {
    database: async () => {
      const name = `${prefix}_${made.length + 1}`;
      await admin((c) => c.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop: async () => {
      if (started) {
        // Its own server: stopped at once (immediate shutdown: its data goes anyway), its directory removed with it.
        await new Promise<void>((resolve) => {
          if (started.exitCode !== null) return resolve();
          started.once('exit', () => resolve());
          started.kill('SIGQUIT');
        });
      } else {
        // Someone else's server: only the databases made here go.
        await admin(async (c) => {
          for (const name of made) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        });
      }
      cleanup();
    },
  };
}

export async function startPostgres(): Promise<TestPostgres> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    if (!(await connects(given))) throw new Error(`TEST_DATABASE_URL is set, but no PostgreSQL answers there (${given.replace(/:[^:@/]*@/, ':***@')})`);
    return onServer(given, undefined, () => undefined);
  }
  const bin = binDir();
  if (!bin) throw new Error(NOT_FOUND);
  const user = runAs();
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-pg-'));
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chownSync(data, user.uid, user.gid);
  }
  const as = user ? { uid: user.uid, gid: user.gid } : {};
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'drillroom', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], { ...as, encoding: 'utf8' });
  if (init.status !== 0) {
    cleanup();
    throw new Error(`initdb (${bin}) failed: ${init.stderr || init.stdout || init.error?.message}`);
  }
  const port = await freePort();
  const server = spawn(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'], { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr?.on('data', (d) => (log += String(d)));
  // A test run that dies does not leave the server behind.
  const kill = () => server.kill('SIGQUIT');
  process.once('exit', kill);
  const url = `postgres://drillroom@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  while (!(await connects(url))) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL');
      cleanup();
      throw new Error(`PostgreSQL (${bin}) did not start: ${log.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return onServer(url, server, () => {
    process.off('exit', kill);
    cleanup();
  });
}
