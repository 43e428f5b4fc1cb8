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
};

export type SeatRecord = {
  id: string;
  sessionId: string;
  kind: SeatKind;
  name: string;
  role: string | null;
  tokenHash: string;
};

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
  sessions(): SessionRecord[];
  setClock(sessionId: string, clock: ClockBase): void;
  setPlan(sessionId: string, plan: PlanItem[]): void;
  /** Appends one event and commits it; throws if its seq or command id is already taken. */
  appendEvent(sessionId: string, event: DrillEvent): void;
  events(sessionId: string, afterSeq?: number): DrillEvent[];
  /** The seq of the event a command id produced, if it was applied. */
  seqOfCommand(sessionId: string, commandId: string): number | undefined;
  addSeat(seat: SeatRecord): void;
  seatByToken(tokenHash: string): SeatRecord | undefined;
  seats(sessionId: string): SeatRecord[];
  setSeatRole(seatId: string, role: string | null): void;
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
