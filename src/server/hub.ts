/**
 * The WebSocket hub: who is connected to which session, with which seat; every message is
 * checked (shape, size, rate, seat) and a bad one is refused and logged without disturbing
 * the session.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { FACILITATOR, redactScenario } from '../engine';
import { clientMessageSchema, MAX_MESSAGE_BYTES, type ClientMessage, type SeatView, type ServerMessage } from '../protocol/messages';
import type { LiveSession } from './liveSession';
import type { DrillStore, SeatRecord } from './store';
import { hashToken } from './tokens';

/** Per connection: a burst of 40 messages, then 20 a second. */
const BURST = 40;
const PER_SECOND = 20;
/** Malformed or unauthorised messages tolerated per minute before the connection is cut (the client may come back). */
const MAX_STRIKES = 50;
/** Close codes: 1008 only for a bad token (the app stops retrying); 4000 for abuse (it reconnects later). */
const CLOSE_ABUSE = 4000;

type Connection = { ws: WebSocket; ip: string; /** The upgrade request carried a signed-in trainer's cookie. */ trainer: boolean; seat?: SeatRecord; session?: LiveSession; unsubscribe?: () => void; tokens: number; last: number; strikes: number; strikesSince: number };

export class Hub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Set<Connection>();
  private closed = false;

  constructor(
    private readonly store: DrillStore,
    private readonly live: (sessionId: string) => LiveSession | undefined,
    private readonly log: (message: string) => void = (m) => console.warn(m),
  ) {
    this.wss.on('connection', (ws: WebSocket, req: IncomingMessage, trainer?: boolean) => this.accept(ws, req.socket.remoteAddress ?? '?', trainer === true));
  }

  /** `trainer`: the upgrade request carried a signed-in trainer's cookie (needed for the facilitator's seat). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, trainer = false): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req, trainer));
  }

  /** Seats of a session as everyone may see them (no tokens). */
  seatViews(sessionId: string): SeatView[] {
    const connected = new Set([...this.connections].filter((c) => c.session?.id === sessionId && c.seat).map((c) => c.seat?.id));
    return this.store
      .seats(sessionId)
      .filter((s) => s.kind === 'participant')
      .map((s) => ({ id: s.id, name: s.name, role: s.role, connected: connected.has(s.id) }));
  }

  close(): void {
    this.closed = true;
    for (const c of this.connections) c.ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket, ip: string, trainer: boolean): void {
    const c: Connection = { ws, ip, trainer, tokens: BURST, last: Date.now(), strikes: 0, strikesSince: Date.now() };
    this.connections.add(c);
    ws.on('message', (data, isBinary) => this.receive(c, data as Buffer, isBinary));
    ws.on('close', () => {
      this.connections.delete(c);
      c.unsubscribe?.();
      if (c.session && !this.closed) this.publishSeats(c.session);
    });
    ws.on('error', (e) => this.log(`ws ${ip}: ${e.message}`));
  }

  /** Broadcasts reach every client of a session with the same message object: serialise it once. */
  private readonly serialised = new WeakMap<ServerMessage, string>();

  private send(c: Connection, m: ServerMessage): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    let text = this.serialised.get(m);
    if (text === undefined) {
      text = JSON.stringify(m);
      this.serialised.set(m, text);
    }
    c.ws.send(text);
  }

  /**
   * Refuses a message and logs it. `strike`: it was malformed or unauthorised (a command the
   * drill's rules refuse, such as a task already answered by a colleague, is no strike).
   */
  private refuse(c: Connection, reason: string, id?: string, strike = true): void {
    this.log(`refused from ${c.ip}${c.seat ? ` (${c.seat.kind} ${c.seat.role ?? c.seat.id})` : ''}${c.session ? ` in ${c.session.id}` : ''}: ${reason}`);
    this.send(c, { type: 'refused', ...(id ? { id } : {}), reason });
    if (!strike) return;
    const now = Date.now();
    if (now - c.strikesSince > 60_000) [c.strikes, c.strikesSince] = [0, now];
    if (++c.strikes > MAX_STRIKES) c.ws.close(CLOSE_ABUSE, 'too many refused messages');
  }

  private receive(c: Connection, data: Buffer, isBinary: boolean): void {
    const now = Date.now();
    c.tokens = Math.min(BURST, c.tokens + ((now - c.last) / 1000) * PER_SECOND);
    c.last = now;
    if (c.tokens < 1) return this.refuse(c, 'too many messages: slow down');
    c.tokens -= 1;
    if (isBinary) return this.refuse(c, 'binary messages are not part of the protocol');
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return this.refuse(c, 'not JSON');
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.refuse(c, `malformed message${issue ? ` at ${issue.path.join('.') || '(top)'}: ${issue.message}` : ''}`, typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : undefined);
    }
    try {
      this.handle(c, parsed.data);
    } catch (error) {
      // Never let one message take the server down.
      this.log(`error handling ${parsed.data.type}: ${error instanceof Error ? error.stack : String(error)}`);
      this.send(c, { type: 'error', message: 'the server could not handle that message' });
    }
  }

  private handle(c: Connection, m: ClientMessage): void {
    if (m.type === 'hello') return this.hello(c, m);
    const { seat, session } = c;
    if (!seat || !session) return this.refuse(c, 'say hello first');
    switch (m.type) {
      case 'command': {
        let actor: string;
        if (seat.kind === 'facilitator') actor = FACILITATOR;
        else if (seat.kind === 'participant' && seat.role) actor = seat.role;
        else return this.refuse(c, 'this seat is read-only', m.id);
        if (actor !== FACILITATOR && m.command.type !== 'TASK.ANSWER') return this.refuse(c, `only the facilitator may send ${m.command.type}`, m.id);
        const result = session.submit(m.command as never, actor, m.id);
        if (result.ok) this.send(c, { type: 'ack', id: m.id, seq: result.seq });
        else this.refuse(c, result.reason, m.id, false);
        return;
      }
      case 'claim': {
        if (seat.kind !== 'participant') return this.refuse(c, 'only participants take roles');
        if (seat.role) return this.refuse(c, 'you already have a role; the facilitator can move you');
        return this.setRole(c, session, seat.id, m.role);
      }
      case 'assign': {
        if (seat.kind !== 'facilitator') return this.refuse(c, 'only the facilitator assigns seats');
        return this.setRole(c, session, m.seat, m.role);
      }
      case 'clock': {
        if (seat.kind !== 'facilitator') return this.refuse(c, 'only the facilitator controls the clock');
        if (m.action === 'speed' && m.speed) session.setSpeed(m.speed);
        if (m.action === 'jump') session.jumpToNext();
        return;
      }
    }
  }

  private hello(c: Connection, m: Extract<ClientMessage, { type: 'hello' }>): void {
    const seat = this.store.seatByToken(hashToken(m.token));
    const session = seat && seat.sessionId === m.sessionId ? this.live(seat.sessionId) : undefined;
    if (!seat || !session) {
      this.refuse(c, 'unknown session or token');
      c.ws.close(1008, 'unauthorised');
      return;
    }
    if (seat.kind === 'facilitator' && !c.trainer) {
      this.refuse(c, 'the facilitator\'s seat needs a signed-in trainer');
      c.ws.close(1008, 'sign in as a trainer');
      return;
    }
    c.unsubscribe?.();
    c.seat = seat;
    c.session = session;
    c.unsubscribe = session.subscribe((msg) => this.send(c, msg));
    this.welcome(c, m.lastSeq);
    this.publishSeats(session);
  }

  /** Everything a client needs to catch up: its seat, the scenario it may see, and the events it lacks. */
  private welcome(c: Connection, lastSeq: number): void {
    const { seat, session } = c;
    if (!seat || !session) return;
    const scenario = seat.kind === 'participant' ? redactScenario(session.record.scenario, seat.role) : session.record.scenario;
    this.send(c, {
      type: 'welcome',
      you: { kind: seat.kind, seat: seat.id, name: seat.name, role: seat.role },
      scenario,
      info: this.infoWithParticipants(session),
      code: session.record.code,
      events: session.events(Math.min(lastSeq, session.context.lastSeq)),
      clock: session.clock,
      seats: this.seatViews(session.id),
    });
  }

  private setRole(c: Connection, session: LiveSession, seatId: string, role: string | null): void {
    const seats = this.store.seats(session.id);
    const seat = seats.find((s) => s.id === seatId && s.kind === 'participant');
    if (!seat) return this.refuse(c, 'no such seat in this session');
    if (role !== null) {
      if (!session.compiled.playerRoles.includes(role)) return this.refuse(c, `"${role}" is not a player role`);
      const holder = seats.find((s) => s.role === role && s.id !== seatId);
      if (holder) return this.refuse(c, `${holder.name} already plays that role; free it first`);
    }
    this.store.setSeatRole(seatId, role);
    const updated = { ...seat, role };
    // The seat's own connections learn their new role (and get the briefing that goes with it).
    for (const other of this.connections) {
      if (other.seat?.id !== seatId) continue;
      other.seat = updated;
      this.welcome(other, session.context.lastSeq);
    }
    this.publishSeats(session);
  }

  private infoWithParticipants(session: LiveSession) {
    const participants = Object.fromEntries(this.store.seats(session.id).flatMap((s) => (s.kind === 'participant' && s.role ? [[s.role, s.name]] : [])));
    return { ...session.record.info, participants };
  }

  publishSeats(session: LiveSession): void {
    session.broadcast({ type: 'seats', seats: this.seatViews(session.id) });
  }
}
