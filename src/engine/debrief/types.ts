/** The debrief: a score built from the transcript, with the evidence behind every figure. */
import type { Condition, LocalText, PhaseId, Rating } from '../scenario/schema';

/**
 * One fact from the transcript behind a score (drill time `t` in seconds, `seq` the event).
 * Each kind says which measure it belongs to, so it can be read in words on its own.
 */
/** A sign-off: the role that approved, at what drill time. */
export type Signature = { role: string; t: number };

export type Evidence =
  // quality of answers
  // `signed`: who signed the answer off, and when (a task that needs sign-off)
  | { kind: 'answered'; task: string; t: number; seq: number; quality: number; late: boolean; by: string; signed?: Signature[] }
  | { kind: 'awaiting-rating'; task: string; t: number; seq: number; by: string; signed?: Signature[] }
  // quality or timeliness of a required task left undone
  | { kind: 'not-done'; task: string; dueAt?: number }
  | { kind: 'never-opened'; task: string; phase: PhaseId }
  // timeliness
  | { kind: 'on-time' | 'late'; task: string; t: number; seq: number; dueAt: number }
  | { kind: 'missed'; task: string; dueAt: number }
  // consequences
  | { kind: 'fired'; inject: string; t: number; seq: number }
  | { kind: 'avoided'; inject: string }
  | { kind: 'not-tested'; inject: string; phase: PhaseId }
  | { kind: 'pending-at-end'; inject: string; at: number }
  // outcomes at the end
  | { kind: 'variable'; var: string; value: number; best: number; worst: number }
  | { kind: 'condition'; when: Condition; holds: boolean }
  | { kind: 'outcome-not-reached'; var: string }
  | { kind: 'condition-not-reached'; when: Condition }
  // role coverage
  | { kind: 'covered'; role: string }
  | { kind: 'not-covered'; role: string; tasks: string[] }
  // observations by the facilitator
  | { kind: 'observed'; observation: string; good: boolean; t: number; seq: number; role?: string; note?: string }
  | { kind: 'capped'; observation: string; cap: number; t: number; seq: number };

export type MeasureType = 'quality' | 'timeliness' | 'variable' | 'condition' | 'avoided' | 'coverage' | 'observed';

export type MeasureResult = { type: MeasureType; weight: number; /** 0–1, or null when nothing it reads happened */ score: number | null; evidence: Evidence[] };

export type CriterionResult = {
  id: string;
  title: LocalText;
  weight: number;
  /** 0–100, or null when none of its measures applied in this drill. */
  score: number | null;
  rating: Rating | null;
  measures: MeasureResult[];
  /** Every measure's evidence, in drill-time order. */
  evidence: Evidence[];
  /** The cap a recorded prohibited act put on the score, if any. */
  cap?: number;
};

export type TaskResult = {
  id: string;
  phase: PhaseId;
  owner: string;
  required: boolean;
  /** Opens only on some branches of the story; counts only where it opened. */
  branch: boolean;
  opened: boolean;
  done: boolean;
  /** Whether it counts in this drill: opened and required or done, or a required task every team meets that never opened by the end. */
  counts: boolean;
  /** 0–1; null when not done. An unrated free-text answer is 0 until rated. */
  quality: number | null;
  awaitingRating: boolean;
  late: boolean;
  /** Quality, halved when late; 0 for a required task left undone; null when it does not count. */
  performance: number | null;
  answeredAt?: number;
  answeredBy?: string;
  /** Who signed the answer off, and when (a task that needs sign-off). */
  signed?: Signature[];
  dueAt?: number;
  seq?: number;
};

export type FeedbackKind =
  | 'option'
  | 'complete'
  | 'rating'
  | 'late'
  | 'missed'
  | 'never-opened'
  | 'item-missed'
  | 'item-wrong'
  | 'contingency'
  | 'criterion'
  | 'observation';
export type Feedback = {
  kind: FeedbackKind;
  text?: LocalText;
  task?: string;
  option?: string;
  item?: string;
  inject?: string;
  criterion?: string;
  observation?: string;
  role?: string;
  t?: number;
  seq?: number;
};

/**
 * One criterion rated three ways: by the engine (from the transcript), by the facilitator, and by
 * peers of other groups (each review, and their middle rating).
 */
export type Judgement = {
  criterion: string;
  title: LocalText;
  engine: Rating | null;
  facilitator: { rating: Rating; comment?: string } | null;
  peers: { group: string; reviewer: string; rating: Rating; comment?: string }[];
  /** The peers' middle rating (of an even count, the lower middle); null without peer ratings. */
  peer: Rating | null;
  /** Steps of P/S/M/U between the two furthest apart of the engine's, the facilitator's and the peers' ratings (0: they agree). */
  spread: number;
};

export type GroupScore = { id: string; /** 0–100, or null when it had no task that counts */ score: number | null; tasks: string[] };

export type Debrief = {
  scenario: { id: string; version: string };
  /** False for a drill never started: it has no score ("not played"). */
  played: boolean;
  /** False while the drill is still running: the score so far. */
  ended: boolean;
  durationSeconds: number;
  /** 0–100; null for a drill never started. */
  total: number | null;
  rating: Rating | null;
  criteria: CriterionResult[];
  phases: GroupScore[];
  roles: GroupScore[];
  tasks: TaskResult[];
  strengths: Feedback[];
  shortfalls: Feedback[];
  improvements: Feedback[];
  /** Free-text answers the facilitator has not rated yet: they count 0 until rated. */
  awaitingRating: string[];
  /** Phases left before their exit rule held (overridden, or the drill ended in them). */
  cutShort: PhaseId[];
  /** Phase exits the facilitator forced, naming the phase that was left. */
  overrides: { t: number; seq: number; phase: PhaseId; reason: string }[];
  /** `by`: the evaluator who wrote it (the facilitator's own have none). */
  notes: { t: number; seq: number; text: string; role?: string; by?: string }[];
  observations: { observation: string; good: boolean; t: number; seq: number; role?: string; note?: string; by?: string }[];
  /** Each criterion as the engine, the facilitator and peers rated it. */
  judgements: Judgement[];
  /** Techniques the room learned, listed at the end. */
  lessons: { text: string; t: number; seq: number }[];
  /** Where each role sat (venue names by role id), when the drill was played in several venues. */
  venues: Record<string, string>;
  /** The leader's summary (总结点评) given at the hot wash. */
  summary?: { text: string; by: string; t: number; seq: number };
};
