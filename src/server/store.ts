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
  close(): void;
}
