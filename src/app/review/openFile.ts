/** Opening a transcript file in the browser: bytes → JSON → checked transcript, or what is wrong. */
import { decodeJsonBytes, parseTranscript, type Issue, type LoadedTranscript, type TranscriptProblem } from '../../engine';

export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

/** `broken`: the file's record shows it was changed (the first change found). */
export type Opened = { ok: true; name: string; loaded: LoadedTranscript } | { ok: false; name: string; issues: Issue[]; broken?: TranscriptProblem };

/** A parsed transcript as the review shows it. */
export function openedFrom(name: string, value: unknown): Opened {
  const parsed = parseTranscript(value);
  if (parsed.ok) return { ok: true, name, loaded: parsed.value };
  return { ok: false, name, issues: parsed.issues, ...(parsed.broken ? { broken: parsed.broken } : {}) };
}

export async function openTranscriptFile(file: File): Promise<Opened> {
  if (file.size > MAX_TRANSCRIPT_BYTES) return { ok: false, name: file.name, issues: [{ path: '$', message: `the file is too large (limit ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MiB)` }] };
  const json = decodeJsonBytes(new Uint8Array(await file.arrayBuffer()), MAX_TRANSCRIPT_BYTES);
  if (!json.ok) return { ok: false, name: file.name, issues: [{ path: '$', message: json.message }] };
  return openedFrom(file.name, json.value);
}
