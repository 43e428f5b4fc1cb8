/**
 * The slow parts of opening a long drill, each run in a Web Worker of its own (transcriptWorker.ts)
 * so both cores work at once: checking the file (shape, hash chain, signature, event order) and
 * replaying it (the states a reviewer scrubs through, and the final one the report reads). Only
 * the replay sends the file back: both read the same bytes, so one copy crosses to the page.
 */
import { checkTranscript, decodeJsonBytes, packCheckpoints, replayable, replayCheckpoints, type CheckedTranscript, type FileProblem, type PackedCheckpoints, type Seal } from '../../engine';

export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

export type CheckResult = { ok: true; checked: CheckedTranscript } | { ok: false; problem: FileProblem };
/** What the check says of a file: sound (and how it is sealed), or its first problem. */
export type Verdict = { ok: true; seal: Seal } | { ok: false; problem: FileProblem };
/** The file as the check reads it, and its replay as plain data. */
export type Replayed = { file: CheckedTranscript['file']; packed: PackedCheckpoints };
export type Progress = (done: number, total: number) => void;

export function checkBytes(bytes: Uint8Array, onProgress?: Progress): CheckResult {
  const json = decodeJsonBytes(bytes, MAX_TRANSCRIPT_BYTES);
  if (!json.ok) return { ok: false, problem: json.problem };
  const checked = checkTranscript(json.value, onProgress);
  return checked.ok ? { ok: true, checked: checked.value } : { ok: false, problem: checked.problem };
}

export function verdictOf(bytes: Uint8Array, onProgress?: Progress): Verdict {
  const result = checkBytes(bytes, onProgress);
  return result.ok ? { ok: true, seal: result.checked.seal } : result;
}

/** The replay, or null when the file cannot be replayed here (its check says why, or the page replays the checked file itself). */
export function replayBytes(bytes: Uint8Array, onProgress?: Progress): Replayed | null {
  try {
    const json = decodeJsonBytes(bytes, MAX_TRANSCRIPT_BYTES);
    const read = json.ok ? replayable(json.value) : null;
    return read ? { file: read.file, packed: packCheckpoints(replayCheckpoints(read.compiled, read.file.events, undefined, onProgress)) } : null;
  } catch {
    return null;
  }
}
