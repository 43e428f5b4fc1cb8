/**
 * Reading a transcript file's bytes and checking it (shape, hash chain, signature, event order):
 * the slow part of opening a long drill, run in a Web Worker (checkWorker.ts).
 */
import { checkTranscript, decodeJsonBytes, type CheckedTranscript, type FileProblem } from '../../engine';

export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

export type CheckResult = { ok: true; checked: CheckedTranscript } | { ok: false; problem: FileProblem };

export function checkBytes(bytes: Uint8Array, onProgress?: (done: number, total: number) => void): CheckResult {
  const json = decodeJsonBytes(bytes, MAX_TRANSCRIPT_BYTES);
  if (!json.ok) return { ok: false, problem: json.problem };
  const checked = checkTranscript(json.value, onProgress);
  return checked.ok ? { ok: true, checked: checked.value } : { ok: false, problem: checked.problem };
}
