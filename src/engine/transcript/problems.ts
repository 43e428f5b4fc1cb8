/**
 * What can be wrong with a transcript file, as data ({code, params}); `src/i18n/transcriptProblems.ts`
 * says it in the reader's language. `seq` numbers the first event concerned (1-based, as in the file).
 */
import type { ReadProblem } from '../scenario/jsonText';

/** The file is not a transcript this program can read. */
export type FormatProblem =
  | { code: 'notTranscript' }
  | { code: 'newerVersion'; version: number; supported: number }
  | { code: 'badVersion' }
  /** `detail`: the checker's own (English) words, for English readers; `more`: how many other places are wrong. */
  | { code: 'shape'; path: string; detail: string; more: number }
  | { code: 'scenario'; path: string; detail: string; more: number }
  | { code: 'eventOrder'; seq: number; found: number }
  | { code: 'timeBackwards'; seq: number };

/** The record (hash chain or signature) shows the file was changed: the file is broken. */
export type BrokenRecord =
  /** The scenario or the session details differ from those the chain was made for. */
  | { code: 'header' }
  /** The integrity record contradicts itself (its count is not its number of hashes). */
  | { code: 'record' }
  | { code: 'altered'; seq: number }
  /** `count` events from `seq` on are missing from the middle. */
  | { code: 'removed'; seq: number; count: number }
  /** The record says `count` events; the file holds only the first `holds`. */
  | { code: 'truncated'; count: number; holds: number }
  | { code: 'reordered'; seq: number }
  | { code: 'added'; seq: number; count: number }
  /** The signature is not the signing key's signature of the record it carries. */
  | { code: 'signature' }
  /** The chain holds but is shorter or longer than the one signed (hashes and count were cut or extended). */
  | { code: 'countAfterSigning'; signed: number; holds: number }
  /** As many events as signed, but not the ones signed: changed and hashed again after signing. */
  | { code: 'rehashed' }
  /** The improvement plan differs from the one signed. */
  | { code: 'plan' };

export type TranscriptProblem = FormatProblem | BrokenRecord;
export type FileProblem = ReadProblem | TranscriptProblem;

const BROKEN: ReadonlySet<string> = new Set(['header', 'record', 'altered', 'removed', 'truncated', 'reordered', 'added', 'signature', 'countAfterSigning', 'rehashed', 'plan'] satisfies BrokenRecord['code'][]);
export const isBroken = (p: FileProblem): p is BrokenRecord => BROKEN.has(p.code);
