/**
 * One drill on the server, authoritative: commands become events here, are committed to the
 * store, and only then applied and broadcast.
 */
import { stateOf,
  canonicalJson,
  compile,
  FACILITATOR,
  nextDueAt,
  participantView,
  publicView,
  replay,
  scoreDrill,
  startDrill,
  submit,
  SYSTEM,
  type Command,
  type CompiledScenario,
  type Debrief,
  type DrillState,
  type DrillEvent,
  type DrillSnapshot,
  type PublicView,
} from '../engine';
import { atSpeed, drillTimeAt, jumpedTo, restarted, tickDue, type ClockBase, type Speed } from '../protocol/clock';
import type { AnyRefusal, Notice, ScreenView, ServerMessage } from '../protocol/messages';
import type { DrillStore, SessionRecord, SessionSummary } from './store';
import { newId } from './tokens';

/** What the history shows about a drill: the score only once it has ended (null: not played). */
export function summaryOf(record: SessionRecord, ctx: DrillState, debrief: () => Debrief): SessionSummary {
  const s = record.scenario;
  const d = ctx.status === 'ended' ? debrief() : null;
  const total = (d?.total as number | null | undefined) ?? null;
  return {
    id: record.id,
    date: record.createdAt,
    scenario: { id: s.id, version: s.version, title: s.title, ...(record.scenarioRevision !== undefined ? { revision: record.scenarioRevision } : {}) },
    team: record.info.team ?? '',
    status: ctx.status,
    total,
    rating: total === null ? null : (d?.rating ?? null),
    criteria: d ? d.criteria.map((c) => ({ id: c.id, title: c.title, score: c.score })) : [],
  };
}

export type Submitted = { ok: true; seq: number; duplicate: boolean } | { ok: false; refusal: AnyRefusal; strike?: boolean };

/**
 * Commands of one session are applied one at a time, in the order they came: each waits on the
 * session's queue (`exclusive`), and an event is committed to the store before it is applied
 * here, acknowledged or broadcast.
 */
export class LiveSession {
  readonly compiled: CompiledScenario;
  snapshot: DrillSnapshot;
  clock: ClockBase;
  /** Set when the server came back after a stop and paused the drill: the facilitator is told until the drill resumes. */
  notice: Notice | null = null;
  /** Whether new participants may join (the facilitator locks and reopens it). */
  joining: boolean;
  /** Roles asked for during play, by seat, waiting for the facilitator's approval. */
  readonly requests = new Map<string, string>();
  private seq: number;
  private listeners = new Set<(m: ServerMessage) => void>();
  /** The end of the session's queue: the next exclusive task starts after it. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Whether a clock tick waits in the queue (the timer adds no second one meanwhile). */
  private ticking = false;

  /** `wall`: the wall clock drill time runs on (tests give their own). */
  private constructor(
    private readonly store: DrillStore,
    readonly record: SessionRecord,
    events: DrillEvent[],
    private readonly wall: () => number,
  ) {
    const wallMs = wall();
    this.joining = record.joining;
    this.compiled = compile(record.scenario);
    this.snapshot = events.length ? replay(this.compiled, events).final : startDrill(this.compiled);
    this.seq = events.at(-1)?.seq ?? 0;
    if (this.context.status !== 'running') {
      this.clock = restarted(record.clock, this.context.now, wallMs);
      return;
    }
    // The server stopped (or crashed) while the drill ran. Drill time carries on from the last
    // checkpoint of the clock (or the last event, if that is later); the time the server was
    // down does not count, and the drill waits, paused, for the facilitator (see `open`).
    const reached = Math.max(this.context.now, record.clock.drill);
    this.clock = { ...record.clock, wall: wallMs, drill: reached };
  }

  /** The live drill of a stored session: its events replayed; a drill that was running when the server stopped is paused. */
  static async open(store: DrillStore, record: SessionRecord, wall: () => number = Date.now): Promise<LiveSession> {
    const session = new LiveSession(store, record, await store.events(record.id), wall);
    if (session.context.status !== 'running') return session;
    await session.exclusive(async () => {
      const wallMs = wall();
      await session.tickNow(wallMs); // anything that fell due by then happens first
      if (session.context.status === 'running') await session.apply({ type: 'DRILL.PAUSE', payload: {} }, FACILITATOR, `restart-${newId()}`);
    });
    // Told only when the drill waits paused (what fell due may also have ended it).
    const now = session.context; // read again: the pause (or what fell due) replaced it
    if (now.status === 'paused') session.notice = { kind: 'restored', drillTime: Math.floor(now.now) };
    return session;
  }

  /**
   * Runs `task` once every task queued before it on this session has finished: what touches the
   * drill (commands, seats, clock) happens one at a time, in order. A failing task does not
   * stop the queue; its caller gets the error.
   */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get id() {
    return this.record.id;
  }

  get context() {
    return stateOf(this.snapshot);
  }

  private scored: { seq: number; debrief: Debrief } | null = null;

  /** The debrief so far (cached until the next event). */
  debrief(): Debrief {
    if (this.scored?.seq !== this.seq) this.scored = { seq: this.seq, debrief: scoreDrill(this.compiled, this.context) };
    return this.scored.debrief;
  }

  private screens: { seq: number; byRole: Map<string, ScreenView> } = { seq: -1, byRole: new Map() };

  /**
   * What a seat other than the facilitator's sees now: a role's participant view, or (`role`
   * null) the room's. Made once per event and role, and the same object for every seat that
   * shares it.
   */
  screen(role: string | null): ScreenView {
    if (this.screens.seq !== this.seq) this.screens = { seq: this.seq, byRole: new Map() };
    const key = role ?? '';
    let view = this.screens.byRole.get(key);
    if (!view) {
      const debrief = () => this.debrief();
      // The room's view is made once and shared by every role's.
      const room = role !== null ? this.screen(null) : publicView(this.compiled, this.context, debrief);
      view = (role !== null ? participantView(this.compiled, this.context, role, debrief, room as PublicView) : null) ?? room;
      this.screens.byRole.set(key, view);
    }
    return view;
  }

  /** What the history shows. */
  summary(): SessionSummary {
    return summaryOf(this.record, this.context, () => this.debrief());
  }

  drillTime(wallMs = this.wall()): number {
    return drillTimeAt(this.clock, this.context.status === 'running', this.context.now, wallMs);
  }

  events(afterSeq: number): Promise<DrillEvent[]> {
    return this.store.events(this.id, afterSeq);
  }

  /** `apply`, in its turn on the session's queue. */
  submit(command: Command, actor: string, commandId?: string, seat?: string): Promise<Submitted> {
    return this.exclusive(() => this.apply(command, actor, commandId, seat));
  }

  /**
   * Stamps, checks, commits, applies and broadcasts one command. A command id is bound to the
   * seat and the command it was first used for: a retry of the same command from the same seat
   * is applied once and acknowledged again; anything else with that id is refused. Only for a
   * task already running on the session's queue (`exclusive`); others call `submit`.
   */
  async apply(command: Command, actor: string, commandId?: string, seat?: string): Promise<Submitted> {
    if (commandId) {
      const earlier = await this.store.command(this.id, commandId);
      if (earlier) {
        const same = earlier.seat === (seat ?? null) && earlier.event.actor === actor && canonicalJson({ type: earlier.event.type, payload: earlier.event.payload }) === canonicalJson({ type: command.type, payload: command.payload });
        return same ? { ok: true, seq: earlier.seq, duplicate: true } : { ok: false, refusal: { code: 'id-reused' }, strike: true };
      }
    }
    const before = this.context.status;
    const stamp = { seq: this.seq + 1, t: Math.max(this.context.now, Math.floor(this.drillTime())), actor, id: commandId ?? newId(), at: new Date(this.wall()).toISOString() };
    const result = submit(this.compiled, this.snapshot, command, stamp);
    if (!result.ok) return { ok: false, refusal: result.refusal };
    const { event } = result;
    await this.store.appendEvent(this.id, event, seat); // committed before anyone hears of it
    this.seq = event.seq;
    this.snapshot = result.snapshot;
    const after = this.context.status;
    if (before !== after) {
      if ((before === 'running') !== (after === 'running')) await this.setClock(restarted(this.clock, this.context.now, this.wall()));
      if (after !== 'paused') this.notice = null;
    }
    // The history's summary changes when the drill starts or ends, and with every rating or observation at the hot wash.
    if (before !== after || after === 'ended') await this.store.saveSummary(this.summary());
    this.broadcast({ type: 'event', event });
    return { ok: true, seq: event.seq, duplicate: false };
  }

  /** Appends a clock event when an inject or deadline falls due (in its turn; a tick already waiting is not doubled). */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.exclusive(() => this.tickNow(this.wall()));
    } finally {
      this.ticking = false;
    }
  }

  private async tickNow(wallMs: number): Promise<void> {
    if (tickDue(nextDueAt(this.context), this.context.status === 'running', this.drillTime(wallMs))) await this.apply({ type: 'CLOCK.TICK', payload: {} }, SYSTEM);
  }

  /** The clock to record now, so that a crash loses at most the time since (undefined unless the drill runs). */
  checkpoint(wallMs = this.wall()): ClockBase | undefined {
    return this.context.status === 'running' ? atSpeed(this.drillTime(wallMs), this.clock.speed, wallMs) : undefined;
  }

  /** Only on the session's queue (`exclusive`). */
  async setSpeed(speed: Speed): Promise<void> {
    await this.setClock(atSpeed(this.drillTime(), speed, this.wall()));
  }

  /** Only on the session's queue (`exclusive`). */
  async jumpToNext(): Promise<void> {
    const due = nextDueAt(this.context);
    if (due === undefined || this.context.status !== 'running') return;
    await this.setClock(jumpedTo(this.clock, due, this.drillTime(), this.wall()));
    await this.tickNow(this.wall());
  }

  /** Waits until every task queued so far has run (closing the server). */
  async settled(): Promise<void> {
    await this.exclusive(async () => undefined);
  }

  private async setClock(clock: ClockBase): Promise<void> {
    this.clock = clock;
    await this.store.setClock(this.id, clock);
    this.broadcast({ type: 'clock', clock });
  }

  subscribe(listener: (m: ServerMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  broadcast(message: ServerMessage): void {
    for (const l of this.listeners) l(message);
  }
}
