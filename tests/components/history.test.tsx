// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HistoryView } from '../../src/app/review/HistoryView';
import { renderUi } from '../helpers/render';

const title = { 'zh-CN': '小型演练', en: 'Mini drill' };
const other = { 'zh-CN': '另一个', en: 'Another drill' };
const criteria = (a: number, b: number) => [
  { id: 'timely', title: { 'zh-CN': '报告及时', en: 'Timely reporting' }, score: a },
  { id: 'calm', title: { 'zh-CN': '安抚', en: 'De-escalation' }, score: b },
];
const sessions = [
  { id: 's3', date: '2026-11-20T02:00:00Z', scenario: { id: 'mini', version: '1.0.0', title }, team: 'Qinghe', status: 'ended', total: 81, rating: 'S', criteria: criteria(90, 70) },
  { id: 's2', date: '2026-10-20T02:00:00Z', scenario: { id: 'mini', version: '1.0.0', title }, team: 'Qinghe', status: 'ended', total: 52, rating: 'M', criteria: criteria(40, 60) },
  { id: 's1', date: '2026-09-20T02:00:00Z', scenario: { id: 'other', version: '1.0.0', title: other }, team: 'Hekou', status: 'ended', total: 30, rating: 'U', criteria: criteria(20, 30) },
];

afterEach(() => vi.unstubAllGlobals());

describe('history', () => {
  it('lists past drills, filters them, and compares runs of one scenario per criterion', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(sessions), { status: 200 })));
    const user = userEvent.setup();
    renderUi(<HistoryView />);
    expect(await screen.findByRole('heading', { name: 'Past drills' })).toBeInTheDocument();
    expect(screen.getAllByRole('checkbox')).toHaveLength(3);
    await user.type(screen.getByRole('textbox', { name: 'Team' }), 'hekou');
    expect(screen.getAllByRole('checkbox')).toHaveLength(1);
    await user.clear(screen.getByRole('textbox', { name: 'Team' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Scenario' }), 'Mini drill');
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    await user.click(boxes[0] as HTMLElement);
    await user.click(boxes[1] as HTMLElement);
    const table = screen.getByRole('table', { name: 'Side by side, per criterion' });
    expect(within(table).getByRole('row', { name: /^Timely reporting 90 40$/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /^De-escalation 70 60$/ })).toBeInTheDocument();
  });

  it('says when there is no server, and lists only what this browser keeps (here nothing)', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    renderUi(<HistoryView />);
    expect(await screen.findByText(/^No drill server answers: the drills run on this laptop/)).toBeInTheDocument();
    expect(screen.getByText('No past drills yet.')).toBeInTheDocument();
  });
});
