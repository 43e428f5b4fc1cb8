/** The Web Worker that plays the draft with every automatic player, off the page's thread. */
import type { Scenario } from '../../engine';
import { runTrial, type TrialResult } from './trial';

export type TrialRequest = { scenario: Scenario };
export type TrialReply = { type: 'progress'; done: number; total: number } | { type: 'done'; result: TrialResult } | { type: 'failed'; message: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<TrialRequest>) => void) | null; postMessage: (reply: TrialReply) => void };

scope.onmessage = (e) => {
  try {
    const result = runTrial(e.data.scenario, (done, total) => scope.postMessage({ type: 'progress', done, total }));
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
