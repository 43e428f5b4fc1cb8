/** The Web Worker that checks or replays a transcript file off the page's thread, reporting its progress. */
import { replayBytes, verdictOf, type Replayed, type Verdict } from './readTranscript';

export type WorkerJob = 'check' | 'replay';
export type WorkerRequest = { job: WorkerJob; bytes: ArrayBuffer };
export type WorkerResult<J extends WorkerJob> = J extends 'check' ? Verdict : Replayed | null;
export type WorkerReply = { type: 'progress'; done: number; total: number } | { type: 'done'; result: Verdict | Replayed | null };

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage: (reply: WorkerReply) => void };

scope.onmessage = (e) => {
  const bytes = new Uint8Array(e.data.bytes);
  const progress = (done: number, total: number) => scope.postMessage({ type: 'progress', done, total });
  scope.postMessage({ type: 'done', result: e.data.job === 'check' ? verdictOf(bytes, progress) : replayBytes(bytes, progress) });
};
