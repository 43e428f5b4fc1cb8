/** The drill's state in the machine's context: plain data, derived only from scenario and events. */
import type { PhaseId, Rating, Scenario } from '../scenario/schema';
import type { Answer } from './events';

export type Status = 'briefing' | 'running' | 'paused' | 'ended';

export type TaskState = {
  openedAt: number;
  dueAt?: number;
  /** Set when the deadline passed with the task undone. */
  missedAt?: number;
  answer?: Answer;
  answeredAt?: number;
  answeredBy?: string;
  answerSeq?: number;
  rating?: Rating;
  ratingSeq?: number;
  /** A task that needs sign-off: the answer proposed, which counts (as `answer`) once every signer approved it. */
  proposal?: { answer: Answer; by: string; t: number; seq: number };
  /** The sign-offs given so far, in order. */
  approvals?: { role: string; t: number; seq: number }[];
};

/** `played`: sent by a participant seated in a simulated role. */
export type InjectCause = 'time' | 'condition' | 'missed' | 'effect' | 'facilitator' | 'played';
/** `variant`: which of the inject's variants was shown (the first whose condition held when it fired). */
export type FiredInject = { at: number; seq: number; cause: InjectCause; variant?: number };
export type Scheduled = { at: number; inject: string; cause: InjectCause };
/** A drill time at which a `time` condition may come to hold: the drill wakes to look again. */
export type Wake = { at: number; from: 'phase' | 'drill' };

/** One line of the drill's timeline: what happened, when, and which transcript event caused it. */
export type LogEntry = { t: number; seq: number } & (
  | { kind: 'start' | 'pause' | 'resume' }
  | { kind: 'end'; override?: string; reason?: string }
  | { kind: 'phase'; phase: PhaseId; override?: string }
  | { kind: 'inject'; inject: string; cause: InjectCause }
  | { kind: 'task-open'; task: string }
  | { kind: 'answer'; task: string; role: string; late: boolean }
  | { kind: 'propose'; task: string; role: string }
  | { kind: 'approve'; task: string; role: string }
  | { kind: 'rating'; task: string; rating: Rating }
  | { kind: 'deadline-missed'; task: string }
  | { kind: 'note'; text: string; role?: string; by?: string }
  | { kind: 'observation'; observation: string; role?: string; note?: string; by?: string }
  | { kind: 'summary'; by: string }
  | { kind: 'cast'; role: string; name?: string; venue?: string }
  | { kind: 'criterion-rating'; criterion: string; rating: Rating }
  | { kind: 'peer-review'; group: string; reviewer: string }
  | { kind: 'lesson'; text: string }
  | { kind: 'cancel'; inject: string; by: 'effect' | 'unless' }
);

/** An observation the facilitator (or an evaluator, `by`) recorded. */
export type RecordedObservation = { observation: string; t: number; seq: number; role?: string; note?: string; by?: string };

/** One rating of a criterion, with the reviewer's comment. */
export type CriterionRating = { criterion: string; rating: Rating; comment?: string };
/** A peer's review: a member (`reviewer`) of another group (`group`) rated this drill on the rubric. */
export type PeerReview = { group: string; reviewer: string; ratings: CriterionRating[]; t: number; seq: number };

/** How a phase was left: its exit rule met, or cut short (overridden, or the drill ended first). */
export type PhaseOutcome = 'completed' | 'cut-short';

/**
 * The timeline as a persistent list, newest first: appending shares everything before it, so
 * keeping the state after every event of a long drill (replay, review) costs one entry each.
 */
export type Log = { readonly entry: LogEntry; readonly prev: Log | null; readonly size: number };

export const appendLog = (log: Log | null, entry: LogEntry): Log => ({ entry, prev: log, size: (log?.size ?? 0) + 1 });

const entriesCache = new WeakMap<Log, LogEntry[]>();

/** The timeline, oldest first. */
export function logEntries(ctx: { log: Log | null }): LogEntry[] {
  const log = ctx.log;
  if (!log) return [];
  const cached = entriesCache.get(log);
  if (cached) return cached;
  const out: LogEntry[] = new Array(log.size);
  for (let node: Log | null = log, i = log.size - 1; node; node = node.prev, i--) out[i] = node.entry;
  entriesCache.set(log, out);
  return out;
}

/**
 * The machine's context: the drill's data. Its mode — briefing, running or paused in a phase,
 * ended — is the machine's state, never kept here (see ./state.ts).
 */
export type DrillContext = {
  /** Drill time in whole seconds. */
  now: number;
  lastSeq: number;
  phaseStartedAt: Partial<Record<PhaseId, number>>;
  vars: Record<string, number>;
  flags: Record<string, boolean>;
  injects: Record<string, FiredInject>;
  scheduled: Scheduled[];
  tasks: Record<string, TaskState>;
  log: Log | null;
  endedAt?: number;
  /** Phases left so far and how. */
  phaseOutcomes: Partial<Record<PhaseId, PhaseOutcome>>;
  observations: RecordedObservation[];
  /** Consequences still scheduled when the drill ended: they would have followed. */
  pendingAtEnd?: { inject: string; at: number }[];
  /** The leader's summary at the hot wash (the last one given counts). */
  summary?: { text: string; by: string; t: number; seq: number };
  /** Who plays each role, as seats were taken and freed during the drill (names by role id). */
  cast: Record<string, string>;
  /** The parameters' values in this drill: the file's, then those the DRILL.START event chose. */
  params: Record<string, number>;
  /** Injects cancelled (by an effect, or their trigger's `unless`), with the drill time: they no longer fire by themselves. */
  cancelled: Record<string, number>;
  /** When `time` conditions may next come to hold. */
  wakes: Wake[];
  /** Where each role's seat sits, when the drill is played in several venues (venue names by role id). */
  venues: Record<string, string>;
  /** The facilitator's own rating of each criterion (the last given counts). */
  criterionRatings: Record<string, { rating: Rating; comment?: string; t: number; seq: number }>;
  /** Peer reviews by members of other groups, one per reviewer (a later one replaces the earlier). */
  peerReviews: PeerReview[];
  /** Techniques the room learned, listed at the end. */
  lessons: { text: string; t: number; seq: number }[];
};

/** The drill's mode, read from the machine's state. `phase`: the phase being played, or the last one played once ended. */
export type Mode = { status: Status; phase: PhaseId | null };

/** What the rules, the views and the scoring read: the context with the mode of the state it is in. */
export type DrillState = DrillContext & Mode;

export function initialContext(s: Scenario): DrillContext {
  return {
    now: 0,
    lastSeq: 0,
    phaseStartedAt: {},
    vars: Object.fromEntries(s.variables.map((v) => [v.id, v.initial])),
    flags: Object.fromEntries(s.flags.map((f) => [f.id, false])),
    injects: {},
    scheduled: [],
    tasks: {},
    log: null,
    phaseOutcomes: {},
    observations: [],
    cast: {},
    params: Object.fromEntries((s.parameters ?? []).map((p) => [p.id, p.value])),
    cancelled: {},
    wakes: [],
    venues: {},
    criterionRatings: {},
    peerReviews: [],
    lessons: [],
  };
}
