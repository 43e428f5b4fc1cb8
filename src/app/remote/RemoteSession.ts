/**
 * A drill on the server, seen from this browser: one WebSocket that says hello with the seat's
 * token, resends commands not yet acknowledged (the server drops repeats by their id), and
 * reconnects by itself. The facilitator's seat follows the drill's events in sequence order
 * and runs the engine; every other seat shows the view the server computes for it.
 */
import { EVENT_TYPES, type Command, type DrillEvent, type Scenario, type SessionInfo } from '../../engine';
import { drillTimeAt, type ClockBase } from '../../protocol/clock';
import type { AnyRefusal, ClientMessage, ExerciseView, Notice, ScreenView, SeatView, ServerMessage, You } from '../../protocol/messages';
import type { CriterionRating, PublicView } from '../../engine';
import { patched } from '../../protocol/screen';
import type { RemoteDrillHost } from './RemoteDrillHost';
import { newId } from '../ids';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'refused';

export type RemoteState = {
  status: ConnectionStatus;
  /** The facilitator's seat: the drill, followed event by event. */
  host: RemoteDrillHost | null;
  /** Any other seat: what it may see, as the server computed it. */
  screen: ScreenView | null;
  clock: ClockBase | null;
  info: SessionInfo | null;
  you: You | null;
  seats: SeatView[];
  /** Whether new participants may join with the code. */
  joining: boolean;
  code: string;
  /** The last command the server refused, in its words (answers refused are kept by task instead). */
  refusal: AnyRefusal | null;
  /** Commands not yet acknowledged (queued while offline), oldest first. */
  pending: Pending[];
  /** Answers the server refused, by task: shown beside that task. */
  taskRefusals: Record<string, AnyRefusal>;
  /** For the facilitator: the server stopped and came back, and paused the drill. */
  notice: Notice | null;
  /** When the drill is one group's part of an exercise: the exercise as this seat sees it. */
  exercise: ExerciseView | null;
  /** While another group plays its round: that group's room view (`group`: its index). */
  watch: { group: number; screen: PublicView; clock: ClockBase | null } | null;
};

export type Pending = { id: string; command: Command };

/** The task an answer is for (other commands: undefined). */
const taskOf = (command: Command): string | undefined => (command.type === 'TASK.ANSWER' ? command.payload.task : undefined);

/** Builds the facilitator's drill from the scenario and details the server sends (only the console passes one: other seats never run the engine). */
export type HostFactory = (scenario: Scenario, info: SessionInfo, session: RemoteSession) => RemoteDrillHost;

export class RemoteSession {
  state: RemoteState = { status: 'connecting', host: null, screen: null, clock: null, info: null, you: null, seats: [], joining: true, code: '', refusal: null, pending: [], taskRefusals: {}, notice: null, exercise: null, watch: null };
  private ws: WebSocket | null = null;
  private retry = 0;
  private closed = false;
  private listeners = new Set<() => void>();
  private readonly outboxKey: string;
  /** The fingerprint of the scenario we hold: the server leaves it out of the next welcome. */
  private fingerprint: string | undefined;

  constructor(
    readonly sessionId: string,
    private readonly token: string,
    private readonly makeHost?: HostFactory,
  ) {
    // One outbox per seat: windows of other seats in this browser (a projector, another tab) never touch it.
    this.outboxKey = `drillroom.outbox.${sessionId}.${token.slice(-16)}`;
  }

  /** Connects (again, after `close`). */
  open(): void {
    this.closed = false;
    this.state = { ...this.state, pending: this.outbox() };
    this.connect();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = () => this.state;

  /** The drill time a seat's screen shows (the facilitator's host keeps its own). */
  drillTime(wallMs = Date.now()): number {
    const { screen, clock } = this.state;
    if (!screen || !clock) return 0;
    return drillTimeAt(clock, screen.status === 'running', screen.now, wallMs);
  }

  close(): void {
    this.closed = true;
    const ws = this.ws;
    this.ws = null;
    ws?.close();
  }

  /**
   * Sends a drill command; it stays in the outbox (kept in the browser) until the server
   * answers. A new answer to a task replaces one still waiting to be sent.
   */
  command(command: Command): void {
    const pending: Pending = { id: newId(), command };
    const task = taskOf(command);
    this.saveOutbox([...this.outbox().filter((p) => task === undefined || taskOf(p.command) !== task), pending]);
    if (task !== undefined && this.state.taskRefusals[task]) {
      const { [task]: _gone, ...rest } = this.state.taskRefusals;
      this.set({ taskRefusals: rest });
    }
    this.post({ type: 'command', id: pending.id, command });
  }

  /**
   * Sends what the outbox holds (after a reconnect). Answers wait while the drill is paused
   * (the server would refuse them): they go when it resumes.
   */
  private flush(): void {
    const you = this.state.you;
    if (!you || (you.kind !== 'facilitator' && !you.role)) return;
    const paused = (this.state.host?.context.status ?? this.state.screen?.status) === 'paused';
    for (const p of this.outbox()) if (!(paused && (p.command.type === 'TASK.ANSWER' || p.command.type === 'TASK.APPROVE'))) this.post({ type: 'command', id: p.id, command: p.command });
  }

  post(message: ClientMessage): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  claim(role: string): void {
    this.post({ type: 'claim', role });
  }

  assign(seat: string, role: string | null): void {
    this.post({ type: 'assign', seat, role });
  }

  /** The facilitator approves or declines a role a seat asked for during play. */
  decide(seat: string, approve: boolean): void {
    this.post({ type: 'decide', seat, approve });
  }

  remove(seat: string): void {
    this.post({ type: 'remove', seat });
  }

  setJoining(open: boolean): void {
    this.post({ type: 'joining', open });
  }

  /** A participant's review of the group under peer review (sent again, it replaces the earlier one). */
  review(ratings: CriterionRating[]): void {
    this.post({ type: 'review', ratings });
  }

  private set(patch: Partial<RemoteState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private connect(): void {
    // The session in the URL: with several server processes, the one serving it gets the connection (see the README).
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws?session=${encodeURIComponent(this.sessionId)}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      const hello: ClientMessage = { type: 'hello', sessionId: this.sessionId, token: this.token, lastSeq: this.state.host?.events.length ?? 0, ...(this.fingerprint && this.state.host ? { scenario: this.fingerprint } : {}) };
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (m) => {
      try {
        this.receive(JSON.parse(String(m.data)) as ServerMessage);
      } catch {
        // a message we cannot read changes nothing
      }
    };
    ws.onclose = (e) => {
      if (this.ws !== ws || this.closed) return;
      if (e.code === 1008) return this.set({ status: 'refused' }); // the token is not valid: retrying will not help
      this.set({ status: 'reconnecting' });
      const delay = Math.min(5000, 300 * 2 ** this.retry++);
      setTimeout(() => !this.closed && this.connect(), delay);
    };
  }

  private receive(m: ServerMessage): void {
    switch (m.type) {
      case 'welcome': {
        const base = { status: 'online' as const, you: m.you, seats: m.seats, joining: m.joining, code: m.code, info: m.info, clock: m.clock, notice: m.notice ?? null, exercise: m.exercise ?? null };
        if (m.screen) {
          this.set({ ...base, screen: m.screen, host: null });
          this.flush();
          return;
        }
        if (!m.drill) return;
        let host = this.state.host;
        // A scenario we do not hold yet: build the drill from the events we have.
        if (m.drill.scenario && this.makeHost && (!host || this.fingerprint !== m.drill.fingerprint)) {
          const next = this.makeHost(m.drill.scenario, m.info, this);
          next.apply(host?.events ?? []);
          host = next;
        }
        if (!host) {
          // left out, but we hold none: ask again in full
          this.fingerprint = undefined;
          this.ws?.close();
          return;
        }
        this.fingerprint = m.drill.fingerprint;
        host.info = m.info;
        host.clock = m.clock;
        host.apply(this.checked(m.drill.events));
        this.set({ ...base, host, screen: null });
        this.flush();
        return;
      }
      case 'screen': {
        const screen = this.state.screen;
        if (!screen) return; // a change to a view we do not hold: the next welcome brings it whole
        const next = patched(screen, m.screen);
        this.set({ screen: next });
        if (screen.status === 'paused' && next.status !== 'paused') this.flush(); // answers held while the drill was paused
        return;
      }
      case 'event': {
        const host = this.state.host;
        if (!host) return;
        const [event] = this.checked([m.event]);
        if (!event) return;
        if (event.seq > host.events.length + 1) {
          this.ws?.close(); // a gap: reconnect and catch up from what we have
          return;
        }
        const wasPaused = host.context.status === 'paused';
        host.apply([event]);
        this.set({});
        if (wasPaused && host.context.status !== 'paused') this.flush(); // answers held while the drill was paused
        return;
      }
      case 'ack':
        this.saveOutbox(this.outbox().filter((p) => p.id !== m.id));
        return;
      case 'refused': {
        const outbox = this.outbox();
        const task = outbox.find((p) => p.id === m.id)?.command;
        if (m.id) this.saveOutbox(outbox.filter((p) => p.id !== m.id));
        const taskId = task && taskOf(task);
        if (taskId !== undefined) this.set({ taskRefusals: { ...this.state.taskRefusals, [taskId]: m.refusal } });
        else this.set({ refusal: m.refusal });
        return;
      }
      case 'seats':
        this.set({ seats: m.seats, joining: m.joining });
        return;
      case 'exercise':
        this.set({ exercise: m.exercise, ...(m.exercise.playing === null || m.exercise.playing === m.exercise.group ? { watch: null } : {}) });
        return;
      case 'watch':
        this.set({ watch: m.screen ? { group: m.group, screen: m.screen, clock: m.clock ?? null } : null });
        return;
      case 'you':
        this.set({ you: m.you });
        return;
      case 'clock':
        if (this.state.host) {
          this.state.host.clock = m.clock;
          this.state.host.emit();
        }
        this.set({ clock: m.clock });
        return;
      case 'error':
        this.set({ refusal: m.refusal });
        return;
    }
  }

  /**
   * Events from the server that have an event's shape. The server checked them in full; a
   * light check here keeps the validator out of a participant's download. The engine refuses
   * anything that does not follow the drill's rules anyway.
   */
  private checked(events: unknown[]): DrillEvent[] {
    return events.filter((e): e is DrillEvent => {
      const x = e as Partial<DrillEvent> | null;
      return (
        !!x && typeof x === 'object' && Number.isInteger(x.seq) && Number.isInteger(x.t) && typeof x.actor === 'string' && EVENT_TYPES.includes(x.type as DrillEvent['type']) && typeof x.payload === 'object' && x.payload !== null
      );
    });
  }

  private outbox(): Pending[] {
    try {
      return JSON.parse(localStorage.getItem(this.outboxKey) ?? '[]') as Pending[];
    } catch {
      return [];
    }
  }

  private saveOutbox(items: Pending[]): void {
    localStorage.setItem(this.outboxKey, JSON.stringify(items));
    this.set({ pending: items });
  }
}
