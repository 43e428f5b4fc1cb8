// @ts-check
/**
 * The SQLite store's frequent writes, on a thread of their own (see sqliteWriter.ts): event
 * appends and the running clocks' checkpoints. Their inserts and fsyncs no longer hold up the
 * event loop that checks commands and sends views. Its own connection to the database file,
 * with the same durability (WAL, synchronous=FULL). Plain JavaScript: a worker thread loads it
 * the same way under tsx, vitest and node.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
const q = {
  insertEvent: db.prepare('INSERT INTO events (session_id, seq, command_id, event, seat_id) VALUES (?, ?, ?, ?, ?)'),
  setClock: db.prepare('UPDATE sessions SET clock = ? WHERE id = ?'),
  ownerOf: db.prepare('SELECT process_id FROM session_owners WHERE session_id = ?'),
};

/** @typedef {{ sessionId: string; seq: number; commandId: string | null; event: string; seat: string | null }} EventRow */
/** @typedef {{ sessionId: string; clock: string }} ClockRow */
/** @typedef {{ id: number; fence: string | null } & ({ kind: 'events'; rows: EventRow[] } | { kind: 'clocks'; rows: ClockRow[] })} Request */

class NotOwner extends Error {
  /** @param {string} sessionId */
  constructor(sessionId) {
    super(sessionId);
    this.sessionId = sessionId;
  }
}

/** Whether this process may write for the session (the fence: only the sessions it owns). @param {string | null} fence @param {string} sessionId */
const owned = (fence, sessionId) => fence === null || /** @type {{ process_id: string } | undefined} */ (q.ownerOf.get(sessionId))?.process_id === fence;

const write = db.transaction((/** @type {Request} */ m) => {
  if (m.kind === 'events') {
    // All or none: a session this process no longer owns rolls the whole group back.
    for (const r of m.rows) {
      if (!owned(m.fence, r.sessionId)) throw new NotOwner(r.sessionId);
      q.insertEvent.run(r.sessionId, r.seq, r.commandId, r.event, r.seat);
    }
  } else {
    // A clock of a session taken over is the new owner's to keep.
    for (const r of m.rows) if (owned(m.fence, r.sessionId)) q.setClock.run(r.clock, r.sessionId);
  }
});

parentPort?.on('message', (/** @type {Request} */ m) => {
  try {
    // IMMEDIATE: the write lock first, waiting for the main connection's writes, never a read upgraded too late.
    write.immediate(m);
    parentPort?.postMessage({ id: m.id });
  } catch (error) {
    if (error instanceof NotOwner) parentPort?.postMessage({ id: m.id, notOwner: error.sessionId });
    else parentPort?.postMessage({ id: m.id, error: error instanceof Error ? error.message : String(error), code: /** @type {{ code?: string }} */ (error).code });
  }
});
