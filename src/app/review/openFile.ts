/** Opening a transcript file in the browser: bytes → JSON → checked transcript, or what is wrong. */
import { decodeJsonBytes, parseTranscript, type Issue, type LoadedTranscript } from '../../engine';

export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

export type Opened = { ok: true; name: string; loaded: LoadedTranscript } | { ok: false; name: string; issues: Issue[] };

export async function openTranscriptFile(file: File): Promise<Opened> {
  if (file.size > MAX_TRANSCRIPT_BYTES) return { ok: false, name: file.name, issues: [{ path: '$', message: `the file is too large (limit ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MiB)` }] };
  const json = decodeJsonBytes(new Uint8Array(await file.arrayBuffer()), MAX_TRANSCRIPT_BYTES);
  if (!json.ok) return { ok: false, name: file.name, issues: [{ path: '$', message: json.message }] };
  const parsed = parseTranscript(json.value);
  return parsed.ok ? { ok: true, name: file.name, loaded: parsed.value } : { ok: false, name: file.name, issues: parsed.issues };
}
