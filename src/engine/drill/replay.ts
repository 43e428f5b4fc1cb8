/**
 * Stepping a drill: the one way hosts (server, browser, CLI) move a drill forward, and
 * replay, which is the same steps over a whole transcript.
 */
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { CompiledScenario } from './build';
import type { DrillEvent } from './events';
import { refusal } from './rules';

export type DrillSnapshot = SnapshotFrom<CompiledScenario['machine']>;
export type StepResult = { ok: true; snapshot: DrillSnapshot } | { ok: false; refusal: string; snapshot: DrillSnapshot };

export function startDrill(c: CompiledScenario): DrillSnapshot {
  return initialTransition(c.machine)[0];
}

export function step(c: CompiledScenario, snapshot: DrillSnapshot, event: DrillEvent): StepResult {
  const reason = refusal(c, snapshot.context, event);
  if (reason !== null) return { ok: false, refusal: reason, snapshot };
  return { ok: true, snapshot: transition(c.machine, snapshot, event)[0] };
}

export type ReplayStep = { event: DrillEvent; refusal?: string; snapshot: DrillSnapshot };

/** The state after every event. A refused event (a damaged transcript) is kept, with its reason, and changes nothing. */
export function replay(c: CompiledScenario, events: readonly DrillEvent[]): { steps: ReplayStep[]; final: DrillSnapshot } {
  let snapshot = startDrill(c);
  const steps: ReplayStep[] = [];
  for (const event of events) {
    const result = step(c, snapshot, event);
    snapshot = result.snapshot;
    steps.push(result.ok ? { event, snapshot } : { event, refusal: result.refusal, snapshot });
  }
  return { steps, final: snapshot };
}
