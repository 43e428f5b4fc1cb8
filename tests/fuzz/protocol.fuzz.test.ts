/**
 * Fuzzing the WebSocket protocol and the HTTP API of a live server: random and malformed
 * frames, wrong types, oversized messages, commands for other roles, replayed commands and
 * floods are refused without a crash; another session carries on untouched; the API answers
 * every malformed request with a 4xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClient } from '../server/harness';

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

async function session() {
  const { json } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
  return json as { id: string; code: string; facilitatorToken: string };
}
async function hello(sessionId: string, token: string): Promise<TestClient> {
  for (let attempt = 0; ; attempt++) {
    const c = new TestClient(srv.port, { cookie: srv.cookie });
    await c.opened();
    c.send({ type: 'hello', sessionId, token, lastSeq: 0 });
    try {
      await c.next('welcome');
      return c;
    } catch (error) {
      // hellos are rate limited per seat: wait, as the app does, and come back
      if (c.closed?.code !== 4000 || attempt > 40) throw error;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

const commandTypes = ['DRILL.START', 'CLOCK.TICK', 'DRILL.PAUSE', 'DRILL.RESUME', 'PHASE.ADVANCE', 'TASK.ANSWER', 'TASK.RATE', 'INJECT.FIRE', 'NOTE.ADD', 'DRILL.END', 'OBSERVATION.RECORD', 'SUMMARY.SET'];
/** Messages that look like the protocol but are wrong in some way, and plain garbage. */
const often = (arbitrary: fc.Arbitrary<string>) => ({ arbitrary, weight: 10 });
const frame = fc.oneof(
  often(fc.string({ maxLength: 200 })),
  often(fc.jsonValue().map((v) => JSON.stringify(v))),
  often(fc.record({ type: fc.constantFrom('hello', 'command', 'claim', 'assign', 'clock', 'nonsense'), id: fc.oneof(fc.string(), fc.integer()), role: fc.string(), seat: fc.string(), action: fc.string(), speed: fc.integer() }).map((v) => JSON.stringify(v))),
  often(fc
    .record({
      type: fc.constant('command'),
      id: fc.uuid(),
      command: fc.record({
        type: fc.constantFrom(...commandTypes),
        payload: fc.oneof(
          fc.constant({}),
          fc.record({ task: fc.constantFrom('alert', 'assess-level', 'report-text', 'nope'), role: fc.constantFrom('lobby', 'head', 'customers', 'facilitator'), answer: fc.jsonValue() }),
          fc.record({ reason: fc.string(), text: fc.string(), inject: fc.string(), rating: fc.string() }),
        ),
      }),
    })
    .map((v) => JSON.stringify(v))),
  // oversized: closes the connection (the attacker comes back, within the limit on hellos)
  { arbitrary: fc.constant('{"type":"claim","role":"' + 'x'.repeat(20_000) + '"}'), weight: 1 },
  often(fc.constant('{"type":"command","id":"replay-me","command":{"type":"TASK.ANSWER","payload":{"task":"alert","role":"lobby","answer":{"kind":"single","option":"now"}}}}')),
);

describe('fuzzing the WebSocket protocol', () => {
  it('refuses hostile traffic from a participant without disturbing its session or another one', async () => {
    const target = await session();
    const bystander = await session();
    const fac = await hello(target.id, target.facilitatorToken);
    const other = await hello(bystander.id, bystander.facilitatorToken);
    const seat = await srv.api('/api/join', { body: { code: target.code, name: 'Fuzzer' } });
    const frames = fc.sample(frame, { numRuns: 1500, seed: 42 });
    let attacker = await hello(target.id, seat.json.token);
    attacker.send({ type: 'claim', role: 'head' });
    await attacker.next('welcome', (w) => w.you.role === 'head');
    fac.send({ type: 'command', id: 'start', command: { type: 'DRILL.START', payload: {} } });
    await fac.next('ack', (a) => a.id === 'start');
    let reconnects = 0;
    for (const [i, f] of frames.entries()) {
      if (attacker.closed) {
        // oversized frames and floods close the connection: come back and carry on
        reconnects++;
        attacker = await hello(target.id, seat.json.token);
      }
      attacker.sendRaw(f);
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5)); // let the server answer (and maybe hang up)
      if (i % 100 === 0) {
        // the other session is never affected
        other.send({ type: 'command', id: `note-${i}`, command: { type: 'NOTE.ADD', payload: { text: `still here ${i}` } } });
        await other.next('ack', (a) => a.id === `note-${i}`);
        await new Promise((r) => setTimeout(r, 60)); // let the rate limit refill now and then
      }
    }
    // the target session still works for its facilitator, and the attacker did nothing it may not
    fac.send({ type: 'command', id: 'after', command: { type: 'NOTE.ADD', payload: { text: 'after the storm' } } });
    await fac.next('ack', (a) => a.id === 'after');
    const transcript = await srv.api(`/api/sessions/${target.id}/transcript`, { token: target.facilitatorToken });
    const events = transcript.json.events as { actor: string; type: string; payload: { role?: string } }[];
    for (const e of events.filter((x) => x.actor !== 'facilitator' && x.actor !== 'system')) {
      expect(e.type).toBe('TASK.ANSWER');
      expect(e.actor).toBe('head');
      expect(e.payload.role).toBe('head');
    }
    expect(srv.logs.filter((l) => l.level === 'error')).toEqual([]);
    // every refusal is accounted for, but repeated ones are summarised rather than logged one by one
    const refusalLines = srv.logs.filter((l) => l.msg === 'refused' || l.msg === 'refused repeatedly');
    const perConnection = new Map<unknown, number>();
    for (const l of refusalLines) if (l.msg === 'refused') perConnection.set(l.conn, (perConnection.get(l.conn) ?? 0) + 1);
    expect(Math.max(...perConnection.values())).toBeLessThanOrEqual(5);
    expect(refusalLines.reduce((n, l) => n + (l.refusals ?? 1), 0)).toBeGreaterThan(500);
    expect(reconnects).toBeGreaterThan(0);
    expect((await srv.api('/api/health')).status).toBe(200);
    for (const c of [fac, other, attacker]) c.close();
  }, 120_000);
});

describe('fuzzing the HTTP API', () => {
  it('answers malformed bodies, methods and paths with a 4xx, never a 5xx', async () => {
    const s = await session();
    const request = fc.record({
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
      path: fc.oneof(
        fc.constantFrom('/api/health', '/api/scenarios', '/api/sessions', '/api/join', '/api/server-info', `/api/sessions/${s.id}/transcript`, `/api/sessions/${s.id}/plan`, '/api/sessions/../../etc/passwd', '/api/%00', '/api/sessions/x/transcript', '/api/login', '/api/logout', '/api/me', '/api/password', '/api/first-trainer', '/api/scenarios/mini-drill'),
        fc.string({ maxLength: 60 }).map((x) => `/api/${encodeURIComponent(x)}`),
      ),
      body: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.constant('x'.repeat(70_000))),
      type: fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
      token: fc.constantFrom(undefined, s.facilitatorToken, 'forged-forged-forged'),
      signedIn: fc.boolean(),
    });
    const samples = fc.sample(request, { numRuns: 400, seed: 7 });
    const statuses = new Map<number, number>();
    for (const r of samples) {
      const res = await fetch(srv.base + r.path, {
        method: r.method,
        headers: { ...(r.type ? { 'content-type': r.type } : {}), ...(r.token ? { authorization: `Bearer ${r.token}` } : {}), ...(r.signedIn ? { cookie: srv.cookie } : {}) },
        ...(r.body !== undefined && r.method !== 'GET' ? { body: r.body } : {}),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${r.method} ${r.path}`).toBeLessThan(500);
      if (res.status >= 400) expect((await res.json()).error).toEqual(expect.any(String));
      else await res.arrayBuffer();
    }
    expect([...statuses.keys()].some((k) => k >= 400)).toBe(true);
    expect((await srv.api('/api/health')).status).toBe(200);
  }, 120_000);
});
