/**
 * Which requests come from another server process: a process started a moment after this one
 * read the live processes is still recognised (its exercise news and forwarded requests are
 * not refused), while an id nobody recorded is refused without reading the database on every
 * request. Two processes' records in one real store (SQLite here; the two-process test runs
 * the same against PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createLogger } from '../../src/server/log';
import { Ownership } from '../../src/server/ownership';
import { openSqliteStore } from '../../src/server/sqliteStore';
import type { DrillStore } from '../../src/server/store';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const quiet = createLogger({ write: () => {} });
const open = async (): Promise<DrillStore> => {
  const dir = mkdtempSync(join(tmpdir(), 'drillroom-ownership-'));
  const store = await openSqliteStore(dir);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close());
  return store;
};
const process = async (store: DrillStore, url: string): Promise<Ownership> => {
  // A long heartbeat: only the reads a request causes count here.
  const o = new Ownership(store, quiet, { url, shared: true, heartbeatMs: 60_000 });
  await o.start();
  cleanups.push(() => o.stop(false));
  return o;
};

it('recognises a process that started just after the last read, and refuses an id nobody recorded', async () => {
  const store = await open();
  const a = await process(store, 'http://127.0.0.1:1001');
  // B records itself right after A read the live processes, then forwards a request to A at once
  const b = await process(store, 'http://127.0.0.1:1002');
  expect(await a.peer(b.id)).toBe(true);
  expect(await b.peer(a.id)).toBe(true);
  expect(await a.peer('made-up')).toBe(false);
  expect(await a.peer(a.id)).toBe(false);
  expect(await a.peer(undefined)).toBe(false);
});

it('reads the database for made-up ids at most a few times a second, however many arrive at once', async () => {
  const store = await open();
  const a = await process(store, 'http://127.0.0.1:1001');
  let reads = 0;
  const live = store.liveProcesses.bind(store);
  store.liveProcesses = (staleMs) => {
    reads++;
    return live(staleMs);
  };
  const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => a.peer(`forged-${i}`)));
  expect(answers.every((x) => !x)).toBe(true);
  expect(reads).toBeLessThanOrEqual(2);
});
