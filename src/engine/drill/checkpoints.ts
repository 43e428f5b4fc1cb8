/**
 * A long drill's replay for a reviewer: the state kept every few events (checkpoints) instead
 * of after every event, so the states of a 50,000-event drill are not all held at once; any
 * position is the checkpoint before it stepped on a few events. The replay can run in a Web
 * Worker: `packCheckpoints` makes it plain data to send, `unpackCheckpoints` the snapshots again.
 */
import type { CompiledScenario } from './compile';
import { appendLog, type DrillContext, type Log, type LogEntry } from './context';
import type { DrillEvent } from './events';
import { startDrill, step, type DrillSnapshot } from './step';

/** Few enough steps between two checkpoints to redo within a frame, few enough states to keep (a long drill's are spaced wider, so they stay few). */
export const CHECKPOINT_EVERY = 100;
const MOST_CHECKPOINTS = 250;

/** The state before any event and after every `every`-th (`states[k]`: after `k * every` events), the last state, and the positions (1-based) of refused events. */
export type Checkpoints = { every: number; states: DrillSnapshot[]; final: DrillSnapshot; refused: number[] };

export function replayCheckpoints(c: CompiledScenario, events: readonly DrillEvent[], every = Math.max(CHECKPOINT_EVERY, Math.ceil(events.length / MOST_CHECKPOINTS)), onProgress?: (done: number, total: number) => void): Checkpoints {
  let snapshot = startDrill(c);
  const states = [snapshot];
  const refused: number[] = [];
  events.forEach((event, i) => {
    const result = step(c, snapshot, event);
    snapshot = result.snapshot;
    if (!result.ok) refused.push(i + 1);
    if ((i + 1) % every === 0) {
      states.push(snapshot);
      onProgress?.(i + 1, events.length);
    }
  });
  return { every, states, final: snapshot, refused };
}

/** A state already worked out: where the next position can step on from. */
export type Position = { pos: number; snapshot: DrillSnapshot };

/** The state after the first `pos` events: from the checkpoint before it, or from `near` when that is closer and not past it. */
export function stateAt(c: CompiledScenario, events: readonly DrillEvent[], cp: Checkpoints, pos: number, near?: Position): Position {
  const target = Math.max(0, Math.min(events.length, Math.floor(pos)));
  const k = Math.min(cp.states.length - 1, Math.floor(target / cp.every));
  let from: Position = { pos: k * cp.every, snapshot: cp.states[k] ?? startDrill(c) };
  if (near && near.pos <= target && near.pos > from.pos) from = near;
  let snapshot = from.snapshot;
  for (let i = from.pos; i < target; i++) snapshot = step(c, snapshot, events[i] as DrillEvent).snapshot;
  return { pos: target, snapshot };
}

/** A checkpoint as plain data: the machine's state value and context, its timeline as a length (every timeline is the start of the last one). */
type PackedState = { value: DrillSnapshot['value']; context: Omit<DrillContext, 'log'> & { log: number } };
export type PackedCheckpoints = { every: number; states: PackedState[]; final: PackedState; refused: number[]; log: LogEntry[] };

/** Plain data for `postMessage` (one message, so what the checkpoints share is copied once). */
export function packCheckpoints(cp: Checkpoints): PackedCheckpoints {
  const finalLog = logNodes(cp.final.context.log);
  const pack = (s: DrillSnapshot): PackedState => {
    const size = s.context.log?.size ?? 0;
    // The timeline only grows, so a checkpoint's is the final one cut short; checked, not assumed.
    if (size > 0 && finalLog[size - 1] !== s.context.log) throw new Error('a checkpoint’s timeline is not the start of the final one');
    return { value: s.value, context: { ...s.context, log: size } };
  };
  return { every: cp.every, states: cp.states.map(pack), final: pack(cp.final), refused: cp.refused, log: finalLog.map((n) => n.entry) };
}

export function unpackCheckpoints(c: CompiledScenario, packed: PackedCheckpoints): Checkpoints {
  const nodes: Log[] = [];
  for (const entry of packed.log) nodes.push(appendLog(nodes[nodes.length - 1] ?? null, entry));
  const unpack = ({ value, context }: PackedState): DrillSnapshot =>
    c.machine.resolveState({ value, context: { ...context, log: context.log > 0 ? (nodes[context.log - 1] ?? null) : null } }) as DrillSnapshot;
  return { every: packed.every, states: packed.states.map(unpack), final: unpack(packed.final), refused: packed.refused };
}

/** A timeline's nodes, oldest first. */
function logNodes(log: Log | null): Log[] {
  const out: Log[] = new Array<Log>(log?.size ?? 0);
  for (let node = log, i = out.length - 1; node; node = node.prev, i--) out[i] = node;
  return out;
}

/** Positions one after another (a scrubber, play, previous and next): each steps on from the last one asked when that is closer than a checkpoint. */
export function positions(c: CompiledScenario, events: readonly DrillEvent[], cp: Checkpoints): (pos: number) => DrillSnapshot {
  let last: Position | undefined;
  return (pos) => {
    last = stateAt(c, events, cp, pos, last);
    return last.snapshot;
  };
}
