/** An in-process drill server on a free port with a temporary database, and a WebSocket test client. */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../src/protocol/messages';
import { loadScenarioFile, scenarioFiles } from '../../src/node/scenarioFiles';
import { addTrainer } from '../../src/server/auth';
import { createLogger } from '../../src/server/log';
import { createDrillServer, type ServerOptions } from '../../src/server/server';
import { openPgStore } from '../../src/server/pgStore';
import { openSqliteStore } from '../../src/server/sqliteStore';
import { miniJson } from '../helpers/drill';
import { validateScenario, type Scenario } from '../../src/engine';

export function testScenarios(): Scenario[] {
  const mini = validateScenario(miniJson());
  if (!mini.ok) throw new Error('mini invalid');
  return [mini.value, ...scenarioFiles().flatMap((f) => {
    const l = loadScenarioFile(f);
    return l.ok ? [l.scenario] : [];
  })];
}

/** A log entry as the server writes it (one JSON line). */
export type LogEntry = { level: string; time: string; msg: string; session?: string; seat?: string; reason?: string; refusals?: number; [k: string]: unknown };

/** The trainer the test server has (unless started with `trainer: false`), signed in for every request by default. */
export const TRAINER = { name: 'Wang Fang', password: 'correct horse battery' };

/** `databaseUrl`: run on that PostgreSQL database instead of SQLite in the data directory. */
export type TestServerOptions = Partial<Omit<ServerOptions, 'store' | 'scenarios' | 'logger'>> & { trainer?: boolean; databaseUrl?: string };

export async function startTestServer(dataDir = mkdtempSync(join(tmpdir(), 'drillroom-data-')), { trainer: withTrainer = true, databaseUrl, ...options }: TestServerOptions = {}) {
  const logs: LogEntry[] = [];
  const logger = createLogger({ write: (line) => void logs.push(JSON.parse(line) as LogEntry) }, 'debug');
  const store = databaseUrl ? await openPgStore(databaseUrl) : openSqliteStore(dataDir);
  if (withTrainer && !(await store.trainerByName(TRAINER.name))) await addTrainer(store, TRAINER.name, TRAINER.password);
  const drill = await createDrillServer({ store, scenarios: testScenarios(), logger, ...options });
  const { server, close, hub } = drill;
  // The test's fetch keeps connections alive between calls seconds apart: a server closing an idle
  // one at the moment fetch reuses it resets the request (a race of the test, not of the product).
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  /** Signs in; the cookie to send (`name=value`), or null when refused. */
  const login = async (name = TRAINER.name, password = TRAINER.password) => {
    const res = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
    await res.arrayBuffer();
    return res.ok ? (res.headers.get('set-cookie') ?? '').split(';')[0] ?? null : null;
  };
  const cookie = withTrainer ? ((await login()) ?? '') : '';
  return {
    base,
    port,
    logs,
    hub,
    dataDir,
    /** The signed-in trainer's cookie, sent with every `api` request unless `cookie` says otherwise. */
    cookie,
    login,
    firstRunCode: () => drill.firstRunCode(),
    /** Removes old drills as if it were `now` (retention). */
    sweep: (now?: number) => drill.sweep(now),
    close: async (removeData = true) => {
      await close();
      if (removeData) rmSync(dataDir, { recursive: true, force: true });
    },
    /** `cookie`: null for none (not signed in), or another sign-in's cookie. */
    api: async (path: string, init: { method?: string; body?: unknown; raw?: string; token?: string; type?: string; cookie?: string | null } = {}) => {
      const sendCookie = init.cookie === undefined ? cookie : init.cookie;
      const res = await fetch(base + path, {
        method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
        headers: { 'content-type': init.type ?? 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(sendCookie ? { cookie: sendCookie } : {}) },
        ...(init.raw !== undefined ? { body: init.raw } : init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      });
      const text = await res.text();
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, json, text, headers: res.headers };
    },
  };
}

/** A WebSocket client that records what the server says. */
export class TestClient {
  /** Messages not yet taken by `next`. */
  readonly messages: ServerMessage[] = [];
  /** Every frame received, as it came over the wire (for what a curious client could read). */
  readonly frames: string[] = [];
  readonly ws: WebSocket;
  closed: { code: number } | null = null;
  private waiters: (() => void)[] = [];

  /**
   * `headers`: sent with the upgrade request, as a browser does (a trainer's `cookie` for the
   * facilitator's seat, an `origin`); `path`: the app's is /ws?session=<id>.
   */
  constructor(port: number, headers: Record<string, string> = {}, path = '/ws') {
    this.ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    this.ws.on('message', (d) => {
      this.frames.push(String(d));
      this.messages.push(JSON.parse(String(d)) as ServerMessage);
      this.wake();
    });
    this.ws.on('close', (code) => {
      this.closed = { code };
      this.wake();
    });
    // A reset connection is seen as its close (waiting on it says so); the error itself is not the test's.
    this.ws.on('error', () => undefined);
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.ws.readyState === WebSocket.OPEN) return resolve();
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  send(m: ClientMessage | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(m));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Waits until a message matching `test` has arrived (searching from `from`). */
  async next<T extends ServerMessage['type']>(type: T, test: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true, timeout = 5000): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = this.messages.find((m): m is Extract<ServerMessage, { type: T }> => m.type === type && test(m as Extract<ServerMessage, { type: T }>));
      if (found) {
        this.messages.splice(this.messages.indexOf(found), 1);
        return found;
      }
      if (this.closed) throw new Error(`closed (${this.closed.code}) while waiting for ${type}`);
      if (Date.now() > deadline) throw new Error(`no ${type} message within ${timeout} ms; got ${JSON.stringify(this.messages.map((m) => m.type))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async waitClosed(timeout = 5000): Promise<number> {
    const deadline = Date.now() + timeout;
    while (!this.closed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    if (!this.closed) throw new Error('not closed');
    return this.closed.code;
  }

  close() {
    this.ws.close();
  }
}
