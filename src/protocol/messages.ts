/**
 * The WebSocket protocol between the drill server and the app: every message is checked
 * with these schemas on arrival, on both sides.
 */
import { z } from 'zod';
import { commandSchema, RATINGS, type DrillEvent, type LocalText, type Rating, type Refusal, type Scenario, type SessionInfo } from '../engine';
import type { ClockBase } from './clock';

export type { ClockBase };

export const MAX_MESSAGE_BYTES = 16 * 1024;

const id = z.string().min(1).max(100);
const roleId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

export const clientMessageSchema = z.discriminatedUnion('type', [
  // `scenario`: the fingerprint of the scenario the client already holds (from an earlier welcome), so it is not sent again.
  z.strictObject({ type: z.literal('hello'), sessionId: id, token: z.string().min(10).max(200), lastSeq: z.number().int().min(0), scenario: z.string().max(100).optional() }),
  z.strictObject({ type: z.literal('command'), id, command: commandSchema }),
  z.strictObject({ type: z.literal('claim'), role: roleId }),
  z.strictObject({ type: z.literal('assign'), seat: id, role: roleId.nullable() }),
  // The facilitator: approve or decline a role asked for during play; remove a seat; lock or reopen joining.
  z.strictObject({ type: z.literal('decide'), seat: id, approve: z.boolean() }),
  z.strictObject({ type: z.literal('remove'), seat: id }),
  z.strictObject({ type: z.literal('joining'), open: z.boolean() }),
  z.strictObject({ type: z.literal('clock'), action: z.enum(['speed', 'jump']), speed: z.union([z.literal(1), z.literal(2), z.literal(5)]).optional() }),
  // A participant rates another group's drill on the rubric while the facilitator has its peer review open.
  z.strictObject({ type: z.literal('review'), ratings: z.array(z.strictObject({ criterion: roleId, rating: z.enum(RATINGS), comment: z.string().trim().min(1).max(1000).optional() })).min(1).max(50) }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** `evaluator`: a department head or the regulator's observer: the facilitator's view without its controls; records notes and observations under its name. */
export type SeatKind = 'facilitator' | 'projector' | 'participant' | 'evaluator';
/**
 * A participant's seat as everyone may see it; `requested`: the role it asked for during play,
 * waiting for the facilitator; `venue`: where it sits, when the drill is played in several venues.
 */
export type SeatView = { id: string; name: string; role: string | null; connected: boolean; requested?: string; venue?: string };
/** `venue`: the venue of this seat (a projector's: the venue it is shown in). */
export type You = { kind: SeatKind; seat?: string; name?: string; role: string | null; venue?: string };

export const EXERCISE_MODES = ['rounds', 'parallel'] as const;
/** `rounds`: the groups play one after another while the others watch; `parallel`: all at once. */
export type ExerciseMode = (typeof EXERCISE_MODES)[number];

/**
 * An exercise as a seat of one of its groups sees it: several groups play the same scenario
 * (each its own drill and transcript), in rounds or in parallel, and review each other.
 */
export type ExerciseView = {
  id: string;
  mode: ExerciseMode;
  /** The groups in order, with their drill's status. */
  groups: { name: string; status: string }[];
  /** This seat's group (its index in `groups`). */
  group: number;
  /** In rounds: the group playing now, which the others watch; null between rounds. */
  playing: number | null;
  /** The group whose drill is under peer review now; null when no review is open. */
  reviewing: number | null;
  /** For a participant of another group while a review is open: the rubric to rate on. */
  rubric?: { id: string; title: LocalText; description?: LocalText }[];
  /** Whether this seat has sent its review of the group under review (it may send again: the last counts). */
  reviewed?: boolean;
};

/** Why the server itself refused a message (the drill's own refusals are the engine's codes). */
export const SERVER_REFUSAL_CODES = [
  'slow-down',
  'binary',
  'not-json',
  'malformed',
  'hello-first',
  'read-only',
  'participants-only',
  'has-role',
  'facilitator-only',
  'bad-token',
  'no-seat',
  'not-player-role',
  'role-taken',
  'server-error',
  'id-reused',
  'too-many-hellos',
  'seat-hellos',
  'too-many-windows',
  'trainer-only',
  'claim-declined',
  'seat-removed',
  'no-request',
  'no-review',
  'own-group',
] as const;
export type ServerRefusalCode = (typeof SERVER_REFUSAL_CODES)[number];
/** A refusal as data, translated in src/i18n (`refusal.<code>`). */
export type AnyRefusal = Refusal | { code: ServerRefusalCode; params?: Record<string, string | number> };
/** Something the facilitator must know: `restored`: the server stopped and came back; the drill was paused at `drillTime`. */
export type Notice = { kind: 'restored'; drillTime: number };

/** What the history lists about a drill, kept up to date as it runs: no replay needed to list drills. */
export type SessionSummary = {
  id: string;
  date: string;
  scenario: { id: string; version: string; title: LocalText };
  team: string;
  status: string;
  /** Null while the drill runs, and for a drill never played. */
  total: number | null;
  rating: Rating | null;
  criteria: { id: string; title: LocalText; score: number | null }[];
};

export type { ScreenView } from './screen';
import type { ScreenView } from './screen';
import type { PublicView } from '../engine';
import type { ScreenPatch } from './screen';
export type { ScreenPatch };

/** What the facilitator's seat follows the drill with: the scenario and every event. */
export type FullDrill = { fingerprint: string; scenario?: Scenario; events: DrillEvent[] };

export type ServerMessage =
  /**
   * What a seat lacks. The facilitator (and an evaluator): its scenario (left out when the client already holds the
   * one with this `fingerprint`) and the events after its `lastSeq`, and `notice`. Every other
   * seat: only `screen`, its view computed here. All: the clock and the seats.
   */
  | { type: 'welcome'; you: You; info: SessionInfo; code: string; clock: ClockBase; seats: SeatView[]; joining: boolean; drill?: FullDrill; screen?: ScreenView; notice?: Notice; exercise?: ExerciseView }
  /** To the facilitator: the next event. */
  | { type: 'event'; event: DrillEvent }
  /** To every other seat: what changed in its view. */
  | { type: 'screen'; screen: ScreenPatch }
  | { type: 'ack'; id: string; seq: number }
  | { type: 'refused'; id?: string; refusal: AnyRefusal }
  /** To the seats of an exercise's groups: the exercise changed (a round, a review). */
  | { type: 'exercise'; exercise: ExerciseView }
  /** To the seats of the groups watching a round: the playing group's room view (null: nothing to watch now). */
  | { type: 'watch'; group: number; screen: PublicView | null; clock?: ClockBase }
  /** The seats changed, or joining was locked or reopened. */
  | { type: 'seats'; seats: SeatView[]; joining: boolean }
  | { type: 'you'; you: You }
  | { type: 'clock'; clock: ClockBase }
  | { type: 'error'; refusal: AnyRefusal };
