/**
 * The transcript's hash chain: a genesis hash over the scenario and session details, then one
 * SHA-256 per event over the previous hash and the event, so an altered, removed, reordered or
 * added event is found when the file is opened. The chain alone cannot tell a file cut short
 * (with its hashes and count cut too) from a complete one: the signature (seal.ts) can.
 */
import type { TranscriptProblem } from './problems';
import { sha256HexOf } from './sha256';

export type Integrity = { algorithm: 'sha-256'; genesis: string; count: number; hashes: string[] };

/**
 * JSON with object keys sorted at every level, so the same data always hashes the same. Written
 * as plain loops: a long transcript's check runs it once per event.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${canonicalJson(value[i]) ?? ''}`;
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  out = '{';
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

export const sha256Hex = sha256HexOf;

export function genesisHash(header: { format: string; scenario: unknown; session: unknown }): string {
  return sha256Hex(canonicalJson({ format: header.format, scenario: header.scenario, session: header.session }));
}

const link = (previous: string, event: unknown) => sha256Hex(`${previous}\n${canonicalJson(event)}`);

export function chain(genesis: string, events: readonly unknown[]): string[] {
  const hashes: string[] = [];
  let previous = genesis;
  for (const e of events) {
    previous = link(previous, e);
    hashes.push(previous);
  }
  return hashes;
}

export function integrityOf(header: { format: string; scenario: unknown; session: unknown }, events: readonly unknown[]): Integrity {
  const genesis = genesisHash(header);
  return { algorithm: 'sha-256', genesis, count: events.length, hashes: chain(genesis, events) };
}

/** How often a long check reports its progress (events). */
const PROGRESS_EVERY = 1000;

const seqOf = (event: unknown) => (event && typeof event === 'object' && typeof (event as { seq?: unknown }).seq === 'number' ? (event as { seq: number }).seq : undefined);

/** What is wrong with a file's chain (the first break, and what kind of change it is); null when it holds. */
export function checkIntegrity(header: { format: string; scenario: unknown; session: unknown }, events: readonly unknown[], integrity: Integrity, onProgress?: (done: number, total: number) => void): TranscriptProblem | null {
  if (genesisHash(header) !== integrity.genesis) return { code: 'header' };
  if (integrity.hashes.length !== integrity.count) return { code: 'record' };
  let previous = integrity.genesis;
  const shared = Math.min(events.length, integrity.count);
  for (let i = 0; i < shared; i++) {
    const hash = link(previous, events[i]);
    if (hash !== integrity.hashes[i]) return classifyBreak(events, i);
    previous = hash;
    if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress(i + 1, events.length);
  }
  if (events.length < integrity.count) return { code: 'truncated', count: integrity.count, holds: events.length };
  if (events.length > integrity.count) return { code: 'added', seq: integrity.count + 1, count: events.length - integrity.count };
  return null;
}

/**
 * The chain breaks at position `at`: the events before it are as recorded. Event numbers tell
 * what happened there: a gap is a removal, an event that turns up later was moved, a number
 * seen twice is an added copy; otherwise the event itself was changed.
 */
function classifyBreak(events: readonly unknown[], at: number): TranscriptProblem {
  const expected = at + 1;
  const seq = seqOf(events[at]);
  const later = events.slice(at + 1).map(seqOf);
  if (seq !== undefined && seq > expected) {
    if (later.includes(expected)) return { code: 'reordered', seq: expected };
    return { code: 'removed', seq: expected, count: seq - expected };
  }
  if (seq !== undefined && seq < expected) {
    const earlier = events.slice(0, at).map(seqOf);
    return earlier.includes(seq) ? { code: 'added', seq: expected, count: 1 } : { code: 'reordered', seq };
  }
  if (seq === expected && later[0] === expected) return { code: 'added', seq: expected, count: 1 };
  return { code: 'altered', seq: expected };
}
