import { describe, expect, it } from 'vitest';
import { stateOf, logEntries, nextDueAt, replay, scoreDrill } from '../../src/engine';
import { FACILITATOR, Host, mini, SYSTEM } from '../helpers/drill';

const c = mini();

describe('drill lifecycle and phases', () => {
  it('starts in briefing and enters report on start, firing its first inject and opening its tasks', () => {
    const h = new Host(c);
    expect(h.snapshot.value).toBe('briefing');
    expect(h.send(0, 'lobby', { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } })).toMatchObject({
      ok: false,
      refusal: { code: 'not-started' },
    });
    h.start();
    expect(h.snapshot.value).toEqual({ report: 'ticking' });
    expect(h.snapshot.context).not.toHaveProperty('status'); // the mode is the machine's state, kept nowhere else
    expect(h.ctx).toMatchObject({ status: 'running', phase: 'report' });
    expect(h.ctx.injects.crowd).toMatchObject({ at: 0, cause: 'time' });
    expect(h.ctx.vars.anger).toBe(60);
    expect(h.ctx.tasks.alert).toEqual({ openedAt: 0, dueAt: 300 });
    expect(h.ctx.tasks.statement).toBeUndefined();
  });

  it('refuses to leave a phase before its exit rule holds, unless the facilitator gives a reason', () => {
    const h = new Host(c).start();
    expect(h.send(1, FACILITATOR, { type: 'PHASE.ADVANCE', payload: {} })).toMatchObject({ ok: false, refusal: { code: 'exit-rule' } });
    h.advance(1, 'The team is stuck; moving on');
    expect(h.ctx.phase).toBe('assess');
    expect(logEntries(h.ctx)).toContainEqual({ t: 60, seq: 2, kind: 'phase', phase: 'assess', override: 'The team is stuck; moving on' });
    expect(scoreDrill(c, h.ctx).overrides).toEqual([{ t: 60, seq: 2, phase: 'report', reason: 'The team is stuck; moving on' }]);
  });

  it('moves through every phase: facilitator exit, automatic exit, free exit, then the end', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
    expect(h.ctx.phase).toBe('assess');
    // assess ends by itself as soon as the assessment is in
    h.answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] });
    expect(h.ctx.phase).toBe('escalate');
    expect(logEntries(h.ctx).filter((e) => e.kind === 'phase').map((e) => e.kind === 'phase' && e.phase)).toEqual(['report', 'assess', 'escalate']);
    // escalate has no exit condition: the facilitator decides
    h.advance(3);
    expect(h.ctx.phase).toBe('resolve');
    h.answer(4, 'head', 'report-text', { kind: 'text', text: 'Report: branch, time, cause, measures.' }).advance(5);
    expect(h.snapshot.value).toBe('ended');
    expect(h.ctx).toMatchObject({ status: 'ended', endedAt: 300 });
    expect(h.send(6, 'lobby', { type: 'TASK.ANSWER', payload: { task: 'records', role: 'lobby', answer: { kind: 'checklist', items: [] } } })).toMatchObject({
      ok: false,
      refusal: { code: 'ended' },
    });
    h.ok(7, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'Hot wash: good reporting.' } });
    expect(logEntries(h.ctx).at(-1)).toEqual({ t: 420, seq: 8, kind: 'note', text: 'Hot wash: good reporting.' });
  });

  it('the facilitator may end the drill at any time', () => {
    const h = new Host(c).start();
    h.ok(2, FACILITATOR, { type: 'DRILL.END', payload: { reason: 'Out of time' } });
    expect(h.snapshot.value).toBe('ended');
    expect(logEntries(h.ctx).at(-1)).toEqual({ t: 120, seq: 2, kind: 'end', reason: 'Out of time' });
  });
});

describe('drill time, deadlines and contingency injects', () => {
  it('fires timed injects and misses deadlines at their own drill time, even when the clock jumps', () => {
    const h = new Host(c).start();
    expect(nextDueAt(h.ctx)).toBe(120); // the private call at 2 minutes
    h.tick(7);
    expect(h.ctx.injects['secret-call']).toEqual({ at: 120, seq: 2, cause: 'time' });
    // missed the second after its deadline (5:00), not when the clock was next read
    expect(h.ctx.tasks.alert?.missedAt).toBe(301);
    expect(h.ctx.injects.filming).toEqual({ at: 301, seq: 2, cause: 'missed' });
    expect(h.ctx.vars.anger).toBe(80);
    expect(h.ctx.now).toBe(420);
  });

  it('does not fire the contingency when the task is done in time, and counts a late answer as late', () => {
    const onTime = new Host(c).start().answer(4, 'lobby', 'alert', { kind: 'single', option: 'now' }).tick(10);
    expect(onTime.ctx.injects.filming).toBeUndefined();

    const atTheDeadline = new Host(c).start().answer(5, 'lobby', 'alert', { kind: 'single', option: 'now' }).tick(10);
    expect(atTheDeadline.ctx.injects.filming).toBeUndefined();
    expect(scoreDrill(c, atTheDeadline.ctx).tasks.find((t) => t.id === 'alert')).toMatchObject({ late: false, performance: 1 });

    const late = new Host(c).start().answer(6, 'lobby', 'alert', { kind: 'single', option: 'now' });
    expect(late.ctx.injects.filming?.at).toBe(301);
    expect(logEntries(late.ctx)).toContainEqual({ t: 360, seq: 2, kind: 'answer', task: 'alert', role: 'lobby', late: true });
    expect(scoreDrill(c, late.ctx).tasks.find((t) => t.id === 'alert')).toMatchObject({ quality: 1, late: true, performance: 0.5 });
  });

  it('refuses events whose time goes backwards or whose number repeats', () => {
    const h = new Host(c).start().tick(3);
    expect(h.send(2, SYSTEM, { type: 'CLOCK.TICK', payload: {} })).toMatchObject({ ok: false, refusal: { code: 'time-backwards', params: { t: 120, now: 180 } } });
    const before = h.snapshot;
    const result = h.send(4, SYSTEM, { type: 'CLOCK.TICK', payload: {} });
    expect(result.ok).toBe(true);
    // an event numbered like an earlier one is refused and changes nothing
    const again = { seq: 2, t: 300, actor: SYSTEM, type: 'CLOCK.TICK' as const, payload: {} };
    const c2 = replay(c, [...h.events, again]);
    expect(c2.steps.at(-1)?.refusal).toEqual({ code: 'out-of-order', params: { seq: 2, last: 3 } });
    expect(stateOf(c2.final)).toEqual(stateOf(h.snapshot));
    expect(before.context.now).toBe(180);
  });
});

describe('decisions that change what happens later', () => {
  it('an off-line statement brings a reporter one minute later; the agreed line does not', () => {
    const reach = (option: string) =>
      new Host(c)
        .start()
        .answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' })
        .advance(1)
        .answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['media'] })
        .answer(3, 'head', 'statement', { kind: 'single', option })
        .tick(10);
    expect(reach('off-line').ctx.injects.reporter).toEqual({ at: 240, seq: 6, cause: 'effect' }) // fired by the clock event at 10:00;
    expect(reach('agreed').ctx.injects.reporter).toBeUndefined();
  });

  it('a flag set by a choice fires a condition-triggered inject once its phase has begun', () => {
    const h = new Host(c).start().answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' });
    expect(h.ctx.vars.anger).toBe(50);
    h.advance(1).answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] });
    expect(h.ctx.flags['plan-on']).toBe(true);
    expect(h.ctx.injects.calm).toEqual({ at: 120, seq: 4, cause: 'condition' });
    expect(h.ctx.vars.anger).toBe(20);
  });

  it('keeps variables within their limits', () => {
    const h = new Host(mini((s) => (s.variables[0].initial = 95))).start(); // +10 when the crowd gathers
    expect(h.ctx.vars.anger).toBe(100);
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }); // -10
    expect(h.ctx.vars.anger).toBe(90);
  });
});

describe('pause', () => {
  it('stops drill time; answers wait, notes do not; resume carries on', () => {
    const h = new Host(c).start().ok(1, FACILITATOR, { type: 'DRILL.PAUSE', payload: {} });
    expect(h.snapshot.value).toEqual({ report: 'paused' });
    expect(h.ctx).toMatchObject({ status: 'paused', phase: 'report' });
    expect(h.send(1, 'lobby', { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } })).toMatchObject({
      ok: false,
      refusal: { code: 'paused' },
    });
    expect(h.send(2, SYSTEM, { type: 'CLOCK.TICK', payload: {} })).toMatchObject({ ok: false, refusal: { code: 'paused-time' } });
    h.ok(1, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'Lobby manager hesitated', role: 'lobby' } });
    h.ok(1, FACILITATOR, { type: 'DRILL.RESUME', payload: {} });
    expect(h.ctx.status).toBe('running');
    h.answer(2, 'lobby', 'alert', { kind: 'single', option: 'now' });
    expect(h.ctx.tasks.alert?.answeredAt).toBe(120);
  });
});

describe('who may do what', () => {
  it('a role answers only for itself and only its own tasks; only the facilitator controls the drill', () => {
    const h = new Host(c).start();
    const answer = { kind: 'single' as const, option: 'now' };
    expect(h.send(1, 'head', { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer } })).toMatchObject({ ok: false, refusal: { code: 'not-your-role', params: { role: 'lobby' } } });
    expect(h.send(1, 'head', { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'head', answer } })).toMatchObject({ ok: false, refusal: { code: 'not-role-task', params: { task: 'alert', role: 'head' } } });
    expect(h.send(1, 'lobby', { type: 'PHASE.ADVANCE', payload: { reason: 'x' } })).toMatchObject({ ok: false, refusal: { code: 'not-allowed', params: { type: 'PHASE.ADVANCE' } } });
    expect(h.send(1, 'lobby', { type: 'DRILL.PAUSE', payload: {} })).toMatchObject({ ok: false });
    // the facilitator enters a role's decision in one-laptop mode
    h.ok(1, FACILITATOR, { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer } });
    expect(h.ctx.tasks.alert?.answeredBy).toBe('lobby');
    expect(h.send(2, 'lobby', { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer } })).toMatchObject({ ok: false, refusal: { code: 'already-answered' } });
  });

  it('refuses answers of the wrong kind or with unknown options, and injects fired twice', () => {
    const h = new Host(c).start();
    expect(h.send(1, 'lobby', { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'text', text: 'hi' } } })).toMatchObject({
      refusal: { code: 'wrong-kind', params: { kind: 'single' } },
    });
    expect(h.send(1, 'lobby', { type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'run' } } })).toMatchObject({ refusal: { code: 'unknown-option' } });
    expect(h.send(1, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'crowd' } })).toMatchObject({ refusal: { code: 'inject-fired' } });
    h.ok(1, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'reporter' } });
    expect(h.ctx.injects.reporter).toEqual({ at: 60, seq: 2, cause: 'facilitator' });
  });
});

describe('replay', () => {
  it('is a pure function of scenario and transcript', () => {
    const h = new Host(c).start().answer(1, 'lobby', 'alert', { kind: 'single', option: 'wait' }).tick(9).advance(9, 'moving on');
    const a = replay(c, h.events);
    const b = replay(mini(), h.events);
    expect(a.steps).toHaveLength(h.events.length);
    expect(stateOf(a.final)).toEqual(stateOf(h.snapshot));
    expect(stateOf(b.final)).toEqual(stateOf(a.final));
    expect(a.steps.map((s) => stateOf(s.snapshot).now)).toEqual([0, 60, 540, 540]);
  });
});
