// @vitest-environment jsdom
/**
 * A participant's seat in a group exercise: watching another group's round, rating another
 * group on the rubric (and changing the review), told when its own group is under review; and
 * joining a drill played in several venues. The seat's connection is a stand-in store.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { publicView, type PublicView } from '../../src/engine';
import type { ExerciseView } from '../../src/protocol/messages';
import type { RemoteState } from '../../src/app/remote/RemoteSession';
import { JoinView } from '../../src/app/remote/JoinRoute';
import { SeatScreen } from '../../src/app/remote/SeatRoute';
import { tokenKey } from '../../src/app/remote/tokens';
import { FACILITATOR, Host, mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

/** The seat's connection: a store the test changes, as messages from the server would. */
const seat = vi.hoisted(() => {
  const listeners = new Set<() => void>();
  const store = {
    state: null as unknown,
    review: vi.fn(),
    set(patch: object) {
      store.state = { ...(store.state as object), ...patch };
      for (const l of listeners) l();
    },
    subscribe(l: () => void) {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
  return store;
});

vi.mock('../../src/app/remote/useRemote', async () => {
  const { useSyncExternalStore } = await import('react');
  const session = { review: seat.review, subscribe: seat.subscribe, drillTime: () => 0, claim: () => undefined, command: () => undefined };
  return {
    useRemoteSession: () => ({ session, state: useSyncExternalStore(seat.subscribe, () => seat.state) }),
  };
});

const c = mini();
const rubric = c.scenario.rubric.map((r) => ({ id: r.id, title: r.title, ...(r.description ? { description: r.description } : {}) }));
/** The room's view of a drill: group 2's own (not started), and group 1's round under way. */
const briefing = (): PublicView => publicView(c, new Host(c).ctx);
const running = (): PublicView => publicView(c, new Host(c).start().ok(2, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'x' } }).ctx);

const exercise = (change: Partial<ExerciseView> = {}): ExerciseView => ({
  id: 'x1',
  mode: 'rounds',
  groups: [
    { name: '第一组', status: 'running' },
    { name: '第二组', status: 'briefing' },
  ],
  group: 1,
  playing: null,
  reviewing: null,
  ...change,
});

function showSeat(patch: Partial<RemoteState>) {
  seat.state = {
    status: 'online',
    host: null,
    screen: briefing(),
    clock: { wall: Date.now(), drill: 0, speed: 1 },
    info: {},
    you: { kind: 'participant', seat: 'seat-1', name: 'Li Na', role: null },
    seats: [],
    joining: true,
    code: '7654321',
    refusal: null,
    pending: [],
    taskRefusals: {},
    notice: null,
    exercise: null,
    watch: null,
    ...patch,
  } satisfies RemoteState;
}

beforeEach(() => {
  localStorage.setItem(tokenKey('seat', 's2'), 'seat-token-s2-xxxxxxxx');
  seat.review.mockReset();
});
afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('a seat while another group plays its round', () => {
  it('shows a banner and that group\'s room view', async () => {
    // the watched drill's clock runs on from the time the server sent it: 95 s after 2:00 → 3:35
    const now = Date.now();
    showSeat({ exercise: exercise({ playing: 0 }), watch: { group: 0, screen: { ...running(), now: 120 }, clock: { wall: now - 95_000, drill: 120, speed: 1 } } });
    renderUi(<SeatScreen sessionId="s2" />, { lang: 'zh-CN' });
    const watch = await screen.findByRole('region', { name: '第一组正在演练，请观摩' });
    expect(within(watch).getByRole('heading', { name: '小型演练' })).toBeInTheDocument();
    expect(within(watch).getByRole('timer').textContent).toMatch(/03:3[56]/);
    // the round ends: the banner goes
    act(() => seat.set({ exercise: exercise({ playing: null }), watch: null }));
    expect(screen.queryByRole('region', { name: '第一组正在演练，请观摩' })).toBeNull();
  });

  it('says when it is its own group\'s round, and shows nothing to watch', async () => {
    showSeat({ exercise: exercise({ playing: 1 }) });
    renderUi(<SeatScreen sessionId="s2" />);
    expect(await screen.findByText("It is your group's round.")).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /is playing/ })).toBeNull();
  });
});

describe('a seat\'s peer review of another group', () => {
  it('rates every criterion (by keyboard too), with comments, then can change the review', async () => {
    const user = userEvent.setup();
    showSeat({ exercise: exercise({ groups: [{ name: '第一组', status: 'ended' }, { name: '第二组', status: 'ended' }], reviewing: 0, rubric }) });
    renderUi(<SeatScreen sessionId="s2" />);
    const form = await screen.findByRole('form', { name: 'Peer review: 第一组' });
    const timely = within(form).getByRole('group', { name: 'Timely reporting' });
    expect(timely).toHaveTextContent('Reports on time.');
    // not every criterion rated: said, and nothing sent
    await user.click(within(timely).getByRole('radio', { name: 'S Performed with some challenges' }));
    await user.click(within(form).getByRole('button', { name: 'Send my review' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Rate every criterion.');
    expect(seat.review).not.toHaveBeenCalled();
    await user.type(within(timely).getByRole('textbox', { name: 'Comment (optional)' }), 'Reported at once');
    for (const criterion of rubric.slice(1)) {
      const group = within(form).getByRole('group', { name: criterion.title.en });
      const radio = within(group).getByRole('radio', { name: 'P Performed without challenges' });
      radio.focus();
      await user.keyboard(' ');
      expect(radio).toBeChecked();
    }
    await user.click(within(form).getByRole('button', { name: 'Send my review' }));
    expect(seat.review).toHaveBeenCalledWith([{ criterion: 'timely', rating: 'S', comment: 'Reported at once' }, ...rubric.slice(1).map((r) => ({ criterion: r.id, rating: 'P' }))]);
    expect(screen.getByText('Sending…')).toBeInTheDocument();
    // the server took it
    act(() => seat.set({ exercise: exercise({ reviewing: 0, rubric, reviewed: true }) }));
    expect(screen.getByText('Your review of 第一组 was sent.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Change my review' }));
    const again = screen.getByRole('form', { name: 'Peer review: 第一组' });
    expect(within(within(again).getByRole('group', { name: 'Timely reporting' })).getByRole('radio', { name: 'S Performed with some challenges' })).toBeChecked();
    await user.click(within(again).getByRole('button', { name: 'Send again' }));
    expect(seat.review).toHaveBeenCalledTimes(2);
  });

  it('shows the server\'s refusal in words, in Chinese too', async () => {
    showSeat({ exercise: exercise({ reviewing: 0, rubric }), refusal: { code: 'no-review' } });
    renderUi(<SeatScreen sessionId="s2" />, { lang: 'zh-CN' });
    expect(await screen.findByRole('form', { name: '互评：第一组' })).toBeInTheDocument();
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('当前没有开启的互评。');
    expect(screen.getAllByRole('radio', { name: 'P 顺利完成' })).toHaveLength(rubric.length);
  });

  it('tells a seat its own group is under review, with no form', async () => {
    showSeat({ exercise: exercise({ reviewing: 1 }) });
    renderUi(<SeatScreen sessionId="s2" />);
    expect(await screen.findByText("The other groups are reviewing your group's drill.")).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: /Peer review/ })).toBeNull();
  });
});

describe('joining a drill played in several venues', () => {
  it('asks for the venue when the server requires one, then joins with it', async () => {
    const user = userEvent.setup();
    const bodies: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        const body = JSON.parse(String(init?.body)) as { venue?: string };
        bodies.push(body);
        return body.venue
          ? new Response(JSON.stringify({ sessionId: 's2', token: 'seat-token-new-xxxxxx' }), { status: 200 })
          : new Response(JSON.stringify({ error: 'venue required', code: 'venue-required', venues: ['县支行', '市分行'] }), { status: 409 });
      }),
    );
    const { location } = renderUi(<JoinView code="7654321" />, { lang: 'zh-CN' });
    await user.type(screen.getByRole('textbox', { name: '您的姓名' }), '李娜');
    await user.click(screen.getByRole('button', { name: '加入' }));
    const venues = await screen.findByRole('group', { name: '您所在的会场' });
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(within(venues).getByRole('radio', { name: '市分行' }));
    await user.click(screen.getByRole('button', { name: '加入' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/session/s2/seat'));
    expect(bodies).toEqual([
      { code: '7654321', name: '李娜' },
      { code: '7654321', name: '李娜', venue: '市分行' },
    ]);
    expect(localStorage.getItem(tokenKey('seat', 's2'))).toBe('seat-token-new-xxxxxx');
  });
});
