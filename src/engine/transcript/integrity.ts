/**
 * The transcript's hash chain: a genesis hash over the scenario and session details, then one
 * SHA-256 per event over the previous hash and the event, so an altered, removed or added
 * event is found when the file is opened.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export type Integrity = { algorithm: 'sha-256'; genesis: string; count: number; hashes: string[] };

/** JSON with object keys sorted at every level, so the same data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const hash = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

export function genesisHash(header: { format: string; scenario: unknown; session: unknown }): string {
  return hash(canonicalJson({ format: header.format, scenario: header.scenario, session: header.session }));
}

export function chain(genesis: string, events: readonly unknown[]): string[] {
  const hashes: string[] = [];
  let previous = genesis;
  for (const e of events) {
    previous = hash(`${previous}\n${canonicalJson(e)}`);
    hashes.push(previous);
  }
  return hashes;
}

export function integrityOf(header: { format: string; scenario: unknown; session: unknown }, events: readonly unknown[]): Integrity {
  const genesis = genesisHash(header);
  return { algorithm: 'sha-256', genesis, count: events.length, hashes: chain(genesis, events) };
}

/** What is wrong with a file's chain, as a JSON path and a sentence; null when it holds. */
export function checkIntegrity(header: { format: string; scenario: unknown; session: unknown }, events: readonly unknown[], integrity: Integrity): { path: string; message: string } | null {
  if (genesisHash(header) !== integrity.genesis) return { path: '$.scenario', message: 'the scenario or the session details have been altered since the drill' };
  if (integrity.hashes.length !== integrity.count) return { path: '$.integrity', message: 'the integrity record is damaged' };
  const expected = chain(integrity.genesis, events);
  for (let i = 0; i < Math.min(events.length, integrity.count); i++) {
    if (expected[i] !== integrity.hashes[i]) return { path: `$.events[${i}]`, message: `event ${i + 1} has been altered since the drill` };
  }
  if (events.length < integrity.count) return { path: '$.events', message: `the file is truncated: it should hold ${integrity.count} events, it holds ${events.length}` };
  if (events.length > integrity.count) return { path: '$.events', message: `events have been added: the drill recorded ${integrity.count}, the file holds ${events.length}` };
  return null;
}
