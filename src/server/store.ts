/**
 * The one narrow interface between the drill server and its database. SQLite implements it
 * (sqliteStore.ts, the default) and so does PostgreSQL (pgStore.ts, DATABASE_URL). Every method
 * is asynchronous; a write's promise resolves only once the write is committed (and, for
 * events, on disk), so a caller that awaits it may acknowledge and broadcast what it wrote.
 */
import type { DrillEvent, LocalText, PlanItem, Scenario, SessionInfo } from '../engine';
import type { ClockBase, ExerciseMode, SeatKind, SessionSummary as ProtocolSummary } from '../protocol/messages';

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
  /** The revision of a bank scenario the drill runs (absent for a shipped scenario). */
  scenarioRevision?: number;
};

export type SeatRecord = {
  id: string;
  sessionId: string;
  kind: SeatKind;
  name: string;
  role: string | null;
  tokenHash: string;
  /** The venue the seat sits in (a projector's: the venue it is shown in), when the drill has venues. */
  venue?: string;
};

/**
 * Several groups playing the same scenario, each in its own session (its own transcript), in
 * rounds or in parallel; the facilitator moves the round and opens each group's peer review.
 */
export type ExerciseRecord = {
  id: string;
  createdAt: string;
  /** The trainer who made it (their id). */
  createdBy: string;
  mode: ExerciseMode;
  scenario: { id: string; title: LocalText; revision?: number };
  venues: string[];
  groups: { name: string; sessionId: string }[];
  /** The group playing its round now (rounds), or null. */
  playing: number | null;
  /** The group under peer review now, or null. */
  reviewing: number | null;
};

/** What the history shows about a drill; a drill of a bank scenario also names the revision it ran. */
export type SessionSummary = ProtocolSummary & { scenario: ProtocolSummary['scenario'] & { revision?: number } };

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

/** One published revision of a bank scenario (built by a trainer): it never changes once stored. */
export type ScenarioRevisionRecord = {
  id: string;
  /** 1 for the first publication of the id, then n + 1. */
  revision: number;
  scenario: Scenario;
  /** The trainer who published it (their id). */
  publishedBy: string;
  publishedAt: string;
};

/** A server process sharing the database (see ownership.ts): its id (new at every start) and the URL other processes reach it at. */
export type ProcessRecord = { id: string; url: string };
/** The process serving a session, and whether it heartbeated recently. */
export type SessionOwner = ProcessRecord & { alive: boolean };

/** A write refused by the fence (`fenceWrites`): the session is served by another process now. */
export class NotOwnerError extends Error {
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} is served by another process`);
  }
}

/** Which drills `purge` removes. */
export type PurgeRule = { endedBefore?: string; unstartedBefore: string; keep: ReadonlySet<string>; keepOthers?: { me: string; staleMs: number } };

export interface DrillStore {
  /** Which database this is, for the log ("sqlite" or "postgres"). */
  readonly kind: string;
  createSession(session: SessionRecord, seats: SeatRecord[]): Promise<void>;
  session(id: string): Promise<SessionRecord | undefined>;
  sessionByCode(code: string): Promise<SessionRecord | undefined>;
  /** Summaries, newest first, at most `limit`; `team` matches part of the team's name, any case. */
  history(filter: { scenario?: string; team?: string; limit: number }): Promise<SessionSummary[]>;
  saveSummary(summary: SessionSummary): Promise<void>;
  /**
   * Removes old drills with all they hold (events, seats, summary): those ended and created
   * before `endedBefore` (when given) and those never started and created before
   * `unstartedBefore`, except the ids in `keep` (drills open now) and, with `keepOthers`, the
   * drills of every other process seen within `staleMs` (open there, perhaps). Returns the ids removed.
   */
  purge(rule: PurgeRule): Promise<string[]>;
  /** Sessions that have no summary yet (made before summaries were kept). */
  unsummarised(): Promise<string[]>;
  setClock(sessionId: string, clock: ClockBase): Promise<void>;
  /** Several clocks in one commit: the running drills' checkpoints. */
  setClocks(clocks: { sessionId: string; clock: ClockBase }[]): Promise<void>;
  setPlan(sessionId: string, plan: PlanItem[]): Promise<void>;
  /**
   * Appends one event (sent from `seat`, if a seat sent it); resolves once it is committed (on
   * disk). Appends made within a few milliseconds of each other, of any sessions, may share one
   * commit (group commit). Rejects if its seq or command id is already taken (only that append
   * fails, not the others of its group).
   */
  appendEvent(sessionId: string, event: DrillEvent, seat?: string): Promise<void>;
  events(sessionId: string, afterSeq?: number): Promise<DrillEvent[]>;
  /** What a command id was used for, if it was applied. */
  command(sessionId: string, commandId: string): Promise<CommandRecord | undefined>;
  addSeat(seat: SeatRecord): Promise<void>;
  seatByToken(tokenHash: string): Promise<SeatRecord | undefined>;
  seats(sessionId: string): Promise<SeatRecord[]>;
  setSeatRole(seatId: string, role: string | null): Promise<void>;
  /** A seat the facilitator removed: its token no longer works. */
  removeSeat(seatId: string): Promise<void>;
  setJoining(sessionId: string, open: boolean): Promise<void>;
  /** Trainers. `addTrainer` rejects if the name is taken. */
  addTrainer(trainer: TrainerRecord): Promise<void>;
  trainerByName(name: string): Promise<TrainerRecord | undefined>;
  trainerById(id: string): Promise<TrainerRecord | undefined>;
  trainers(): Promise<TrainerRecord[]>;
  setTrainerPassword(trainerId: string, passwordHash: string): Promise<void>;
  /** Sign-ins (sessions of a trainer's browser). */
  addSignIn(signIn: SignInRecord): Promise<void>;
  signIn(tokenHash: string): Promise<SignInRecord | undefined>;
  setSignInExpiry(tokenHash: string, expiresAt: string): Promise<void>;
  /** Ends one sign-in, every sign-in of a trainer (but `except`), or those expired before a time. */
  removeSignIns(which: { tokenHash: string } | { trainerId: string; except?: string } | { expiredBefore: string }): Promise<void>;
  /**
   * Publishes a bank scenario: stores it as the id's next revision (1 for a new id) and returns
   * that revision. Two publications at once get two revisions; a stored revision never changes.
   */
  publishScenario(scenario: Scenario, publishedBy: string, publishedAt: string): Promise<number>;
  /** One revision of a bank scenario, or (no `revision`) its latest. */
  scenarioRevision(id: string, revision?: number): Promise<ScenarioRevisionRecord | undefined>;
  /** The latest revision of every bank scenario, by id. */
  bankScenarios(): Promise<ScenarioRevisionRecord[]>;
  createExercise(exercise: ExerciseRecord): Promise<void>;
  exercise(id: string): Promise<ExerciseRecord | undefined>;
  /** The newest exercises first, at most `limit`. */
  exercises(limit: number): Promise<ExerciseRecord[]>;
  /** Moves the round and the review of an exercise. */
  setExerciseState(id: string, state: { playing: number | null; reviewing: number | null }): Promise<void>;
  /**
   * Several server processes (ownership.ts). `heartbeat` records a process as seen now (by the
   * database's clock, not the caller's: machines' clocks may differ).
   */
  heartbeat(process: ProcessRecord): Promise<void>;
  /**
   * Marks processes as long gone, so that their sessions are taken over at once: those at `url`
   * (a process restarted at the same address retires its predecessor), or (no `url`) all; never
   * `except`. Processes unseen for a day that serve nothing are removed.
   */
  retireProcesses(rule: { url?: string; except: string }): Promise<void>;
  /** Processes seen within `staleMs`. */
  liveProcesses(staleMs: number): Promise<ProcessRecord[]>;
  /** The process serving a session (undefined: none recorded), alive if seen within `staleMs`. */
  sessionOwner(sessionId: string, staleMs: number): Promise<SessionOwner | undefined>;
  /**
   * Makes `processId` the session's owner if the session exists and has no owner, or is still
   * owned by `from` (a dead process: a takeover), or already by `processId`. Whether it owns the
   * session now. Of two processes taking the same session over at once, one wins.
   */
  claimSession(sessionId: string, processId: string, from: string | null): Promise<boolean>;
  /** Of `sessionIds`, those `processId` owns. */
  ownedSessions(processId: string, sessionIds: string[]): Promise<string[]>;
  /**
   * From now on this store is `processId`'s: a new session is recorded as its own, and events
   * are appended (and clocks written) only for sessions it owns. An append to another's session
   * rejects with NotOwnerError; a takeover waits for appends under way, and sees them.
   */
  fenceWrites(processId: string): void;
  /** Ids of the migrations applied to this database, in order. */
  migrations(): Promise<string[]>;
  /** Waits for pending commits, then closes the database. */
  close(): Promise<void>;
}
