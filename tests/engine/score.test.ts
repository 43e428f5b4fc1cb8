import { describe, expect, it } from 'vitest';
import { rate, scoreDrill } from '../../src/engine';
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
      ['coverage', 100, 'P'],
    ]);
    expect(d.total).toBe(64); // weighted 25/25/20/10/10/10
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
      { kind: 'not-fired', inject: 'filming' },
      { kind: 'fired', inject: 'reporter', t: 840, seq: 6 },
    ]);
    expect(d.criteria.find((x) => x.id === 'calm')?.measures[0]?.evidence).toEqual([{ kind: 'variable', var: 'anger', value: 20 }]);
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
    expect(en(d.improvements)).toEqual(['Review the plan\'s decision points.', 'Stop filming risks.']);
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

  it('counts an unrated free-text answer as half, and the rating once given', () => {
    const base = new Host(c).start().advance(1, 'skip').advance(1, 'skip').advance(1).answer(2, 'head', 'report-text', { kind: 'text', text: 'A report.' });
    const quality = () => scoreDrill(c, base.ctx).tasks.find((t) => t.id === 'report-text')?.quality;
    expect(quality()).toBe(0.5);
    base.ok(3, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'U' } });
    expect(quality()).toBe(0);
    base.ok(3, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'P' } });
    expect(quality()).toBe(1);
  });

  it('rates totals the HSEEP way', () => {
    expect([100, 85, 84, 65, 64, 40, 39, 0].map(rate)).toEqual(['P', 'P', 'S', 'S', 'M', 'M', 'U', 'U']);
  });
});
