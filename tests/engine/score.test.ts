import { describe, expect, it } from 'vitest';
import { compile, rate, scoreDrill } from '../../src/engine';
import { FACILITATOR, Host, mini } from '../helpers/drill';

const c = mini();

/** A mixed drill: some things done well, some late, some badly. */
function mixedDrill() {
  return new Host(c)
    .start()
    .answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }) // on time, best
    .advance(1)
    .answer(12, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'nothing'] }) // late (due 11:00), one right one wrong
    .answer(13, 'head', 'statement', { kind: 'single', option: 'off-line' }) // poor: the reporter comes at 14:00
    .advance(14)
    .answer(15, 'lobby', 'records', { kind: 'checklist', items: ['cctv'] }) // half the checklist
    .answer(16, 'head', 'report-text', { kind: 'text', text: 'Branch X, 09:00, fee change, calmed.' })
    .ok(17, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'S' } })
    .ok(17, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'Head spoke to the reporter off-line', role: 'head' } })
    .advance(17);
}

describe('debrief score', () => {
  const h = mixedDrill();
  const d = scoreDrill(c, h.ctx);

  it('scores each criterion from its measures', () => {
    expect(d.ended).toBe(true);
    expect(d.criteria.map((x) => [x.id, x.score, x.rating])).toEqual([
      ['timely', 67, 'S'], // 2 of 3 deadlines met
      ['quality', 33, 'U'], // (1 + 0 + 0) / 3: the optional task left undone does not count
      ['calm', 80, 'S'], // anger ended at 20 on a 100 (worst) … 0 (best) scale
      ['contained', 50, 'M'], // the reporter came, the filming did not
      ['documented', 79, 'S'], // quality (0.5 + ⅔) / 2 and the report exists
      ['coverage', 50, 'M'], // the lobby did everything on time and well enough; the head's assessment was late
    ]);
    expect(d.total).toBe(59); // weighted 25/25/20/10/10/10
    expect(d.rating).toBe('M');
  });

  it('gives the evidence: which events, which deadlines, at what drill time', () => {
    const timely = d.criteria.find((x) => x.id === 'timely')?.measures[0]?.evidence;
    expect(timely).toEqual([
      { kind: 'on-time', task: 'alert', t: 60, seq: 2, dueAt: 300 },
      { kind: 'late', task: 'assess-level', t: 720, seq: 4, dueAt: 660 },
      { kind: 'on-time', task: 'records', t: 900, seq: 7, dueAt: 1320 },
    ]);
    expect(d.criteria.find((x) => x.id === 'contained')?.measures[0]?.evidence).toEqual([
      { kind: 'avoided', inject: 'filming' }, // the alert was on time, so the filming can no longer follow from it
      { kind: 'fired', inject: 'reporter', t: 840, seq: 6 },
    ]);
    expect(d.criteria.find((x) => x.id === 'calm')?.measures[0]?.evidence).toEqual([{ kind: 'variable', var: 'anger', value: 20, best: 0, worst: 100 }]);
    // Each criterion's evidence in drill-time order, facts without a time last.
    const times = d.criteria.find((x) => x.id === 'documented')?.evidence.map((e) => ('t' in e ? e.t : null));
    expect(times).toEqual([900, 960, null]);
  });

  it('scores per phase and per role (quality halved when late, optional tasks left out)', () => {
    expect(d.phases).toEqual([
      { id: 'report', score: 100, tasks: ['alert'] },
      { id: 'assess', score: 0, tasks: ['assess-level', 'extra'] },
      { id: 'escalate', score: 0, tasks: ['statement'] },
      { id: 'resolve', score: 58, tasks: ['records', 'report-text'] },
    ]);
    expect(d.roles).toEqual([
      { id: 'lobby', score: 75, tasks: ['alert', 'records', 'extra'] },
      { id: 'head', score: 22, tasks: ['assess-level', 'statement', 'report-text'] },
    ]);
  });

  it('takes strengths, shortfalls and improvements from the scenario\'s feedback', () => {
    const en = (xs: typeof d.strengths) => xs.map((f) => f.text?.en ?? f.kind);
    expect(en(d.strengths)).toEqual(['Right: alert at once.', 'Mostly complete.']);
    expect(en(d.shortfalls)).toEqual(['No assessment was made.', 'Underestimates it.', 'Off the agreed line.', 'Keep the register.']);
    expect(d.shortfalls[0]).toMatchObject({ kind: 'late', task: 'assess-level', t: 720, seq: 4 });
    expect(en(d.improvements)).toEqual(['Review the plan\'s decision points.', 'Stop filming risks.', 'Brief every role.']);
    expect(d.notes).toEqual([{ t: 1020, seq: 10, text: 'Head spoke to the reporter off-line', role: 'head' }]);
  });

  it('reports a missed deadline and the contingency it caused as shortfalls', () => {
    const late = scoreDrill(c, new Host(c).start().tick(6).ctx);
    expect(late.ended).toBe(false);
    expect(late.shortfalls).toEqual([
      { kind: 'missed', text: { 'zh-CN': '【中】The head was not alerted in time.', en: 'The head was not alerted in time.' }, task: 'alert', t: 300 },
      { kind: 'contingency', inject: 'filming', task: 'alert', t: 301, seq: 2 },
    ]);
  });

  it('counts an unrated free-text answer as 0 and says it awaits a rating, then the rating once given', () => {
    const base = new Host(c).start().advance(1, 'skip').advance(1, 'skip').advance(1).answer(2, 'head', 'report-text', { kind: 'text', text: 'A report.' });
    const debrief = () => scoreDrill(c, base.ctx);
    const result = () => debrief().tasks.find((t) => t.id === 'report-text');
    expect(result()).toMatchObject({ quality: 0, awaitingRating: true });
    expect(debrief().awaitingRating).toEqual(['report-text']);
    expect(debrief().criteria.find((x) => x.id === 'documented')?.evidence).toContainEqual({ kind: 'awaiting-rating', task: 'report-text', t: 120, seq: 5, by: 'head' });
    base.ok(3, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'U' } });
    expect(result()?.quality).toBe(0);
    expect(debrief().awaitingRating).toEqual([]);
    base.ok(3, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'P' } });
    expect(result()?.quality).toBe(1);
  });

  it('rates totals the HSEEP way', () => {
    expect([100, 85, 84, 65, 64, 40, 39, 0].map(rate)).toEqual(['P', 'P', 'S', 'S', 'M', 'M', 'U', 'U']);
  });
});

describe('a score that is earned', () => {
  const required = (d: ReturnType<typeof scoreDrill>) => d.tasks.filter((t) => t.counts && !t.done).map((t) => t.id);

  it('gives a drill that never started no score', () => {
    const d = scoreDrill(c, new Host(c).ctx);
    expect(d).toMatchObject({ played: false, ended: false, total: null, rating: null });
    expect(d.criteria.every((x) => x.score === null && x.rating === null)).toBe(true);
    expect(d.phases.every((p) => p.score === null)).toBe(true);
  });

  it('scores a drill started and ended at once near zero: every required task is missed, nothing is avoided or reached', () => {
    const h = new Host(c).start().ok(0, FACILITATOR, { type: 'DRILL.END', payload: {} });
    const d = scoreDrill(c, h.ctx);
    expect(d.total).toBe(0);
    expect(required(d)).toEqual(['alert', 'assess-level', 'statement', 'records', 'report-text']);
    expect(d.cutShort).toEqual(['report']);
    const evidence = (id: string) => d.criteria.find((x) => x.id === id)?.evidence;
    expect(evidence('quality')).toContainEqual({ kind: 'never-opened', task: 'statement', phase: 'escalate' });
    expect(evidence('timely')).toContainEqual({ kind: 'not-done', task: 'alert', dueAt: 300 });
    expect(evidence('contained')).toEqual([
      { kind: 'not-tested', inject: 'filming', phase: 'report' },
      { kind: 'not-tested', inject: 'reporter', phase: 'escalate' },
    ]);
    expect(evidence('calm')).toEqual([{ kind: 'outcome-not-reached', var: 'anger' }]);
    expect(d.shortfalls.map((f) => [f.kind, f.task])).toEqual([
      ['missed', 'alert'],
      ['never-opened', 'assess-level'],
      ['never-opened', 'statement'],
      ['never-opened', 'records'],
      ['never-opened', 'report-text'],
    ]);
  });

  it('gives a team that advances through every phase at once, answering nothing, next to no credit', () => {
    const h = new Host(c).start().advance(0, 'go').advance(0, 'go').advance(0).advance(0, 'go');
    const d = scoreDrill(c, h.ctx);
    expect(d.ended).toBe(true);
    // Escalate has no exit rule, but its public line was left unanswered: cut short too.
    expect(d.cutShort).toEqual(['report', 'assess', 'escalate', 'resolve']);
    expect(d.total).toBe(0);
  });

  it('does not count a branch task that never opened, but does count it once it opened', () => {
    const branchy = mini((s) => {
      const extra = s.tasks.find((t: { id: string }) => t.id === 'statement');
      Object.assign(extra, { branch: true, availableWhen: { type: 'fired', inject: 'reporter' } });
    });
    const play = (fire: boolean) => {
      const h = new Host(branchy).start().answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1).answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] });
      if (fire) h.ok(3, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'reporter' } });
      return scoreDrill(branchy, h.ok(4, FACILITATOR, { type: 'DRILL.END', payload: {} }).ctx).tasks.find((t) => t.id === 'statement');
    };
    expect(play(false)).toMatchObject({ opened: false, counts: false, performance: null });
    expect(play(true)).toMatchObject({ opened: true, counts: true, performance: 0 });
  });

  it('makes wrong checklist items cost: ticking everything does not win', () => {
    const records = (items: string[]) => {
      const h = new Host(c).start().advance(0, 'go').advance(0, 'go').advance(0).answer(1, 'lobby', 'records', { kind: 'checklist', items });
      const d = scoreDrill(c, h.ctx);
      return { quality: d.tasks.find((t) => t.id === 'records')?.quality, shortfalls: d.shortfalls.filter((f) => f.task === 'records').map((f) => [f.kind, f.item]) };
    };
    expect(records(['cctv', 'register'])).toEqual({ quality: 1, shortfalls: [] });
    expect(records(['cctv', 'register', 'shred'])).toEqual({ quality: 0.5, shortfalls: [['item-wrong', 'shred']] });
    expect(records(['cctv', 'shred']).quality).toBe(0);
  });

  it('records observations: good practice counts, a prohibited act scores 0, caps its criteria and has its effects', () => {
    const base = () => new Host(c).start().answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' });
    const clean = scoreDrill(c, base().ctx);
    const h = base()
      .ok(2, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'grab-phone', role: 'lobby', note: 'at the counter' } })
      .ok(3, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'listens' } });
    const d = scoreDrill(c, h.ctx);
    expect(h.ctx.vars.anger).toBe((base().ctx.vars.anger ?? 0) + 15); // the act's effect
    expect(clean.criteria.find((x) => x.id === 'contained')?.score).toBe(100);
    const contained = d.criteria.find((x) => x.id === 'contained');
    expect(contained).toMatchObject({ cap: 30, score: 30 }); // (1 + 0) / 2 would be 50: capped
    const calm = d.criteria.find((x) => x.id === 'calm');
    expect(calm?.cap).toBe(30);
    expect(calm?.score).toBe(18); // anger 65 on 0…100 is 35, and the act counts 0: (35 + 0) / 2
    expect(calm?.evidence).toEqual([
      { kind: 'observed', observation: 'grab-phone', good: false, t: 120, seq: 3, role: 'lobby', note: 'at the counter' },
      { kind: 'capped', observation: 'grab-phone', cap: 30, t: 120, seq: 3 },
      { kind: 'variable', var: 'anger', value: h.ctx.vars.anger, best: 0, worst: 100 },
    ]);
    const quality = d.criteria.find((x) => x.id === 'quality');
    expect(quality?.measures.at(-1)).toMatchObject({ type: 'observed', weight: 2, score: 1 });
    expect(d.observations.map((o) => [o.observation, o.good])).toEqual([
      ['grab-phone', false],
      ['listens', true],
    ]);
    expect(d.shortfalls.find((f) => f.kind === 'observation')).toMatchObject({ observation: 'grab-phone', role: 'lobby', t: 120 });
    expect(d.strengths.find((f) => f.kind === 'observation')).toMatchObject({ observation: 'listens', t: 180 });
  });

  it('takes an observation after the end without its effects, and refuses unknown ones', () => {
    const h = new Host(c).start().ok(1, FACILITATOR, { type: 'DRILL.END', payload: {} });
    const anger = h.ctx.vars.anger;
    h.ok(2, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'grab-phone' } });
    expect(h.ctx.vars.anger).toBe(anger);
    expect(h.ctx.observations).toHaveLength(1);
    expect(h.send(2, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'no-such' } }).ok).toBe(false);
    expect(h.send(2, 'lobby', { type: 'OBSERVATION.RECORD', payload: { observation: 'listens' } }).ok).toBe(false);
    expect(new Host(c).send(0, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'listens' } }).ok).toBe(false);
  });

  it('keeps the leader\'s summary, from the facilitator or the leader role, after the end too', () => {
    const h = new Host(c).start().ok(1, FACILITATOR, { type: 'DRILL.END', payload: {} });
    expect(h.send(2, 'lobby', { type: 'SUMMARY.SET', payload: { text: 'Not my place.' } }).ok).toBe(false);
    h.ok(2, 'head', { type: 'SUMMARY.SET', payload: { text: 'Reported fast; the register was thin.' } });
    h.ok(3, FACILITATOR, { type: 'SUMMARY.SET', payload: { text: 'Final words.' } });
    expect(scoreDrill(c, h.ctx).summary).toEqual({ text: 'Final words.', by: FACILITATOR, t: 180, seq: 4 });
  });

  it('counts a consequence still on its way when the drill ended as not avoided', () => {
    const h = new Host(c).start().answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' }).advance(1).answer(2, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'media'] });
    h.answer(3, 'head', 'statement', { kind: 'single', option: 'off-line' }).ok(3, FACILITATOR, { type: 'DRILL.END', payload: {} });
    const contained = scoreDrill(c, h.ctx).criteria.find((x) => x.id === 'contained');
    expect(contained?.evidence).toContainEqual({ kind: 'pending-at-end', inject: 'reporter', at: 240 });
    expect(contained?.score).toBe(50); // the filming was avoided (the alert came in time); the reporter was not
  });

  it('counts an observation once however often it is recorded, and its effects once', () => {
    const h = new Host(c).start();
    for (let i = 0; i < 5; i++) h.ok(1, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'listens', role: 'head' } });
    h.ok(1, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'grab-phone', role: 'lobby' } }).ok(1, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'grab-phone', role: 'lobby' } });
    const d = scoreDrill(c, h.ctx);
    expect(d.criteria.find((x) => x.id === 'quality')?.measures.at(-1)).toMatchObject({ type: 'observed', weight: 2, score: 1 });
    expect(h.ctx.vars.anger).toBe(50 + 10 + 15); // the crowd arrives (+10), one phone taken (+15), not two
    expect(d.observations).toHaveLength(7); // all recorded, for the record
  });

  it('takes ratings at the hot wash, after the end', () => {
    const h = new Host(c).start().advance(1, 'skip').advance(1, 'skip').advance(1).answer(2, 'head', 'report-text', { kind: 'text', text: 'A report.' }).ok(3, FACILITATOR, { type: 'DRILL.END', payload: {} });
    expect(scoreDrill(c, h.ctx).awaitingRating).toEqual(['report-text']);
    h.ok(10, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'P' } });
    const d = scoreDrill(c, h.ctx);
    expect(d.awaitingRating).toEqual([]);
    expect(d.tasks.find((t) => t.id === 'report-text')?.quality).toBe(1);
  });

  it('reads the end of the drill as it ended: notes at the hot wash do not turn "not done" into "missed"', () => {
    const h = new Host(c).start().advance(1, 'skip').advance(1, 'skip').advance(1).ok(5, FACILITATOR, { type: 'DRILL.END', payload: {} });
    const before = scoreDrill(c, h.ctx);
    h.ok(40, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'hot wash' } });
    const after = scoreDrill(c, h.ctx);
    expect(after.criteria).toEqual(before.criteria);
    expect(after.durationSeconds).toBe(300);
    expect(after.criteria.find((x) => x.id === 'timely')?.evidence).toContainEqual({ kind: 'not-done', task: 'records', dueAt: 540 });
  });

  it('scores a drill saved before observations and branch tasks existed (a stored session, a drill in the browser)', () => {
    const old = structuredClone(c.scenario) as Record<string, any>;
    delete old.observations;
    for (const t of old.tasks) delete t.branch;
    const oldCompiled = compile(old as typeof c.scenario);
    const h = new Host(oldCompiled).start().answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' });
    const d = scoreDrill(oldCompiled, h.ctx);
    expect(d.played).toBe(true);
    expect(d.observations).toEqual([]);
    expect(oldCompiled.scenario.observations).toEqual([]);
  });
});
