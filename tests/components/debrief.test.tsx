// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { scoreDrill } from '../../src/engine';
import { DebriefReport } from '../../src/app/components/DebriefReport';
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
  .advance(17);
const debrief = scoreDrill(c, h.ctx);

describe('debrief report', () => {
  it('shows the total, rating, each criterion with its evidence, phases, roles and feedback', () => {
    renderUi(<DebriefReport compiled={c} ctx={h.ctx} debrief={debrief} info={{ team: 'Qinghe', participants: { head: 'Wang Wei' } }} />);
    expect(screen.getByLabelText('Total score')).toHaveTextContent('64');
    expect(screen.getByLabelText('Rating')).toHaveTextContent('M');
    const timely = screen.getByRole('row', { name: /^Timely reporting/ });
    expect(within(timely).getByText('67')).toBeInTheDocument();
    expect(timely).toHaveTextContent('12:00 #4 “Assess the incident” done late (due 11:00)');
    expect(screen.getByRole('region', { name: 'Roles' })).toHaveTextContent('Branch head · Wang Wei22');
    expect(screen.getByRole('region', { name: 'Strengths' })).toHaveTextContent('Right: alert at once.');
    expect(screen.getByRole('region', { name: 'Shortfalls' })).toHaveTextContent('Keep the register.');
    expect(screen.getByRole('region', { name: 'Improvements' })).toHaveTextContent('Review the plan\'s decision points.');
    expect(screen.getByRole('region', { name: 'Facilitator notes' })).toHaveTextContent('Branch head: Head spoke off-line');
    expect(screen.getByRole('region', { name: 'Timeline' })).toHaveTextContent('14:00 Inject: “A reporter calls”');
  });

  it('speaks Chinese too', () => {
    renderUi(<DebriefReport compiled={c} ctx={h.ctx} debrief={debrief} info={{}} />, { lang: 'zh-CN' });
    expect(screen.getByRole('heading', { name: '演练评估' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '亮点' })).toBeInTheDocument();
    expect(screen.getByLabelText('评级')).toHaveTextContent('M');
    expect(screen.getByText('完成但困难较大')).toBeInTheDocument();
  });
});
