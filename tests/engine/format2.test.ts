/** Scenario format 2: each construct it adds, and old files playing and scoring exactly as before. */
import { describe, expect, it } from 'vitest';
import { stateOf, checkQuality, compile, logEntries, nextDueAt, participantView, publicView, replay, scoreDrill, startCommand, storyTime, validateScenario, type Issue } from '../../src/engine';
import { loadScenarioFile, scenarioFiles } from '../../src/node/scenarioFiles';
import { POLICIES } from '../../src/sim/policies';
import { simulate } from '../../src/sim/simulate';
import format1Scores from '../fixtures/format1-scores.json';
import { openTasks } from '../../src/app/drill/selectors';
import { FACILITATOR, format2, format2Json, Host, miniJson } from '../helpers/drill';

const c = format2();
const issuesOf = (json: Record<string, any>): Issue[] => {
  const result = validateScenario(json);
  return result.ok ? [] : result.issues;
};

describe('format and migration', () => {
  it('a file without "format" is format 1 and loads as before', () => {
    expect(validateScenario(miniJson()).ok).toBe(true);
    expect(validateScenario(miniJson((s) => (s.format = 1))).ok).toBe(true);
  });

  it('what format 2 added needs "format": 2', () => {
    expect(issuesOf(format2Json((s) => delete s.format))).toContainEqual({
      path: '$.format',
      message: 'storyClock (at $.storyClock) is part of format 2: add "format": 2 at the top of the file',
    });
    expect(issuesOf(miniJson((s) => (s.tasks[0].deadline = { by: 'end' })))[0]?.message).toMatch(/a deadline other than minutes \(at \$\.tasks\[0\]/);
    expect(issuesOf(miniJson((s) => (s.format = 3)))[0]?.path).toBe('$.format');
  });

  it('the shipped scenarios (format 1) score exactly as before, criterion by criterion', () => {
    for (const file of scenarioFiles()) {
      const loaded = loadScenarioFile(file);
      if (!loaded.ok) throw new Error(file);
      const sc = compile(loaded.scenario);
      const expected = (format1Scores as Record<string, Record<string, (number | null)[]>>)[loaded.scenario.id];
      if (!expected) continue; // a scenario shipped since the scores were recorded
      for (const [run, scores] of Object.entries(expected)) {
        const [policy, seed] = run.split('-') as [(typeof POLICIES)[number], string];
        const d = scoreDrill(sc, stateOf(replay(sc, simulate(sc, policy, Number(seed))).final));
        expect([d.total, ...d.criteria.map((x) => x.score)], `${loaded.scenario.id} ${run}`).toEqual(scores);
      }
    }
  });

  it('a scenario stored before format 2 (no parameters) still plays', () => {
    const { parameters: _none, ...old } = c.scenario;
    const h = new Host(compile(old as typeof c.scenario)).start();
    expect(h.ctx.params).toEqual({});
  });
});

describe('story time', () => {
  it('is the story clock plus drill time, in whole minutes, round the clock', () => {
    expect(storyTime({ storyClock: '09:20' }, 25 * 60)).toBe('09:45');
    expect(storyTime({ storyClock: '09:20' }, 25 * 60 + 59)).toBe('09:45');
    expect(storyTime({ storyClock: '23:50' }, 20 * 60)).toBe('00:10');
    expect(storyTime({}, 60)).toBeNull();
  });

  it("the room's view carries the story clock, and texts say the story time they fired at", () => {
    const h = new Host(c).start();
    const view = publicView(c, h.ctx);
    expect(view.storyClock).toBe('09:20');
    expect(view.injects[0]?.content.en).toBe('At 09:20, twelve customers gather in the hall.');
    h.tick(12);
    expect(publicView(c, h.ctx).injects[0]?.content['zh-CN']).toBe('【中】At 09:32 a video of the hall is posted.');
  });

  it('{time} needs a story clock', () => {
    expect(issuesOf(format2Json((s) => delete s.storyClock))).toContainEqual({ path: '$.injects[0] (crowd).content.zh-CN', message: expect.stringContaining('{time} needs a story clock') });
  });
});

describe("times from the drill's start", () => {
  it('an inject timed from the drill fires then, whatever phase the drill is in', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(2);
    expect(h.ctx.phase).toBe('assess');
    expect(nextDueAt(h.ctx)).toBe(5 * 60); // the assess phase's 3-minute wake
    h.tick(12);
    expect(h.ctx.injects.video).toMatchObject({ at: 720, cause: 'time' });
    expect(h.ctx.vars.anger).toBeGreaterThanOrEqual(60 + 20); // the parameter's value
  });
});

describe('deadlines', () => {
  it('{"within": 20, "from": "drill"} falls due 20 minutes after the start, whenever the task opens', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(7);
    expect(h.ctx.tasks['assess-level']).toEqual({ openedAt: 420, dueAt: 1200 });
  });

  it('{"by": "end"}: never late while the drill runs; missed only when undone at the end', () => {
    const play = (answer: boolean) => {
      const h = new Host(c).start();
      h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
      h.answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] }).advance(3);
      expect(h.ctx.tasks.records).toEqual({ openedAt: 180 });
      if (answer) h.answer(90, 'lobby', 'records', { kind: 'checklist', items: ['cctv', 'register'] });
      h.answer(91, 'head', 'report-text', { kind: 'text', text: 'Report.' }).advance(92);
      expect(logEntries(h.ctx).some((e) => e.kind === 'deadline-missed' && e.task === 'records')).toBe(false);
      return scoreDrill(c, h.ctx);
    };
    const done = play(true);
    expect(done.tasks.find((t) => t.id === 'records')).toMatchObject({ late: false, dueAt: 92 * 60 });
    expect(done.criteria.find((x) => x.id === 'timely')?.evidence).toContainEqual(expect.objectContaining({ kind: 'on-time', task: 'records' }));
    const undone = play(false);
    expect(undone.criteria.find((x) => x.id === 'timely')?.evidence).toContainEqual({ kind: 'not-done', task: 'records', dueAt: 92 * 60 });
    expect(undone.shortfalls).toContainEqual(expect.objectContaining({ kind: 'missed', task: 'records' }));
  });

  it('a contingency cannot wait for a deadline by the end', () => {
    const issues = issuesOf(format2Json((s) => (s.injects.find((i: any) => i.id === 'filming').trigger.task = 'records')));
    expect(issues[0]?.message).toMatch(/due by the end of the drill/);
  });
});

describe('cancel and unless', () => {
  it('an effect cancels a scheduled inject: it never fires and counts as avoided', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
    h.answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] });
    expect(h.ctx.phase).toBe('escalate');
    expect(h.ctx.scheduled.map((s) => s.inject)).toContain('late-check');
    h.answer(3, 'head', 'statement', { kind: 'single', option: 'agreed' });
    // The statement needs the sign-off of both roles: what it causes waits for the last one.
    h.ok(3, 'lobby', { type: 'TASK.APPROVE', payload: { task: 'statement', role: 'lobby' } });
    expect(h.ctx.scheduled.map((s) => s.inject)).toContain('late-check');
    h.ok(3, 'head', { type: 'TASK.APPROVE', payload: { task: 'statement', role: 'head' } });
    expect(h.ctx.scheduled.map((s) => s.inject)).not.toContain('late-check');
    expect(logEntries(h.ctx)).toContainEqual(expect.objectContaining({ t: 180, kind: 'cancel', inject: 'late-check', by: 'effect' }));
    h.tick(20);
    expect(h.ctx.injects['late-check']).toBeUndefined();
    expect(scoreDrill(c, h.ctx).criteria.find((x) => x.id === 'contained')?.evidence).toContainEqual({ kind: 'avoided', inject: 'late-check' });
    // The facilitator may still fire it by hand.
    h.ok(21, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'late-check' } });
    expect(h.ctx.injects['late-check']).toMatchObject({ cause: 'facilitator' });
  });

  it('"unless" is checked when the inject is due: holding then, the inject does not fire', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
    h.answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] }); // activates the plan
    expect(h.ctx.flags['plan-on']).toBe(true);
    h.tick(12);
    expect(h.ctx.injects.video).toBeUndefined();
    expect(h.ctx.cancelled.video).toBe(720);
    expect(logEntries(h.ctx)).toContainEqual(expect.objectContaining({ kind: 'cancel', inject: 'video', by: 'unless' }));
  });
});

describe('conditions on ratings and time', () => {
  const toResolve = () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
    h.answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] }).advance(3);
    return h.answer(4, 'head', 'report-text', { kind: 'text', text: 'Report.' });
  };
  const ratedMeasure = (h: Host) => scoreDrill(c, h.ctx).criteria.find((x) => x.id === 'documented')?.measures.at(-1)?.score;

  it('"rated" holds for the rating named or better (P > S > M > U)', () => {
    for (const [rating, holds] of [['P', 1], ['S', 1], ['M', 0], ['U', 0]] as const) {
      const h = toResolve();
      h.ok(5, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating } }).advance(6);
      expect(ratedMeasure(h), rating).toBe(holds);
    }
    const unrated = toResolve().advance(6);
    expect(ratedMeasure(unrated)).toBe(0);
  });

  it('"time" holds once the minutes have passed, and the drill wakes for it', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(2);
    h.tick(4.9);
    expect(h.ctx.injects.pressure).toBeUndefined();
    h.tick(6);
    expect(h.ctx.injects.pressure).toMatchObject({ at: 300, cause: 'condition' });
  });

  it("an exit rule waiting for the rating of a later phase's task makes the next phase unreachable", () => {
    const issues = issuesOf(format2Json((s) => (s.phases[0].exit.when = { type: 'rated', task: 'report-text', atLeast: 'S' })));
    expect(issues).toContainEqual({ path: '$.phases[0] (report).exit.when', message: expect.stringContaining('phase "assess" can never be reached') });
  });

  it('a time condition comes to hold at its time even when one event jumps past it and a later inject', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(2);
    h.tick(13); // past the 3-minute wake (05:00) and the drill-timed video (12:00)
    expect(h.ctx.injects.pressure).toMatchObject({ at: 300 });
    expect(h.ctx.injects.video).toMatchObject({ at: 720 });
  });

  it('a "rated" condition names a free-text task', () => {
    const issues = issuesOf(format2Json((s) => (s.rubric.find((r: any) => r.id === 'documented').measures.at(-1).when.task = 'alert')));
    expect(issues[0]?.message).toMatch(/only free-text answers are rated/);
  });
});

describe('parameters', () => {
  it('the start may set their values; deadlines, delays and effects use them; texts say them', () => {
    const h = new Host(c);
    h.ok(0, FACILITATOR, { type: 'DRILL.START', payload: { parameters: { 'report-minutes': 10, 'video-anger': 5 } } });
    expect(h.ctx.params).toEqual({ 'report-minutes': 10, 'video-anger': 5 });
    expect(h.ctx.tasks.alert).toEqual({ openedAt: 0, dueAt: 600 });
    expect(participantView(c, h.ctx, 'lobby')?.tasks.find((t) => t.id === 'alert')?.prompt.en).toBe('Report up within 10 minutes.');
    h.tick(12);
    expect(h.ctx.vars.anger).toBe(60 + 20 + 5); // the missed alert's filming at 10:01, then the drill-timed video
  });

  it("without values at the start, the file's values count", () => {
    const h = new Host(c).start();
    expect(h.ctx.params).toEqual({ 'report-minutes': 5, 'video-anger': 20 });
    expect(h.ctx.tasks.alert?.dueAt).toBe(300);
  });

  it("the start command carries the values (the file's unless chosen), and nothing for a scenario without parameters", () => {
    expect(startCommand(c.scenario.parameters, { 'report-minutes': 8 })).toEqual({ type: 'DRILL.START', payload: { parameters: { 'report-minutes': 8, 'video-anger': 20 } } });
    expect(startCommand([])).toEqual({ type: 'DRILL.START', payload: {} });
  });

  it('the start is refused with an unknown parameter or a value outside its limits', () => {
    for (const parameters of [{ nope: 1 }, { 'report-minutes': 31 }, { 'report-minutes': 0 }] as Record<string, number>[]) {
      const h = new Host(c);
      expect(h.send(0, FACILITATOR, { type: 'DRILL.START', payload: { parameters } })).toMatchObject({ ok: false, refusal: { code: 'bad-parameter' } });
    }
  });

  it('a reference to an unknown parameter is named', () => {
    expect(issuesOf(format2Json((s) => (s.tasks[0].deadline = { param: 'nope' })))).toContainEqual({ path: '$.tasks[0] (alert).deadline.param', message: '"nope" is not a parameter of this scenario' });
    expect(issuesOf(format2Json((s) => (s.tasks[0].prompt.en = 'Within {param:nope}.')))).toContainEqual({ path: '$.tasks[0] (alert).prompt.en', message: '{param:nope} names no parameter of this scenario' });
    expect(issuesOf(format2Json((s) => (s.parameters[0].value = 99)))).toContainEqual({ path: '$.parameters[0] (report-minutes).value', message: '99 is outside min 1 … max 30' });
  });
});

describe('the quality check', () => {
  it("finds an inject timed from the start after the drill's expected length", () => {
    const s = validateScenario(format2Json((j) => (j.injects.find((i: any) => i.id === 'video').trigger.at = 60)));
    if (!s.ok) throw new Error('invalid');
    expect(checkQuality(s.value)).toContainEqual({
      path: '$.injects[6] (video).trigger.at',
      message: `fires at 60 min from the start, after the drill's expected length of ${s.value.durationMinutes} min: most drills will have ended`,
    });
    expect(checkQuality(c.scenario)).toEqual([]);
  });
});

describe('the format 2 fixture', () => {
  it('validates and plays with every automatic player, every event accepted', () => {
    for (const policy of POLICIES) {
      const events = simulate(c, policy, 1);
      const { steps, final } = replay(c, events);
      expect(steps.filter((s) => s.refusal), policy).toEqual([]);
      expect(stateOf(final).status).toBe('ended');
      expect(events[0]?.payload).toEqual({ parameters: { 'report-minutes': 5, 'video-anger': 20 } });
    }
    expect(scoreDrill(c, stateOf(replay(c, simulate(c, 'ideal', 1)).final)).total).toBeGreaterThanOrEqual(85);
    expect(scoreDrill(c, stateOf(replay(c, simulate(c, 'negligent', 1)).final)).total).toBeLessThanOrEqual(40);
  });
});

describe('sign-off', () => {
  const approve = (role: string) => ({ type: 'TASK.APPROVE', payload: { task: 'statement', role } }) as const;
  const toEscalate = () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
    h.answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] });
    return h;
  };

  it('a task is done only once every listed role approved; each approval is an event, and the debrief names who signed and when', () => {
    const h = toEscalate();
    expect(h.send(3, 'lobby', approve('lobby'))).toMatchObject({ ok: false, refusal: { code: 'nothing-to-approve' } });
    h.answer(3, 'head', 'statement', { kind: 'single', option: 'agreed' });
    expect(h.ctx.tasks.statement?.answer).toBeUndefined(); // proposed, not yet done
    expect(h.ctx.tasks.statement?.proposal).toMatchObject({ by: 'head', t: 180 });
    expect(h.send(3, 'head', { type: 'TASK.ANSWER', payload: { task: 'statement', role: 'head', answer: { kind: 'single', option: 'off-line' } } })).toMatchObject({ ok: false, refusal: { code: 'already-answered' } });
    expect(h.send(3, 'head', approve('lobby'))).toMatchObject({ ok: false, refusal: { code: 'not-your-role' } });
    h.ok(4, 'lobby', approve('lobby'));
    expect(h.send(4, 'lobby', approve('lobby'))).toMatchObject({ ok: false, refusal: { code: 'already-approved' } });
    expect(h.ctx.tasks.statement?.answer).toBeUndefined();
    h.ok(5, 'head', approve('head'));
    expect(h.ctx.tasks.statement).toMatchObject({ answer: { kind: 'single', option: 'agreed' }, answeredAt: 300, answeredBy: 'head' });
    expect(logEntries(h.ctx).filter((e) => e.kind === 'approve').map((e) => [e.t, (e as { role: string }).role])).toEqual([[240, 'lobby'], [300, 'head']]);
    const evidence = scoreDrill(c, h.ctx).criteria.flatMap((x) => x.evidence).find((e) => e.kind === 'answered' && e.task === 'statement');
    expect(evidence).toMatchObject({ signed: [{ role: 'lobby', t: 240 }, { role: 'head', t: 300 }] });
  });

  it('a role not listed cannot sign; the signer sees the answer waiting for it, and no one else does', () => {
    const h = toEscalate();
    h.answer(3, 'head', 'statement', { kind: 'single', option: 'agreed' });
    const lobby = participantView(c, h.ctx, 'lobby');
    expect(lobby?.approvals).toEqual([expect.objectContaining({ id: 'statement', by: 'head', answer: { kind: 'single', option: 'agreed' }, waiting: ['lobby', 'head'] })]);
    expect(JSON.stringify(lobby?.approvals)).not.toMatch(/score|feedback|effects/);
    const head = participantView(c, h.ctx, 'head');
    expect(head?.tasks.find((t) => t.id === 'statement')?.signoff).toEqual({ by: 'head', answer: { kind: 'single', option: 'agreed' }, waiting: ['lobby', 'head'] });
    expect(JSON.stringify(publicView(c, h.ctx))).not.toContain('agreed');
    expect(participantView(c, h.ctx, 'customers')?.approvals).toEqual([]);
    expect(h.send(3, FACILITATOR, { type: 'TASK.APPROVE', payload: { task: 'alert', role: 'lobby' } })).toMatchObject({ ok: false, refusal: { code: 'not-signer' } });
  });
});

describe('options offered while a condition holds', () => {
  it('an option whose condition no longer holds is neither shown nor accepted', () => {
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
    const offered = () => participantView(c, h.ctx, 'lobby')?.tasks.find((t) => t.id === 'extra')?.choices.map((o) => o.id).sort();
    h.ok(1, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'calm' } });
    const anger = h.ctx.vars.anger ?? 0;
    expect(offered()).toEqual(anger < 60 ? ['no', 'wait-more', 'yes'] : ['no', 'yes']);
    h.ok(2, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'filming' } }); // anger up
    expect(h.ctx.vars.anger).toBeGreaterThanOrEqual(60);
    expect(offered()).toEqual(['no', 'yes']);
    expect(h.send(2, 'lobby', { type: 'TASK.ANSWER', payload: { task: 'extra', role: 'lobby', answer: { kind: 'single', option: 'wait-more' } } })).toMatchObject({
      ok: false,
      refusal: { code: 'option-unavailable', params: { option: 'wait-more' } },
    });
  });
});

describe('inject variants and a seated simulated role', () => {
  it('the first variant whose condition holds when the inject fires is what everyone reads', () => {
    const plain = new Host(c).start().ok(1, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'reporter' } });
    expect(publicView(c, plain.ctx).injects.find((i) => i.id === 'reporter')?.title.en).toBe(c.injects.get('reporter')?.title.en);
    const h = new Host(c).start();
    h.answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1);
    h.answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] });
    h.answer(3, 'head', 'statement', { kind: 'single', option: 'agreed' }).ok(3, 'lobby', { type: 'TASK.APPROVE', payload: { task: 'statement', role: 'lobby' } });
    h.ok(3, 'head', { type: 'TASK.APPROVE', payload: { task: 'statement', role: 'head' } });
    h.ok(4, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'reporter' } });
    expect(publicView(c, h.ctx).injects.find((i) => i.id === 'reporter')?.title.en).toBe("The reporter quotes the branch's statement");
  });

  it("a participant seated in a simulated role sends that role's playable injects and nothing else", () => {
    const h = new Host(c).start();
    expect(h.send(0, FACILITATOR, { type: 'ROLE.CAST', payload: { role: 'customers', name: 'Wang Fang' } })).toMatchObject({ ok: true });
    const seat = participantView(c, h.ctx, 'customers');
    expect(seat?.playable).toEqual([expect.objectContaining({ id: 'reporter', sent: false })]);
    expect(seat?.tasks).toEqual([]);
    expect(JSON.stringify(seat?.playable)).not.toMatch(/expectedAction|effects/);
    expect(h.send(1, 'customers', { type: 'INJECT.FIRE', payload: { inject: 'filming' } })).toMatchObject({ ok: false, refusal: { code: 'not-playable' } });
    expect(h.send(1, 'lobby', { type: 'INJECT.FIRE', payload: { inject: 'reporter' } })).toMatchObject({ ok: false, refusal: { code: 'not-allowed' } });
    h.ok(1, 'customers', { type: 'INJECT.FIRE', payload: { inject: 'reporter' } });
    expect(h.ctx.injects.reporter).toMatchObject({ at: 60, cause: 'played' });
    expect(participantView(c, h.ctx, 'customers')?.playable).toEqual([expect.objectContaining({ id: 'reporter', sent: true })]);
  });
});

describe('texts say the numbers this drill used', () => {
  it('the console and the debrief fill {param:…} with the value the drill started with, never showing the placeholder', () => {
    const h = new Host(c);
    h.ok(0, FACILITATOR, startCommand(c.scenario.parameters, { 'report-minutes': 7 }));
    expect(openTasks(c, h.ctx, 0, 'lobby').find((x) => x.task.id === 'alert')?.task.prompt.en).toBe('Report up within 7 minutes.');
    h.ok(1, FACILITATOR, { type: 'DRILL.END', payload: {} });
    const debrief = scoreDrill(c, h.ctx);
    expect(JSON.stringify(debrief)).not.toContain('{param:');
    expect(debrief.shortfalls).toContainEqual(expect.objectContaining({ task: 'alert', text: expect.objectContaining({ en: 'Not reported up within 7 minutes.' }) }));
  });
});
