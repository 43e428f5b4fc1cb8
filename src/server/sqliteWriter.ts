/**
 * The SQLite store's frequent writes (event appends, the running clocks) from a worker thread
 * (sqliteWriter.worker.mjs): better-sqlite3 is synchronous, and a group commit's inserts and
 * fsync on the main thread stopped every drill's commands and broadcasts while they ran.
 * Requests are written one at a time, in the order given; each resolves once its transaction
 * is on disk.
 */
import { Worker } from 'node:worker_threads';
import { NotOwnerError } from './store';

export type EventRow = { sessionId: string; seq: number; commandId: string | null; event: string; seat: string | null };
export type ClockRow = { sessionId: string; clock: string };
type Reply = { id: number; notOwner?: string; error?: string; code?: string };

export class SqliteWriter {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private next = 1;
  private readonly underWay = new Set<Promise<void>>();

  constructor(private readonly file: string) {}

  /**
   * Appends `rows` in one transaction. `fence`: the process that must own every row's session
   * (else nothing is written and it rejects with NotOwnerError).
   */
  appendEvents(rows: EventRow[], fence: string | null): Promise<void> {
    return this.request({ kind: 'events', rows, fence });
  }

  /** Writes the clocks down in one transaction; those of sessions `fence` does not own are left alone. */
  setClocks(rows: ClockRow[], fence: string | null): Promise<void> {
    return this.request({ kind: 'clocks', rows, fence });
  }

  /** Waits for the writes under way, then stops the thread. */
  async close(): Promise<void> {
    await Promise.allSettled(this.underWay);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private request(m: { kind: 'events' | 'clocks'; rows: unknown[]; fence: string | null }): Promise<void> {
    const id = this.next++;
    const written = new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.thread().postMessage({ id, ...m });
    });
    this.underWay.add(written);
    // A write under way keeps the process alive (a script awaiting it would otherwise just exit); an idle thread does not.
    this.worker?.ref();
    const done = () => {
      this.underWay.delete(written);
      if (this.underWay.size === 0) this.worker?.unref();
    };
    written.then(done, done);
    return written;
  }

  /** The writer thread, started when first needed and again after one died (its writes were refused). */
  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./sqliteWriter.worker.mjs', import.meta.url), { workerData: { file: this.file } });
    worker.on('message', (r: Reply) => {
      const w = this.waiting.get(r.id);
      if (!w) return;
      this.waiting.delete(r.id);
      if (r.notOwner !== undefined) w.reject(new NotOwnerError(r.notOwner));
      else if (r.error !== undefined) w.reject(Object.assign(new Error(r.error), r.code ? { code: r.code } : {}));
      else w.resolve();
    });
    const died = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
    };
    worker.on('error', died);
    worker.on('exit', (code) => died(new Error(`the SQLite writer stopped (exit code ${code})`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
