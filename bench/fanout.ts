/**
 * Fan-out latency: S sessions × C clients over loopback WebSocket; participants send
 * decisions at a steady pace; latency runs from a participant's send to the moment the last
 * client of that session has it: the facilitator the event, each participant its new view (the
 * server sends participants views, not events: a participant's n-th view after the start is
 * taken to show its session's n-th decision).
 */
import { io } from 'socket.io-client';
import WebSocket from 'ws';

/** `cookie`: a signed-in trainer's, for the facilitators' seats; `socket.io`: the peers' transport, the others plain WebSocket. */
export type Target = { kind: 'drillroom' | 'bare' | 'socket.io'; port: number; cookie?: string };
export type SessionSeats = { sessionId: string; facilitator: string; players: { token: string; role: string }[] };
export type FanoutOptions = { warmupMs: number; measureMs: number; intervalMs: number };
export type FanoutRun = { latencies: number[]; committed: number; errors: number; seconds: number };

/** A connection as the bench uses it, over either transport: messages are the same objects. */
type Link = { send: (m: object) => void; onMessage: (handler: (m: Message) => void) => void; close: () => void };
type Message = { type: string; id?: string; event?: { id?: string }; screen?: { status?: string } };

/** `running`: this client has seen the drill start (views before that answer no decision). */
type Client = { link: Link; session: number; role?: string; views: number; running: boolean };

function open(target: Target): Promise<Link> {
  if (target.kind === 'socket.io') {
    return new Promise((resolve, reject) => {
      const socket = io(`http://127.0.0.1:${target.port}`, { transports: ['websocket'], reconnection: false, forceNew: true });
      socket.once('connect', () => resolve({ send: (m) => socket.emit('m', m), onMessage: (h) => socket.on('m', h), close: () => socket.disconnect() }));
      socket.once('connect_error', reject);
    });
  }
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${target.port}/ws`, target.cookie ? { headers: { cookie: target.cookie } } : {});
    ws.once('open', () =>
      resolve({ send: (m) => ws.send(JSON.stringify(m)), onMessage: (h) => ws.on('message', (data) => h(JSON.parse(String(data)) as Message)), close: () => ws.terminate() }),
    );
    ws.once('error', reject);
  });
}

export async function runFanout(target: Target, sessions: SessionSeats[], options: FanoutOptions): Promise<FanoutRun> {
  const sent = new Map<string, { at: number; session: number; received: number; measured: boolean }>();
  const sizes = sessions.map((s) => s.players.length + 1);
  const latencies: number[] = [];
  let committed = 0;
  let errors = 0;
  let measuring = false;
  const clients: Client[] = [];

  /** Decisions sent in each session, in order. */
  const order: string[][] = sessions.map(() => []);
  const reached = (id: string | undefined) => {
    const s = id === undefined ? undefined : sent.get(id);
    if (!s || id === undefined) return;
    s.received++;
    if (s.received === sizes[s.session]) {
      if (s.measured) latencies.push(performance.now() - s.at);
      sent.delete(id);
    }
  };
  const onMessage = (c: Client) => (m: Message) => {
    if (m.type === 'event' && m.event?.id) reached(m.event.id);
    else if (m.type === 'screen' && c.running) reached(order[c.session]?.[c.views++]);
    else if (m.type === 'screen' && m.screen?.status === 'running') c.running = true;
    else if (m.type === 'ack' && measuring) committed++;
    else if (m.type === 'refused' || m.type === 'error') errors++;
  };

  // Connect everyone, a hundred at a time, and say hello.
  const plan = sessions.flatMap((s, i) => [{ session: i, token: s.facilitator, role: null as string | null }, ...s.players.map((p) => ({ session: i, token: p.token, role: p.role }))]);
  for (let i = 0; i < plan.length; i += 100) {
    await Promise.all(
      plan.slice(i, i + 100).map(async (p) => {
        const link = await open(target);
        const c: Client = { link, session: p.session, views: 0, running: false, ...(p.role ? { role: p.role } : {}) };
        const handle = onMessage(c);
        await new Promise<void>((resolve) => {
          let welcomed = false;
          link.onMessage((m) => (welcomed ? handle(m) : ((welcomed = true), resolve()))); // the first message is the welcome
          link.send({ type: 'hello', sessionId: sessions[p.session]?.sessionId, token: p.token, lastSeq: 0 });
        });
        clients.push(c);
      }),
    );
  }
  if (target.kind === 'drillroom') {
    for (const c of clients.filter((x) => !x.role)) c.link.send({ type: 'command', id: `start-${c.session}`, command: { type: 'DRILL.START', payload: {} } });
    await new Promise((r) => setTimeout(r, 500));
  }

  // Every participant decides every intervalMs (± half), starting at a random moment.
  const players = clients.filter((x): x is Client & { role: string } => x.role !== undefined);
  const end = performance.now() + options.warmupMs + options.measureMs;
  const timers: NodeJS.Timeout[] = [];
  let counter = 0;
  for (const p of players) {
    let n = 0;
    const next = () => {
      if (performance.now() >= end) return;
      const id = `c${++counter}`;
      n++;
      sent.set(id, { at: performance.now(), session: p.session, received: 0, measured: measuring });
      order[p.session]?.push(id);
      p.link.send({ type: 'command', id, command: { type: 'TASK.ANSWER', payload: { task: `${p.role}-t${n}`, role: p.role, answer: { kind: 'single', option: 'a' } } } });
      timers.push(setTimeout(next, options.intervalMs * (0.5 + Math.random())));
    };
    timers.push(setTimeout(next, Math.random() * options.intervalMs));
  }
  await new Promise((r) => setTimeout(r, options.warmupMs));
  measuring = true;
  const measureStart = performance.now();
  await new Promise((r) => setTimeout(r, options.measureMs));
  measuring = false;
  const seconds = (performance.now() - measureStart) / 1000;
  for (const t of timers) clearTimeout(t);
  await new Promise((r) => setTimeout(r, 2000)); // stragglers
  errors += [...sent.values()].filter((s) => s.measured).length; // never reached everyone
  for (const c of clients) c.link.close();
  return { latencies, committed, errors, seconds };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
