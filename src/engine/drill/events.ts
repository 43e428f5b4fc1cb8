/**
 * Transcript events: the only record of a drill. The host stamps `seq`, drill time `t`
 * (whole seconds since the start, standing still while paused), the command `id` and the
 * wall-clock `at`; the engine never makes any of them.
 */
import { z } from 'zod';
import { EVALUATOR, EVENT_TYPES, FACILITATOR, RATINGS, SYSTEM, type EventType } from '../scenario/constants';

export { EVALUATOR, EVENT_TYPES, FACILITATOR, SYSTEM, type EventType };

const name = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const answerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('single'), option: name }),
  z.strictObject({ kind: z.literal('multiple'), options: z.array(name).min(1).max(50) }),
  z.strictObject({ kind: z.literal('checklist'), items: z.array(name).max(50) }),
  z.strictObject({ kind: z.literal('text'), text: z.string().trim().min(1).max(4000) }),
]);
export type Answer = z.infer<typeof answerSchema>;

const empty = z.strictObject({});
/** A person's name as the host stamps it (an evaluator's, a peer reviewer's, a group's or a venue's). */
const personName = z.string().trim().min(1).max(60);
const comment = z.string().trim().min(1).max(1000);

/** What each event type carries. */
export const payloadSchemas = {
  /** `parameters`: the values of the scenario's parameters in this drill (the file's values otherwise). */
  'DRILL.START': z.strictObject({ parameters: z.record(name, z.number().finite()).optional() }),
  'CLOCK.TICK': empty,
  'DRILL.PAUSE': empty,
  'DRILL.RESUME': empty,
  'PHASE.ADVANCE': z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }),
  'TASK.ANSWER': z.strictObject({ task: name, role: name, answer: answerSchema }),
  'TASK.RATE': z.strictObject({ task: name, rating: z.enum(RATINGS) }),
  'INJECT.FIRE': z.strictObject({ inject: name }),
  /** `by`: the evaluator who wrote it (stamped by the host from its seat); the facilitator's notes have none. */
  'NOTE.ADD': z.strictObject({ text: z.string().trim().min(1).max(4000), role: name.optional(), by: personName.optional() }),
  'DRILL.END': z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }),
  'OBSERVATION.RECORD': z.strictObject({ observation: name, role: name.optional(), note: comment.optional(), by: personName.optional() }),
  'SUMMARY.SET': z.strictObject({ text: z.string().trim().min(1).max(8000) }),
  /** Who plays a role from now on (`name`), or that its seat was freed (no `name`). */
  /** `venue`: where the seat sits, when the drill is played in several venues. */
  'ROLE.CAST': z.strictObject({ role: name, name: z.string().trim().min(1).max(200).optional(), venue: personName.optional() }),
  /** A role signs off the answer proposed to a task that needs its approval (`signoff`). */
  'TASK.APPROVE': z.strictObject({ task: name, role: name }),
  /** The facilitator's own rating of a criterion of the rubric, beside the engine's. */
  'CRITERION.RATE': z.strictObject({ criterion: name, rating: z.enum(RATINGS), comment: comment.optional() }),
  /**
   * A member of another group rates this group's drill on the rubric (peer review after a round);
   * the host records it, stamping the reviewer's and its group's names. A later review by the same
   * reviewer replaces the earlier.
   */
  'PEER.REVIEW': z.strictObject({
    group: personName,
    reviewer: personName,
    ratings: z.array(z.strictObject({ criterion: name, rating: z.enum(RATINGS), comment: comment.optional() })).min(1).max(50),
  }),
  /** A technique the room learned (the seed's "five complaint-handling techniques"), listed at the end. */
  'LESSON.ADD': z.strictObject({ text: z.string().trim().min(1).max(1000) }),
} as const satisfies Record<EventType, z.ZodType>;


/** Who sent an event: the facilitator, the host's clock, or a player role (by id). */
export type Actor = string;

const stamp = {
  seq: z.number().int().min(1),
  t: z.number().int().min(0).max(7 * 24 * 3600),
  actor: z.union([z.literal(FACILITATOR), z.literal(SYSTEM), z.literal(EVALUATOR), name]),
  id: z.string().min(1).max(100).optional(),
  at: z.string().max(40).optional(),
};

const event = <K extends EventType>(type: K) => z.strictObject({ ...stamp, type: z.literal(type), payload: payloadSchemas[type] });

export const eventSchema = z.discriminatedUnion('type', [
  event('DRILL.START'),
  event('CLOCK.TICK'),
  event('DRILL.PAUSE'),
  event('DRILL.RESUME'),
  event('PHASE.ADVANCE'),
  event('TASK.ANSWER'),
  event('TASK.RATE'),
  event('INJECT.FIRE'),
  event('NOTE.ADD'),
  event('DRILL.END'),
  event('OBSERVATION.RECORD'),
  event('SUMMARY.SET'),
  event('ROLE.CAST'),
  event('TASK.APPROVE'),
  event('CRITERION.RATE'),
  event('PEER.REVIEW'),
  event('LESSON.ADD'),
]);
export type DrillEvent = z.output<typeof eventSchema>;
export type EventOf<K extends EventType> = Extract<DrillEvent, { type: K }>;
const command = <K extends EventType>(type: K) => z.strictObject({ type: z.literal(type), payload: payloadSchemas[type] });

/** An event before the host stamps it: what a client sends. */
export const commandSchema = z.discriminatedUnion('type', [
  command('DRILL.START'),
  command('CLOCK.TICK'),
  command('DRILL.PAUSE'),
  command('DRILL.RESUME'),
  command('PHASE.ADVANCE'),
  command('TASK.ANSWER'),
  command('TASK.RATE'),
  command('INJECT.FIRE'),
  command('NOTE.ADD'),
  command('DRILL.END'),
  command('OBSERVATION.RECORD'),
  command('SUMMARY.SET'),
  command('ROLE.CAST'),
  command('TASK.APPROVE'),
  command('CRITERION.RATE'),
  command('PEER.REVIEW'),
  command('LESSON.ADD'),
]);
export type Command = z.input<typeof commandSchema>;
