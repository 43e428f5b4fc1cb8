// @vitest-environment jsdom
/** Issue 16, group role-play: the debrief, its slides and the after-action report with ratings compared, lessons, evaluators and venues. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DebriefReport, fullDebrief } from '../../src/app/components/DebriefReport';
import { ReviewView } from '../../src/app/review/ReviewView';
import { DebriefSlides } from '../../src/app/views/DebriefSlides';
import { EVALUATOR, makeTranscript, roomDebrief, scoreDrill } from '../../src/engine';
import { FACILITATOR, Host, mini, SYSTEM } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const c = mini();
/** Every zh-CN text of a scenario. */
const scenarioTexts = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(scenarioTexts) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === 'zh-CN' && typeof v === 'string' ? [v] : scenarioTexts(v))) : [];
/** Two venues, an evaluator, a lesson; after the end the facilitator rates two criteria and two peers of other groups review. */
const h = new Host(c)
  .ok(0, FACILITATOR, { type: 'ROLE.CAST', payload: { role: 'lobby', name: 'Li Na', venue: 'County sub-branch' } })
  .ok(0, FACILITATOR, { type: 'ROLE.CAST', payload: { role: 'head', name: 'Zhou Jie', venue: 'City branch' } })
  .start()
  .answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' })
  .ok(2, EVALUATOR, { type: 'NOTE.ADD', payload: { text: 'Lobby kept calm', by: 'Wang Fang' } })
  .ok(2, EVALUATOR, { type: 'OBSERVATION.RECORD', payload: { observation: 'listens', role: 'lobby', by: 'Wang Fang' } })
  .ok(3, FACILITATOR, { type: 'LESSON.ADD', payload: { text: 'Calm first, then divert' } })
  .ok(4, FACILITATOR, { type: 'DRILL.END', payload: {} })
  .ok(5, FACILITATOR, { type: 'CRITERION.RATE', payload: { criterion: 'timely', rating: 'U', comment: 'Too slow' } })
  .ok(5, FACILITATOR, { type: 'CRITERION.RATE', payload: { criterion: 'contained', rating: 'M' } })
  .ok(5, SYSTEM, { type: 'PEER.REVIEW', payload: { group: 'Group 2', reviewer: 'Sun Li', ratings: [{ criterion: 'timely', rating: 'S', comment: 'Good call' }, { criterion: 'quality', rating: 'M' }] } })
  .ok(5, SYSTEM, { type: 'PEER.REVIEW', payload: { group: 'Group 3', reviewer: 'Ma Ke', ratings: [{ criterion: 'timely', rating: 'P' }] } });
const debrief = scoreDrill(c, h.ctx);
const judged = (id: string) => debrief.judgements.find((j) => j.criterion === id);

describe('ratings compared in the debrief', () => {
  it('sets the engine\'s, the facilitator\'s and the peers\' ratings side by side, and marks where they disagree', () => {
    // What the engine made of this drill, which the table must show as it is.
    expect(judged('timely')).toMatchObject({ engine: 'U', facilitator: { rating: 'U' }, peer: 'S', spread: 2 });
    expect(judged('quality')).toMatchObject({ engine: 'S', facilitator: null, peer: 'M', spread: 1 });
    expect(judged('contained')).toMatchObject({ engine: 'M', facilitator: { rating: 'M' }, spread: 0 });
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, h.ctx, debrief)} info={{}} />);
    const compared = screen.getByRole('region', { name: 'Ratings compared' });
    expect(within(compared).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Criterion', 'Engine', 'Facilitator', 'Peers (middle)', 'Agreement']);
    const timely = within(compared).getByRole('row', { name: /^Timely reporting/ });
    const cells = within(timely).getAllByRole('cell').map((td) => td.textContent);
    expect(cells).toEqual(['U', 'UToo slow', 'S (2 reviews)Group 2 · Sun Li S — Good callGroup 3 · Ma Ke P', '⚠ 2 steps apart']);
    expect(timely).toHaveClass('disagree-2');
    const quality = within(compared).getByRole('row', { name: /^Sound decisions/ });
    expect(within(quality).getAllByRole('cell').at(-1)).toHaveTextContent('≠ 1 step apart');
    expect(quality).toHaveClass('disagree-1');
    expect(within(within(compared).getByRole('row', { name: /^No escalation/ })).getAllByRole('cell').at(-1)).toHaveTextContent('agree');
    // Rated by the engine alone: nothing to compare.
    expect(within(within(compared).getByRole('row', { name: /^De-escalation/ })).getAllByRole('cell').at(-1)).toHaveTextContent('–');
  });

  it('lists the lessons learned, and names the evaluator beside their notes and observations', () => {
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, h.ctx, debrief)} info={{}} />);
    expect(within(screen.getByRole('region', { name: 'Lessons learned' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Calm first, then divert']);
    expect(screen.getByRole('region', { name: 'Facilitator notes' })).toHaveTextContent('02:00 Lobby kept calm (evaluator: Wang Fang)');
    expect(screen.getByRole('region', { name: 'Observations' })).toHaveTextContent('“Listens to the customers\' demands” · Lobby manager (evaluator: Wang Fang)');
  });

  it('leaves the comparison out when only the engine rated', () => {
    const alone = new Host(c).start().ok(1, FACILITATOR, { type: 'DRILL.END', payload: {} });
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, alone.ctx, scoreDrill(c, alone.ctx))} info={{}} />);
    expect(screen.queryByRole('region', { name: 'Ratings compared' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Lessons learned' })).toBeNull();
  });

  it('speaks Chinese', () => {
    renderUi(<DebriefReport title={c.scenario.title} report={fullDebrief(c, h.ctx, debrief)} info={{}} />, { lang: 'zh-CN' });
    const compared = screen.getByRole('region', { name: '评定对照' });
    expect(within(compared).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['评估指标', '系统', '导调', '互评（中位）', '一致性']);
    const timely = within(compared).getByRole('row', { name: /Timely reporting/ });
    expect(within(timely).getAllByRole('cell').at(-1)).toHaveTextContent('⚠ 相差2档');
    expect(within(timely).getAllByRole('cell')[2]).toHaveTextContent('S（2份）');
    expect(screen.getByRole('region', { name: '心得技巧' })).toHaveTextContent('Calm first, then divert');
    expect(screen.getByRole('region', { name: '导调记录' })).toHaveTextContent('Lobby kept calm（评估员：Wang Fang）');
    // What the scenario and the people wrote is theirs, and P/S/M/U the scale's own letters; the rest must be Chinese.
    const theirs = [...scenarioTexts(c.scenario), 'Too slow', 'Good call', 'Group 2', 'Group 3', 'Sun Li', 'Ma Ke'].sort((a, b) => b.length - a.length);
    const ours = theirs.reduce((text, x) => text.split(x).join(' '), compared.textContent ?? '').replace(/[PSMU]/g, ' ');
    expect(ours.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });
});

describe('the debrief on the projector', () => {
  it('has a slide comparing the ratings (without comments) and one of the lessons learned', async () => {
    const user = userEvent.setup();
    renderUi(<DebriefSlides title={c.scenario.title} report={roomDebrief(c, h.ctx, debrief)} info={{}} />);
    const titles: string[] = [];
    for (;;) {
      titles.push(screen.getByRole('group', { name: /./ }).getAttribute('aria-label') ?? '');
      const slide = screen.getByRole('group', { name: titles.at(-1) });
      if (titles.at(-1) === 'Ratings compared') {
        expect(within(slide).getByRole('row', { name: /^Timely reporting/ })).toHaveTextContent('⚠ 2 steps apart');
        expect(slide).not.toHaveTextContent('Too slow');
      }
      if (titles.at(-1) === 'Lessons learned') expect(slide).toHaveTextContent('Calm first, then divert');
      const next = screen.getByRole('button', { name: /Next slide/ });
      if (next.hasAttribute('disabled')) break;
      await user.click(next);
    }
    expect(titles).toContain('Ratings compared');
    expect(titles.indexOf('Ratings compared')).toBe(titles.indexOf('Criteria') + 1);
    expect(titles.indexOf('Lessons learned')).toBe(titles.length - 2); // just before the leader's summary
  });
});

describe('the after-action report', () => {
  it('says where each role sat, and names the evaluator beside their notes', async () => {
    const user = userEvent.setup();
    renderUi(<ReviewView />);
    const file = makeTranscript(c.scenario, { team: 'Qinghe', date: '2026-11-20T02:00:00.000Z', venues: ['County sub-branch', 'City branch'] }, h.events);
    await user.upload(screen.getByLabelText('Open a transcript file'), new File([JSON.stringify(file)], 'drill.json', { type: 'application/json' }));
    await screen.findByText(/^Unsigned:/);
    await user.click(screen.getByRole('tab', { name: 'After-action report' }));
    const aar = screen.getByRole('article', { name: 'After-action report' });
    expect(within(aar).getByRole('region', { name: 'Overview' })).toHaveTextContent('Lobby manager: Li Na (County sub-branch); Branch head: Zhou Jie (City branch)');
    expect(within(aar).getByRole('region', { name: 'Ratings compared' })).toBeInTheDocument();
    expect(within(aar).getByRole('region', { name: 'Lessons learned' })).toHaveTextContent('Calm first, then divert');
    expect(within(aar).getByRole('region', { name: 'Facilitator notes' })).toHaveTextContent('Lobby kept calm (evaluator: Wang Fang)');
    expect(within(aar).getByRole('region', { name: 'Observations' })).toHaveTextContent('(evaluator: Wang Fang)');
  });
});
