/**
 * A scripted drill client for crash and fuzz tests: it keeps the events it has, says hello with
 * its last seq on every (re)connect, resends unacknowledged commands with their ids, and
 * reconnects by itself, as the app does.
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { Command, DrillEvent } from '../../src/engine';
import type { ClockBase, Notice, ScreenView, ServerMessage, You } from '../../src/protocol/messages';
import { patched } from '../../src/protocol/screen';

export class ScriptedClient {
  /** The facilitator's seat: every event. */
  events: DrillEvent[] = [];
  /** Any other seat: its view. */
  screen: ScreenView | null = null;
  readonly acked = new Map<string, number>();
  readonly pending = new Map<string, Command>();
  readonly refused: string[] = [];
  you: You | null = null;
  clock: ClockBase | null = null;
  readonly notices: Notice[] = [];
  connects = 0;
  private ws: WebSocket | null = null;
  private stopped = false;

  constructor(
    private readonly port: () => number,
    readonly sessionId: string,
    private readonly token: string,
    /** A trainer's sign-in cookie, sent with each upgrade request (the facilitator's seat needs it). */
    private readonly cookie?: string,
  ) {}

  get online(): boolean {
    return this.ws?.readyState === WebSocket.OPEN && this.you !== null;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.ws?.terminate();
  }

  command(command: Command): string {
    const id = randomUUID();
    this.pending.set(id, command);
    if (this.online) this.ws?.send(JSON.stringify({ type: 'command', id, command }));
    return id;
  }

  /** Sends any message now (if connected). */
  ws_send(message: Record<string, unknown>): void {
    if (this.online) this.ws?.send(JSON.stringify(message));
  }

  claim(role: string): void {
    this.ws?.send(JSON.stringify({ type: 'claim', role }));
  }

  private connect(): void {
    if (this.stopped) return;
    const ws = new WebSocket(`ws://127.0.0.1:${this.port()}/ws`, this.cookie ? { headers: { cookie: this.cookie } } : {});
    this.ws = ws;
    this.you = null;
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', sessionId: this.sessionId, token: this.token, lastSeq: this.events.length })));
    ws.on('message', (data) => this.receive(ws, JSON.parse(String(data)) as ServerMessage));
    ws.on('error', () => undefined);
    ws.on('close', () => {
      if (this.ws === ws) setTimeout(() => this.connect(), 50 + Math.random() * 150);
    });
  }

  private append(events: DrillEvent[], ws: WebSocket): void {
    for (const e of events) {
      if (e.seq <= this.events.length) continue;
      if (e.seq !== this.events.length + 1) {
        ws.close(); // a gap: reconnect and catch up
        return;
      }
      this.events.push(e);
    }
  }

  private receive(ws: WebSocket, m: ServerMessage): void {
    if (m.type === 'welcome') {
      this.connects++;
      this.you = m.you;
      this.clock = m.clock;
      if (m.notice) this.notices.push(m.notice);
      if (m.screen) this.screen = m.screen;
      this.append(m.drill?.events ?? [], ws);
      for (const [id, command] of this.pending) ws.send(JSON.stringify({ type: 'command', id, command }));
    } else if (m.type === 'event') this.append([m.event], ws);
    else if (m.type === 'screen' && this.screen) this.screen = patched(this.screen, m.screen);
    else if (m.type === 'clock') this.clock = m.clock;
    else if (m.type === 'ack') {
      this.acked.set(m.id, m.seq);
      this.pending.delete(m.id);
    } else if (m.type === 'refused' && m.id) {
      this.refused.push(`${m.id}: ${JSON.stringify(m.refusal)}`);
      this.pending.delete(m.id);
    }
  }
}
