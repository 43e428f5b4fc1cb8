// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { roomDebrief, scoreDrill } from '../../src/engine';
import { DebriefReport, fullDebrief } from '../../src/app/components/DebriefReport';
import { FACILITATOR, Host, mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const c = mini();
const h = new Host(c)
  .start()
  .answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' })
  .advance(1)
  .answer(12, 'head', 'assess-level', { kind: 'multiple', options: ['group', 'nothing'] })
  .answer(13, 'head', 'statement', { kind: 'single', option: 'off-line' })
  .advance(14)
  .answer(15, 'lobby', 'records', { kind: 'checklist', items: ['cctv'] })
  .answer(16, 'head', 'report-text', { kind: 'text', text: 'Branch X report.' })
  .ok(17, FACILITATOR, { type: 'TASK.RATE', payload: { task: 'report-text', rating: 'S' } })
  .ok(17, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'Head spoke off-line', role: 'head' } })
  .ok(17, FACILITATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'listens', role: 'head', note: 'let Mr Zhang finish' } })
  .advance(17)
  .ok(18, FACILITATOR, { type: 'SUMMARY.SET', payload: { text: 'Quick first report; the public line wandered.' } });
const debrief = scoreDrill(c, h.ctx);

describe('debrief report', () => {
  it('shows the total, rating, each criterion with its evidence, phases, roles and feedback', () => {
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, h.ctx, debrief)} info={{ team: 'Qinghe', participants: { head: 'Wang Wei' } }} />);
    expect(screen.getByLabelText('Total score')).toHaveTextContent(String(debrief.total));
    expect(screen.getByLabelText('Rating')).toHaveTextContent('S'); // 70: the good practice observed lifts the quality of decisions
    const timely = screen.getByRole('row', { name: /^Timely reporting/ });
    expect(within(timely).getByText('67')).toBeInTheDocument();
    expect(timely).toHaveTextContent('12:00 #4 “Assess the incident” done late (due 11:00)');
    // The evidence names its measure and lists late and missed differently, in time order.
    expect(within(timely).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      '01:00 #2 “Alert the branch head” done on time (due 05:00)',
      '12:00 #4 “Assess the incident” done late (due 11:00)',
      '15:00 #7 “Preserve records” done on time (due 22:00)',
    ]);
    const summary = screen.getByRole('region', { name: 'Leader\'s summary' });
    expect(summary).toHaveTextContent('Quick first report; the public line wandered.');
    expect(summary.compareDocumentPosition(screen.getByRole('region', { name: 'Criteria' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Observations' })).toHaveTextContent('17:00 good practice “Listens to the customers\' demands” · Branch head — let Mr Zhang finish');
    expect(screen.getByRole('row', { name: /^Sound decisions/ })).toHaveTextContent('observed: “Listens to the customers\' demands” (Branch head) — let Mr Zhang finish');
    expect(screen.getByRole('region', { name: 'Roles' })).toHaveTextContent('Branch head · Wang Wei22');
    expect(screen.getByRole('region', { name: 'Strengths' })).toHaveTextContent('Right: alert at once.');
    expect(screen.getByRole('region', { name: 'Shortfalls' })).toHaveTextContent('Keep the register.');
    expect(screen.getByRole('region', { name: 'Improvements' })).toHaveTextContent('Stop filming risks.');
    expect(screen.getByRole('region', { name: 'Facilitator notes' })).toHaveTextContent('Branch head: Head spoke off-line');
    expect(screen.getByRole('region', { name: 'Timeline' })).toHaveTextContent('14:00 Inject: “A reporter calls”');
  });

  it('labels notes with full-width punctuation on a Chinese screen', () => {
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, h.ctx, debrief)} info={{ team: 'Qinghe' }} />, { lang: 'zh-CN' });
    const notes = screen.getByRole('region', { name: '导调记录' });
    expect(within(notes).getByRole('listitem')).toHaveTextContent(/^17:00 \p{Script=Han}+：Head spoke off-line$/u);
  });

  it('keeps the facilitator\'s notes on observations off the room\'s debrief', () => {
    renderUi(<DebriefReport title={c.scenario.title} report={roomDebrief(c, h.ctx, debrief)} info={{}} />);
    expect(screen.getByRole('article')).not.toHaveTextContent('let Mr Zhang finish'); // not in the list, not in the evidence
    expect(screen.getByRole('row', { name: /^Sound decisions/ })).toHaveTextContent('observed: “Listens to the customers\' demands” (Branch head)');
    expect(screen.queryByRole('region', { name: 'Facilitator notes' })).toBeNull();
  });

  it('speaks Chinese with no English of its own: evidence, words, punctuation', () => {
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, h.ctx, debrief)} info={{}} />, { lang: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '演练评估' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '亮点' })).toBeInTheDocument();
    expect(screen.getByLabelText('评级')).toHaveTextContent('S');
    expect(screen.getByText('基本完成，有些困难')).toBeInTheDocument();
    const timely = screen.getAllByRole('row')[1] as HTMLElement;
    expect(timely).toHaveTextContent('12:00 #4 “【中】Assess the incident”超时完成（时限11:00）');
    // The fixture's own texts are marked 【中】…; everything else on the page is the UI's Chinese.
    const text = (screen.getByRole('article').textContent ?? '').replace(/【中】[^“”（）：，。；]*/g, '').replace(/Quick first report; the public line wandered\.|let Mr Zhang finish|Head spoke off-line|mini-drill/g, '');
    expect(text.match(/[A-Za-z]{2,}/g)).toBeNull();
  });

  it('shows a drill that never started as not played, without a score', () => {
    const fresh = new Host(c);
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, fresh.ctx, scoreDrill(c, fresh.ctx))} info={{}} />);
    expect(screen.getByLabelText('Total score')).toHaveTextContent('Not played');
    expect(screen.queryByLabelText('Rating')).toBeNull();
  });

  it('says which free-text answers still await a rating', () => {
    const open = new Host(c).start().advance(1, 'skip').advance(1, 'skip').advance(1).answer(2, 'head', 'report-text', { kind: 'text', text: 'A report.' });
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, open.ctx, scoreDrill(c, open.ctx))} info={{}} />);
    expect(screen.getByRole('note')).toHaveTextContent('Awaiting rating: “Written report”. Unrated free-text answers count 0');
  });
});

describe('a long drill in the report', () => {
  it('shows the beginning and end of a long timeline and its notes at once, and all of them on request', async () => {
    const long = new Host(c).start();
    for (let i = 1; i <= 400; i++) long.ok(1, FACILITATOR, { type: 'NOTE.ADD', payload: { text: `note ${i}` } });
    long.ok(2, FACILITATOR, { type: 'DRILL.END', payload: {} });
    const user = userEvent.setup();
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, long.ctx, scoreDrill(c, long.ctx))} info={{}} />);
    const timeline = screen.getByRole('region', { name: 'Timeline' });
    const entries = () => within(timeline).getAllByRole('listitem').filter((li) => !within(li).queryByRole('button'));
    const total = long.ctx.log?.size ?? 0;
    expect(entries()).toHaveLength(200);
    expect(entries().at(-1)).toHaveTextContent('Drill ended');
    expect(entries().at(-1)).toHaveAttribute('value', String(total)); // the last line keeps its number
    await user.click(within(timeline).getByRole('button', { name: `Show all ${total} entries (${total - 200} more)` }));
    expect(entries()).toHaveLength(total);
    const notes = screen.getByRole('region', { name: 'Facilitator notes' });
    expect(within(notes).getAllByRole('listitem').filter((li) => !within(li).queryByRole('button'))).toHaveLength(200);
    expect(within(notes).getByText(/note 400$/)).toBeInTheDocument();
    expect(within(notes).queryByText(/note 200$/)).toBeNull();
  });
});
