/**
 * The one table of rights: for every event type, who may send it and who may see it. The
 * engine's refusal check, the server's per-seat views and the participant UI read it; nothing
 * restates it.
 */
import { FACILITATOR, SYSTEM, type EventType } from '../scenario/constants';
import type { ScenarioIndex } from './compiled';

/** Who sends: the facilitator, the host's clock, any player role (for itself), or the scenario's leader role. */
export type Sender = 'facilitator' | 'system' | 'player' | 'leader';
/** Who sees an event: everyone in the room, or the facilitator alone (a participant also sees its own answers). */
export type Audience = 'everyone' | 'facilitator';

export const RIGHTS: Record<EventType, { send: readonly Sender[]; see: Audience }> = {
  'DRILL.START': { send: ['facilitator'], see: 'everyone' },
  'CLOCK.TICK': { send: ['system', 'facilitator'], see: 'everyone' },
  'DRILL.PAUSE': { send: ['facilitator'], see: 'everyone' },
  'DRILL.RESUME': { send: ['facilitator'], see: 'everyone' },
  'PHASE.ADVANCE': { send: ['facilitator'], see: 'everyone' },
  'DRILL.END': { send: ['facilitator'], see: 'everyone' },
  'INJECT.FIRE': { send: ['facilitator'], see: 'facilitator' },
  'TASK.ANSWER': { send: ['facilitator', 'player'], see: 'facilitator' },
  'TASK.RATE': { send: ['facilitator'], see: 'facilitator' },
  'NOTE.ADD': { send: ['facilitator'], see: 'facilitator' },
  'OBSERVATION.RECORD': { send: ['facilitator'], see: 'facilitator' },
  'SUMMARY.SET': { send: ['facilitator', 'leader'], see: 'everyone' },
};

/** The kind of sender an actor is in this scenario. */
export function senderOf(ix: ScenarioIndex, actor: string): Sender | null {
  if (actor === FACILITATOR) return 'facilitator';
  if (actor === SYSTEM) return 'system';
  return ix.playerRoles.includes(actor) ? 'player' : null;
}

/** Whether `actor` may send events of this type at all (the drill's state is checked elsewhere). */
export function maySend(ix: ScenarioIndex, type: EventType, actor: string): boolean {
  const allowed = RIGHTS[type].send;
  const sender = senderOf(ix, actor);
  if (sender !== null && allowed.includes(sender)) return true;
  return allowed.includes('leader') && ix.scenario.leader !== undefined && actor === ix.scenario.leader;
}
