/** Group commit: which writes share a commit, and that each promise waits for its commit. */
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/server/groupCommit';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A database that records each commit's items, and refuses items named "bad". */
function recorder(commitMs = 0) {
  const commits: string[][] = [];
  const committed = new Set<string>();
  const commitAll = async (items: string[]) => {
    if (commitMs) await sleep(commitMs);
    if (items.includes('bad')) throw new Error('refused: bad');
    commits.push(items);
    for (const i of items) committed.add(i);
  };
  return { commits, committed, commitAll };
}

describe('group commit', () => {
  it('commits the writes of one turn of the event loop together, and resolves each only after its commit', async () => {
    const db = recorder();
    const group = new GroupCommit<string>({ commitAll: db.commitAll, windowMs: 0 });
    const resolvedBeforeCommit: string[] = [];
    const writes = Array.from({ length: 50 }, (_, i) => `w${i}`).map((w) => group.add(w).then(() => !db.committed.has(w) && resolvedBeforeCommit.push(w)));
    await Promise.all(writes);
    expect(db.commits).toEqual([Array.from({ length: 50 }, (_, i) => `w${i}`)]);
    expect(resolvedBeforeCommit).toEqual([]);
  });

  it('waits at most the window for more writes, and groups what arrives while a commit runs into the next', async () => {
    const db = recorder(300);
    const group = new GroupCommit<string>({ commitAll: db.commitAll, windowMs: 200 });
    const a = group.add('a');
    await sleep(3);
    const b = group.add('b'); // within the window: same commit
    await sleep(250); // the first commit is under way now
    const c = group.add('c');
    const d = group.add('d');
    await Promise.all([a, b, c, d]);
    expect(db.commits).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('fails only the refused write of a group; the others are committed', async () => {
    const db = recorder();
    const group = new GroupCommit<string>({ commitAll: db.commitAll, windowMs: 0 });
    const results = await Promise.allSettled(['x', 'bad', 'y'].map((w) => group.add(w)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused: bad'));
    expect([...db.committed].sort()).toEqual(['x', 'y']);
  });

  it('caps a group, and flush commits everything waiting', async () => {
    const db = recorder(5);
    const group = new GroupCommit<string>({ commitAll: db.commitAll, windowMs: 1000, maxGroup: 4 });
    const writes = Array.from({ length: 10 }, (_, i) => group.add(`w${i}`));
    const started = Date.now();
    await group.flush();
    expect(Date.now() - started).toBeLessThan(900); // flushed, not waiting out the window
    await Promise.all(writes);
    expect(db.commits.map((c) => c.length)).toEqual([4, 4, 2]);
  });
});
