/**
 * The drill clock after a stop: the server writes a running drill's clock down often; when it
 * comes back, the drill resumes from that drill time (not from the last event), paused, and
 * the facilitator (only) is told.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/server/sqliteStore';
import { startTestServer, TestClient } from './harness';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the drill clock across a restart', () => {
  it('comes back paused at the checkpointed drill time, and tells the facilitator', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-restore-'));
    dirs.push(dataDir);
    let srv = await startTestServer(dataDir);
    const { json: s } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
    const { json: seat } = await srv.api('/api/join', { body: { code: s.code, name: 'Li' } });
    let fac = new TestClient(srv.port, { cookie: srv.cookie });
    await fac.opened();
    fac.send({ type: 'hello', sessionId: s.id, token: s.facilitatorToken, lastSeq: 0 });
    await fac.next('welcome');
    fac.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.next('ack');
    fac.send({ type: 'clock', action: 'speed', speed: 5 });
    await fac.next('clock', (m) => m.clock.speed === 5);
    await new Promise((r) => setTimeout(r, 1500)); // about 7 drill-seconds, checkpointed on the way
    fac.close();
    await srv.close(false);
    // what a SIGKILL leaves behind: the last checkpoint (close() wrote one; take it as the crash's)
    const store = openSqliteStore(dataDir);
    const checkpointed = (await store.session(s.id))?.clock.drill ?? 0;
    await store.close();
    expect(checkpointed).toBeGreaterThan(5);

    srv = await startTestServer(dataDir);
    fac = new TestClient(srv.port, { cookie: srv.cookie });
    await fac.opened();
    fac.send({ type: 'hello', sessionId: s.id, token: s.facilitatorToken, lastSeq: 0 });
    const welcome = await fac.next('welcome');
    const last = welcome.drill?.events.at(-1);
    expect(last).toMatchObject({ type: 'DRILL.PAUSE', actor: 'facilitator', t: Math.floor(checkpointed) });
    expect(welcome.notice).toEqual({ kind: 'restored', drillTime: Math.floor(checkpointed) });
    expect(srv.logs.some((l) => l.msg === 'drill restored after a stop: paused for the facilitator' && l.session === s.id)).toBe(true);
    // a participant is not told (the pause is in its events)
    const p = new TestClient(srv.port);
    await p.opened();
    p.send({ type: 'hello', sessionId: s.id, token: seat.token, lastSeq: 0 });
    expect((await p.next('welcome')).notice).toBeUndefined();
    // once resumed, the facilitator is no longer told
    fac.send({ type: 'command', id: 'on', command: { type: 'DRILL.RESUME', payload: {} } });
    await fac.next('ack');
    const again = new TestClient(srv.port, { cookie: srv.cookie });
    await again.opened();
    again.send({ type: 'hello', sessionId: s.id, token: s.facilitatorToken, lastSeq: 0 });
    expect((await again.next('welcome')).notice).toBeUndefined();
    for (const c of [fac, p, again]) c.close();
    await srv.close(false);
  });
});
