/**
 * Group role-play on the real server: an exercise of two groups in rounds (the other group
 * watches the round, then reviews it), evaluators' seats, and a drill in two venues — played
 * by clients that send what a laptop would, and what a curious one might.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent, ParticipantView } from '../../src/engine';
import type { ExerciseView } from '../../src/protocol/messages';
import { startTestServer, TestClient } from './harness';

let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  srv = await startTestServer(undefined, { limits: { joinPerMinute: 1000 } });
});
afterAll(() => srv.close());

type Group = { name: string; sessionId: string; code: string; facilitatorToken: string; projectorToken: string; projectors: { venue: string; token: string }[] };

async function connect(sessionId: string, token: string) {
  const c = new TestClient(srv.port, { cookie: srv.cookie });
  await c.opened();
  c.send({ type: 'hello', sessionId, token, lastSeq: 0 });
  const welcome = await c.next('welcome');
  return { c, welcome };
}

async function join(group: { sessionId: string; code: string }, name: string, role?: string, venue?: string) {
  const { status, json } = await srv.api('/api/join', { body: { code: group.code, name, ...(venue ? { venue } : {}) } });
  expect(status, JSON.stringify(json)).toBe(201);
  const seat = await connect(group.sessionId, json.token);
  if (role) {
    seat.c.send({ type: 'claim', role });
    seat.welcome = await seat.c.next('welcome', (w) => w.you.role === role);
  }
  return seat;
}

/** Sends a facilitator's command and waits for its acknowledgement. */
async function command(fac: TestClient, type: DrillEvent['type'], payload: Record<string, unknown> = {}) {
  const id = `${type}-${Math.random().toString(36).slice(2)}`;
  fac.send({ type: 'command', id, command: { type, payload } as never });
  await fac.next('ack', (a) => a.id === id);
}

const setState = (id: string, body: { playing?: number | null; reviewing?: number | null }) => srv.api(`/api/exercises/${id}/state`, { body });

describe('an exercise: groups in rounds, watching and reviewing each other', () => {
  it('creates a drill per group, lets the others watch the round, and records a peer review in the reviewed group\'s transcript', async () => {
    const created = await srv.api('/api/exercises', { body: { scenarioId: 'mini-drill', mode: 'rounds', groups: ['第一组', '第二组'] } });
    expect(created.status, created.text).toBe(201);
    const exercise = created.json as { id: string; groups: Group[] };
    const [one, two] = exercise.groups as [Group, Group];
    expect(one.sessionId).not.toBe(two.sessionId);
    expect(one.code).not.toBe(two.code);

    const read = await srv.api(`/api/exercises/${exercise.id}`);
    expect(read.json).toMatchObject({ mode: 'rounds', groups: [{ name: '第一组', code: one.code }, { name: '第二组', code: two.code }], playing: null, reviewing: null });
    // Without a trainer's sign-in, nothing.
    expect((await srv.api(`/api/exercises/${exercise.id}`, { cookie: null })).status).toBe(401);

    const fac1 = await connect(one.sessionId, one.facilitatorToken);
    expect(fac1.welcome.info.exercise).toEqual({ id: exercise.id, group: '第一组' });
    const lobby1 = await join(one, '李娜', 'lobby');
    const watcher = await join(two, '赵磊');
    const watcher2 = await join(two, '钱宇', 'head');
    expect(watcher.welcome.exercise).toMatchObject({ group: 1, playing: null, reviewing: null });

    // Round one: group one plays; group two's laptops follow its room view.
    expect((await setState(exercise.id, { playing: 0 })).status).toBe(200);
    const told = await watcher.c.next('exercise', (m) => m.exercise.playing === 0);
    expect(told.exercise.groups.map((g) => g.name)).toEqual(['第一组', '第二组']);
    const first = await watcher.c.next('watch', (m) => m.screen !== null);
    expect(first.group).toBe(0);
    await command(fac1.c, 'DRILL.START');
    const running = await watcher.c.next('watch', (m) => m.screen?.status === 'running');
    // The watched view is the projector's: no answer key, no private briefing.
    const frame = JSON.stringify(running);
    for (const secret of ['Right: alert at once.', '"effects"', '"feedback"', '"private"']) expect(frame).not.toContain(secret);
    // The group playing watches nothing: it plays.
    expect(lobby1.c.messages.some((m) => m.type === 'watch' && m.screen !== null)).toBe(false);

    // A review before the round is over is refused, to the trainer's page and to a laptop.
    const early = await setState(exercise.id, { reviewing: 0 });
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('not-ended');
    watcher.c.send({ type: 'review', ratings: [{ criterion: 'timely', rating: 'S' }] });
    expect((await watcher.c.next('refused')).refusal.code).toBe('no-review');

    await command(fac1.c, 'DRILL.END');
    expect((await setState(exercise.id, { playing: null, reviewing: 0 })).status).toBe(200);
    const review = await watcher.c.next('exercise', (m) => m.exercise.reviewing === 0);
    expect(review.exercise.rubric?.map((r) => r.id)).toContain('timely');
    expect(review.exercise.reviewed).toBe(false);
    expect(await watcher.c.next('watch', (m) => m.screen === null)).toBeTruthy();
    // The reviewed group rates nobody: it is being rated.
    const own = (await lobby1.c.next('exercise', (m) => m.exercise.reviewing === 0)).exercise as ExerciseView;
    expect(own.rubric).toBeUndefined();
    lobby1.c.send({ type: 'review', ratings: [{ criterion: 'timely', rating: 'P' }] });
    expect((await lobby1.c.next('refused')).refusal.code).toBe('own-group');

    watcher.c.send({ type: 'review', ratings: [{ criterion: 'timely', rating: 'U', comment: '上报太慢' }, { criterion: 'calm', rating: 'M' }] });
    expect((await watcher.c.next('exercise', (m) => m.exercise.reviewed === true)).exercise.reviewing).toBe(0);
    const recorded = await fac1.c.next('event', (m) => m.event.type === 'PEER.REVIEW');
    expect(recorded.event.actor).toBe('system');
    expect(recorded.event.payload).toEqual({ group: '第二组', reviewer: '赵磊', ratings: [{ criterion: 'timely', rating: 'U', comment: '上报太慢' }, { criterion: 'calm', rating: 'M' }] });
    // A criterion the rubric does not have is refused, and nothing is recorded.
    watcher2.c.send({ type: 'review', ratings: [{ criterion: 'not-a-criterion', rating: 'P' }] });
    expect((await watcher2.c.next('refused')).refusal.code).toBe('unknown-criterion');

    // Closed: no more reviews.
    expect((await setState(exercise.id, { reviewing: null })).status).toBe(200);
    await watcher2.c.next('exercise', (m) => m.exercise.reviewing === null);
    watcher2.c.send({ type: 'review', ratings: [{ criterion: 'timely', rating: 'P' }] });
    expect((await watcher2.c.next('refused', (m) => m.refusal.code !== 'unknown-criterion')).refusal.code).toBe('no-review');

    // The reviewed group's transcript holds the review; the other's does not.
    const t1 = await srv.api(`/api/sessions/${one.sessionId}/transcript`);
    expect((t1.json.events as DrillEvent[]).filter((e) => e.type === 'PEER.REVIEW')).toHaveLength(1);
    const t2 = await srv.api(`/api/sessions/${two.sessionId}/transcript`);
    expect((t2.json.events as DrillEvent[]).some((e) => e.type === 'PEER.REVIEW')).toBe(false);
    for (const c of [fac1.c, lobby1.c, watcher.c, watcher2.c]) c.close();
  });

  it('refuses what a trainer could not mean: one group, the same name twice, a round in a parallel exercise, a group that does not exist', async () => {
    expect((await srv.api('/api/exercises', { body: { scenarioId: 'mini-drill', mode: 'rounds', groups: ['A'] } })).status).toBe(400);
    expect((await srv.api('/api/exercises', { body: { scenarioId: 'mini-drill', mode: 'rounds', groups: ['A', 'A'] } })).status).toBe(400);
    expect((await srv.api('/api/exercises', { body: { scenarioId: 'nope', mode: 'rounds', groups: ['A', 'B'] } })).status).toBe(404);
    const parallel = await srv.api('/api/exercises', { body: { scenarioId: 'mini-drill', mode: 'parallel', groups: ['A', 'B'] } });
    expect(parallel.status).toBe(201);
    expect((await setState(parallel.json.id, { playing: 0 })).status).toBe(409);
    expect((await setState(parallel.json.id, { reviewing: 5 })).status).toBe(400);
    const list = await srv.api('/api/exercises');
    expect(list.json.some((e: { id: string; groups: string[] }) => e.id === parallel.json.id && e.groups.join() === 'A,B')).toBe(true);
  });
});

describe('evaluators and venues', () => {
  it('an evaluator sees the whole drill, records notes under its own name, and steers nothing', async () => {
    const { json: s } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
    const seat = await srv.api(`/api/sessions/${s.id}/seats`, { body: { name: '王芳（消保部）', kind: 'evaluator' }, token: s.facilitatorToken });
    expect(seat.status, seat.text).toBe(201);
    // Only the facilitator invites evaluators.
    expect((await srv.api(`/api/sessions/${s.id}/seats`, { body: { name: 'X', kind: 'evaluator' } })).status).toBe(401);
    expect((await srv.api(`/api/sessions/${s.id}/seats`, { body: { name: 'X', kind: 'evaluator', role: 'head' }, token: s.facilitatorToken })).status).toBe(400);
    const fac = await connect(s.id, s.facilitatorToken);
    // An evaluator needs no trainer's sign-in: its link is enough.
    const c = new TestClient(srv.port);
    await c.opened();
    c.send({ type: 'hello', sessionId: s.id, token: seat.json.token, lastSeq: 0 });
    const welcome = await c.next('welcome');
    expect(welcome.you.kind).toBe('evaluator');
    expect(welcome.drill?.scenario?.id).toBe('mini-drill');
    await command(fac.c, 'DRILL.START');
    await c.next('event', (m) => m.event.type === 'DRILL.START');
    // The name comes from the seat, whatever the client says.
    c.send({ type: 'command', id: 'ev-note-1', command: { type: 'NOTE.ADD', payload: { text: '保安站位过近', by: '行长' } } });
    await c.next('ack', (a) => a.id === 'ev-note-1');
    const note = await fac.c.next('event', (m) => m.event.type === 'NOTE.ADD');
    expect(note.event).toMatchObject({ actor: 'evaluator', payload: { text: '保安站位过近', by: '王芳（消保部）' } });
    c.send({ type: 'command', id: 'ev-obs-1', command: { type: 'OBSERVATION.RECORD', payload: { observation: 'listens', role: 'lobby' } } });
    await c.next('ack', (a) => a.id === 'ev-obs-1');
    for (const type of ['DRILL.PAUSE', 'DRILL.END', 'LESSON.ADD', 'CRITERION.RATE'] as const) {
      const payload = type === 'LESSON.ADD' ? { text: 'x' } : type === 'CRITERION.RATE' ? { criterion: 'timely', rating: 'P' } : {};
      c.send({ type: 'command', id: `ev-${type}`, command: { type, payload } as never });
      expect((await c.next('refused', (m) => m.id === `ev-${type}`)).refusal.code).toBe('not-allowed');
    }
    c.send({ type: 'clock', action: 'jump' });
    expect((await c.next('refused', (m) => m.refusal.code === 'facilitator-only')).refusal.code).toBe('facilitator-only');
    const transcript = await srv.api(`/api/sessions/${s.id}/transcript`);
    expect((transcript.json.events as DrillEvent[]).find((e) => e.type === 'OBSERVATION.RECORD')?.payload).toMatchObject({ observation: 'listens', by: '王芳（消保部）' });
    c.close();
    fac.c.close();
  });

  it('a drill in two venues: each participant names its venue, the cast records it, and each venue has its own projector', async () => {
    const created = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', venues: ['县支行', '市分行'] } });
    expect(created.status).toBe(201);
    const s = created.json as { id: string; code: string; facilitatorToken: string; projectors: { venue: string; token: string }[] };
    expect(s.projectors.map((p) => p.venue)).toEqual(['县支行', '市分行']);
    expect((await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill', venues: ['县支行', '县支行'] } })).status).toBe(400);

    const missing = await srv.api('/api/join', { body: { code: s.code, name: '孙丽' } });
    expect(missing.status).toBe(409);
    expect(missing.json).toMatchObject({ code: 'venue-required', venues: ['县支行', '市分行'] });
    expect((await srv.api('/api/join', { body: { code: s.code, name: '孙丽', venue: '省分行' } })).json.code).toBe('venue-required');

    const fac = await connect(s.id, s.facilitatorToken);
    expect(fac.welcome.info.venues).toEqual(['县支行', '市分行']);
    const county = await join({ sessionId: s.id, code: s.code }, '孙丽', 'lobby', '县支行');
    const city = await join({ sessionId: s.id, code: s.code }, '周强', 'head', '市分行');
    expect(county.welcome.you.venue).toBe('县支行');
    expect((county.welcome.screen as ParticipantView).role.id).toBe('lobby');
    const cast = fac.c.messages.flatMap((m) => (m.type === 'event' && m.event.type === 'ROLE.CAST' ? [m.event.payload] : []));
    expect(cast).toEqual([
      { role: 'lobby', name: '孙丽', venue: '县支行' },
      { role: 'head', name: '周强', venue: '市分行' },
    ]);
    const seats = await fac.c.next('seats', (m) => m.seats.length === 2 && m.seats.every((x) => x.role));
    expect(seats.seats.map((x) => [x.name, x.venue])).toEqual([
      ['孙丽', '县支行'],
      ['周强', '市分行'],
    ]);
    const [countyProjector, cityProjector] = await Promise.all(s.projectors.map((p) => connect(s.id, p.token)));
    expect(countyProjector?.welcome.you).toMatchObject({ kind: 'projector', venue: '县支行' });
    expect(cityProjector?.welcome.you).toMatchObject({ kind: 'projector', venue: '市分行' });
    for (const c of [fac.c, county.c, city.c, countyProjector?.c, cityProjector?.c]) c?.close();
  });
});
