/**
 * The bank's own scenarios (published from the studio): trainers publish revisions, which never
 * change; the library lists them beside the shipped ones; a drill runs one and records which.
 * On SQLite and on a real PostgreSQL server (the same flow: a smoke test of the server on it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/engine';
import { miniJson } from '../helpers/drill';
import { startTestServer, TestClient } from './harness';
import { startPostgres, type TestPostgres } from './postgres';

let postgres: TestPostgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await postgres?.stop();
}, 60_000);

const bankScenario = (version: string, title = 'Our branch: a queue at opening') =>
  miniJson((s) => {
    s.id = 'bank-queue';
    s.version = version;
    s.title = { 'zh-CN': `${title}（${version}）`, en: `${title} (${version})` };
  });

/** The scenario as the server keeps it: checked, with the format's defaults filled in. */
const stored = (json: unknown) => {
  const v = validateScenario(json);
  if (!v.ok) throw new Error(JSON.stringify(v.issues));
  return v.value;
};

const stores: { name: string; options: () => Promise<{ databaseUrl?: string }> }[] = [
  { name: 'SQLite', options: async () => ({}) },
  { name: 'PostgreSQL', options: async () => ({ databaseUrl: await postgres.database() }) },
];

describe.each(stores)('bank scenarios on $name', ({ options }) => {
  it('are published by trainers only, checked by the engine, never over a shipped id, as revisions 1, 2, … that never change', async () => {
    const srv = await startTestServer(undefined, await options());
    try {
      const publish = (body: unknown, cookie?: string | null) => srv.api('/api/scenarios', { method: 'POST', body, ...(cookie !== undefined ? { cookie } : {}) });
      // not signed in: refused, nothing stored
      expect(await publish(bankScenario('1.0.0'), null)).toMatchObject({ status: 401 });
      // a seat's token is no trainer's sign-in
      const session = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
      const asFacilitator = await srv.api('/api/scenarios', { method: 'POST', body: bankScenario('1.0.0'), token: session.json.facilitatorToken, cookie: null });
      expect(asFacilitator.status).toBe(401);
      const seat = await srv.api('/api/join', { body: { code: session.json.code, name: 'Li' }, cookie: null });
      expect((await srv.api('/api/scenarios', { method: 'POST', body: bankScenario('1.0.0'), token: seat.json.token, cookie: null })).status).toBe(401);
      expect((await srv.api('/api/scenarios/bank-queue')).status).toBe(404);

      // problems found by the project's validator: 400, each with where it is
      const broken = await publish(miniJson((s) => {
        s.id = 'bank-queue';
        s.phases = [];
        s.roles[0].id = 'Not An Id';
      }));
      expect(broken.status).toBe(400);
      expect(broken.json.problems.length).toBeGreaterThan(0);
      for (const p of broken.json.problems) expect(p).toEqual({ path: expect.any(String), message: expect.any(String) });
      expect((await publish({ not: 'a scenario' })).json.problems.length).toBeGreaterThan(0);
      expect((await srv.api('/api/scenarios', { method: 'POST', raw: '{"id": ' })).status).toBe(400);
      expect((await srv.api('/api/scenarios', { method: 'POST', raw: JSON.stringify(bankScenario('1.0.0')), type: 'text/plain' })).status).toBe(415);
      // a shipped scenario's id is not the bank's to publish
      const shipped = await publish(miniJson());
      expect(shipped.status).toBe(409);
      expect(shipped.json.error).toMatch(/shipped/);
      expect((await publish(miniJson((s) => (s.id = 'group-complaint-branch')))).status).toBe(409);

      // revisions 1, 2, 3
      expect(await publish(bankScenario('1.0.0'))).toMatchObject({ status: 201, json: { id: 'bank-queue', revision: 1 } });
      expect(await publish(bankScenario('1.1.0'))).toMatchObject({ status: 201, json: { id: 'bank-queue', revision: 2 } });
      // a second trainer's publication is the next revision too
      expect((await publish(bankScenario('2.0.0'))).json).toEqual({ id: 'bank-queue', revision: 3 });

      // the latest revision, and any given one, as they were published
      const latest = await srv.api('/api/scenarios/bank-queue');
      expect(latest.status).toBe(200);
      expect(latest.json).toEqual(stored(bankScenario('2.0.0')));
      expect(latest.headers.get('x-scenario-revision')).toBe('3');
      expect(latest.headers.get('x-scenario-source')).toBe('bank');
      const first = await srv.api('/api/scenarios/bank-queue/revisions/1');
      expect(first.json).toEqual(stored(bankScenario('1.0.0')));
      expect(first.headers.get('x-scenario-revision')).toBe('1');
      expect((await srv.api('/api/scenarios/bank-queue/revisions/4')).status).toBe(404);
      expect((await srv.api('/api/scenarios/bank-queue/revisions/1', { cookie: null })).status).toBe(401);
      expect((await srv.api('/api/scenarios/bank-queue/revisions/1', { method: 'PUT', body: bankScenario('9.9.9') })).status).toBe(405);
      // shipped ones are served as before
      expect((await srv.api('/api/scenarios/mini-drill')).json.id).toBe('mini-drill');

      // the library: shipped and bank scenarios (the latest revision of each), for trainers
      const library = (await srv.api('/api/scenarios')).json as { id: string; source: string; revision?: number; version: string }[];
      expect(library.find((s) => s.id === 'mini-drill')).toMatchObject({ source: 'shipped' });
      expect(library.find((s) => s.id === 'mini-drill')?.revision).toBeUndefined();
      expect(library.filter((s) => s.id === 'bank-queue')).toEqual([expect.objectContaining({ source: 'bank', revision: 3, version: '2.0.0' })]);
      // without sign-in: the shipped titles only, as before
      const anonymous = (await srv.api('/api/scenarios', { cookie: null })).json as { id: string }[];
      expect(anonymous.map((s) => s.id)).not.toContain('bank-queue');
      expect(anonymous.map((s) => s.id)).toContain('mini-drill');
    } finally {
      await srv.close();
    }
  }, 60_000);

  it('run in drills that record the revision they ran, in the history and the transcript', async () => {
    const srv = await startTestServer(undefined, await options());
    try {
      const publish = (body: unknown) => srv.api('/api/scenarios', { method: 'POST', body });
      await publish(bankScenario('1.0.0'));
      await publish(bankScenario('1.1.0'));
      // the latest, unless a revision is asked for
      const latest = await srv.api('/api/sessions', { body: { scenarioId: 'bank-queue', team: 'Latest' } });
      expect(latest.status).toBe(201);
      const pinned = await srv.api('/api/sessions', { body: { scenarioId: 'bank-queue', revision: 1, team: 'Pinned' } });
      expect(pinned.status).toBe(201);
      expect((await srv.api('/api/sessions', { body: { scenarioId: 'bank-queue', revision: 7 } })).status).toBe(404);
      expect((await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', revision: 1 } })).status).toBe(400);
      expect((await srv.api('/api/sessions', { body: { scenarioId: 'bank-queue', revision: 0 } })).status).toBe(400);
      // a revision published later changes nothing in drills made before
      await publish(bankScenario('2.0.0'));
      const history = (await srv.api('/api/sessions')).json as { id: string; scenario: { id: string; version: string; revision?: number } }[];
      expect(history.find((h) => h.id === latest.json.id)?.scenario).toMatchObject({ id: 'bank-queue', version: '1.1.0', revision: 2 });
      expect(history.find((h) => h.id === pinned.json.id)?.scenario).toMatchObject({ id: 'bank-queue', version: '1.0.0', revision: 1 });
      const shippedDrill = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
      const shippedSummary = ((await srv.api('/api/sessions')).json as { id: string; scenario: { revision?: number } }[]).find((h) => h.id === shippedDrill.json.id);
      expect(shippedSummary?.scenario.revision).toBeUndefined();

      // the drill runs: the facilitator gets revision 2's scenario, commands are committed and acknowledged
      const fac = new TestClient(srv.port, { cookie: srv.cookie });
      await fac.opened();
      fac.send({ type: 'hello', sessionId: latest.json.id, token: latest.json.facilitatorToken, lastSeq: 0 });
      const welcome = await fac.next('welcome');
      expect(welcome.drill?.scenario?.version).toBe('1.1.0');
      const seat = await srv.api('/api/join', { body: { code: latest.json.code, name: 'Li' }, cookie: null });
      const player = new TestClient(srv.port);
      await player.opened();
      player.send({ type: 'hello', sessionId: latest.json.id, token: seat.json.token, lastSeq: 0 });
      await player.next('welcome');
      fac.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
      expect(await fac.next('ack', (m) => m.id === 'go')).toMatchObject({ seq: 1 });
      fac.send({ type: 'command', id: 'n1', command: { type: 'NOTE.ADD', payload: { text: 'on the bank scenario' } } });
      expect(await fac.next('ack', (m) => m.id === 'n1')).toMatchObject({ seq: 2 });
      await player.next('screen');
      const transcript = await srv.api(`/api/sessions/${latest.json.id}/transcript`);
      expect(transcript.json.scenario.version).toBe('1.1.0');
      expect(transcript.json.events.map((e: { type: string }) => e.type)).toEqual(['DRILL.START', 'NOTE.ADD']);
      // the summary written at the start still names the revision
      expect(((await srv.api('/api/sessions')).json as { id: string }[]).find((h) => h.id === latest.json.id)).toMatchObject({ status: 'running', scenario: { revision: 2 } });
      fac.close();
      player.close();
    } finally {
      await srv.close();
    }
  }, 60_000);
});
