/**
 * The drill host in the browser (one-laptop mode): it owns the transcript, stamps each
 * command with sequence number, drill time, id and wall-clock time, runs the engine as an
 * XState actor, keeps the drill in localStorage so a reload loses nothing, and publishes
 * every change to other windows (the projector) over a BroadcastChannel.
 */
import { stateOf,
  compile,
  scoreDrill,
  FACILITATOR,
  nextDueAt,
  startDrill,
  step,
  submit,
  SYSTEM,
  type Command,
  type CompiledScenario,
  type DrillEvent,
  type DrillSnapshot,
  type Refusal,
  type Scenario,
  type SessionInfo,
} from '../../engine';
import { atSpeed, drillTimeAt, jumpedTo, restarted, SPEEDS, tickDue, type ClockBase, type Speed } from '../../protocol/clock';
import { newId } from '../ids';
import { keepBrowserDrill, summaryOfDrill } from '../review/browserDrills';
import { activeDrillId, drillClockKey, drillKey, forgetDrill, readReached, setActiveDrill, type Reached } from './roomKey';

export { SPEEDS, type Speed, type ClockBase };

/** Everything another window needs to follow the drill. */
export type RoomState = { scenario: Scenario; info: SessionInfo; events: DrillEvent[]; clock: ClockBase };

export type SendResult = { ok: true } | { ok: false; refusal: Refusal };

/** What the console and role screens drive: the browser's own host, or a drill on the server. */
export interface DrillHost extends DrillView {
  send(command: Command, actor?: string): SendResult;
  setSpeed(speed: Speed): void;
  jumpToNext(): boolean;
}

/** Follows a drill from its events; the facilitator's host and the projector both use it. */
export class DrillView {
  readonly compiled: CompiledScenario;
  /** The drill's state: replaced (never changed) by each event, so views can compare by identity. */
  snapshot: DrillSnapshot;
  events: DrillEvent[] = [];
  clock: ClockBase;
  private listeners = new Set<() => void>();

  constructor(
    readonly scenario: Scenario,
    public info: SessionInfo,
    clock?: ClockBase,
  ) {
    this.compiled = compile(scenario);
    this.snapshot = startDrill(this.compiled);
    this.clock = clock ?? { wall: Date.now(), drill: 0, speed: 1 };
  }

  get context() {
    return stateOf(this.snapshot);
  }

  get running() {
    return this.context.status === 'running';
  }

  /** Current drill time in seconds (fractional while the clock runs). */
  drillTime(wallMs = Date.now()): number {
    return drillTimeAt(this.clock, this.running, this.context.now, wallMs);
  }

  /** Applies events this view has not seen yet (they arrive in sequence order). */
  apply(events: readonly DrillEvent[]): void {
    for (const e of events) {
      if (e.seq !== this.events.length + 1) continue;
      this.snapshot = step(this.compiled, this.snapshot, e).snapshot;
      this.events.push(e);
    }
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the views something changed (events, clock or details). */
  emit(): void {
    for (const l of this.listeners) l();
  }

  state(): RoomState {
    return { scenario: this.scenario, info: this.info, events: this.events, clock: this.clock };
  }
}

const CHANNEL = 'drillroom';

type Message = { type: 'hello' } | { type: 'state'; state: RoomState } | { type: 'closed' };

/** A drill as kept in this browser: its state, its status (for the list of drills in progress) and the drill time it had reached. */
export type SavedDrill = RoomState & { status?: string; reached?: Reached };

/** The facilitator's host: the one place commands become events. */
export class LocalDrillHost extends DrillView implements DrillHost {
  private channel: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  private readonly onHide = () => this.saveClock();
  private detached = false;
  /** Once ended: whether the drill is kept in this browser's history (IndexedDB may refuse, in a private window). */
  inHistory: Promise<boolean> = Promise.resolve(false);

  /** `id`: the key it is kept under in this browser (a new one for a new drill). */
  constructor(
    scenario: Scenario,
    info: SessionInfo,
    saved?: Pick<RoomState, 'events' | 'clock'> & { reached?: Reached | null | undefined },
    readonly id: string = newId(),
  ) {
    super(scenario, info, saved?.clock);
    if (saved) {
      this.apply(saved.events);
      // Time while the page was closed does not count, but the time the clock had shown does: it
      // carries on from the drill time reached when the page was left (written several times a
      // second and as the page goes), never from the last event, which may be seconds earlier.
      const reached = Math.max(this.context.now, saved.reached?.drill ?? 0, saved.clock?.drill ?? 0);
      this.clock = restarted(this.clock, reached, Date.now());
    }
    this.channel?.addEventListener('message', (m: MessageEvent<Message>) => {
      if (!this.detached && m.data?.type === 'hello') this.publish();
    });
    if (typeof window !== 'undefined') window.addEventListener('pagehide', this.onHide);
    setActiveDrill(this.id);
    this.save();
    this.publish();
    this.keepIfEnded();
  }

  /** Stamps a command and hands it to the engine; refused commands change nothing. */
  send(command: Command, actor: string = FACILITATOR): SendResult {
    const t = Math.max(this.context.now, Math.floor(this.drillTime()));
    const result = submit(this.compiled, this.snapshot, command, { seq: this.events.length + 1, t, actor, id: newId(), at: new Date().toISOString() });
    if (!result.ok) return { ok: false, refusal: result.refusal };
    const wasRunning = this.running;
    this.snapshot = result.snapshot;
    this.events.push(result.event);
    if (wasRunning !== this.running) this.clock = restarted(this.clock, this.context.now, Date.now());
    this.changed();
    this.keepIfEnded();
    return { ok: true };
  }

  /** Called often by the console: appends a clock event when an inject or deadline falls due, and writes down the drill time reached. */
  tick(): void {
    if (tickDue(nextDueAt(this.context), this.running, this.drillTime())) this.send({ type: 'CLOCK.TICK', payload: {} }, SYSTEM);
    this.saveClock();
  }

  setSpeed(speed: Speed): void {
    this.clock = atSpeed(this.drillTime(), speed, Date.now());
    this.changed();
  }

  /** Moves drill time straight to the next inject or deadline. */
  jumpToNext(): boolean {
    const due = nextDueAt(this.context);
    if (due === undefined || !this.running) return false;
    this.clock = jumpedTo(this.clock, due, this.drillTime(), Date.now());
    this.tick();
    return true;
  }

  /** Leaves this drill kept in the browser (another one takes the console): it is saved, and stops following the page. */
  detach(): void {
    if (this.detached) return;
    this.saveClock();
    this.save();
    this.detached = true;
    if (typeof window !== 'undefined') window.removeEventListener('pagehide', this.onHide);
    this.channel?.close();
    this.channel = null;
  }

  /** Ends this drill on this device: it is no longer kept (an ended drill stays in the history). */
  close(): void {
    this.channel?.postMessage({ type: 'closed' } satisfies Message);
    this.detach();
    forgetDrill(this.id);
  }

  private changed(): void {
    this.save();
    this.saveClock();
    this.publish();
    this.emit();
  }

  private save(): void {
    if (this.detached) return;
    const saved: SavedDrill = { ...this.state(), status: this.context.status };
    localStorage.setItem(drillKey(this.id), JSON.stringify(saved));
  }

  private saveClock(): void {
    if (this.detached) return;
    try {
      localStorage.setItem(drillClockKey(this.id), JSON.stringify({ drill: this.drillTime(), wall: Date.now() } satisfies Reached));
    } catch {
      // storage full: the drill itself is still kept
    }
  }

  /** An ended drill is kept in this browser's history (IndexedDB), again after each later change (the leader's summary). */
  private keepIfEnded(): void {
    if (this.context.status !== 'ended') return;
    const summary = summaryOfDrill(this.id, this.scenario, this.info, this.context, () => scoreDrill(this.compiled, this.context));
    this.inHistory = keepBrowserDrill({ id: this.id, scenario: this.scenario, info: this.info, events: [...this.events], summary });
  }

  private publish(): void {
    this.channel?.postMessage({ type: 'state', state: this.state() } satisfies Message);
  }

  /**
   * A drill kept in this browser (by default the one last on the console), if any. It was
   * checked when it was started; if it no longer builds (damaged storage), there is none.
   */
  static restore(id: string | null = activeDrillId()): LocalDrillHost | null {
    if (!id) return null;
    try {
      const raw = localStorage.getItem(drillKey(id));
      if (!raw) return null;
      const saved = JSON.parse(raw) as SavedDrill;
      return new LocalDrillHost(saved.scenario, saved.info, { ...saved, reached: readReached(id) }, id);
    } catch {
      return null;
    }
  }
}

/** A read-only window (the projector): follows the facilitator's host over the BroadcastChannel. */
export function followRoom(onState: (state: RoomState | null) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener('message', (m: MessageEvent<Message>) => {
    if (m.data?.type === 'state') onState(m.data.state);
    if (m.data?.type === 'closed') onState(null);
  });
  channel.postMessage({ type: 'hello' } satisfies Message);
  return () => channel.close();
}
