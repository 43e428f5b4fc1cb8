/**
 * Opening a transcript file in the browser: bytes → JSON → checked transcript, or what is wrong.
 * The check runs in a Web Worker, so a long drill neither freezes the page nor has to be waited
 * for: it reports its progress and can be cancelled.
 */
import { loadTranscript, parseTranscript, tooLarge, type FileProblem, type LoadedTranscript } from '../../engine';
import { checkBytes, MAX_TRANSCRIPT_BYTES, type CheckResult } from './checkBytes';
import type { CheckReply, CheckRequest } from './checkWorker';

export { MAX_TRANSCRIPT_BYTES };

/** `problem`: the first thing wrong with the file, said in the reader's language by i18n/transcriptProblems.ts. */
export type Opened = { ok: true; name: string; loaded: LoadedTranscript } | { ok: false; name: string; problem: FileProblem };

/** A parsed transcript (fetched from the server) as the review shows it. */
export function openedFrom(name: string, value: unknown): Opened {
  const parsed = parseTranscript(value);
  if (parsed.ok) return { ok: true, name, loaded: parsed.value };
  return { ok: false, name, problem: parsed.problem };
}

export type OpenOptions = { onProgress?: (done: number, total: number) => void; signal?: AbortSignal };

/** The file opened, or null when `signal` cancelled it first. */
export async function openTranscriptFile(file: File, { onProgress, signal }: OpenOptions = {}): Promise<Opened | null> {
  // A huge file is refused before it is read.
  if (file.size > MAX_TRANSCRIPT_BYTES) return { ok: false, name: file.name, problem: tooLarge(file.size, MAX_TRANSCRIPT_BYTES).problem };
  const bytes = await file.arrayBuffer();
  if (signal?.aborted) return null;
  const result = typeof Worker === 'undefined' ? checkBytes(new Uint8Array(bytes), onProgress) : await checkInWorker(bytes, onProgress, signal);
  if (!result) return null;
  if (!result.ok) return { ok: false, name: file.name, problem: result.problem };
  const loaded = loadTranscript(result.checked);
  return loaded.ok ? { ok: true, name: file.name, loaded: loaded.value } : { ok: false, name: file.name, problem: loaded.problem };
}

function checkInWorker(bytes: ArrayBuffer, onProgress: OpenOptions['onProgress'], signal: AbortSignal | undefined): Promise<CheckResult | null> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./checkWorker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      resolve(null);
    };
    signal?.addEventListener('abort', stop, { once: true });
    // A worker that cannot start (an old browser, a strict policy): the check runs here instead.
    worker.onerror = () => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      resolve(checkBytes(new Uint8Array(bytes), onProgress));
    };
    worker.onmessage = (e: MessageEvent<CheckReply>) => {
      if (e.data.type === 'progress') return onProgress?.(e.data.done, e.data.total);
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      resolve(e.data.result);
    };
    // Copied, not transferred: kept here in case the worker cannot run.
    worker.postMessage({ bytes } satisfies CheckRequest);
  });
}
