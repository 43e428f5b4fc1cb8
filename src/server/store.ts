/**
 * The one narrow interface between the drill server and its database. SQLite implements it
 * today (sqliteStore.ts); a bank-wide deployment can put PostgreSQL behind the same methods.
 */
import type { DrillEvent, PlanItem, Scenario, SessionInfo } from '../engine';
import type { ClockBase, SeatKind } from '../protocol/messages';

export type SessionRecord = {
  id: string;
  code: string;
  scenario: Scenario;
  info: SessionInfo;
  clock: ClockBase;
  createdAt: string;
  /** The improvement plan, edited after the drill. */
  plan: PlanItem[];
  /** Whether new participants may join with the code (the facilitator locks and reopens it). */
  joining: boolean;
};

export type SeatRecord = {
  id: string;
  sessionId: string;
  kind: SeatKind;
  name: string;
  role: string | null;
  tokenHash: string;
};

import type { SessionSummary } from '../protocol/messages';

export type { SessionSummary };

/** The command an id was first used for: who sent it and the event it became. */
export type CommandRecord = { seq: number; seat: string | null; event: DrillEvent };
/** A trainer's account: signs in to prepare and run drills and to read their records. */
export type TrainerRecord = {
  id: string;
  /** Unique, compared without regard to ASCII case. */
  name: string;
  /** `scrypt$N$r$p$salt$hash` (see auth.ts). */
  passwordHash: string;
  createdAt: string;
};

/** One signed-in browser: the cookie's token is kept only as a hash. */
export type SignInRecord = { tokenHash: string; trainerId: string; expiresAt: string };

export interface DrillStore {
  createSession(session: SessionRecord, seats: SeatRecord[]): void;
  session(id: string): SessionRecord | undefined;
  sessionByCode(code: string): SessionRecord | undefined;
  /** Summaries, newest first, at most `limit`; `team` matches part of the team's name, any case. */
  history(filter: { scenario?: string; team?: string; limit: number }): SessionSummary[];
  saveSummary(summary: SessionSummary): void;
  /**
   * Removes old drills with all they hold (events, seats, summary): those ended and created
   * before `endedBefore` (when given) and those never started and created before
   * `unstartedBefore`, except the ids in `keep` (drills open now). Returns the ids removed.
   */
  purge(rule: { endedBefore?: string; unstartedBefore: string; keep: ReadonlySet<string> }): string[];
  /** Sessions that have no summary yet (made before summaries were kept). */
  unsummarised(): string[];
  setClock(sessionId: string, clock: ClockBase): void;
  /** Several clocks in one commit: the running drills' checkpoints. */
  setClocks(clocks: { sessionId: string; clock: ClockBase }[]): void;
  setPlan(sessionId: string, plan: PlanItem[]): void;
  /** Appends one event (sent from `seat`, if a seat sent it) and commits it; throws if its seq or command id is already taken. */
  appendEvent(sessionId: string, event: DrillEvent, seat?: string): void;
  events(sessionId: string, afterSeq?: number): DrillEvent[];
  /** What a command id was used for, if it was applied. */
  command(sessionId: string, commandId: string): CommandRecord | undefined;
  addSeat(seat: SeatRecord): void;
  seatByToken(tokenHash: string): SeatRecord | undefined;
  seats(sessionId: string): SeatRecord[];
  setSeatRole(seatId: string, role: string | null): void;
  /** A seat the facilitator removed: its token no longer works. */
  removeSeat(seatId: string): void;
  setJoining(sessionId: string, open: boolean): void;
  /** Trainers. `addTrainer` throws if the name is taken. */
  addTrainer(trainer: TrainerRecord): void;
  trainerByName(name: string): TrainerRecord | undefined;
  trainerById(id: string): TrainerRecord | undefined;
  trainers(): TrainerRecord[];
  setTrainerPassword(trainerId: string, passwordHash: string): void;
  /** Sign-ins (sessions of a trainer's browser). */
  addSignIn(signIn: SignInRecord): void;
  signIn(tokenHash: string): SignInRecord | undefined;
  setSignInExpiry(tokenHash: string, expiresAt: string): void;
  /** Ends one sign-in, every sign-in of a trainer (but `except`), or those expired before a time. */
  removeSignIns(which: { tokenHash: string } | { trainerId: string; except?: string } | { expiredBefore: string }): void;
  close(): void;
}
