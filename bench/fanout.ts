/**
 * Fan-out latency: S sessions × C clients over loopback WebSocket; participants send
 * decisions at a steady pace; latency runs from a participant's send to the moment the last
 * client of that session has it: the facilitator the event, each participant its new view (the
 * server sends participants views, not events: a participant's n-th view after the start is
 * taken to show its session's n-th decision).
 */
import WebSocket from 'ws';

/** `cookie`: a signed-in trainer's, for the facilitators' seats. */
export type Target = { kind: 'drillroom' | 'bare'; port: number; cookie?: string };
export type SessionSeats = { sessionId: string; facilitator: string; players: { token: string; role: string }[] };
export type FanoutOptions = { warmupMs: number; measureMs: number; intervalMs: number };
export type FanoutRun = { latencies: number[]; committed: number; errors: number; seconds: number };

/** `running`: this client has seen the drill start (views before that answer no decision). */
type Client = { ws: WebSocket; session: number; role?: string; views: number; running: boolean };

function open(port: number, cookie?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, cookie ? { headers: { cookie } } : {});
    ws.once('open', () => resolve(ws));
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
  const onMessage = (c: Client) => (data: WebSocket.RawData) => {
    const m = JSON.parse(String(data)) as { type: string; id?: string; event?: { id?: string }; screen?: { status?: string } };
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
        const ws = await open(target.port, target.cookie);
        const c: Client = { ws, session: p.session, views: 0, running: false, ...(p.role ? { role: p.role } : {}) };
        await new Promise<void>((resolve) => {
          ws.once('message', () => resolve()); // the welcome
          ws.send(JSON.stringify({ type: 'hello', sessionId: sessions[p.session]?.sessionId, token: p.token, lastSeq: 0 }));
        });
        ws.on('message', onMessage(c));
        clients.push(c);
      }),
    );
  }
  if (target.kind === 'drillroom') {
    for (const c of clients.filter((x) => !x.role)) c.ws.send(JSON.stringify({ type: 'command', id: `start-${c.session}`, command: { type: 'DRILL.START', payload: {} } }));
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
      p.ws.send(JSON.stringify({ type: 'command', id, command: { type: 'TASK.ANSWER', payload: { task: `${p.role}-t${n}`, role: p.role, answer: { kind: 'single', option: 'a' } } } }));
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
  for (const c of clients) c.ws.terminate();
  return { latencies, committed, errors, seconds };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
