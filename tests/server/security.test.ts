/**
 * What the server lets in: security headers on every answer, requests for another host name
 * refused (DNS rebinding), WebSocket upgrades from other origins refused, connections capped
 * per seat and per address, command ids bound to their seat and command, https when given a
 * certificate.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { get as httpsGet } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClient } from './harness';

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer(undefined, { allowedHosts: ['drillroom.test'], limits: { hub: { connectionsPerAddress: 30, capLoopback: true } } });
});
afterAll(() => srv.close());

/** A raw request with any Host header (fetch will not send a forged one). */
function raw(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: srv.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens a WebSocket with the given headers; resolves with the HTTP status of a refusal, or 101. */
function upgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${srv.port}/ws`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

async function newSession() {
  const { json } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
  return json as { id: string; code: string; facilitatorToken: string; projectorToken: string };
}
async function connect(sessionId: string, token: string, extra: Record<string, unknown> = {}) {
  const c = new TestClient(srv.port, { cookie: srv.cookie });
  await c.opened();
  c.send({ type: 'hello', sessionId, token, lastSeq: 0, ...extra });
  return c;
}

describe('headers, hosts and origins', () => {
  it('sends security headers (curl -I)', async () => {
    const res = await raw('/api/health', { host: `127.0.0.1:${srv.port}` }, 'HEAD');
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a request for a host name that is not this server, and answers to ALLOWED_HOSTS and loopback', async () => {
    const rebound = await raw('/api/sessions', { host: 'attacker.example' });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body).error).toMatch(/host/);
    expect((await raw('/api/health', { host: `drillroom.test:${srv.port}` })).status).toBe(200);
    expect((await raw('/api/health', { host: `localhost:${srv.port}` })).status).toBe(200);
    expect((await raw('/api/health', { host: `[::1]:${srv.port}` })).status).toBe(200);
    expect(await upgrade({ host: 'attacker.example' })).toBe(421);
  });

  it('refuses a WebSocket from a page of another origin', async () => {
    expect(await upgrade({ origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade({ origin: `http://drillroom.test:${srv.port}` })).toBe(403); // not the host it was sent to
    expect(await upgrade({ origin: `http://127.0.0.1:${srv.port}` })).toBe(101);
    expect(await upgrade({ host: `drillroom.test:${srv.port}`, origin: `http://drillroom.test:${srv.port}` })).toBe(101);
    expect(await upgrade({})).toBe(101); // not a browser: no origin to check
    expect(srv.logs.some((l) => l.msg === 'refused' && String(l.reason).startsWith('websocket refused: a page of another origin'))).toBe(true);
  });
});

describe('the log', () => {
  it('has time, level, session and seat; a client that goes away mid-request is no error', async () => {
    const s = await newSession();
    const c = await connect(s.id, s.facilitatorToken);
    await c.next('welcome');
    c.sendRaw('not json');
    await c.next('refused');
    const line = srv.logs.find((l) => l.msg === 'refused' && l.session === s.id);
    expect(line).toMatchObject({ level: 'info', seat: expect.any(String), kind: 'facilitator', reason: 'not-json' });
    expect(Date.parse(line?.time ?? '')).not.toBeNaN();
    c.close();
    // a body that never arrives: the client hangs up half-way
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: '127.0.0.1', port: srv.port, path: '/api/sessions', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000', cookie: srv.cookie } });
      req.on('error', () => resolve());
      req.write('{"scenarioId": "mi');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(srv.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(srv.logs.some((l) => l.msg === 'request aborted by the client')).toBe(true);
  });
});

describe('abuse stays with the abuser', () => {
  it('caps the connections of one seat', async () => {
    const s = await newSession();
    const clients: TestClient[] = [];
    for (let i = 0; i < 6; i++) clients.push(await connect(s.id, s.projectorToken));
    const outcomes = await Promise.all(clients.map((c) => c.next('welcome').then(() => 'welcome', () => `closed ${c.closed?.code}`)));
    expect(outcomes.filter((o) => o === 'welcome')).toHaveLength(4);
    expect(outcomes.filter((o) => o === 'closed 4000')).toHaveLength(2);
    for (const c of clients) c.close();
  });

  it('caps the connections from one address', async () => {
    const extra = await startTestServer(undefined, { limits: { hub: { connectionsPerAddress: 3, capLoopback: true } } });
    try {
      const statuses: number[] = [];
      const open: WebSocket[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push(
          await new Promise<number>((resolve) => {
            const ws = new WebSocket(`ws://127.0.0.1:${extra.port}/ws`);
            ws.on('open', () => resolve(101));
            ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
            ws.on('error', () => undefined);
            open.push(ws);
          }),
        );
      }
      expect(statuses).toEqual([101, 101, 101, 429, 429]);
      for (const ws of open) ws.close();
    } finally {
      await extra.close();
    }
  });

  it('limits hello on a connection and cuts off a client that repeats it', async () => {
    const s = await newSession();
    const c = await connect(s.id, s.facilitatorToken);
    await c.next('welcome');
    for (let i = 0; i < 5; i++) c.send({ type: 'hello', sessionId: s.id, token: s.facilitatorToken, lastSeq: 0 });
    expect(await c.waitClosed()).toBe(4000);
    expect(c.messages.filter((m) => m.type === 'welcome').length).toBeLessThanOrEqual(2);
  });

  it('leaves out of the welcome the scenario the client already holds', async () => {
    const s = await newSession();
    const first = await connect(s.id, s.facilitatorToken);
    const full = await first.next('welcome');
    expect(full.drill?.scenario?.id).toBe('mini-drill');
    const again = await connect(s.id, s.facilitatorToken, { scenario: full.drill?.fingerprint ?? '' });
    const slim = await again.next('welcome');
    expect(slim.drill?.scenario).toBeUndefined();
    expect(slim.drill?.fingerprint).toBe(full.drill?.fingerprint);
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(full).length / 5);
    const stale = await connect(s.id, s.facilitatorToken, { scenario: 'something-else' });
    expect((await stale.next('welcome')).drill?.scenario?.id).toBe('mini-drill');
    for (const c of [first, again, stale]) c.close();
  });
});

describe('command ids', () => {
  it('are bound to the seat and the command they were first used for', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    await fac.next('welcome');
    const { json } = await srv.api('/api/join', { body: { code: s.code, name: 'Wu' } });
    const p = await connect(s.id, json.token);
    await p.next('welcome');
    p.send({ type: 'claim', role: 'lobby' });
    await p.next('welcome', (w) => w.you.role === 'lobby');
    fac.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.next('ack', (a) => a.id === 'go');
    fac.send({ type: 'command', id: 'n-1', command: { type: 'NOTE.ADD', payload: { text: 'first' } } });
    expect(await fac.next('ack', (a) => a.id === 'n-1')).toMatchObject({ seq: 3 }); // after the seat taken and the start
    // the same id with another command: refused, nothing applied
    fac.send({ type: 'command', id: 'n-1', command: { type: 'NOTE.ADD', payload: { text: 'second' } } });
    expect((await fac.next('refused', (r) => r.id === 'n-1')).refusal).toEqual({ code: 'id-reused' });
    // the same id from another seat: refused
    p.send({ type: 'command', id: 'a-1', command: { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } } });
    await p.next('ack', (a) => a.id === 'a-1');
    fac.send({ type: 'command', id: 'a-1', command: { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } } });
    expect((await fac.next('refused', (r) => r.id === 'a-1')).refusal).toEqual({ code: 'id-reused' });
    // a true retry is acknowledged again
    p.send({ type: 'command', id: 'a-1', command: { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } } });
    expect(await p.next('ack', (a) => a.id === 'a-1')).toMatchObject({ seq: 4 });
    const transcript = await srv.api(`/api/sessions/${s.id}/transcript`, { token: s.facilitatorToken });
    expect(transcript.json.events.map((e: { type: string }) => e.type)).toEqual(['ROLE.CAST', 'DRILL.START', 'NOTE.ADD', 'TASK.ANSWER']);
    fac.close();
    p.close();
  });
});

describe('history', () => {
  it('shows no score while a drill runs, and its score once it has ended', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    await fac.next('welcome');
    const entry = async () => ((await srv.api('/api/sessions?scenario=mini-drill')).json as { id: string; status: string; total: number | null; rating: string | null }[]).find((x) => x.id === s.id);
    fac.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.next('ack');
    expect(await entry()).toMatchObject({ status: 'running', total: null, rating: null });
    fac.send({ type: 'command', id: 'end', command: { type: 'DRILL.END', payload: {} } });
    await fac.next('ack');
    const ended = await entry();
    expect(ended).toMatchObject({ status: 'ended', total: expect.any(Number), rating: expect.stringMatching(/^[PSMU]$/) });
    fac.close();
  });
});

describe('https', () => {
  it('serves https and wss with TLS_CERT and TLS_KEY', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drillroom-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=drillroom.test', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const tls = await startTestServer(undefined, { trainer: false, tls: { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) } });
    try {
      const status = await new Promise<number>((resolve, reject) => {
        httpsGet({ host: '127.0.0.1', port: tls.port, path: '/api/health', rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      expect(status).toBe(200);
      const s = (await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(`wss://127.0.0.1:${tls.port}/ws`, { rejectUnauthorized: false });
        ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', sessionId: 'x', token: 'not-a-real-token', lastSeq: 0 })));
        ws.on('message', (d) => {
          resolve(JSON.parse(String(d)).refusal?.code);
          ws.close();
        });
        ws.on('error', reject);
      }));
      expect(s).toBe('bad-token');
    } finally {
      await tls.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
