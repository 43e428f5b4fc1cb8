// @vitest-environment jsdom
/**
 * The trainer's group exercise: the form that creates it (groups, mode, venues; tokens kept for
 * each group's console), and the running exercise (join codes, rounds, peer reviews, lessons for
 * every group, the groups compared). The server's API is a mocked fetch; each group's drill is a
 * stand-in connection holding a real drill.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../src/engine';
import type { Exercise } from '../../src/app/exercise/api';
import { ExercisePage } from '../../src/app/exercise/ExercisePage';
import { NewExercise } from '../../src/app/exercise/NewExercise';
import type { SessionFactory } from '../../src/app/exercise/useGroupSessions';
import { checkScenarios } from '../../src/app/library/checkScenarios';
import { Library } from '../../src/app/library/Library';
import { RemoteDrillHost } from '../../src/app/remote/RemoteDrillHost';
import type { RemoteSession, RemoteState } from '../../src/app/remote/RemoteSession';
import { tokenKey } from '../../src/app/remote/tokens';
import { FACILITATOR, Host, mini, miniJson, SYSTEM } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const entries = () => checkScenarios({ '/scenarios/mini.json': miniJson() });

type Call = { url: string; method: string; body: unknown };

/** A fetch that answers from `routes` (by "METHOD url") and records each call. */
function mockFetch(routes: Record<string, (body: unknown) => Response>): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
      calls.push({ url, method, body });
      const route = routes[`${method} ${url}`];
      return route ? route(body) : new Response('{}', { status: 404 });
    }),
  );
  return calls;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('a new group exercise', () => {
  it('starts with two groups, adds and removes groups and venues, and creates the exercise keeping every group\'s tokens', async () => {
    const user = userEvent.setup();
    const calls = mockFetch({
      'POST /api/exercises': () =>
        json(
          {
            id: 'x1',
            groups: [
              { name: 'Tellers', sessionId: 's1', code: '1234567', facilitatorToken: 'fac-token-s1-xxxxxxxx', projectorToken: 'proj-token-s1-xxxxxxx', projectors: [{ venue: 'County', token: 'venue-token-county-xx' }] },
              { name: 'Group 2', sessionId: 's2', code: '7654321', facilitatorToken: 'fac-token-s2-xxxxxxxx', projectorToken: 'proj-token-s2-xxxxxxx', projectors: [] },
            ],
          },
          201,
        ),
    });
    const { location } = renderUi(<NewExercise entries={entries()} scenarioId="mini-drill" />);
    const form = screen.getByRole('form', { name: 'New group exercise' });
    expect(within(form).getByRole('combobox', { name: 'Scenario' })).toHaveDisplayValue('Mini drill');
    expect(within(form).getByRole('textbox', { name: 'Name of group 1' })).toHaveValue('Group 1');
    expect(within(form).getByRole('textbox', { name: 'Name of group 2' })).toHaveValue('Group 2');
    // never fewer than two groups
    expect(within(form).getByRole('button', { name: 'Remove group 1' })).toBeDisabled();
    await user.click(within(form).getByRole('button', { name: 'Add a group' }));
    expect(within(form).getByRole('textbox', { name: 'Name of group 3' })).toHaveValue('Group 3');
    await user.click(within(form).getByRole('button', { name: 'Remove group 3' }));
    expect(within(form).queryByRole('textbox', { name: 'Name of group 3' })).toBeNull();
    const first = within(form).getByRole('textbox', { name: 'Name of group 1' });
    await user.clear(first);
    await user.type(first, 'Tellers');
    await user.click(within(form).getByRole('radio', { name: /In parallel/ }));
    await user.click(within(form).getByRole('button', { name: 'Add a venue' }));
    await user.type(within(form).getByRole('textbox', { name: 'Name of venue 1' }), 'County');
    await user.click(within(form).getByRole('button', { name: 'Add a venue' }));
    await user.type(within(form).getByRole('textbox', { name: 'Name of venue 2' }), 'City');
    await user.click(within(form).getByRole('button', { name: 'Create the exercise' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/exercise/x1'));
    expect(calls).toEqual([{ url: '/api/exercises', method: 'POST', body: { scenarioId: 'mini-drill', mode: 'parallel', groups: ['Tellers', 'Group 2'], venues: ['County', 'City'] } }]);
    expect(localStorage.getItem(tokenKey('facilitator', 's1'))).toBe('fac-token-s1-xxxxxxxx');
    expect(localStorage.getItem(tokenKey('projector', 's2'))).toBe('proj-token-s2-xxxxxxx');
  });

  it('refuses groups with the same name before asking the server, and says when the server refuses', async () => {
    const user = userEvent.setup();
    const calls = mockFetch({ 'POST /api/exercises': () => json({ error: 'bad groups' }, 400) });
    renderUi(<NewExercise entries={entries()} />);
    const second = screen.getByRole('textbox', { name: 'Name of group 2' });
    await user.clear(second);
    await user.type(second, 'Group 1');
    await user.click(screen.getByRole('button', { name: 'Create the exercise' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Every group needs a name, each a different one.');
    expect(calls).toEqual([]);
    await user.clear(second);
    await user.type(second, 'Group B');
    await user.click(screen.getByRole('button', { name: 'Create the exercise' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not create that exercise: check the form.');
  });

  it('is offered from the library next to running a scenario with laptops', () => {
    renderUi(<Library entries={entries()} onRunWithLaptops={() => undefined} />);
    expect(screen.getByRole('link', { name: 'Run “Mini drill” as a group exercise' })).toHaveAttribute('href', '/exercise/new/mini-drill');
  });
});

/** A stand-in facilitator connection: the page reads its state and the host sends commands through it. */
function standIn(sessionId: string, events: Host['events']) {
  const commands: Command[] = [];
  const listeners = new Set<() => void>();
  const fake = {
    sessionId,
    state: { status: 'online', you: { kind: 'facilitator', role: null } } as unknown as RemoteState,
    open: () => undefined,
    close: () => undefined,
    subscribe: (l: () => void) => (listeners.add(l), () => void listeners.delete(l)),
    getState: () => fake.state,
    command: (c: Command) => commands.push(c),
    post: () => undefined,
  };
  const c = mini();
  const host = new RemoteDrillHost(c.scenario, {}, fake as unknown as RemoteSession);
  host.apply(events);
  fake.state = { ...fake.state, host };
  return { session: fake as unknown as RemoteSession, commands };
}

/** Group 1: ended, the facilitator rated a criterion, a member of group 2 reviewed it. Group 2: not started. */
function drills() {
  const c = mini();
  const criterion = c.scenario.rubric[0]?.id ?? '';
  const one = new Host(c)
    .start()
    .ok(5, FACILITATOR, { type: 'DRILL.END', payload: {} })
    .ok(6, FACILITATOR, { type: 'CRITERION.RATE', payload: { criterion, rating: 'P' } })
    .ok(7, SYSTEM, { type: 'PEER.REVIEW', payload: { group: '第二组', reviewer: 'Wang Fang', ratings: [{ criterion, rating: 'U', comment: 'nobody reported' }] } });
  return { s1: standIn('s1', one.events), s2: standIn('s2', []) };
}

const exercise = (change: Partial<Exercise> = {}): Exercise => ({
  id: 'x1',
  createdAt: '2026-11-27T09:00:00Z',
  mode: 'rounds',
  scenario: { id: 'mini-drill', title: { 'zh-CN': '小型演练', en: 'Mini drill' } },
  venues: [],
  groups: [
    { name: '第一组', sessionId: 's1', code: '1234567' },
    { name: '第二组', sessionId: 's2', code: '7654321' },
  ],
  playing: null,
  reviewing: null,
  ...change,
});

describe('the running exercise', () => {
  let connections: ReturnType<typeof drills>;
  const connect: SessionFactory = (id) => connections[id as 's1' | 's2'].session;
  beforeEach(() => {
    connections = drills();
    for (const id of ['s1', 's2']) {
      localStorage.setItem(tokenKey('facilitator', id), `fac-token-${id}-xxxxxxxx`);
      localStorage.setItem(tokenKey('projector', id), `proj-token-${id}-xxxxxxx`);
    }
  });

  it('shows each group with its join code, QR code, status, console and projector', async () => {
    mockFetch({ 'GET /api/exercises/x1': () => json(exercise()) });
    renderUi(<ExercisePage id="x1" connect={connect} />);
    expect(await screen.findByRole('heading', { name: 'Group exercise: Mini drill' })).toBeInTheDocument();
    const one = screen.getByRole('article', { name: '第一组' });
    expect(within(one).getByLabelText('Join code of 第一组')).toHaveTextContent('123 4567');
    expect(await within(one).findByRole('img', { name: 'QR code to join 第一组' })).toBeInTheDocument();
    expect(within(one).getByText('Ended')).toBeInTheDocument();
    expect(within(one).getByRole('link', { name: 'Open the console of 第一组' })).toHaveAttribute('href', '/session/s1/console');
    expect(within(one).getByRole('link', { name: 'Open the projector of 第一组' }).getAttribute('href')).toMatch(/\?t=proj-token-s1-xxxxxxx#\/session\/s1\/projector$/);
    const two = screen.getByRole('article', { name: '第二组' });
    expect(within(two).getByText('Briefing')).toBeInTheDocument();
    // a review opens only once the group's drill has ended
    expect(within(two).queryByRole('button', { name: 'Open the peer review of 第二组' })).toBeNull();
  });

  it('links each venue\'s projector kept at creation, and says when this browser holds no token for a group', async () => {
    localStorage.removeItem(tokenKey('facilitator', 's2'));
    localStorage.setItem('drillroom.projectors.s1', JSON.stringify([{ venue: 'County', token: 'venue-token-county-xx' }]));
    mockFetch({ 'GET /api/exercises/x1': () => json(exercise({ venues: ['County'] })) });
    renderUi(<ExercisePage id="x1" connect={connect} />);
    const one = await screen.findByRole('article', { name: '第一组' });
    expect(within(one).getByRole('link', { name: 'Projector at County' }).getAttribute('href')).toMatch(/\?t=venue-token-county-xx#\/session\/s1\/projector$/);
    expect(within(screen.getByRole('article', { name: '第二组' })).getByText("This browser has no access to this group's console")).toBeInTheDocument();
    expect(screen.getByText(/Venues: County/)).toBeInTheDocument();
  });

  it('starts and ends a group\'s round', async () => {
    const user = userEvent.setup();
    const calls = mockFetch({
      'GET /api/exercises/x1': () => json(exercise()),
      'POST /api/exercises/x1/state': (body) => json(exercise(body as Partial<Exercise>)),
    });
    renderUi(<ExercisePage id="x1" connect={connect} />);
    await user.click(await screen.findByRole('button', { name: 'Start the round of 第二组' }));
    expect(await screen.findByRole('button', { name: 'End the round of 第二组' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Start the round of 第一组' })).toBeDisabled();
    expect(screen.getByText(/第二组 is playing/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'End the round of 第二组' }));
    expect(await screen.findByRole('button', { name: 'Start the round of 第一组' })).toBeEnabled();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([{ playing: 1 }, { playing: null }]);
  });

  it('opens a peer review (saying why when the server refuses), shows the reviews received, and closes it', async () => {
    const user = userEvent.setup();
    let refuse = true;
    mockFetch({
      'GET /api/exercises/x1': () => json(exercise()),
      'POST /api/exercises/x1/state': (body) => {
        if (refuse) return (refuse = false), json({ error: 'not ended', code: 'not-ended' }, 409);
        return json(exercise(body as Partial<Exercise>));
      },
    });
    renderUi(<ExercisePage id="x1" connect={connect} />);
    await user.click(await screen.findByRole('button', { name: 'Open the peer review of 第一组' }));
    expect(await screen.findByRole('alert')).toHaveTextContent("This group's drill has not ended: its peer review opens once it has.");
    await user.click(screen.getByRole('button', { name: 'Open the peer review of 第一组' }));
    const close = await screen.findByRole('button', { name: 'Close the peer review of 第一组' });
    expect(screen.queryByRole('alert')).toBeNull();
    const reviews = screen.getByRole('region', { name: 'Peer reviews of 第一组' });
    expect(within(reviews).getByRole('heading', { name: '1 peer review received' })).toBeInTheDocument();
    expect(reviews).toHaveTextContent('Wang Fang (第二组)');
    expect(reviews).toHaveTextContent('Timely reporting: U Unable to be performed');
    expect(reviews).toHaveTextContent('nobody reported');
    await user.click(close);
    expect(await screen.findByRole('button', { name: 'Open the peer review of 第一组' })).toBeInTheDocument();
  });

  it('adds a lesson learned to every group\'s drill, saying which drill refused it', async () => {
    const user = userEvent.setup();
    mockFetch({ 'GET /api/exercises/x1': () => json(exercise()) });
    renderUi(<ExercisePage id="x1" connect={connect} />);
    await user.type(await screen.findByRole('textbox', { name: 'A lesson learned' }), 'Listen first, then explain');
    await user.click(screen.getByRole('button', { name: "Add to every group's drill" }));
    const lesson = { type: 'LESSON.ADD', payload: { text: 'Listen first, then explain' } };
    expect(connections.s1.commands).toEqual([lesson]);
    // group 2's drill has not started: the engine refuses there, and the page says so
    expect(connections.s2.commands).toEqual([]);
    expect(screen.getByRole('alert')).toHaveTextContent('第二组: not added (The drill has not started yet.)');
    expect(screen.getByRole('textbox', { name: 'A lesson learned' })).toHaveValue('Listen first, then explain');
  });

  it('confirms a lesson every drill took', async () => {
    const user = userEvent.setup();
    connections.s2 = standIn('s2', new Host(mini()).start().events);
    mockFetch({ 'GET /api/exercises/x1': () => json(exercise()) });
    renderUi(<ExercisePage id="x1" connect={connect} />);
    await user.type(await screen.findByRole('textbox', { name: 'A lesson learned' }), 'Listen first');
    await user.click(screen.getByRole('button', { name: "Add to every group's drill" }));
    expect(connections.s2.commands).toEqual([{ type: 'LESSON.ADD', payload: { text: 'Listen first' } }]);
    expect(screen.getByText("Added to every group's drill.")).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'A lesson learned' })).toHaveValue('');
  });

  it('compares the groups: engine total and rating, and per criterion the engine, facilitator and peers, marking disagreement', async () => {
    mockFetch({ 'GET /api/exercises/x1': () => json(exercise()) });
    renderUi(<ExercisePage id="x1" connect={connect} />);
    const totals = await screen.findByRole('table', { name: "The engine's score" });
    const rows = within(totals).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(/^第一组\d+[PSMU]/);
    expect(rows[2]).toHaveTextContent('第二组Not played');
    const criteria = screen.getByRole('table', { name: 'Each criterion: engine, facilitator and peers' });
    const group = within(criteria).getAllByRole('rowgroup').find((g) => within(g).queryByRole('rowheader', { name: 'Timely reporting' }));
    if (!group) throw new Error('no rows for the criterion');
    const [, first, second] = within(group).getAllByRole('row');
    const cells = within(first as HTMLElement).getAllByRole('cell');
    expect(cells[1]).toHaveTextContent('P Performed without challenges');
    expect(cells[2]).toHaveTextContent('U Unable to be performed (1)');
    expect(cells[3]).toHaveTextContent(/⚠ Disagree \(\d steps apart\)/);
    expect(second).toHaveTextContent('第二组');
    expect(within(second as HTMLElement).getAllByRole('cell')[3]).toHaveTextContent('');
  });

  it('shows no English on a Chinese screen', async () => {
    mockFetch({ 'GET /api/exercises/x1': () => json(exercise({ reviewing: 0, playing: 1 })) });
    renderUi(<ExercisePage id="x1" connect={connect} />, { lang: 'zh-CN' });
    expect(await screen.findByRole('heading', { name: '分组演练：小型演练' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '结束对第一组的互评' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '结束第二组的本轮演练' })).toBeInTheDocument();
    // The fixture's own Chinese texts carry English; the rating letters and the reviewer's name are data.
    const text = (document.body.textContent ?? '').replace(/【中】[A-Za-z .-]+/g, '').replace(/Wang Fang|nobody reported|https?:\/\/\S+?#\/join\/\d+/g, '');
    expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });
});
