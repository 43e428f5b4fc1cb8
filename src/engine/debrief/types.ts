/** The debrief: a score built from the transcript, with the evidence behind every figure. */
import type { LocalText, PhaseId, Rating } from '../scenario/schema';

/** One fact from the transcript behind a score (drill time `t` in seconds, `seq` the event). */
export type Evidence =
  | { kind: 'answered'; task: string; t: number; seq: number; quality: number; late: boolean; by: string }
  | { kind: 'not-done'; task: string; dueAt?: number }
  | { kind: 'on-time' | 'late'; task: string; t: number; seq: number; dueAt: number }
  | { kind: 'missed'; task: string; dueAt: number }
  | { kind: 'fired'; inject: string; t: number; seq: number }
  | { kind: 'not-fired'; inject: string }
  | { kind: 'variable'; var: string; value: number }
  | { kind: 'condition'; holds: boolean }
  | { kind: 'covered'; role: string }
  | { kind: 'not-covered'; role: string; tasks: string[] };

export type MeasureResult = { type: string; weight: number; /** 0–1, or null when nothing it reads happened */ score: number | null; evidence: Evidence[] };

export type CriterionResult = {
  id: string;
  title: LocalText;
  weight: number;
  /** 0–100, or null when none of its measures applied in this drill. */
  score: number | null;
  rating: Rating | null;
  measures: MeasureResult[];
};

export type TaskResult = {
  id: string;
  phase: PhaseId;
  owner: string;
  required: boolean;
  opened: boolean;
  done: boolean;
  /** 0–1; null when not done. */
  quality: number | null;
  late: boolean;
  /** Quality, halved when late; 0 for a required task left undone; null when it does not count. */
  performance: number | null;
  answeredAt?: number;
  answeredBy?: string;
  dueAt?: number;
  seq?: number;
};

export type FeedbackKind = 'option' | 'complete' | 'rating' | 'late' | 'missed' | 'item-missed' | 'contingency' | 'criterion';
export type Feedback = {
  kind: FeedbackKind;
  text?: LocalText;
  task?: string;
  option?: string;
  item?: string;
  inject?: string;
  criterion?: string;
  t?: number;
  seq?: number;
};

export type GroupScore = { id: string; /** 0–100, or null when it had no task that counts */ score: number | null; tasks: string[] };

export type Debrief = {
  scenario: { id: string; version: string };
  /** False while the drill is still running: the score so far. */
  ended: boolean;
  durationSeconds: number;
  total: number;
  rating: Rating;
  criteria: CriterionResult[];
  phases: GroupScore[];
  roles: GroupScore[];
  tasks: TaskResult[];
  strengths: Feedback[];
  shortfalls: Feedback[];
  improvements: Feedback[];
  /** Phase exits the facilitator forced, naming the phase that was left. */
  overrides: { t: number; seq: number; phase: PhaseId; reason: string }[];
  notes: { t: number; seq: number; text: string; role?: string }[];
};
