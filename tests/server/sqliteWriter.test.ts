/**
 * The SQLite store writes events from a thread of its own: a script that appends and awaits
 * (the bench, a maintenance script) still runs to its end, the events on disk, rather than
 * exiting while a write is under way.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('keeps a script alive until its appends are on disk, and lets it exit once the store is closed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-writer-'));
  dirs.push(dir);
  const script = join(dir, 'append.mts');
  writeFileSync(
    script,
    `import { openSqliteStore } from ${JSON.stringify(resolve('src/server/sqliteStore.ts'))};
const store = openSqliteStore(${JSON.stringify(join(dir, 'data'))});
await store.createSession({ id: 's', code: '000000', scenario: { id: 'x' } as never, info: {}, clock: { wall: 0, drill: 0, speed: 1 }, createdAt: '', plan: [], joining: true }, []);
for (let i = 1; i <= 50; i++) await store.appendEvent('s', { seq: i, t: i, actor: 'facilitator', id: 'e' + i, type: 'NOTE.ADD', payload: { text: 'note ' + i } } as never);
await store.close();
console.log('done');
`,
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.stdout.trim()).toBe('done');
  expect(run.status).toBe(0);
  const db = new Database(join(dir, 'data', 'drillroom.sqlite'), { readonly: true });
  try {
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 50 });
  } finally {
    db.close();
  }
});
