/**
 * Opening a transcript in the browser: bytes → JSON → checked transcript and its replay, or what
 * is wrong. A file from disk, the server or this browser's own drills all come as bytes, and the
 * check and the replay run in two Web Workers at once, so a long drill neither freezes the page
 * nor has to be waited for: they report their progress and can be cancelled.
 */
import { loadTranscript, replayCheckpoints, tooLarge, unpackCheckpoints, type Checkpoints, type FileProblem, type LoadedTranscript } from '../../engine';
import { MAX_TRANSCRIPT_BYTES, replayBytes, verdictOf, type Progress } from './readTranscript';
import type { WorkerJob, WorkerReply, WorkerRequest, WorkerResult } from './transcriptWorker';

export { MAX_TRANSCRIPT_BYTES };

/** `problem`: the first thing wrong with the file, said in the reader's language by i18n/transcriptProblems.ts; `replayed`: the states the review shows. */
export type Opened = { ok: true; name: string; loaded: LoadedTranscript; replayed: Checkpoints } | { ok: false; name: string; problem: FileProblem };

/** `onProgress`: events checked and replayed so far (the slower of the two), of all. */
export type OpenOptions = { onProgress?: Progress; signal?: AbortSignal };

/** The file opened, or null when `signal` cancelled it first. */
export async function openTranscriptFile(file: File, options: OpenOptions = {}): Promise<Opened | null> {
  // A huge file is refused before it is read.
  if (file.size > MAX_TRANSCRIPT_BYTES) return { ok: false, name: file.name, problem: tooLarge(file.size, MAX_TRANSCRIPT_BYTES).problem };
  const bytes = await file.arrayBuffer();
  return options.signal?.aborted ? null : openTranscriptBytes(file.name, bytes, options);
}

/** A transcript's bytes opened (checked and replayed), or null when `signal` cancelled it first. */
export async function openTranscriptBytes(name: string, bytes: ArrayBuffer, { onProgress, signal }: OpenOptions = {}): Promise<Opened | null> {
  const done = { check: 0, replay: 0 };
  const progress = (job: WorkerJob) => (n: number, total: number) => {
    done[job] = n;
    onProgress?.(Math.min(done.check, done.replay), total);
  };
  const stopReplay = new AbortController();
  signal?.addEventListener('abort', () => stopReplay.abort(), { once: true });
  const replaying = runJob('replay', bytes, progress('replay'), stopReplay.signal);
  const verdict = await runJob('check', bytes, progress('check'), signal);
  if (!verdict || !verdict.ok) {
    // a file that fails its check is not replayed: the replay read it unchecked
    stopReplay.abort();
    return verdict ? { ok: false, name, problem: verdict.problem } : null;
  }
  // the check's worker validated the scenario: it is only built into a machine here, while the replay finishes
  const loaded = loadTranscript(verdict.checked, true);
  if (!loaded.ok) {
    stopReplay.abort();
    return { ok: false, name, problem: loaded.problem };
  }
  const replayed = await replaying;
  if (signal?.aborted) return null;
  const { compiled, file } = loaded.value;
  // The replay could not run in a worker: the checked file is replayed here.
  return { ok: true, name, loaded: loaded.value, replayed: replayed ? unpackCheckpoints(compiled, replayed.packed) : replayCheckpoints(compiled, file.events) };
}

/** Workers started before a file is chosen (`prepareWorkers`): their code is loaded by the time one is. */
const spares: Worker[] = [];
const newWorker = () => new Worker(new URL('./transcriptWorker.ts', import.meta.url), { type: 'module' });

/**
 * Starts the two workers an opening needs ahead of it: loading and compiling their code takes a
 * slow laptop about a tenth of a second, paid while the reader looks for the file instead.
 */
export function prepareWorkers(): void {
  if (typeof Worker === 'undefined') return;
  try {
    while (spares.length < 2) {
      const worker = newWorker();
      // one that cannot load is dropped now: its error would not reach the job given to it later
      worker.onerror = () => {
        worker.terminate();
        const at = spares.indexOf(worker);
        if (at >= 0) spares.splice(at, 1);
      };
      spares.push(worker);
    }
  } catch {
    // a policy that refuses workers: the jobs run on this thread when asked
  }
}

/** Stops the workers started ahead (the page that would use them is gone). */
export function releaseWorkers(): void {
  for (const worker of spares.splice(0)) worker.terminate();
}

/** One job in a worker of its own, or on this thread where workers cannot run (an old browser, a strict policy, the tests' DOM); null when cancelled. */
function runJob<J extends WorkerJob>(job: J, bytes: ArrayBuffer, onProgress: Progress, signal: AbortSignal | undefined): Promise<WorkerResult<J> | null> {
  const here = (): WorkerResult<J> => (job === 'check' ? verdictOf(new Uint8Array(bytes), onProgress) : replayBytes(new Uint8Array(bytes), onProgress)) as WorkerResult<J>;
  if (signal?.aborted) return Promise.resolve(null);
  if (typeof Worker === 'undefined') return Promise.resolve(here());
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = spares.shift() ?? newWorker();
    } catch {
      return resolve(here());
    }
    const stop = () => {
      worker.terminate();
      resolve(null);
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.onerror = (e) => {
      e.preventDefault();
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      resolve(here());
    };
    worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      if (e.data.type === 'progress') return onProgress(e.data.done, e.data.total);
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      resolve(e.data.result as WorkerResult<J>);
    };
    // Copied, not transferred: the other job and a fallback here read the same bytes.
    worker.postMessage({ job, bytes } satisfies WorkerRequest);
  });
}

