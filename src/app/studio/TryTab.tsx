/**
 * "Try it": the automatic players play the draft in a worker, and their totals stand side by
 * side with the spread a well-made scenario keeps (docs/scenario-format.md); "Play it now" opens
 * a one-laptop drill of the draft.
 */
import { useEffect, useRef, useState } from 'react';
import type { Scenario } from '../../engine';
import { useStudioT } from './context';
import { runTrial, SEEDS, type TrialResult } from './trial';
import type { TrialReply, TrialRequest } from './trialWorker';

function runInWorker(scenario: Scenario, onProgress: (done: number, total: number) => void): { result: Promise<TrialResult>; stop: () => void } {
  if (typeof Worker === 'undefined') return { result: Promise.resolve().then(() => runTrial(scenario, onProgress)), stop: () => undefined };
  const worker = new Worker(new URL('./trialWorker.ts', import.meta.url), { type: 'module' });
  const result = new Promise<TrialResult>((resolve, reject) => {
    // A worker that cannot start (an old browser, a strict policy): the players play here instead.
    worker.onerror = () => {
      worker.terminate();
      resolve(runTrial(scenario, onProgress));
    };
    worker.onmessage = (e: MessageEvent<TrialReply>) => {
      if (e.data.type === 'progress') return onProgress(e.data.done, e.data.total);
      worker.terminate();
      if (e.data.type === 'done') resolve(e.data.result);
      else reject(new Error(e.data.message));
    };
  });
  worker.postMessage({ scenario } satisfies TrialRequest);
  return { result, stop: () => worker.terminate() };
}

export function TryTab({ scenario, onPlay }: { scenario: Scenario | null; onPlay: () => void }) {
  const { t: ts } = useStudioT();
  type State = { kind: 'idle' } | { kind: 'running'; done: number; total: number } | { kind: 'done'; result: TrialResult } | { kind: 'failed' };
  const [played, setState] = useState<{ state: State; on: Scenario | null }>({ state: { kind: 'idle' }, on: null });
  // A result belongs to the draft it was played on: once the draft changes, it is gone.
  const state: State = played.on === scenario ? played.state : { kind: 'idle' };
  const stop = useRef<() => void>(() => undefined);
  useEffect(() => () => stop.current(), []);
  const run = () => {
    if (!scenario) return;
    stop.current();
    const on = scenario;
    setState({ state: { kind: 'running', done: 0, total: 6 }, on });
    const job = runInWorker(scenario, (done, total) => setState({ state: { kind: 'running', done, total }, on }));
    stop.current = job.stop;
    job.result.then(
      (result) => setState({ state: { kind: 'done', result }, on }),
      () => setState({ state: { kind: 'failed' }, on }),
    );
  };
  return (
    <section aria-labelledby="studio-try-title" className="studio-try">
      <h3 id="studio-try-title">{ts('try.title')}</h3>
      <p className="muted">{ts('try.hint')}</p>
      {!scenario && <p role="alert">{ts('try.fixFirst')}</p>}
      <p className="toolbar">
        <button type="button" className="primary" onClick={run} disabled={!scenario || state.kind === 'running'}>
          {ts('try.run')}
        </button>{' '}
        <button type="button" onClick={onPlay} disabled={!scenario}>
          {ts('try.play')}
        </button>
      </p>
      {state.kind === 'running' && (
        <p role="status">
          <progress max={state.total} value={state.done} aria-label={ts('try.progress')} /> {ts('try.running', { done: state.done, total: state.total })}
        </p>
      )}
      {state.kind === 'failed' && <p role="alert">{ts('try.failed')}</p>}
      {state.kind === 'done' && (
        <>
          <p role="status" className={state.result.meetsAll ? 'ok' : 'warn'}>
            {ts(state.result.meetsAll ? 'try.meetsAll' : 'try.missesSome')}
          </p>
          <div className="table-scroll">
            <table className="try-table">
              <caption>{ts('try.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ts('try.player')}</th>
                  {SEEDS.map((s) => (
                    <th key={s} scope="col">
                      {ts('try.seed', { n: s })}
                    </th>
                  ))}
                  <th scope="col">{ts('try.target')}</th>
                  <th scope="col">{ts('try.verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {state.result.results.map((r) => (
                  <tr key={r.policy}>
                    <th scope="row">{ts(`policy.${r.policy}`)}</th>
                    {r.runs.map((run) => (
                      <td key={run.seed}>{run.total === null ? ts('try.notPlayed') : `${run.total} ${run.rating ?? ''}`.trim()}</td>
                    ))}
                    <td>{ts(`target.${r.policy}`)}</td>
                    <td>{r.meets ? ts('try.meets') : ts('try.misses')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
