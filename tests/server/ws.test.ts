import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantView } from '../../src/engine';
import { startTestServer, TestClient } from './harness';

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer(undefined, { limits: { joinPerMinute: 1000 } });
});
afterAll(() => srv.close());

async function newSession() {
  const { json } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
  return json as { id: string; code: string; facilitatorToken: string; projectorToken: string };
}

/** Connects as a browser signed in as a trainer would (the facilitator's seat needs that). */
async function connect(sessionId: string, token: string, lastSeq = 0) {
  const c = new TestClient(srv.port, { cookie: srv.cookie });
  await c.opened();
  c.send({ type: 'hello', sessionId, token, lastSeq });
  const welcome = await c.next('welcome');
  return { c, welcome };
}

async function joinAs(session: { id: string; code: string }, name: string, role?: string) {
  const { json } = await srv.api('/api/join', { body: { code: session.code, name } });
  const first = await connect(session.id, json.token);
  let welcome = first.welcome;
  if (role) {
    first.c.send({ type: 'claim', role });
    welcome = await first.c.next('welcome', (w) => w.you.role === role);
  }
  return { c: first.c, welcome, token: json.token as string };
}

const answer = (id: string, task: string, role: string, option: string) => ({
  type: 'command' as const,
  id,
  command: { type: 'TASK.ANSWER' as const, payload: { task, role, answer: { kind: 'single' as const, option } } },
});

describe('the WebSocket hub', () => {
  it('welcomes each seat with what it may see: the facilitator the drill, a participant its role\'s view, the projector the room\'s', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    expect(fac.welcome.you.kind).toBe('facilitator');
    expect(fac.welcome.code).toBe(s.code);
    expect(fac.welcome.drill?.scenario?.roles.find((r) => r.id === 'lobby')?.briefing.private).toBeDefined();
    expect(fac.welcome.screen).toBeUndefined();
    const p = await joinAs(s, 'Li Na', 'head');
    expect(p.welcome.drill).toBeUndefined();
    const view = p.welcome.screen as ParticipantView;
    expect(view.role.briefing).toEqual({ public: { 'zh-CN': '【中】Runs the branch.', en: 'Runs the branch.' } });
    // no scenario, no answer key, no other role's secrets: the frame itself is checked
    const frame = JSON.stringify(p.welcome);
    for (const secret of ['Right: alert at once.', 'Institution, place, time, cause, measures.', 'Takes a customer', '"score"', '"effects"', '"feedback"', '"measures"', '"weight"']) expect(frame).not.toContain(secret);
    const lobby = await joinAs(s, 'Lobby player', 'lobby');
    expect((lobby.welcome.screen as ParticipantView).role.briefing.private).toBeDefined();
    lobby.c.close();
    const seats = await fac.c.next('seats', (m) => m.seats.some((x) => x.role === 'head'));
    expect(seats.seats).toEqual([expect.objectContaining({ name: 'Li Na', role: 'head', connected: true })]);
    // the projector sees the room's view; events go to the facilitator alone
    const projector = await connect(s.id, s.projectorToken);
    expect(projector.welcome.screen && 'role' in projector.welcome.screen).toBe(false);
    expect(JSON.stringify(projector.welcome)).not.toContain('Right: alert at once.');
    fac.c.send({ type: 'command', id: 'p-go', command: { type: 'DRILL.START', payload: {} } });
    await projector.c.next('screen', (m) => m.screen.status === 'running');
    // the regulator's call to the head: in the head's messages, not on the projector
    fac.c.send({ type: 'command', id: 'p-fire', command: { type: 'INJECT.FIRE', payload: { inject: 'late-check' } } });
    const call = await p.c.next('screen', (m) => (m.screen as ParticipantView).messages?.some((x) => x.id === 'late-check'));
    expect((call.screen as ParticipantView).messages.find((x) => x.id === 'late-check')?.content.en).toBe('The regulator asks for a report.');
    fac.c.send({ type: 'command', id: 'p-note', command: { type: 'NOTE.ADD', payload: { text: 'Li Na hesitated' } } });
    fac.c.send({ type: 'command', id: 'p-end', command: { type: 'DRILL.END', payload: { reason: 'out of time, sorry' } } });
    // at the end the room's view carries the debrief, without the facilitator's words
    const after = await projector.c.next('screen', (m) => m.screen.status === 'ended');
    expect(after.screen.debrief?.debrief.total).toEqual(expect.any(Number));
    for (const frame of [...projector.c.frames, ...p.c.frames]) {
      expect(JSON.parse(frame).type).not.toBe('event');
      expect(frame).not.toContain('Li Na hesitated');
      expect(frame).not.toContain('out of time, sorry');
    }
    expect(projector.c.frames.join('\n')).not.toContain('The regulator asks for a report.');
    // and after the end nobody joins
    expect((await srv.api('/api/join', { body: { code: s.code, name: 'Late' } })).status).toBe(410);
    projector.c.close();
    fac.c.close();
    p.c.close();
  });

  it('commits, acknowledges and broadcasts commands; a repeated command id is applied once', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    const lobby = await joinAs(s, 'Wang', 'lobby');
    fac.c.send({ type: 'command', id: 'start-1', command: { type: 'DRILL.START', payload: {} } });
    // (event 1: the lobby manager's seat taken)
    expect(await fac.c.next('ack', (a) => a.id === 'start-1')).toEqual({ type: 'ack', id: 'start-1', seq: 2 });
    expect((await fac.c.next('event', (m) => m.event.type === 'DRILL.START')).event).toMatchObject({ seq: 2, type: 'DRILL.START', actor: 'facilitator', id: 'start-1' });
    expect((await lobby.c.next('screen', (m) => m.screen.status === 'running')).screen).toMatchObject({ status: 'running', phase: 'report' });
    lobby.c.send(answer('a-1', 'alert', 'lobby', 'now'));
    lobby.c.send(answer('a-1', 'alert', 'lobby', 'now')); // a retry after a lost ack
    expect(await lobby.c.next('ack', (a) => a.id === 'a-1')).toEqual({ type: 'ack', id: 'a-1', seq: 3 });
    expect(await lobby.c.next('ack', (a) => a.id === 'a-1')).toEqual({ type: 'ack', id: 'a-1', seq: 3 });
    const transcript = await srv.api(`/api/sessions/${s.id}/transcript`, { token: s.facilitatorToken });
    expect(transcript.json.events.map((e: { type: string; actor: string }) => `${e.type}/${e.actor}`)).toEqual(['ROLE.CAST/system', 'DRILL.START/facilitator', 'TASK.ANSWER/lobby']);
    fac.c.close();
    lobby.c.close();
  });

  it('a participant cannot act for another role nor control the drill; the projector is read-only', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    const head = await joinAs(s, 'Zhao', 'head');
    fac.c.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.c.next('ack');
    head.c.send(answer('x-1', 'alert', 'lobby', 'now'));
    expect(await head.c.next('refused', (r) => r.id === 'x-1')).toMatchObject({ refusal: { code: 'not-your-role', params: { role: 'lobby' } } });
    for (const [i, command] of [
      { type: 'PHASE.ADVANCE', payload: { reason: 'I decide' } },
      { type: 'DRILL.END', payload: {} },
      { type: 'INJECT.FIRE', payload: { inject: 'reporter' } },
      { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'P' } },
    ].entries()) {
      head.c.send({ type: 'command', id: `ctl-${i}`, command });
      expect((await head.c.next('refused', (r) => r.id === `ctl-${i}`)).refusal).toEqual({ code: 'not-allowed', params: { type: command.type } });
    }
    head.c.send({ type: 'clock', action: 'speed', speed: 5 });
    expect((await head.c.next('refused')).refusal).toEqual({ code: 'facilitator-only' });
    head.c.send({ type: 'assign', seat: head.welcome.you.seat ?? '', role: 'lobby' });
    expect((await head.c.next('refused')).refusal).toEqual({ code: 'facilitator-only' });
    const projector = await connect(s.id, s.projectorToken);
    projector.c.send({ type: 'command', id: 'p-1', command: { type: 'DRILL.PAUSE', payload: {} } });
    expect((await projector.c.next('refused')).refusal).toEqual({ code: 'read-only' });
    const transcript = await srv.api(`/api/sessions/${s.id}/transcript`, { token: s.facilitatorToken });
    expect(transcript.json.events.map((e: { type: string }) => e.type)).toEqual(['ROLE.CAST', 'DRILL.START']);
    for (const x of [fac, head, projector]) x.c.close();
  });

  it('does not cut off a seat whose commands the drill refuses (a colleague was faster)', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    const lobby = await joinAs(s, 'Quick', 'lobby');
    fac.c.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.c.next('ack');
    lobby.c.send(answer('first', 'alert', 'lobby', 'now'));
    await lobby.c.next('ack');
    for (let i = 0; i < 55; i++) {
      await new Promise((r) => setTimeout(r, 60)); // under the rate limit: these are refusals, not a flood
      lobby.c.send(answer(`again-${i}`, 'alert', 'lobby', 'wait'));
      const r = await lobby.c.next('refused', (x) => x.id === `again-${i}`).catch((e) => { throw new Error(`${e} ${JSON.stringify(lobby.c.messages)}`); });
      expect(r.refusal).toEqual({ code: 'already-answered' });
    }
    expect(lobby.c.closed).toBeNull();
    fac.c.close();
    lobby.c.close();
  });

  it('refuses forged tokens and tokens of another session, closing the connection', async () => {
    const a = await newSession();
    const b = await newSession();
    for (const [sessionId, token] of [
      [a.id, 'forged-token-0123456789'],
      [a.id, b.facilitatorToken],
    ] as const) {
      const c = new TestClient(srv.port, { cookie: srv.cookie });
      await c.opened();
      c.send({ type: 'hello', sessionId, token, lastSeq: 0 });
      expect((await c.next('refused')).refusal).toEqual({ code: 'bad-token' });
      expect(await c.waitClosed()).toBe(1008);
    }
    // The facilitator's token alone is not enough: the upgrade request must carry a signed-in trainer's cookie.
    for (const cookie of [undefined, 'drillroom_trainer=forged-sign-in-token', `${srv.cookie}x`]) {
      const c = new TestClient(srv.port, cookie ? { cookie } : {});
      await c.opened();
      c.send({ type: 'hello', sessionId: a.id, token: a.facilitatorToken, lastSeq: 0 });
      expect((await c.next('refused')).refusal).toEqual({ code: 'trainer-only' });
      expect(await c.waitClosed()).toBe(1008);
    }
    // A participant's and the projector's seats need no sign-in.
    const projector = new TestClient(srv.port);
    await projector.opened();
    projector.send({ type: 'hello', sessionId: a.id, token: a.projectorToken, lastSeq: 0 });
    expect((await projector.next('welcome')).you.kind).toBe('projector');
    projector.close();
  });

  it('refuses malformed, oversized and flooding messages without disturbing the session', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    const p = await joinAs(s, 'Chen', 'lobby');
    p.c.sendRaw('not json');
    expect((await p.c.next('refused')).refusal).toEqual({ code: 'not-json' });
    p.c.send({ type: 'command', id: 'm-1', command: { type: 'TASK.ANSWER', payload: { task: 'alert' } } });
    expect((await p.c.next('refused', (r) => r.id === 'm-1')).refusal).toMatchObject({ code: 'malformed', params: { at: expect.stringMatching(/^command\.payload/) } });
    p.c.send({ type: 'launch-missiles' });
    expect((await p.c.next('refused')).refusal).toMatchObject({ code: 'malformed' });
    p.c.sendRaw(Buffer.from([1, 2, 3]));
    expect((await p.c.next('refused')).refusal).toEqual({ code: 'binary' });
    // a flood is cut down to the rate limit
    for (let i = 0; i < 80; i++) p.c.send({ type: 'claim', role: 'head' });
    expect((await p.c.next('refused', (r) => r.refusal.code === 'slow-down')).refusal).toBeDefined();
    // an oversized message closes that connection only
    const big = await joinAs(s, 'Big', undefined);
    big.c.sendRaw(JSON.stringify({ type: 'claim', role: 'x'.repeat(20_000) }));
    expect(await big.c.waitClosed()).toBe(1009);
    // the session carries on for everyone else
    fac.c.send({ type: 'command', id: 'ok-1', command: { type: 'DRILL.START', payload: {} } });
    expect(await fac.c.next('ack', (a) => a.id === 'ok-1')).toMatchObject({ seq: 2 }); // after the lobby manager's seat
    expect(srv.logs.some((l) => l.msg === 'refused' && l.reason === 'not-json' && l.session === s.id)).toBe(true);
    fac.c.close();
    p.c.close();
  });

  it('a client that reconnects receives exactly the events it missed', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    for (const [i, command] of [
      { type: 'DRILL.START', payload: {} },
      { type: 'NOTE.ADD', payload: { text: 'one' } },
      { type: 'NOTE.ADD', payload: { text: 'two' } },
    ].entries()) {
      fac.c.send({ type: 'command', id: `c${i}`, command });
      await fac.c.next('ack', (a) => a.id === `c${i}`);
    }
    const again = await connect(s.id, s.facilitatorToken, 2);
    expect(again.welcome.drill?.events.map((e) => e.seq)).toEqual([3]);
    fac.c.close();
    again.c.close();
  });

  it('the facilitator assigns, moves and frees seats; a role is held by one seat at a time', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    const a = await joinAs(s, 'A');
    const b = await joinAs(s, 'B');
    fac.c.send({ type: 'assign', seat: a.welcome.you.seat ?? '', role: 'head' });
    expect((await a.c.next('welcome', (w) => w.you.role === 'head')).screen).toMatchObject({ role: { id: 'head' } });
    fac.c.send({ type: 'assign', seat: b.welcome.you.seat ?? '', role: 'head' });
    expect((await fac.c.next('refused')).refusal).toEqual({ code: 'role-taken', params: { name: 'A' } });
    b.c.send({ type: 'claim', role: 'head' });
    expect((await b.c.next('refused')).refusal).toEqual({ code: 'role-taken', params: { name: 'A' } });
    fac.c.send({ type: 'assign', seat: a.welcome.you.seat ?? '', role: null });
    await a.c.next('welcome', (w) => w.you.role === null);
    b.c.send({ type: 'claim', role: 'head' });
    await b.c.next('welcome', (w) => w.you.role === 'head');
    for (const x of [fac, a, b]) x.c.close();
  });

  it('the seat lifecycle: claims before the start, approval during play, removal, locked joining, nothing after the end; every change in the transcript', async () => {
    const s = await newSession();
    const fac = await connect(s.id, s.facilitatorToken);
    expect(fac.welcome.joining).toBe(true);
    // before the start a free role is taken at once
    const lobby = await joinAs(s, 'Li Na', 'lobby');
    // during play a claim waits for the facilitator
    fac.c.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.c.next('ack', (a) => a.id === 'go');
    const late = await joinAs(s, 'Zhou');
    late.c.send({ type: 'claim', role: 'head' });
    const asked = await fac.c.next('seats', (m) => m.seats.some((x) => x.requested === 'head'));
    const zhou = asked.seats.find((x) => x.name === 'Zhou');
    expect(zhou).toMatchObject({ role: null, requested: 'head' });
    fac.c.send({ type: 'decide', seat: zhou?.id ?? '', approve: false });
    expect((await late.c.next('refused')).refusal).toMatchObject({ code: 'claim-declined' });
    late.c.send({ type: 'claim', role: 'head' });
    await fac.c.next('seats', (m) => m.seats.some((x) => x.requested === 'head'));
    fac.c.send({ type: 'decide', seat: zhou?.id ?? '', approve: true });
    expect((await late.c.next('welcome', (w) => w.you.role === 'head')).screen).toMatchObject({ role: { id: 'head' }, cast: { lobby: 'Li Na', head: 'Zhou' } });
    // the facilitator locks joining: the code no longer lets anyone in; reopened, it does
    fac.c.send({ type: 'joining', open: false });
    expect((await lobby.c.next('seats', (m) => !m.joining)).joining).toBe(false);
    const closed = await srv.api('/api/join', { body: { code: s.code, name: 'Gatecrasher' } });
    expect([closed.status, closed.json.code]).toEqual([403, 'joining-closed']);
    fac.c.send({ type: 'joining', open: true });
    await fac.c.next('seats', (m) => m.joining);
    const observer = await joinAs(s, 'Observer');
    // a removed seat: its windows are closed, its link stops working, its role is free again
    fac.c.send({ type: 'remove', seat: lobby.welcome.you.seat ?? '' });
    expect((await lobby.c.next('refused')).refusal).toEqual({ code: 'seat-removed' });
    expect(await lobby.c.waitClosed()).toBe(1008);
    const again = new TestClient(srv.port);
    await again.opened();
    again.send({ type: 'hello', sessionId: s.id, token: lobby.token, lastSeq: 0 });
    expect((await again.next('refused')).refusal).toEqual({ code: 'bad-token' });
    expect((await fac.c.next('seats', (m) => !m.seats.some((x) => x.name === 'Li Na'))).seats.map((x) => x.name)).toEqual(['Zhou', 'Observer']);
    // after the end: no claims, no join
    fac.c.send({ type: 'command', id: 'end', command: { type: 'DRILL.END', payload: {} } });
    await fac.c.next('ack', (a) => a.id === 'end');
    observer.c.send({ type: 'claim', role: 'lobby' });
    expect((await observer.c.next('refused')).refusal).toEqual({ code: 'ended' });
    fac.c.send({ type: 'assign', seat: observer.welcome.you.seat ?? '', role: 'lobby' });
    expect((await fac.c.next('refused')).refusal).toEqual({ code: 'ended' });
    const after = await srv.api('/api/join', { body: { code: s.code, name: 'Too late' } });
    expect([after.status, after.json.code]).toEqual([410, 'drill-ended']);
    // the transcript: the session's details as they were at the start; every seat change an event
    const transcript = await srv.api(`/api/sessions/${s.id}/transcript`);
    expect(transcript.json.session.participants).toBeUndefined();
    const casts = (transcript.json.events as { type: string; actor: string; payload: { role: string; name?: string } }[]).filter((e) => e.type === 'ROLE.CAST');
    expect(casts.map((e) => [e.actor, e.payload.role, e.payload.name ?? null])).toEqual([
      ['system', 'lobby', 'Li Na'],
      ['facilitator', 'head', 'Zhou'],
      ['facilitator', 'lobby', null],
    ]);
    for (const x of [fac, late, observer]) x.c.close();
    again.close();
  });
});
