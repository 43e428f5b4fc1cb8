/**
 * The one table of rights: for every event type, who may send it and who may see it. The
 * engine's refusal check, the server's per-seat views and the participant UI read it; nothing
 * restates it.
 */
import { EVALUATOR, FACILITATOR, SYSTEM, type EventType } from '../scenario/constants';
import type { ScenarioIndex } from './compile';

/**
 * Who sends: the facilitator, the host's clock, any player role (for itself), the scenario's
 * leader role, a participant seated in a simulated role (the customer: its playable injects), or
 * an evaluator's seat (notes and observations, under its name).
 */
export type Sender = 'facilitator' | 'system' | 'player' | 'leader' | 'simulated' | 'evaluator';
/**
 * Who sees an event as it happens: everyone in the room, or the facilitator alone (a role also
 * sees its own answers, and an inject reaches the roles it is addressed to).
 */
export type Audience = 'everyone' | 'facilitator';

/**
 * `debrief`: whether the room's debrief at the end shows it (in the timeline and evidence);
 * `private`: what in it are the facilitator's own words (fields of its timeline entry), never shown to the room.
 */
export type Rights = { send: readonly Sender[]; see: Audience; debrief: boolean; private?: readonly string[] };

export const RIGHTS: Record<EventType, Rights> = {
  'DRILL.START': { send: ['facilitator'], see: 'everyone', debrief: true },
  'CLOCK.TICK': { send: ['system', 'facilitator'], see: 'everyone', debrief: true },
  'DRILL.PAUSE': { send: ['facilitator'], see: 'everyone', debrief: true },
  'DRILL.RESUME': { send: ['facilitator'], see: 'everyone', debrief: true },
  'PHASE.ADVANCE': { send: ['facilitator'], see: 'everyone', debrief: true, private: ['override'] },
  'DRILL.END': { send: ['facilitator'], see: 'everyone', debrief: true, private: ['override', 'reason'] },
  'INJECT.FIRE': { send: ['facilitator', 'simulated'], see: 'facilitator', debrief: true },
  'TASK.ANSWER': { send: ['facilitator', 'player'], see: 'facilitator', debrief: true },
  'TASK.RATE': { send: ['facilitator'], see: 'facilitator', debrief: false },
  'NOTE.ADD': { send: ['facilitator', 'evaluator'], see: 'facilitator', debrief: false },
  'OBSERVATION.RECORD': { send: ['facilitator', 'evaluator'], see: 'facilitator', debrief: true, private: ['note'] },
  'SUMMARY.SET': { send: ['facilitator', 'leader'], see: 'everyone', debrief: true },
  // The host records who takes a seat: the facilitator's assignments and approvals, or (`system`) a participant's own claim before the start.
  'ROLE.CAST': { send: ['facilitator', 'system'], see: 'everyone', debrief: true },
  'TASK.APPROVE': { send: ['facilitator', 'player'], see: 'facilitator', debrief: true },
  'CRITERION.RATE': { send: ['facilitator'], see: 'facilitator', debrief: true },
  // The host records a peer's review: the reviewer sits in another group's drill, not in this one.
  'PEER.REVIEW': { send: ['system'], see: 'facilitator', debrief: true },
  'LESSON.ADD': { send: ['facilitator'], see: 'everyone', debrief: true },
};

/** The kind of sender an actor is in this scenario. */
export function senderOf(ix: ScenarioIndex, actor: string): Sender | null {
  if (actor === FACILITATOR) return 'facilitator';
  if (actor === SYSTEM) return 'system';
  if (actor === EVALUATOR) return 'evaluator';
  if (ix.playerRoles.includes(actor)) return 'player';
  return ix.seatRoles.includes(actor) ? 'simulated' : null;
}

/** Whether `actor` may send events of this type at all (the drill's state is checked elsewhere). */
export function maySend(ix: ScenarioIndex, type: EventType, actor: string): boolean {
  const allowed = RIGHTS[type].send;
  const sender = senderOf(ix, actor);
  if (sender !== null && allowed.includes(sender)) return true;
  return allowed.includes('leader') && ix.scenario.leader !== undefined && actor === ix.scenario.leader;
}
