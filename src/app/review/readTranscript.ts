/**
 * The slow parts of opening a long drill, each run in a Web Worker of its own (transcriptWorker.ts)
 * so both cores work at once: checking the file (shape, hash chain, signature, event order, the
 * scenario) and replaying it (the states a reviewer scrubs through, and the final one the report
 * reads). The check sends the file back and the replay only its states, so each half of what
 * crosses to the page is copied by its own worker.
 */
import { checkTranscriptAndScenario, decodeJsonBytes, packCheckpoints, replayable, replayCheckpoints, type CheckedTranscript, type FileProblem, type PackedCheckpoints } from '../../engine';

export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

/** What the check says of a file: sound (the file as checked, its scenario validated, and how it is sealed), or its first problem. */
export type Verdict = { ok: true; checked: CheckedTranscript } | { ok: false; problem: FileProblem };
/** The replay as plain data. */
export type Replayed = { packed: PackedCheckpoints };
export type Progress = (done: number, total: number) => void;

export function verdictOf(bytes: Uint8Array, onProgress?: Progress): Verdict {
  const json = decodeJsonBytes(bytes, MAX_TRANSCRIPT_BYTES);
  if (!json.ok) return { ok: false, problem: json.problem };
  const checked = checkTranscriptAndScenario(json.value, onProgress);
  return checked.ok ? { ok: true, checked: checked.value } : { ok: false, problem: checked.problem };
}

/**
 * The replay, or null when the file cannot be replayed here (its check says why, or the page
 * replays the checked file itself). Only used once the check passes.
 */
export function replayBytes(bytes: Uint8Array, onProgress?: Progress): Replayed | null {
  try {
    const json = decodeJsonBytes(bytes, MAX_TRANSCRIPT_BYTES);
    const read = json.ok ? replayable(json.value) : null;
    return read ? { packed: packCheckpoints(replayCheckpoints(read.compiled, read.events, undefined, onProgress)) } : null;
  } catch {
    return null;
  }
}
