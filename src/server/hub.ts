/**
 * The WebSocket hub: who is connected to which session, with which seat; every message is
 * checked (shape, size, rate, seat) and a bad one is refused without disturbing the session.
 * One client cannot stall the others: connections per seat and per address are capped,
 * `hello` is rate limited, a welcome carries only what the seat lacks, and a client that does
 * not read what it is sent is cut off.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { castOf, EVALUATOR, FACILITATOR, maySend, SYSTEM, type Command, type Scenario } from '../engine';
import { clientMessageSchema, MAX_MESSAGE_BYTES, type AnyRefusal, type ClientMessage, type ExerciseView, type ScreenView, type SeatView, type ServerMessage } from '../protocol/messages';
import type { Exercises } from './exercises';
import { isClientAbort, RefusalLog, type Logger } from './log';
import type { LiveSession } from './liveSession';
import type { DrillStore, ExerciseRecord, SeatRecord } from './store';
import { hashToken } from './tokens';

/** `hello` per connection: 3 at once, then one every 5 s; beyond that the connection is cut. */
const HELLO_BURST = 3;
const HELLO_PER_SECOND = 0.2;
/** `hello` per seat, over all its connections: 20 at once, then two a second. */
const SEAT_HELLO_BURST = 20;
const SEAT_HELLO_PER_SECOND = 2;
/** Malformed or unauthorised messages tolerated per minute before the connection is cut (the client may come back). */
const MAX_STRIKES = 50;
/** A client that leaves this much unread is not reading: it is cut off rather than buffered for. */
const MAX_BUFFERED = 4 * 1024 * 1024;
/** Close codes: 1008 only for a bad token (the app stops retrying); 4000 for abuse (it reconnects later). */
const CLOSE_ABUSE = 4000;
/** 1012 (service restart): the session is served by another process now; the client reconnects (to /ws?session=…, forwarded there). */
const CLOSE_MOVED = 1012;

export type HubLimits = {
  /** Open connections per seat token (tabs and devices of one seat). */
  connectionsPerSeat: number;
  /** Open connections per client address; loopback (this machine) is exempt unless `capLoopback`. */
  connectionsPerAddress: number;
  capLoopback: boolean;
  /** Messages per connection: a burst, then so many a second. */
  messageBurst: number;
  messagesPerSecond: number;
};
export const DEFAULT_HUB_LIMITS: HubLimits = { connectionsPerSeat: 4, connectionsPerAddress: 12, capLoopback: false, messageBurst: 40, messagesPerSecond: 20 };

type Bucket = { tokens: number; last: number };
const take = (b: Bucket, burst: number, perSecond: number, now: number): boolean => {
  b.tokens = Math.min(burst, b.tokens + ((now - b.last) / 1000) * perSecond);
  b.last = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
};

type Connection = {
  id: number;
  ws: WebSocket;
  ip: string;
  /** The sign-in (its token's hash) of the trainer whose cookie the upgrade request carried (needed for the facilitator's seat). */
  signIn: string | undefined;
  seat?: SeatRecord;
  session?: LiveSession;
  /** What this seat's screen last showed, field by field (not the facilitator's): only fields that changed are sent. */
  screen?: Record<string, string>;
  unsubscribe?: () => void;
  /** While another group of its exercise plays a round: the session watched, and how to stop. */
  watching?: { sessionId: string; unsubscribe: () => void };
  /** The connection's messages are handled one after another, in the order they came. */
  queue: Promise<void>;
  messages: Bucket;
  hellos: Bucket;
  strikes: number;
  strikesSince: number;
  refusals: RefusalLog;
  log: Logger;
};

/** Seats that follow the whole drill, event by event: the facilitator's, and an evaluator's (without controls). */
const followsEvents = (seat: SeatRecord) => seat.kind === 'facilitator' || seat.kind === 'evaluator';

/** The view a seat other than the facilitator's is shown: its role's, or (projector, observer) the room's. */
const screenOf = (session: LiveSession, seat: SeatRecord) => session.screen(seat.kind === 'participant' ? seat.role : null);

const isLoopback = (ip: string) => ip === '::1' || ip.startsWith('127.') || ip.startsWith('::ffff:127.');

export class Hub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Set<Connection>();
  private readonly seatHellos = new Map<string, Bucket>();
  /** Per session: the scenario the facilitator's seat holds and its fingerprint, made once. */
  private readonly fingerprints = new WeakMap<Scenario, string>();
  private closed = false;
  private nextId = 1;

  constructor(
    private readonly store: DrillStore,
    private readonly live: (sessionId: string) => Promise<LiveSession | undefined>,
    private readonly log: Logger,
    private readonly limits: HubLimits = DEFAULT_HUB_LIMITS,
    /** Whether a sign-in is still valid: a facilitator's seat works only while its trainer stays signed in. */
    private readonly signedIn: (signIn: string) => Promise<boolean> = () => Promise.resolve(false),
    private readonly exercises?: Exercises,
  ) {
    this.wss.on('connection', (ws: WebSocket, _req: IncomingMessage, ip: string, signIn?: string) => this.accept(ws, ip, signIn));
  }

  /**
   * `signIn`: the sign-in of the trainer whose cookie the upgrade request carried (needed for the
   * facilitator's seat); `ip`: the client's address (another process's forwarding says it).
   */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, signIn?: string, ip = req.socket.remoteAddress ?? '?'): void {
    if (this.limits.capLoopback || !isLoopback(ip)) {
      let open = 0;
      for (const c of this.connections) if (c.ip === ip) open++;
      if (open >= this.limits.connectionsPerAddress) {
        this.log.warn({ ip, open }, 'websocket refused: too many connections from this address');
        socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req, ip, signIn));
  }

  /** Seats of a session as everyone may see them (no tokens). */
  async seatViews(session: LiveSession): Promise<SeatView[]> {
    const seats = await this.store.seats(session.id);
    const connected = new Set([...this.connections].filter((c) => c.session?.id === session.id && c.seat).map((c) => c.seat?.id));
    return seats
      .filter((s) => s.kind === 'participant')
      .map((s) => {
        const requested = session.requests.get(s.id);
        return { id: s.id, name: s.name, role: s.role, connected: connected.has(s.id), ...(requested ? { requested } : {}), ...(s.venue ? { venue: s.venue } : {}) };
      });
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** A session another process serves now: its clients are closed, and reconnect to find it there. */
  dropSession(sessionId: string): void {
    for (const c of this.connections) if (c.session?.id === sessionId) c.ws.close(CLOSE_MOVED, 'this drill moved to another server process');
  }

  close(): void {
    this.closed = true;
    for (const c of this.connections) c.ws.terminate();
    this.wss.close();
  }

  private accept(ws: WebSocket, ip: string, signIn: string | undefined): void {
    const now = Date.now();
    const id = this.nextId++;
    const c: Connection = {
      id,
      ws,
      ip,
      signIn,
      queue: Promise.resolve(),
      messages: { tokens: this.limits.messageBurst, last: now },
      hellos: { tokens: HELLO_BURST, last: now },
      strikes: 0,
      strikesSince: now,
      refusals: new RefusalLog(() => c.log),
      log: this.log.child({ conn: id, ip }),
    };
    this.connections.add(c);
    ws.on('message', (data, isBinary) => this.receive(c, data as Buffer, isBinary));
    ws.on('close', (code) => {
      this.connections.delete(c);
      c.unsubscribe?.();
      c.watching?.unsubscribe();
      c.refusals.flush();
      c.log.debug({ code }, 'websocket closed');
      if (c.session && c.seat && !this.closed && !this.seatConnected(c.seat.id)) void this.publishSeats(c.session);
    });
    ws.on('error', (e) => (isClientAbort(e) ? c.log.debug({ err: e.message }, 'websocket aborted by the client') : c.log.warn({ err: e.message }, 'websocket error')));
  }

  private seatConnected(seatId: string, except?: Connection): boolean {
    for (const c of this.connections) if (c !== except && c.seat?.id === seatId) return true;
    return false;
  }

  /** Broadcasts reach every client of a session with the same message object: serialise it once. */
  private readonly serialised = new WeakMap<ServerMessage, string>();

  private send(c: Connection, m: ServerMessage | string): void {
    if (c.ws.readyState !== c.ws.OPEN) return;
    if (c.ws.bufferedAmount > MAX_BUFFERED) {
      c.log.warn({ buffered: c.ws.bufferedAmount }, 'websocket cut off: the client does not read');
      c.ws.terminate();
      return;
    }
    c.ws.send(typeof m === 'string' ? m : this.text(m));
  }

  private text(m: ServerMessage): string {
    let text = this.serialised.get(m);
    if (text === undefined) {
      text = JSON.stringify(m);
      this.serialised.set(m, text);
    }
    return text;
  }

  /** Each view's fields, serialised once for every seat that shares the view. */
  private readonly screenFields = new WeakMap<ScreenView, Record<string, string>>();

  /** Fields shared by several views (the room's parts of every role's view) are serialised once. */
  private readonly fieldTexts = new WeakMap<object, string>();

  private fieldsOf(screen: ScreenView): Record<string, string> {
    let fields = this.screenFields.get(screen);
    if (!fields) {
      fields = Object.fromEntries(
        Object.entries(screen).map(([k, v]) => {
          if (typeof v !== 'object' || v === null) return [k, JSON.stringify(v)];
          let text = this.fieldTexts.get(v as object);
          if (text === undefined) {
            text = JSON.stringify(v);
            this.fieldTexts.set(v as object, text);
          }
          return [k, text];
        }),
      );
      this.screenFields.set(screen, fields);
    }
    return fields;
  }

  /**
   * Sends a seat what changed in its view since the last it got: only the fields that changed
   * (null for one gone), so an answer elsewhere costs a participant the role board, not its whole screen.
   */
  private sendScreen(c: Connection, session: LiveSession, seat: SeatRecord): void {
    const fields = this.fieldsOf(screenOf(session, seat));
    const before = c.screen ?? {};
    const changed = [...Object.entries(fields).filter(([k, v]) => before[k] !== v), ...Object.keys(before).filter((k) => !(k in fields)).map((k): [string, string] => [k, 'null'])];
    if (changed.length === 0) return;
    c.screen = fields;
    this.send(c, `{"type":"screen","screen":{${changed.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}}`);
  }

  private cut(c: Connection, why: string): void {
    c.refusals.flush();
    c.log.warn({ why }, 'websocket cut off');
    c.ws.close(CLOSE_ABUSE, why);
  }

  /**
   * Refuses a message. `strike`: it was malformed or unauthorised (a command the drill's rules
   * refuse, such as a task already answered by a colleague, is no strike).
   */
  private refuse(c: Connection, refusal: AnyRefusal, id?: string, strike = true): void {
    c.refusals.refused(refusal.code);
    this.send(c, { type: 'refused', ...(id ? { id } : {}), refusal });
    if (!strike) return;
    const now = Date.now();
    if (now - c.strikesSince > 60_000) [c.strikes, c.strikesSince] = [0, now];
    if (++c.strikes > MAX_STRIKES) this.cut(c, 'too many refused messages');
  }

  private receive(c: Connection, data: Buffer, isBinary: boolean): void {
    if (c.ws.readyState !== c.ws.OPEN) return; // being closed: nothing more is read
    if (!take(c.messages, this.limits.messageBurst, this.limits.messagesPerSecond, Date.now())) return this.refuse(c, { code: 'slow-down' });
    if (isBinary) return this.refuse(c, { code: 'binary' });
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      return this.refuse(c, { code: 'not-json' });
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.refuse(c, { code: 'malformed', params: { at: issue ? issue.path.join('.') || '(top)' : '' } }, typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : undefined);
    }
    const message = parsed.data;
    c.queue = c.queue.then(async () => {
      if (c.ws.readyState !== c.ws.OPEN) return; // closed while it waited
      try {
        await this.handle(c, message);
      } catch (error) {
        // Never let one message take the server down.
        c.log.error({ err: error instanceof Error ? error.stack : String(error), message: message.type }, 'error handling a message');
        this.send(c, { type: 'error', refusal: { code: 'server-error' } });
      }
    });
  }

  /** Whether the facilitator's seat still has its trainer signed in; if not, it is refused and closed. */
  private async facilitatorSignedIn(c: Connection): Promise<boolean> {
    if (c.signIn && (await this.signedIn(c.signIn))) return true;
    this.refuse(c, { code: 'trainer-only' });
    c.ws.close(1008, 'sign in as a trainer');
    return false;
  }

  private async handle(c: Connection, m: ClientMessage): Promise<void> {
    if (m.type === 'hello') return this.hello(c, m);
    const { seat, session } = c;
    if (!seat || !session) return this.refuse(c, { code: 'hello-first' });
    // The trainer signed out (or changed the password) since: the console's seat stops working.
    if (seat.kind === 'facilitator' && !(await this.facilitatorSignedIn(c))) return;
    // What a message does to the drill or its seats happens in the session's turn (one at a time).
    return session.exclusive(() => this.inSession(c, seat, session, m));
  }

  private async inSession(c: Connection, seat: SeatRecord, session: LiveSession, m: Exclude<ClientMessage, { type: 'hello' }>): Promise<void> {
    switch (m.type) {
      case 'command': {
        let actor: string;
        if (seat.kind === 'facilitator') actor = FACILITATOR;
        else if (seat.kind === 'evaluator') actor = EVALUATOR;
        else if (seat.kind === 'participant' && seat.role) actor = seat.role;
        else return this.refuse(c, { code: 'read-only' }, m.id);
        // The table of rights: a seat that may never send this kind of command gets a strike.
        if (!maySend(session.compiled, m.command.type, actor)) return this.refuse(c, { code: 'not-allowed', params: { type: m.command.type } }, m.id);
        const result = await session.apply(signed(m.command as Command, seat), actor, m.id, seat.id);
        if (result.ok) this.send(c, { type: 'ack', id: m.id, seq: result.seq });
        else this.refuse(c, result.refusal, m.id, result.strike ?? false);
        return;
      }
      case 'claim': {
        if (seat.kind !== 'participant') return this.refuse(c, { code: 'participants-only' });
        if (seat.role) return this.refuse(c, { code: 'has-role' });
        const why = await this.castRefusal(session, seat.id, m.role);
        if (why) return this.refuse(c, why);
        // Before the start a seat takes a free role; during play the facilitator approves it first.
        if (session.context.status === 'briefing') return this.cast(c, session, seat.id, m.role, SYSTEM);
        session.requests.set(seat.id, m.role);
        c.log.info({ role: m.role }, 'role asked for during play: waiting for the facilitator');
        return this.publishSeats(session);
      }
      case 'assign': {
        if (seat.kind !== 'facilitator') return this.refuse(c, { code: 'facilitator-only' });
        const why = await this.castRefusal(session, m.seat, m.role);
        if (why) return this.refuse(c, why);
        return this.cast(c, session, m.seat, m.role, FACILITATOR);
      }
      case 'decide': {
        if (seat.kind !== 'facilitator') return this.refuse(c, { code: 'facilitator-only' });
        const role = session.requests.get(m.seat);
        if (role === undefined) return this.refuse(c, { code: 'no-request' });
        session.requests.delete(m.seat);
        const why = m.approve ? await this.castRefusal(session, m.seat, role) : null;
        if (why) {
          await this.publishSeats(session);
          return this.refuse(c, why);
        }
        if (m.approve) return this.cast(c, session, m.seat, role, FACILITATOR);
        for (const other of this.connections) if (other.seat?.id === m.seat) this.send(other, { type: 'refused', refusal: { code: 'claim-declined', params: { role } } });
        return this.publishSeats(session);
      }
      case 'remove': {
        if (seat.kind !== 'facilitator') return this.refuse(c, { code: 'facilitator-only' });
        return this.remove(c, session, m.seat);
      }
      case 'joining': {
        if (seat.kind !== 'facilitator') return this.refuse(c, { code: 'facilitator-only' });
        await this.store.setJoining(session.id, m.open);
        session.joining = m.open;
        c.log.info({ open: m.open }, m.open ? 'joining reopened' : 'joining locked');
        return this.publishSeats(session);
      }
      case 'clock': {
        if (seat.kind !== 'facilitator') return this.refuse(c, { code: 'facilitator-only' });
        if (m.action === 'speed' && m.speed) await session.setSpeed(m.speed);
        if (m.action === 'jump') await session.jumpToNext();
        return;
      }
      case 'review':
        return this.review(c, seat, session, m.ratings);
    }
  }

  /** Reviews sent during each exercise's open review, by `exercise:group`: the seats that sent one. */
  private readonly reviewers = new Map<string, Set<string>>();

  /**
   * A participant rates another group's drill while its peer review is open: the host records it
   * in that group's transcript (PEER.REVIEW), under the reviewer's and its group's names.
   */
  private async review(c: Connection, seat: SeatRecord, session: LiveSession, ratings: Extract<ClientMessage, { type: 'review' }>['ratings']): Promise<void> {
    if (seat.kind !== 'participant') return this.refuse(c, { code: 'participants-only' });
    const part = await this.exercises?.ofSession(session.record);
    const reviewing = part?.exercise.reviewing ?? null;
    if (!part || reviewing === null) return this.refuse(c, { code: 'no-review' }, undefined, false);
    const { exercise, group } = part;
    if (reviewing === group) return this.refuse(c, { code: 'own-group' }, undefined, false);
    const target = await this.live(exercise.groups[reviewing]?.sessionId ?? '');
    if (!target) return this.refuse(c, { code: 'no-review' }, undefined, false);
    const payload = { group: exercise.groups[group]?.name ?? '', reviewer: seat.name, ratings: ratings.map((r) => ({ criterion: r.criterion, rating: r.rating, ...(r.comment ? { comment: r.comment } : {}) })) };
    const result = await target.submit({ type: 'PEER.REVIEW', payload }, SYSTEM);
    if (!result.ok) return this.refuse(c, result.refusal, undefined, false);
    const key = `${exercise.id}:${reviewing}`;
    this.reviewers.set(key, (this.reviewers.get(key) ?? new Set()).add(seat.id));
    c.log.info({ reviewed: exercise.groups[reviewing]?.name }, 'peer review recorded');
    for (const other of this.connections) if (other.seat?.id === seat.id) await this.sendExercise(other);
  }

  /** What a seat of one of an exercise's groups is told about it. */
  private async exerciseView(c: Connection): Promise<ExerciseView | undefined> {
    const { seat, session } = c;
    if (!seat || !session) return undefined;
    const part = await this.exercises?.ofSession(session.record);
    if (!part) return undefined;
    const { exercise, group } = part;
    const groups = await Promise.all(exercise.groups.map(async (g) => ({ name: g.name, status: (await this.live(g.sessionId))?.context.status ?? 'ended' })));
    const reviewer = seat.kind === 'participant' && exercise.reviewing !== null && exercise.reviewing !== group;
    return {
      id: exercise.id,
      mode: exercise.mode,
      groups,
      group,
      playing: exercise.playing,
      reviewing: exercise.reviewing,
      ...(reviewer
        ? {
            rubric: session.compiled.scenario.rubric.map((r) => ({ id: r.id, title: r.title, ...(r.description ? { description: r.description } : {}) })),
            reviewed: this.reviewers.get(`${exercise.id}:${exercise.reviewing}`)?.has(seat.id) ?? false,
          }
        : {}),
    };
  }

  private async sendExercise(c: Connection): Promise<void> {
    const exercise = await this.exerciseView(c);
    if (exercise) this.send(c, { type: 'exercise', exercise });
  }

  /** The room's view of a watched session, serialised once per event for every watcher. */
  private readonly watchTexts = new WeakMap<LiveSession, { seq: number; group: number; clock: object; text: string }>();

  private watchText(watched: LiveSession, group: number): string {
    const seq = watched.context.lastSeq;
    let kept = this.watchTexts.get(watched);
    if (!kept || kept.seq !== seq || kept.group !== group || kept.clock !== watched.clock) {
      kept = { seq, group, clock: watched.clock, text: JSON.stringify({ type: 'watch', group, screen: watched.screen(null), clock: watched.clock } satisfies ServerMessage) };
      this.watchTexts.set(watched, kept);
    }
    return kept.text;
  }

  /**
   * In a round, the other groups' laptops and projectors watch the group that plays: they follow
   * its room view (the projector's, nothing more) until the round ends.
   */
  private async updateWatch(c: Connection): Promise<void> {
    const { seat, session } = c;
    const part = seat && session && (seat.kind === 'participant' || seat.kind === 'projector') ? await this.exercises?.ofSession(session.record) : undefined;
    const playing = part?.exercise.mode === 'rounds' ? part.exercise.playing : null;
    const target = part && playing !== null && playing !== part.group ? part.exercise.groups[playing] : undefined;
    if (c.watching && c.watching.sessionId === target?.sessionId) return;
    const had = c.watching !== undefined;
    c.watching?.unsubscribe();
    c.watching = undefined;
    const watched = target && playing !== null ? await this.live(target.sessionId) : undefined;
    if (!watched || playing === null) {
      if (had) this.send(c, { type: 'watch', group: playing ?? -1, screen: null });
      return;
    }
    const unsubscribe = watched.subscribe((m) => {
      // The watched clock runs on between events: its changes (pause, speed) are sent too.
      if (m.type === 'event' || m.type === 'clock') this.send(c, this.watchText(watched, playing));
    });
    c.watching = { sessionId: watched.id, unsubscribe };
    this.send(c, this.watchText(watched, playing));
  }

  /** The facilitator moved an exercise's round or review: every seat of its groups is told, and watches what it should. */
  async exerciseChanged(exercise: ExerciseRecord): Promise<void> {
    const sessions = new Set(exercise.groups.map((g) => g.sessionId));
    if (exercise.reviewing === null) for (const key of this.reviewers.keys()) if (key.startsWith(`${exercise.id}:`)) this.reviewers.delete(key);
    for (const c of [...this.connections]) {
      if (!c.session || !sessions.has(c.session.id)) continue;
      try {
        await this.sendExercise(c);
        await this.updateWatch(c);
      } catch (error) {
        c.log.error({ err: error instanceof Error ? error.message : String(error) }, 'could not tell a seat about its exercise');
      }
    }
  }

  private async hello(c: Connection, m: Extract<ClientMessage, { type: 'hello' }>): Promise<void> {
    const now = Date.now();
    if (!take(c.hellos, HELLO_BURST, HELLO_PER_SECOND, now)) {
      this.refuse(c, { code: 'too-many-hellos' });
      return this.cut(c, 'too many hellos');
    }
    const seat = await this.store.seatByToken(hashToken(m.token));
    const session = seat && seat.sessionId === m.sessionId ? await this.live(seat.sessionId) : undefined;
    if (seat && seat.sessionId === m.sessionId && !session) {
      // A good seat of a session another server process serves (the client did not say /ws?session=…, or it just moved).
      c.ws.close(CLOSE_MOVED, 'this drill is served by another server process: connect to /ws?session=<id>');
      return;
    }
    if (!seat || !session) {
      this.refuse(c, { code: 'bad-token' });
      c.ws.close(1008, 'unauthorised');
      return;
    }
    if (seat.kind === 'facilitator' && !(await this.facilitatorSignedIn(c))) return;
    const bucket = this.seatHellos.get(seat.id) ?? { tokens: SEAT_HELLO_BURST, last: now };
    this.seatHellos.set(seat.id, bucket);
    if (this.seatHellos.size > 10_000) this.seatHellos.clear(); // bounded memory
    if (!take(bucket, SEAT_HELLO_BURST, SEAT_HELLO_PER_SECOND, now)) {
      this.refuse(c, { code: 'seat-hellos' });
      return this.cut(c, 'too many hellos for this seat');
    }
    if (c.seat?.id !== seat.id) {
      let open = 0;
      for (const other of this.connections) if (other !== c && other.seat?.id === seat.id) open++;
      if (open >= this.limits.connectionsPerSeat) {
        this.refuse(c, { code: 'too-many-windows' });
        return this.cut(c, 'too many connections for this seat');
      }
    }
    // Subscribed and welcomed in the session's turn: no event slips between the welcome's and the next broadcast.
    await session.exclusive(async () => {
      if (c.ws.readyState !== c.ws.OPEN) return;
      // The seat as it is now (its role may have changed while this hello waited its turn); a removed seat is gone.
      const current = (await this.store.seats(session.id)).find((s) => s.id === seat.id);
      if (c.ws.readyState !== c.ws.OPEN) return; // gone while the seats were read: nothing to subscribe
      if (!current) {
        this.refuse(c, { code: 'bad-token' });
        c.ws.close(1008, 'unauthorised');
        return;
      }
      const wasConnected = this.seatConnected(current.id, c);
      c.unsubscribe?.();
      c.seat = current;
      c.session = session;
      c.log = this.log.child({ conn: c.id, ip: c.ip, session: session.id, seat: current.id, kind: current.kind, ...(current.role ? { role: current.role } : {}) });
      c.unsubscribe = session.subscribe((msg) => {
        if (msg.type !== 'event') return this.send(c, msg);
        // Events go to the facilitator (and evaluators) alone; every other seat gets its view, computed here.
        if (c.seat && followsEvents(c.seat)) this.send(c, msg);
        else if (c.seat) this.sendScreen(c, session, c.seat);
      });
      c.log.debug({ lastSeq: m.lastSeq }, 'hello');
      await this.welcome(c, m.lastSeq, m.scenario);
      await this.updateWatch(c);
      if (!wasConnected) await this.publishSeats(session);
    });
  }

  private fingerprint(scenario: Scenario): string {
    let f = this.fingerprints.get(scenario);
    if (f === undefined) {
      f = createHash('sha256').update(JSON.stringify(scenario)).digest('base64url').slice(0, 32);
      this.fingerprints.set(scenario, f);
    }
    return f;
  }

  /**
   * What a client needs to catch up: its seat, the clock and the seats; the facilitator also the
   * scenario unless it holds it, and the events it lacks; any other seat only its view. Only in
   * the session's turn (`exclusive`), so that the events read are those applied.
   */
  private async welcome(c: Connection, lastSeq: number, holds?: string): Promise<void> {
    const { seat, session } = c;
    if (!seat || !session) return;
    const exercise = await this.exerciseView(c);
    const common = {
      you: { kind: seat.kind, seat: seat.id, name: seat.name, role: seat.role, ...(seat.venue ? { venue: seat.venue } : {}) },
      info: this.infoWithParticipants(session),
      code: session.record.code,
      clock: session.clock,
      seats: await this.seatViews(session),
      joining: session.joining,
      ...(exercise ? { exercise } : {}),
    };
    if (followsEvents(seat)) {
      const { scenario } = session.record;
      const fingerprint = this.fingerprint(scenario);
      const drill = { fingerprint, ...(holds === fingerprint ? {} : { scenario }), events: await session.events(Math.min(lastSeq, session.context.lastSeq)) };
      this.send(c, { type: 'welcome', ...common, drill, ...(session.notice && seat.kind === 'facilitator' ? { notice: session.notice } : {}) });
      return;
    }
    const screen = screenOf(session, seat);
    c.screen = this.fieldsOf(screen);
    this.send(c, { type: 'welcome', ...common, screen });
  }

  /** Why `role` cannot go to the seat `seatId` (null: it can; a null role frees the seat). */
  private async castRefusal(session: LiveSession, seatId: string, role: string | null): Promise<AnyRefusal | null> {
    const seats = await this.store.seats(session.id);
    if (!seats.some((s) => s.id === seatId && s.kind === 'participant')) return { code: 'no-seat' };
    // After the end nobody takes or leaves a role: the transcript's cast stays as it played.
    if (session.context.status === 'ended') return { code: 'ended' };
    if (role === null) return null;
    if (!session.compiled.seatRoles.includes(role)) return { code: 'not-player-role', params: { role } };
    const holder = seats.find((s) => s.role === role && s.id !== seatId);
    return holder ? { code: 'role-taken', params: { name: holder.name } } : null;
  }

  /**
   * Gives a seat a role (or frees it). The transcript records the change first (`ROLE.CAST`,
   * from the facilitator or, for a claim before the start, the host), then the seat changes.
   * Only in the session's turn (`exclusive`).
   */
  private async cast(c: Connection, session: LiveSession, seatId: string, role: string | null, actor: string): Promise<void> {
    const seat = (await this.store.seats(session.id)).find((s) => s.id === seatId);
    if (!seat) return this.refuse(c, { code: 'no-seat' });
    session.requests.delete(seatId);
    if (seat.role !== role) {
      const changes = [...(seat.role ? [{ role: seat.role }] : []), ...(role ? [{ role, name: seat.name, ...(seat.venue ? { venue: seat.venue } : {}) }] : [])];
      for (const payload of changes) {
        const result = await session.apply({ type: 'ROLE.CAST', payload }, actor);
        if (!result.ok) return this.refuse(c, result.refusal, undefined, false);
      }
      await this.store.setSeatRole(seatId, role);
    }
    const updated = { ...seat, role };
    // The seat's own connections learn their new role (and get the view that goes with it).
    for (const other of this.connections) {
      if (other.seat?.id !== seatId) continue;
      other.seat = updated;
      await this.welcome(other, session.context.lastSeq);
    }
    await this.publishSeats(session);
  }

  /** Removes a participant's seat: its role is freed (in the transcript), its token stops working and its windows are closed. Only in the session's turn. */
  private async remove(c: Connection, session: LiveSession, seatId: string): Promise<void> {
    const seat = (await this.store.seats(session.id)).find((s) => s.id === seatId && s.kind === 'participant');
    if (!seat) return this.refuse(c, { code: 'no-seat' });
    if (seat.role && session.context.status !== 'ended') {
      const result = await session.apply({ type: 'ROLE.CAST', payload: { role: seat.role } }, FACILITATOR);
      if (!result.ok) return this.refuse(c, result.refusal, undefined, false);
    }
    session.requests.delete(seatId);
    await this.store.removeSeat(seatId);
    c.log.info({ removed: seatId, name: seat.name }, 'seat removed');
    for (const other of this.connections) {
      if (other.seat?.id !== seatId) continue;
      this.send(other, { type: 'refused', refusal: { code: 'seat-removed' } });
      other.ws.close(1008, 'seat removed');
    }
    await this.publishSeats(session);
  }

  /** The session's details with who plays each role now (the transcript's cast). */
  private infoWithParticipants(session: LiveSession) {
    return { ...session.record.info, participants: castOf(session.record.info, session.context.cast) };
  }

  /** Tells every client of the session who sits where (a failure to read the seats is logged, never thrown). */
  async publishSeats(session: LiveSession): Promise<void> {
    try {
      session.broadcast({ type: 'seats', seats: await this.seatViews(session), joining: session.joining });
    } catch (error) {
      this.log.error({ session: session.id, err: error instanceof Error ? error.message : String(error) }, 'could not publish the seats');
    }
  }
}

/** An evaluator's notes and observations carry its name, stamped here from its seat (never taken from the client). */
function signed(command: Command, seat: SeatRecord): Command {
  if (seat.kind !== 'evaluator' || (command.type !== 'NOTE.ADD' && command.type !== 'OBSERVATION.RECORD')) return command;
  return { ...command, payload: { ...command.payload, by: seat.name } } as Command;
}
