import { afterAll, describe, expect, it } from 'vitest';
import { startTestServer, TestClient } from './harness';

const DAY = 24 * 3600 * 1000;

describe('retention', () => {
  const servers: Awaited<ReturnType<typeof startTestServer>>[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  /** A drill: never started, running, or played to its end. */
  async function drill(srv: Awaited<ReturnType<typeof startTestServer>>, how: 'unstarted' | 'running' | 'ended') {
    const { json: s } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', team: how } });
    if (how === 'unstarted') return s.id as string;
    const fac = new TestClient(srv.port, { cookie: srv.cookie });
    await fac.opened();
    fac.send({ type: 'hello', sessionId: s.id, token: s.facilitatorToken, lastSeq: 0 });
    await fac.next('welcome');
    fac.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.next('ack', (a) => a.id === 'go');
    if (how === 'ended') {
      fac.send({ type: 'command', id: 'end', command: { type: 'DRILL.END', payload: {} } });
      await fac.next('ack', (a) => a.id === 'end');
    }
    fac.close();
    return s.id as string;
  }
  const listed = async (srv: Awaited<ReturnType<typeof startTestServer>>) => ((await srv.api('/api/sessions')).json as { id: string }[]).map((x) => x.id).sort();

  it('removes drills never started after a day, and ended drills after DATA_RETENTION_DAYS; a drill in progress stays', async () => {
    const srv = await startTestServer(undefined, { retentionDays: 30 });
    servers.push(srv);
    const [unstarted, running, ended] = [await drill(srv, 'unstarted'), await drill(srv, 'running'), await drill(srv, 'ended')];
    expect(await listed(srv)).toEqual([unstarted, running, ended].sort());

    expect(await srv.sweep(Date.now() + DAY / 2)).toEqual([]); // nothing is old yet
    expect(await srv.sweep(Date.now() + 2 * DAY)).toEqual([unstarted]);
    expect(await listed(srv)).toEqual([running, ended].sort());
    expect(await srv.sweep(Date.now() + 31 * DAY)).toEqual([ended]);
    expect(await listed(srv)).toEqual([running]);
    // gone with everything it held
    expect((await srv.api(`/api/sessions/${ended}/transcript`)).status).toBe(404);
    expect(srv.logs.some((l) => l.msg === 'old drills removed' && l.removed === 1)).toBe(true);
  });

  it('keeps ended drills when no retention is set', async () => {
    const srv = await startTestServer();
    servers.push(srv);
    const ended = await drill(srv, 'ended');
    expect(await srv.sweep(Date.now() + 400 * DAY)).toEqual([]);
    expect(await listed(srv)).toEqual([ended]);
  });
});
