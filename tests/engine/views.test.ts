/** What each seat may see: the room's view, a participant's view, and the room's debrief at the end. */
import { describe, expect, it } from 'vitest';
import { participantView, publicView, ROOM_QUESTIONS, roomDebrief, scoreDrill, type ParticipantView } from '../../src/engine';
import { FACILITATOR, Host, mini, SYSTEM } from '../helpers/drill';

const c = mini();

describe('the room\'s view', () => {
  it('holds public injects and gauges, the role board and the cast; never a private inject, a task or a variable that is not public', () => {
    const h = new Host(c).ok(0, SYSTEM, { type: 'ROLE.CAST', payload: { role: 'lobby', name: 'Li Na' } }).start().tick(3);
    const view = publicView(c, h.ctx);
    expect(view.injects.map((i) => i.id)).toEqual(['crowd']); // the private call to the head is not the room's
    expect(view.gauges).toEqual([expect.objectContaining({ id: 'anger', value: expect.any(Number) })]);
    expect(view.board.find((r) => r.role === 'lobby')).toEqual({ role: 'lobby', done: 0, open: 1, dueAts: [300] });
    expect(view.cast).toEqual({ lobby: 'Li Na' });
    expect(JSON.stringify(view)).not.toMatch(/"(score|effects|feedback|trigger|expectedAction|tasks|options)"/);
    expect(view.debrief).toBeUndefined();
  });
});

describe('the questions to the room', () => {
  it('are the open tasks by title, roles and deadline, soonest due first; never choices, scores or answers; unchanged ones kept as the same objects', () => {
    const h = new Host(c).start().tick(3);
    const view = publicView(c, h.ctx);
    const lobby = view.questions.find((q) => q.id === 'alert');
    expect(lobby).toEqual({ id: 'alert', title: c.scenario.tasks.find((t) => t.id === 'alert')?.title, roles: ['lobby'], openedAt: expect.any(Number), dueAt: 300 });
    for (const q of view.questions) expect(Object.keys(q).sort()).toEqual(expect.arrayContaining(['id', 'openedAt', 'roles', 'title']));
    for (const q of view.questions) expect(Object.keys(q).every((k) => ['id', 'title', 'roles', 'openedAt', 'dueAt'].includes(k))).toBe(true);
    const dues = view.questions.map((q) => q.dueAt ?? Infinity);
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(JSON.stringify(view.questions)).not.toMatch(/"(score|feedback|options|items|answer|answeredBy|prompt)"/);
    // the same drill state again: the same list; an answer removes its question and keeps the others' cards
    expect(publicView(c, h.ctx).questions).toBe(view.questions);
    const after = h.answer(4, 'lobby', 'alert', { kind: 'single', option: 'now' });
    const next = publicView(c, after.ctx).questions;
    expect(next.map((q) => q.id)).not.toContain('alert');
    for (const q of next) {
      const before = view.questions.find((x) => x.id === q.id);
      if (before) expect(q).toBe(before);
    }
  });

  it('are the ROOM_QUESTIONS soonest due of many, with how many are open in all: an answer elsewhere does not send every laptop the whole list', () => {
    // ten more open tasks for the lobby, due one after another from the start
    const many = mini((s) => {
      const alert = s.tasks.find((t: { id: string }) => t.id === 'alert');
      for (let i = 0; i < 10; i++) s.tasks.push({ ...structuredClone(alert), id: `extra-${i}`, deadline: 600 + 60 * i });
    });
    const h = new Host(many).start().tick(3);
    const view = publicView(many, h.ctx);
    const open = Object.entries(h.ctx.tasks).filter(([, t]) => t.answer === undefined);
    expect(open.length).toBeGreaterThan(ROOM_QUESTIONS + 5);
    expect(view.questionsOpen).toBe(open.length);
    expect(view.questions).toHaveLength(ROOM_QUESTIONS);
    const soonest = open.map(([, t]) => t.dueAt ?? Infinity).sort((a, b) => a - b).slice(0, ROOM_QUESTIONS);
    expect(view.questions.map((q) => q.dueAt ?? Infinity)).toEqual(soonest);
    // the last extra task answered: still open elsewhere, the shown ones are the same list (nothing to send)
    const after = h.answer(4, 'lobby', 'extra-9', { kind: 'single', option: 'now' });
    const next = publicView(many, after.ctx);
    expect(next.questionsOpen).toBe(open.length - 1);
    expect(next.questions).toBe(view.questions);
  });
});

describe('a participant\'s view', () => {
  it('holds its briefing, its open tasks as questions, its messages; a colleague\'s answer to a shared task only as done', () => {
    const h = new Host(c).start().answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).tick(3).advance(4, 'on').advance(5, 'on').advance(6, 'on');
    const head = participantView(c, h.ctx, 'head') as ParticipantView;
    expect(head.role.briefing.private).toBeUndefined();
    expect(head.messages.map((m) => m.id)).toContain('secret-call');
    expect(head.tasks.map((t) => t.id)).toEqual(expect.arrayContaining(['records', 'report-text']));
    const records = head.tasks.find((t) => t.id === 'records');
    expect(records?.choices.map((x) => Object.keys(x).sort())).toEqual(records?.choices.map(() => ['id', 'label']));
    const lobby = participantView(c, h.ctx, 'lobby') as ParticipantView;
    expect(lobby.role.briefing.private).toBeDefined();
    expect(lobby.messages.map((m) => m.id)).not.toContain('secret-call');
    expect(lobby.done).toEqual([expect.objectContaining({ id: 'alert', by: 'lobby', answer: { kind: 'single', option: 'now' } })]);
    // the head answers the shared records task: the lobby manager sees that it was done, not what was ticked
    const after = h.answer(7, 'head', 'records', { kind: 'checklist', items: ['cctv'] });
    const shared = (participantView(c, after.ctx, 'lobby') as ParticipantView).done.find((d) => d.id === 'records');
    expect(shared).toEqual({ id: 'records', title: expect.any(Object), answeredAt: 420, by: 'head' });
    expect(participantView(c, h.ctx, 'customers')).toBeNull(); // not a player role
  });
});

describe('the room\'s debrief', () => {
  it('keeps scores and evidence, drops the facilitator\'s notes, ratings, reasons and remarks, and names only what it mentions', () => {
    const h = new Host(c)
      .start()
      .ok(1, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'Li Na froze', role: 'lobby' } })
      .ok(1, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'listens', role: 'head', note: 'let Mr Zhang finish' } })
      .advance(2, 'out of time')
      .advance(3, 'still out of time')
      .advance(4, 'moving on')
      .answer(5, 'head', 'report-text', { kind: 'text', text: 'Report.' })
      .ok(6, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'M' } })
      .ok(7, FACILITATOR, { type: 'DRILL.END', payload: { reason: 'the room is needed' } });
    const room = roomDebrief(c, h.ctx, scoreDrill(c, h.ctx));
    const text = JSON.stringify(room);
    for (const secret of ['Li Na froze', 'let Mr Zhang finish', 'out of time', 'moving on', 'the room is needed']) expect(text).not.toContain(secret);
    expect(room.timeline.map((e) => e.kind)).not.toContain('note');
    expect(room.timeline.map((e) => e.kind)).not.toContain('rating');
    expect(room.timeline.filter((e) => e.kind === 'phase').length).toBe(4);
    expect(room.debrief.total).toEqual(scoreDrill(c, h.ctx).total);
    expect(room.debrief.observations).toEqual([expect.objectContaining({ observation: 'listens', role: 'head' })]);
    // the glossary names what the debrief mentions, not every inject and observation of the scenario
    expect(room.glossary.observations.map((o) => o.id)).toEqual(['listens']);
    const mentioned = JSON.stringify([room.debrief, room.timeline]);
    for (const inject of room.glossary.injects) expect(mentioned).toContain(`"${inject.id}"`);
    expect(room.glossary.injects.map((i) => i.id)).not.toContain('calm'); // never fired, never scored
    expect(publicView(c, h.ctx, () => scoreDrill(c, h.ctx)).debrief).toEqual(room);
  });
});

describe('who plays which role', () => {
  it('is recorded as events, may change during play, and not after the end', () => {
    const h = new Host(c).ok(0, SYSTEM, { type: 'ROLE.CAST', payload: { role: 'lobby', name: 'Li Na' } }).start();
    h.ok(1, FACILITATOR, { type: 'ROLE.CAST', payload: { role: 'lobby' } }).ok(1, FACILITATOR, { type: 'ROLE.CAST', payload: { role: 'lobby', name: 'Zhou' } });
    expect(h.ctx.cast).toEqual({ lobby: 'Zhou' });
    expect(h.send(1, FACILITATOR, { type: 'ROLE.CAST', payload: { role: 'customers', name: 'X' } })).toMatchObject({ ok: false, refusal: { code: 'unknown-role' } });
    expect(h.send(1, 'lobby', { type: 'ROLE.CAST', payload: { role: 'lobby', name: 'Me' } })).toMatchObject({ ok: false, refusal: { code: 'not-allowed' } });
    h.ok(2, FACILITATOR, { type: 'DRILL.END', payload: {} });
    expect(h.send(2, FACILITATOR, { type: 'ROLE.CAST', payload: { role: 'head', name: 'Late' } })).toMatchObject({ ok: false, refusal: { code: 'ended' } });
  });
});

describe('a role\'s view made again only when its part changed', () => {
  it('equals a view made from nothing at every step of every shipped scenario\'s drills, whatever position came before', async () => {
    const { scenarioFiles, loadScenarioFile } = await import('../../src/node/scenarioFiles');
    const { compile, replay, stateOf } = await import('../../src/engine');
    const { simulate } = await import('../../src/sim/simulate');
    const { POLICIES } = await import('../../src/sim/policies');
    for (const file of scenarioFiles()) {
      const loaded = loadScenarioFile(file);
      if (!loaded.ok) throw new Error(file);
      const kept = compile(loaded.scenario);
      for (const policy of POLICIES) {
        const states = replay(kept, simulate(kept, policy, 3)).steps.map((s) => stateOf(s.snapshot));
        // forwards, then a few jumps back (the review's scrubber), against a fresh index that remembers nothing
        const order = [...states.keys(), ...[0.5, 0.1, 0.9].map((f) => Math.floor(f * (states.length - 1)))];
        for (const i of order) {
          const ctx = states[i];
          if (!ctx) continue;
          const fresh = compile(loaded.scenario);
          for (const role of kept.seatRoles) expect(participantView(kept, ctx, role), `${file} ${policy} #${i} ${role}`).toEqual(participantView(fresh, ctx, role));
        }
      }
    }
  }, 120_000);
});
