/**
 * Stepping a drill: `submit` is the one way every host (server, browser, simulator, tests)
 * turns a command into an event — stamp it, ask the one refusal check, transition — and
 * replay is the same step over a whole transcript.
 */
import { createActor, initialTransition, type AnyActorScope, type SnapshotFrom } from 'xstate';
import type { CompiledScenario } from './compile';
import type { Command, DrillEvent } from './events';
import type { Refusal } from './refusals';
import { refusalIn } from './rules';
import { modeOf, withMode } from './state';

export type DrillSnapshot = SnapshotFrom<CompiledScenario['machine']>;
export type StepResult = { ok: true; snapshot: DrillSnapshot } | { ok: false; refusal: Refusal; snapshot: DrillSnapshot };

/** What the host stamps on a command: sequence number, drill time, who sent it, the command id and wall-clock time. */
export type Stamp = { seq: number; t: number; actor: string; id?: string; at?: string };
export type Submitted = { ok: true; event: DrillEvent; snapshot: DrillSnapshot } | { ok: false; refusal: Refusal; snapshot: DrillSnapshot };

export function startDrill(c: CompiledScenario): DrillSnapshot {
  return initialTransition(c.machine)[0];
}

/**
 * The scope a machine's transitions run in, made once per machine. xstate's `transition()` makes
 * a new actor for every call (running the machine's initial transition to do so), most of a
 * step's cost in a long replay. The drill's machine has no children, delays or actions but
 * `assign`, so nothing of one step stays in the scope for the next.
 */
const scopes = new WeakMap<CompiledScenario['machine'], AnyActorScope>();
function scopeOf(machine: CompiledScenario['machine']): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    const none = () => {};
    scope = { self, id: '', sessionId: '', system: self.system, logger: none, defer: none, emit: none, stopChild: none, actionExecutor: none };
    scopes.set(machine, scope);
  }
  return scope;
}

/** Applies one recorded event, or says why the drill's rules refuse it. Pure: the snapshot given is not changed. */
export function step(c: CompiledScenario, snapshot: DrillSnapshot, event: DrillEvent): StepResult {
  // Worked out afresh, not kept: a replay holds every snapshot, and a kept copy of each would double what it holds.
  const state = withMode(snapshot.context, modeOf(snapshot.value, snapshot.context));
  const reason = refusalIn(c, snapshot.context, state, event, state);
  if (reason !== null) return { ok: false, refusal: reason, snapshot };
  return { ok: true, snapshot: c.machine.transition(snapshot, event, scopeOf(c.machine)) };
}

/** Stamps a command and steps the drill with it. Pure: the host commits `event` and adopts `snapshot` when it is ok. */
export function submit(c: CompiledScenario, snapshot: DrillSnapshot, command: Command, stamp: Stamp): Submitted {
  const event = { ...command, ...stamp } as DrillEvent;
  const result = step(c, snapshot, event);
  return result.ok ? { ok: true, event, snapshot: result.snapshot } : result;
}

export type ReplayStep = { event: DrillEvent; refusal?: Refusal; snapshot: DrillSnapshot };

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
