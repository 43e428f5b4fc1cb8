import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscript } from '../../src/engine';
import { startTestServer } from './harness';

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer();
});
afterAll(() => srv.close());

describe('HTTP API', () => {
  it('answers health and lists scenarios', async () => {
    expect(await srv.api('/api/health')).toMatchObject({ status: 200, json: { ok: true } });
    const list = await srv.api('/api/scenarios');
    expect(list.status).toBe(200);
    expect(list.json.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['mini-drill', 'group-complaint-branch', 'personal-info-leak', 'wealth-product-loss']));
    expect(list.json[0]).toMatchObject({ id: expect.any(String), category: expect.any(String), title: { 'zh-CN': expect.any(String), en: expect.any(String) } });
  });

  it('creates a session with a six-digit code and tokens, and serves its transcript only to a signed-in trainer', async () => {
    const created = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', team: 'Qinghe' } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ id: expect.any(String), code: expect.stringMatching(/^\d{6}$/), facilitatorToken: expect.any(String), projectorToken: expect.any(String) });
    const path = `/api/sessions/${created.json.id}/transcript`;
    expect((await srv.api(path, { cookie: null })).status).toBe(401);
    expect((await srv.api(path, { cookie: null, token: created.json.projectorToken })).status).toBe(401);
    expect((await srv.api(path, { cookie: null, token: created.json.facilitatorToken })).status).toBe(401);
    expect((await srv.api(path, { cookie: 'drillroom_trainer=forged-token-forged-token' })).status).toBe(401);
    const transcript = await srv.api(path);
    expect(transcript.status).toBe(200);
    // the signed-in trainer is the facilitator unless the request names another
    expect(transcript.json).toMatchObject({ format: 'drillroom-transcript', version: 2, integrity: { count: 0 }, session: { id: created.json.id, team: 'Qinghe', source: 'server', facilitator: 'Wang Fang' }, events: [] });
    // signed by the server's key, which anyone may read (the review page trusts its own server's key)
    const key = await srv.api('/api/signing-key', { cookie: null });
    expect(key).toMatchObject({ status: 200, json: { publicKey: expect.stringMatching(/^[0-9a-f]{64}$/), fingerprint: expect.any(String) } });
    const parsed = parseTranscript(transcript.json);
    expect(parsed.ok && parsed.value.seal).toEqual({ status: 'signed', publicKey: key.json.publicKey, fingerprint: key.json.fingerprint, planChanged: false });
    // a saved plan is signed again with the transcript
    const plan = [{ id: 'a1', action: '演练复盘', owner: '消保部', due: '' }];
    const saved = await srv.api(`/api/sessions/${created.json.id}/plan`, { method: 'PUT', body: plan });
    expect(saved.status).toBe(200);
    // the answer carries the signature with the new plan, for the review page's next download
    const resigned = parseTranscript({ ...transcript.json, plan, signature: saved.json.signature });
    expect(resigned.ok && resigned.value.seal).toMatchObject({ status: 'signed', publicKey: key.json.publicKey, planChanged: false });
    const again = parseTranscript((await srv.api(path)).json);
    expect(again.ok && again.value.file.plan).toHaveLength(1);
    expect(again.ok && again.value.seal).toMatchObject({ status: 'signed', planChanged: false });
  });

  it('refuses bad requests with a 4xx and a JSON message', async () => {
    const cases: [Promise<{ status: number; json: any }>, number, RegExp][] = [
      [srv.api('/api/sessions', { body: { scenarioId: 'no-such-drill' } }), 404, /no scenario/],
      [srv.api('/api/sessions', { raw: '{"scenarioId": ' }), 400, /not valid JSON/],
      [srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', extra: 1 } }), 400, /Unrecognized key/],
      [srv.api('/api/sessions', { raw: JSON.stringify({ scenarioId: 'x'.repeat(70_000) }) }), 413, /too large/],
      [srv.api('/api/sessions', { raw: 'scenarioId=mini', type: 'application/x-www-form-urlencoded' }), 415, /JSON/],
      [srv.api('/api/sessions', { method: 'DELETE' }), 405, /use POST/],
      [srv.api('/api/sessions/unknown-session/transcript'), 404, /no such session/],
      [srv.api('/api/scenarios/no-such-drill'), 404, /no scenario/],
      [srv.api('/api/nothing-here'), 404, /no API/],
      [srv.api('/api/join', { body: { code: '12', name: 'Li' } }), 400, /six digits/],
    ];
    for (const [request, status, message] of cases) {
      const res = await request;
      expect(res.status).toBe(status);
      expect(res.json.error).toMatch(message);
    }
    expect((await srv.api('/api/health')).status).toBe(200);
  });

  it('limits join attempts so codes cannot be enumerated', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await srv.api('/api/join', { body: { code: String(100000 + i), name: 'guess' } })).status);
    expect(statuses.slice(0, 5).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('history and improvement plans', () => {
  it('lists past sessions with scores, filtered by scenario and team', async () => {
    const a = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', team: 'Qinghe sub-branch' } });
    await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', team: 'Hekou sub-branch' } });
    const all = await srv.api('/api/sessions?scenario=mini-drill');
    expect(all.status).toBe(200);
    expect(all.json.length).toBeGreaterThanOrEqual(2);
    const mine = await srv.api('/api/sessions?scenario=mini-drill&team=qinghe%20SUB');
    expect(mine.json).toEqual([
      // not played yet: no score
      expect.objectContaining({ id: a.json.id, team: 'Qinghe sub-branch', status: 'briefing', total: null, rating: null, criteria: [] }),
    ]);
    expect(JSON.stringify(mine.json)).not.toContain(a.json.facilitatorToken);
  });

  it('keeps the improvement plan with the session, for signed-in trainers only', async () => {
    const s = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
    const path = `/api/sessions/${s.json.id}/plan`;
    const plan = [{ id: 'a1', action: 'Rehearse the 10-minute report', owner: 'Branch head', due: '2026-12-31', criterion: 'timely' }];
    expect((await srv.api(path, { method: 'PUT', body: plan, cookie: null })).status).toBe(401);
    expect((await srv.api(path, { method: 'PUT', body: plan, cookie: null, token: s.json.facilitatorToken })).status).toBe(401);
    expect((await srv.api(path, { method: 'PUT', body: [{ id: 'a1', action: 'x', owner: 'y', due: 'tomorrow' }] })).status).toBe(400);
    expect(await srv.api(path, { method: 'PUT', body: plan })).toMatchObject({ status: 200, json: { ok: true, actions: 1 } });
    const transcript = await srv.api(`/api/sessions/${s.json.id}/transcript`);
    expect(transcript.json.plan).toEqual(plan);
  });
});

describe('seats prepared by the facilitator', () => {
  it('gives a named participant a role and a personal token', async () => {
    const s = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
    const path = `/api/sessions/${s.json.id}/seats`;
    expect((await srv.api(path, { body: { name: 'Li Na', role: 'lobby' } })).status).toBe(401);
    // the facilitator's token left in a browser is not enough without a signed-in trainer
    expect((await srv.api(path, { body: { name: 'Li Na', role: 'lobby' }, token: s.json.facilitatorToken, cookie: null })).status).toBe(401);
    const seat = await srv.api(path, { body: { name: 'Li Na', role: 'lobby' }, token: s.json.facilitatorToken });
    expect(seat).toMatchObject({ status: 201, json: { seat: expect.any(String), token: expect.any(String) } });
    expect(await srv.api(path, { body: { name: 'Wang', role: 'lobby' }, token: s.json.facilitatorToken })).toMatchObject({ status: 409 });
    expect(await srv.api(path, { body: { name: 'Wang', role: 'customers' }, token: s.json.facilitatorToken })).toMatchObject({ status: 400, json: { error: '"customers" is not a role a participant can play' } });
  });
});
