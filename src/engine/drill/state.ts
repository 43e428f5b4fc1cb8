/**
 * The drill's state as the rules, views and scoring read it: the machine's context with the
 * mode read from the machine's state value (the mode is kept nowhere else).
 */
import type { PhaseId } from '../scenario/schema';
import { PHASES } from '../scenario/constants';
import type { DrillContext, DrillState, Mode } from './context';

/** The machine's state value: `briefing`, `ended`, or a phase with its clock (`{ report: 'ticking' }`). */
type StateValue = string | Record<string, unknown>;

/** The last phase the drill entered (its start times are recorded in order). */
function lastPhase(ctx: DrillContext): PhaseId | null {
  for (let i = PHASES.length - 1; i >= 0; i--) {
    const p = PHASES[i];
    if (p && ctx.phaseStartedAt[p] !== undefined) return p;
  }
  return null;
}

export function modeOf(value: StateValue, ctx: DrillContext): Mode {
  if (value === 'briefing') return { status: 'briefing', phase: null };
  if (value === 'ended') return { status: 'ended', phase: lastPhase(ctx) };
  const [phase, clock] = typeof value === 'object' ? (Object.entries(value)[0] ?? []) : [];
  if (!PHASES.includes(phase as PhaseId)) throw new Error(`not a drill state: ${JSON.stringify(value)}`);
  return { status: clock === 'paused' ? 'paused' : 'running', phase: phase as PhaseId };
}

/** The context with a mode: a working copy the rules may read (and, as a draft, change). */
export const withMode = (ctx: DrillContext, mode: Mode): DrillState => ({ ...ctx, ...mode });

/** The context alone, for the machine to keep: the mode goes back to being the machine's state. */
export function contextOf(state: DrillState): DrillContext {
  const { status: _status, phase: _phase, ...context } = state;
  return context;
}

const states = new WeakMap<object, DrillState>();

/** The drill's state in a snapshot; the same object for the same snapshot, so what is worked out from it can be kept. */
export function stateOf(snapshot: { value: StateValue; context: DrillContext }): DrillState {
  let state = states.get(snapshot);
  if (!state) states.set(snapshot, (state = withMode(snapshot.context, modeOf(snapshot.value, snapshot.context))));
  return state;
}
