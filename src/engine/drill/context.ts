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
};

export type InjectCause = 'time' | 'condition' | 'missed' | 'effect' | 'facilitator';
export type FiredInject = { at: number; seq: number; cause: InjectCause };
export type Scheduled = { at: number; inject: string; cause: InjectCause };

/** One line of the drill's timeline: what happened, when, and which transcript event caused it. */
export type LogEntry = { t: number; seq: number } & (
  | { kind: 'start' | 'pause' | 'resume' }
  | { kind: 'end'; override?: string; reason?: string }
  | { kind: 'phase'; phase: PhaseId; override?: string }
  | { kind: 'inject'; inject: string; cause: InjectCause }
  | { kind: 'task-open'; task: string }
  | { kind: 'answer'; task: string; role: string; late: boolean }
  | { kind: 'rating'; task: string; rating: Rating }
  | { kind: 'deadline-missed'; task: string }
  | { kind: 'note'; text: string; role?: string }
);

export type DrillContext = {
  status: Status;
  phase: PhaseId | null;
  /** Drill time in whole seconds. */
  now: number;
  lastSeq: number;
  phaseStartedAt: Partial<Record<PhaseId, number>>;
  vars: Record<string, number>;
  flags: Record<string, boolean>;
  injects: Record<string, FiredInject>;
  scheduled: Scheduled[];
  tasks: Record<string, TaskState>;
  log: LogEntry[];
  endedAt?: number;
};

export function initialContext(s: Scenario): DrillContext {
  return {
    status: 'briefing',
    phase: null,
    now: 0,
    lastSeq: 0,
    phaseStartedAt: {},
    vars: Object.fromEntries(s.variables.map((v) => [v.id, v.initial])),
    flags: Object.fromEntries(s.flags.map((f) => [f.id, false])),
    injects: {},
    scheduled: [],
    tasks: {},
    log: [],
  };
}
