/**
 * One drill on the server, authoritative: commands become events here, are committed to the
 * store, and only then applied and broadcast.
 */
import { compile, nextDueAt, replay, scoreDrill, startDrill, submit, SYSTEM, type Command, type CompiledScenario, type Debrief, type DrillEvent, type DrillSnapshot, type Refusal } from '../engine';
import { atSpeed, drillTimeAt, jumpedTo, restarted, tickDue, type ClockBase, type Speed } from '../protocol/clock';
import type { ServerMessage } from '../protocol/messages';
import type { DrillStore, SessionRecord } from './store';
import { newId } from './tokens';

export type Submitted = { ok: true; seq: number; duplicate: boolean } | { ok: false; refusal: Refusal };

export class LiveSession {
  readonly compiled: CompiledScenario;
  snapshot: DrillSnapshot;
  clock: ClockBase;
  private seq: number;
  private listeners = new Set<(m: ServerMessage) => void>();

  constructor(
    private readonly store: DrillStore,
    readonly record: SessionRecord,
  ) {
    this.compiled = compile(record.scenario);
    const events = store.events(record.id);
    this.snapshot = events.length ? replay(this.compiled, events).final : startDrill(this.compiled);
    this.seq = events.at(-1)?.seq ?? 0;
    // After a restart, drill time carries on from the last recorded event.
    this.clock = restarted(record.clock, this.snapshot.context.now, Date.now());
  }

  get id() {
    return this.record.id;
  }

  get context() {
    return this.snapshot.context;
  }

  private scored: { seq: number; debrief: Debrief } | null = null;

  /** The debrief so far (cached until the next event). */
  debrief(): Debrief {
    if (this.scored?.seq !== this.seq) this.scored = { seq: this.seq, debrief: scoreDrill(this.compiled, this.context) };
    return this.scored.debrief;
  }

  drillTime(wallMs = Date.now()): number {
    return drillTimeAt(this.clock, this.context.status === 'running', this.context.now, wallMs);
  }

  events(afterSeq: number): DrillEvent[] {
    return this.store.events(this.id, afterSeq);
  }

  /** Stamps, checks, commits, applies and broadcasts one command. A repeated command id is applied once. */
  submit(command: Command, actor: string, commandId?: string): Submitted {
    if (commandId) {
      const seq = this.store.seqOfCommand(this.id, commandId);
      if (seq !== undefined) return { ok: true, seq, duplicate: true };
    }
    const wasRunning = this.context.status === 'running';
    const stamp = { seq: this.seq + 1, t: Math.max(this.context.now, Math.floor(this.drillTime())), actor, id: commandId ?? newId(), at: new Date().toISOString() };
    const result = submit(this.compiled, this.snapshot, command, stamp);
    if (!result.ok) return { ok: false, refusal: result.refusal };
    const { event } = result;
    this.store.appendEvent(this.id, event); // committed before anyone hears of it
    this.seq = event.seq;
    this.snapshot = result.snapshot;
    if (wasRunning !== (this.context.status === 'running')) this.setClock(restarted(this.clock, this.context.now, Date.now()));
    this.broadcast({ type: 'event', event });
    return { ok: true, seq: event.seq, duplicate: false };
  }

  /** Appends a clock event when an inject or deadline falls due. */
  tick(wallMs = Date.now()): void {
    if (tickDue(nextDueAt(this.context), this.context.status === 'running', this.drillTime(wallMs))) this.submit({ type: 'CLOCK.TICK', payload: {} }, SYSTEM);
  }

  setSpeed(speed: Speed): void {
    this.setClock(atSpeed(this.drillTime(), speed, Date.now()));
  }

  jumpToNext(): void {
    const due = nextDueAt(this.context);
    if (due === undefined || this.context.status !== 'running') return;
    this.setClock(jumpedTo(this.clock, due, this.drillTime(), Date.now()));
    this.tick();
  }

  private setClock(clock: ClockBase): void {
    this.clock = clock;
    this.store.setClock(this.id, clock);
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
