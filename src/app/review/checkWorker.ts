/** The Web Worker that checks a transcript file off the page's thread, reporting its progress. */
import { checkBytes, type CheckResult } from './checkBytes';

export type CheckRequest = { bytes: ArrayBuffer };
export type CheckReply = { type: 'progress'; done: number; total: number } | { type: 'done'; result: CheckResult };

const scope = self as unknown as { onmessage: ((e: MessageEvent<CheckRequest>) => void) | null; postMessage: (reply: CheckReply) => void };

scope.onmessage = (e) => {
  const result = checkBytes(new Uint8Array(e.data.bytes), (done, total) => scope.postMessage({ type: 'progress', done, total }));
  scope.postMessage({ type: 'done', result });
};
