/** Opening a transcript file in the browser: bytes → JSON → checked transcript, or what is wrong. */
import { decodeJsonBytes, parseTranscript, tooLarge, type FileProblem, type LoadedTranscript } from '../../engine';

export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024;

/** `problem`: the first thing wrong with the file, said in the reader's language by i18n/transcriptProblems.ts. */
export type Opened = { ok: true; name: string; loaded: LoadedTranscript } | { ok: false; name: string; problem: FileProblem };

/** A parsed transcript as the review shows it. */
export function openedFrom(name: string, value: unknown): Opened {
  const parsed = parseTranscript(value);
  if (parsed.ok) return { ok: true, name, loaded: parsed.value };
  return { ok: false, name, problem: parsed.problem };
}

export async function openTranscriptFile(file: File): Promise<Opened> {
  // A huge file is refused before it is read.
  if (file.size > MAX_TRANSCRIPT_BYTES) return { ok: false, name: file.name, problem: tooLarge(file.size, MAX_TRANSCRIPT_BYTES).problem };
  const json = decodeJsonBytes(new Uint8Array(await file.arrayBuffer()), MAX_TRANSCRIPT_BYTES);
  if (!json.ok) return { ok: false, name: file.name, problem: json.problem };
  return openedFrom(file.name, json.value);
}
