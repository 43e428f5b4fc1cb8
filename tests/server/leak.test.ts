/**
 * The leak test: every shipped scenario played through the server, as the ideal team and a
 * random one would, with a facilitator who takes notes on named people and overrides phases
 * with reasons. Every frame sent to every participant, observer and projector seat is read as a
 * curious participant would read it, against the scenario's answer key and the facilitator's
 * own words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile, FACILITATOR, SYSTEM, type Command, type DrillEvent, type LocalText, type Scenario } from '../../src/engine';
import { patched, type ScreenPatch, type ScreenView } from '../../src/protocol/screen';
import { simulate } from '../../src/sim/simulate';
import { startTestServer, testScenarios, TestClient } from './harness';

/** The drills' wall clock: the test moves it to each event's drill time. */
let wall = Date.parse('2026-11-27T01:00:00.000Z');
let srv: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  // One client sends a whole drill's commands as fast as they are acknowledged: no rate limit here.
  srv = await startTestServer(undefined, { clock: () => wall, limits: { joinPerMinute: 1000, hub: { messageBurst: 10_000, messagesPerSecond: 10_000 } } });
});
afterAll(() => srv.close());

const shipped = testScenarios().filter((s) => s.id !== 'mini-drill');
const texts = (...xs: (LocalText | undefined)[]) => xs.flatMap((x) => (x ? [x['zh-CN'], x.en] : [])).filter((t) => t.length >= 8);

/** What no seat but the facilitator's may read while the drill runs: the answer key. */
function answerKey(s: Scenario): string[] {
  return [
    ...s.tasks.flatMap((t) => [
      ...texts(t.missedFeedback),
      ...(t.kind === 'single' || t.kind === 'multiple' ? t.options.flatMap((o) => texts(o.feedback)) : []),
      ...(t.kind === 'checklist' ? t.items.flatMap((i) => texts(i.feedback)) : []),
      ...(t.kind === 'text' ? [...texts(t.guidance), ...texts(t.feedback.P, t.feedback.S, t.feedback.M, t.feedback.U)] : []),
    ]),
    ...s.rubric.flatMap((c) => texts(c.improvement)),
    ...s.observations.flatMap((o) => texts(o.label, o.feedback)),
    ...s.variables.filter((v) => !v.public).flatMap((v) => texts(v.label)),
  ];
}

/** What no seat but the facilitator's may ever read, not even in the debrief. */
const neverShown = (s: Scenario) => [...s.injects.flatMap((i) => texts(i.expectedAction)), ...s.rubric.flatMap((c) => texts(c.description))];

/** Keys that only the answer key has (outside the debrief, which has scores of its own). */
const KEY_FIELDS = new Set(['score', 'effects', 'feedback', 'weight', 'measures', 'trigger', 'expectedAction', 'guidance', 'missedFeedback', 'rubric', 'variables', 'flags', 'rating', 'events']);

function keysOutsideDebrief(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const x of value) keysOutsideDebrief(x, found);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if (k === 'debrief') continue;
      found.add(k);
      keysOutsideDebrief(v, found);
    }
  return found;
}

type Seat = { client: TestClient; role: string | null; kind: 'participant' | 'projector' };

async function connect(sessionId: string, token: string, cookie?: string) {
  const client = new TestClient(srv.port, cookie ? { cookie } : {});
  await client.opened();
  client.send({ type: 'hello', sessionId, token, lastSeq: 0 });
  const reply = await Promise.race([client.next('welcome', () => true, 20_000), client.next('refused', () => true, 20_000)]);
  if (reply.type === 'refused') throw new Error(`hello refused: ${JSON.stringify(reply.refusal)}`);
  return client;
}

/** Plays the simulated drill's commands through the server, each from the seat that sent it, at its drill time. */
async function play(scenario: Scenario, policy: 'ideal' | 'random', seed: number) {
  const c = compile(scenario);
  const events = simulate(c, policy, seed, { lang: 'en' });
  const created = (await srv.api('/api/sessions', { body: { scenarioId: scenario.id, team: 'Leak test' } })).json as { id: string; code: string; facilitatorToken: string; projectorToken: string };
  const facilitator = await connect(created.id, created.facilitatorToken, srv.cookie);
  const seats: Seat[] = [{ client: await connect(created.id, created.projectorToken), role: null, kind: 'projector' }];
  const byRole = new Map<string, TestClient>();
  for (const role of c.playerRoles) {
    const { json } = await srv.api('/api/join', { body: { code: created.code, name: `Player ${role}` } });
    const client = await connect(created.id, json.token as string);
    client.send({ type: 'claim', role });
    await client.next('welcome', (w) => w.you.role === role, 20_000);
    byRole.set(role, client);
    seats.push({ client, role, kind: 'participant' });
  }
  const observer = (await srv.api('/api/join', { body: { code: created.code, name: 'Observer' } })).json as { token: string };
  seats.push({ client: await connect(created.id, observer.token), role: null, kind: 'participant' });

  // The facilitator's own words, to be looked for on every other seat.
  const secrets: string[] = [];
  const answersByRole = new Map<string, string[]>();
  let lastT = 0;
  let n = 0;
  const send = async (client: TestClient, command: Command) => {
    const id = `cmd-${++n}`;
    client.send({ type: 'command', id, command });
    const reply = await Promise.race([client.next('ack', (a) => a.id === id, 20_000), client.next('refused', (r) => r.id === id, 20_000)]);
    if (reply.type === 'refused') throw new Error(`${command.type} refused: ${JSON.stringify(reply.refusal)}`);
  };
  for (const e of events as DrillEvent[]) {
    if (e.actor === SYSTEM) continue; // the server's own clock makes these
    wall += (e.t - lastT) * 1000;
    lastT = e.t;
    let command = { type: e.type, payload: e.payload } as Command;
    if (command.type === 'OBSERVATION.RECORD') {
      const note = `Observer remark ${n} on Player ${command.payload.role ?? 'someone'}: hesitant`;
      secrets.push(note);
      command = { ...command, payload: { ...command.payload, note } };
    }
    if (e.type === 'PHASE.ADVANCE' && e.payload.reason) secrets.push(e.payload.reason);
    if (e.type === 'TASK.ANSWER' && e.payload.answer.kind === 'text') answersByRole.set(e.actor, [...(answersByRole.get(e.actor) ?? []), e.payload.answer.text]);
    const client = e.actor === FACILITATOR ? facilitator : byRole.get(e.actor);
    if (!client) throw new Error(`no seat for ${e.actor}`);
    await send(client, command);
    if (e.type === 'DRILL.START' || e.type === 'PHASE.ADVANCE') {
      const note = `Private note ${n}: Player ${c.playerRoles[0]} spoke off the record`;
      secrets.push(note);
      await send(facilitator, { type: 'NOTE.ADD', payload: { text: note, role: c.playerRoles[0] } });
    }
  }
  for (const seat of seats) await seat.client.next('screen', (m) => m.screen.status === 'ended', 20_000);
  for (const x of [facilitator, ...seats.map((s) => s.client)]) x.ws.close();
  return { c, events, seats, secrets, answersByRole };
}

describe('what leaves the server for seats other than the facilitator\'s', () => {
  for (const scenario of shipped) {
    for (const [policy, seed] of [['ideal', 1], ['random', 7]] as const) {
      it(`${scenario.id}, ${policy} team: no answer key, no other role's secrets, no facilitator's words`, async () => {
        const { c, events, seats, secrets, answersByRole } = await play(scenario, policy, seed);
        const s = c.scenario;
        const key = answerKey(s);
        const never = neverShown(s);
        expect(secrets.length).toBeGreaterThan(3); // notes were taken, so there was something to leak
        for (const seat of seats) {
          const who = seat.role ?? (seat.kind === 'projector' ? 'projector' : 'observer');
          const frames = seat.client.frames.map((f) => ({ text: f, message: JSON.parse(f) as { type: string; screen?: ScreenPatch } }));
          const endedAt = frames.findIndex((f) => f.message.screen?.status === 'ended');
          expect(endedAt, `${who} saw the end`).toBeGreaterThan(0);
          const privateToOthers = [
            ...s.roles.filter((r) => r.id !== seat.role).flatMap((r) => texts(r.briefing.private)),
            ...s.injects.filter((i) => !i.public && !(seat.role && (i.to === 'all' || i.to.includes(seat.role)))).flatMap((i) => texts(i.content)),
            ...[...answersByRole].filter(([role]) => role !== seat.role).flatMap(([, xs]) => xs),
          ];
          const own = seat.role ? (answersByRole.get(seat.role) ?? []) : [];
          for (const [i, { text, message }] of frames.entries()) {
            expect(message.type, `${who} frame ${i}`).not.toBe('event');
            for (const secret of [...secrets, ...never, ...privateToOthers]) expect(text.includes(secret), `${who} frame ${i} holds “${secret}”`).toBe(false);
            if (i >= endedAt) continue; // the debrief at the end shows the feedback on what the team did
            // (a role's own answer may be word for word a model answer: the ideal team writes the guidance)
            for (const secret of key) if (!own.includes(secret)) expect(text.includes(secret), `${who} frame ${i} holds the answer key: “${secret}”`).toBe(false);
            const fields = [...keysOutsideDebrief(message)].filter((k) => KEY_FIELDS.has(k));
            expect(fields, `${who} frame ${i}`).toEqual([]);
          }
          // and the seat saw the drill to its end: the debrief, and its own answers done
          let last: ScreenView | undefined;
          for (const { message } of frames) if (message.screen) last = message.type === 'welcome' || !last ? (message.screen as ScreenView) : patched(last, message.screen);
          expect(last?.debrief?.debrief.total).toEqual(expect.any(Number));
          const answered = events.filter((e) => e.type === 'TASK.ANSWER' && e.actor === seat.role).length;
          if (seat.role) expect(last && 'done' in last ? last.done.filter((d) => d.by === seat.role).length : 0, `${who}'s answers`).toBe(answered);
        }
        const answers = events.filter((e) => e.type === 'TASK.ANSWER').length;
        expect(answers).toBeGreaterThan(3);
      }, 120_000);
    }
  }
});
