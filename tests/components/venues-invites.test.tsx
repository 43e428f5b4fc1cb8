// @vitest-environment jsdom
/** Issue 16, group role-play: seats' venues and the invitations on the console's join panel; a venue's projector. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JoinPanel, type SeatControls } from '../../src/app/remote/JoinPanel';
import { keepVenueProjectors, venueProjectors } from '../../src/app/remote/tokens';
import { ProjectorScreen } from '../../src/app/views/ProjectorScreen';
import { publicView } from '../../src/engine';
import type { SeatView } from '../../src/protocol/messages';
import { Host, mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const c = mini();
const roles = c.scenario.roles.filter((r) => c.seatRoles.includes(r.id));
const seats: SeatView[] = [
  { id: 'a', name: 'Li Na', role: 'lobby', connected: true, venue: 'County sub-branch' },
  { id: 'b', name: 'Zhou Jie', role: 'head', connected: false, venue: 'City branch' },
  { id: 'c', name: 'Chen Lu', role: null, connected: true, venue: 'County sub-branch' },
];
const controls: SeatControls = { assign: vi.fn(), decide: vi.fn(), remove: vi.fn(), setJoining: vi.fn() };

/** The server's answers: no LAN address; an evaluator's seat made with its token. */
function serve(answer: { status: number; body?: unknown } = { status: 201, body: { seat: { id: 'e1', name: 'Wang Fang', role: null, connected: false }, token: 'EVAL-TOKEN' } }) {
  const fetch = vi.fn((url: string) => Promise.resolve(url === '/api/server-info' ? new Response(null, { status: 404 }) : new Response(JSON.stringify(answer.body ?? {}), { status: answer.status })));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('the console\'s join panel in several venues', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.unstubAllGlobals());

  it('shows where each seat sits', () => {
    serve();
    renderUi(<JoinPanel code="123456" seats={seats} roles={roles} joining controls={controls} />);
    const joined = screen.getByRole('heading', { name: 'Joined: 3' }).parentElement as HTMLElement;
    expect(within(joined).getByText(/Zhou Jie/).closest('li')).toHaveTextContent('Zhou Jie — Branch head · Venue: City branch · offline');
    expect(within(joined).getByText(/Li Na/).closest('li')).toHaveTextContent('Venue: County sub-branch');
  });

  it('invites an evaluator by name: asks the server for a seat with the facilitator\'s token, then gives the link, a QR code and a copy button', async () => {
    const fetch = serve();
    const user = userEvent.setup();
    document.execCommand = vi.fn(() => true);
    renderUi(<JoinPanel code="123456" seats={seats} roles={roles} joining controls={controls} links={{ sessionId: 's1', facilitatorToken: 'FAC-TOKEN', venues: [] }} />);
    const invite = screen.getByRole('region', { name: 'Invite an evaluator' });
    expect(within(invite).getByRole('button', { name: 'Invite' })).toBeDisabled();
    await user.type(within(invite).getByLabelText('Evaluator\'s name'), 'Wang Fang');
    await user.click(within(invite).getByRole('button', { name: 'Invite' }));
    const link = await within(invite).findByRole('group', { name: 'Evaluator link for Wang Fang' });
    const [url, init] = fetch.mock.calls.find(([u]) => u !== '/api/server-info') as unknown as [string, RequestInit];
    expect(url).toBe('/api/sessions/s1/seats');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer FAC-TOKEN');
    expect(JSON.parse(init.body as string)).toEqual({ name: 'Wang Fang', kind: 'evaluator' });
    const address = `${window.location.origin}/?t=EVAL-TOKEN#/session/s1/evaluate`;
    expect(within(link).getByRole('link', { name: 'Evaluator link for Wang Fang' })).toHaveAttribute('href', address);
    expect(within(link).getByRole('textbox', { name: 'Address: Evaluator link for Wang Fang' })).toHaveValue(address);
    await user.click(within(link).getByRole('button', { name: 'Copy link' }));
    expect(document.execCommand).toHaveBeenCalledWith('copy');
    expect(within(link).getByRole('status')).toHaveTextContent('Copied');
    expect(await within(link).findByRole('img', { name: 'QR code: Evaluator link for Wang Fang' })).toBeInTheDocument();
    expect(within(invite).getByLabelText('Evaluator\'s name')).toHaveValue('');
  });

  it('says so when the server would not make the evaluator\'s seat', async () => {
    serve({ status: 403 });
    const user = userEvent.setup();
    renderUi(<JoinPanel code="123456" seats={[]} roles={roles} joining controls={controls} links={{ sessionId: 's1', facilitatorToken: 'FAC-TOKEN', venues: [] }} />, { lang: 'zh-CN' });
    const invite = screen.getByRole('region', { name: '邀请评估员' });
    await user.type(within(invite).getByLabelText('评估员姓名'), '王芳');
    await user.click(within(invite).getByRole('button', { name: '生成邀请链接' }));
    expect(await within(invite).findByRole('alert')).toHaveTextContent('未能生成评估员链接');
    expect(within(invite).queryByRole('link')).toBeNull();
  });

  it('links to each venue\'s projector with the token kept when the session was made', () => {
    serve();
    keepVenueProjectors('s1', [{ venue: 'County sub-branch', token: 'P-COUNTY' }]);
    expect(venueProjectors('s1')).toEqual([{ venue: 'County sub-branch', token: 'P-COUNTY' }]);
    renderUi(<JoinPanel code="123456" seats={seats} roles={roles} joining controls={controls} links={{ sessionId: 's1', facilitatorToken: 'F', venues: ['County sub-branch', 'City branch'] }} />, { lang: 'zh-CN' });
    const projectors = screen.getByRole('region', { name: '各会场投屏' });
    expect(within(projectors).getByRole('link', { name: 'County sub-branch投屏' })).toHaveAttribute('href', `${window.location.origin}/?t=P-COUNTY#/session/s1/projector`);
    // Made in another browser: the venue is named, without a link.
    expect(within(projectors).getAllByRole('listitem')[1]).toHaveTextContent('City branch投屏 · 链接保存在创建本场演练的浏览器中');
    expect(within(projectors).queryByRole('link', { name: 'City branch投屏' })).toBeNull();
  });

  it('reads damaged or missing projector tokens as none', () => {
    localStorage.setItem('drillroom.projectors.s2', '{not json');
    expect(venueProjectors('s2')).toEqual([]);
    expect(venueProjectors('s3')).toEqual([]);
  });
});

describe('a venue\'s projector', () => {
  const h = new Host(c).start();
  const view = publicView(c, h.ctx);

  it('names its venue and who sits there (name · role)', () => {
    renderUi(<ProjectorScreen view={view} now={60} info={{ team: 'Qinghe' }} clock={null} venue={{ name: 'County sub-branch', seats }} />);
    expect(screen.getByText('Venue: County sub-branch')).toBeInTheDocument();
    const here = screen.getByRole('list', { name: 'Seated in County sub-branch' });
    expect(within(here).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Li Na · Lobby manager', 'Chen Lu · Observer (no role)']);
  });

  it('in Chinese', () => {
    renderUi(<ProjectorScreen view={view} now={60} info={{}} clock={null} venue={{ name: '县支行', seats: [{ id: 'a', name: '李娜', role: 'lobby', connected: true, venue: '县支行' }] }} />, { lang: 'zh-CN' });
    expect(screen.getByText('会场：县支行')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: '县支行会场人员' })).toHaveTextContent('李娜 · 大堂经理');
  });

  it('shows no venue on a projector of a drill in one room', () => {
    renderUi(<ProjectorScreen view={view} now={60} info={{}} clock={null} />);
    expect(screen.queryByText(/^Venue:/)).toBeNull();
  });
});

