// @vitest-environment jsdom
/**
 * Several drills in one browser (issue 13): a new drill never replaces the one on the console
 * without asking, the drills in progress are listed and reopened where they were, ended drills
 * are in the history, and the clock never goes back after a reload.
 */
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nextProvider } from 'react-i18next';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { createI18n } from '../../src/app/i18n';
import { LocalDrillHost } from '../../src/app/drill/host';
import { KeptDrills } from '../../src/app/library/KeptDrills';
import { BrowserReview, HistoryView } from '../../src/app/review/HistoryView';
import { RoomProvider, useRoom } from '../../src/app/room';
import { ConsoleView } from '../../src/app/views/ConsoleView';
import { SetupView } from '../../src/app/views/SetupView';
import { IDBFactory } from 'fake-indexeddb';
import type { Scenario } from '../../src/engine';
import { mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const first = mini().scenario;
const second = mini((s) => {
  s.id = 'branch-outage';
  s.title = { 'zh-CN': '【中】Branch outage', en: 'Branch outage' };
}).scenario;

/** The one-laptop part of the app: the library's list, setup and console, over one room. */
function Shell({ scenarios }: { scenarios: Scenario[] }) {
  const { host, restoring } = useRoom();
  return (
    <Switch>
      <Route path="/">
        <KeptDrills />
      </Route>
      <Route path="/setup/:id">{(p) => <SetupView scenario={scenarios.find((s) => s.id === p.id) as Scenario} />}</Route>
      <Route path="/console">{host ? <ConsoleView host={host} /> : restoring ? null : <p>no drill</p>}</Route>
      <Route path="/debrief">
        <Ending />
      </Route>
    </Switch>
  );
}

/** What the debrief's "Close this drill" does, after the drill has run to its end. */
function Ending() {
  const { host, close } = useRoom();
  return (
    <>
      <button type="button" onClick={() => (host?.send({ type: 'DRILL.START', payload: {} }), host?.send({ type: 'DRILL.END', payload: {} }))}>
        run to the end
      </button>
      <button type="button" onClick={close}>
        close the drill
      </button>
    </>
  );
}

function app(path = '/') {
  const location = memoryLocation({ path, record: true });
  const ui = (children: ReactNode) => (
    <I18nextProvider i18n={createI18n('en')}>
      <Router hook={location.hook}>{children}</Router>
    </I18nextProvider>
  );
  const result = render(ui(<RoomProvider><Shell scenarios={[first, second]} /></RoomProvider>));
  return { ...result, location, user: userEvent.setup() };
}

async function setUp(user: ReturnType<typeof userEvent.setup>, location: ReturnType<typeof memoryLocation>, scenario: Scenario, team: string) {
  act(() => location.navigate(`/setup/${scenario.id}`));
  await user.type(screen.getByRole('textbox', { name: 'Team or branch' }), team);
  await user.click(screen.getByRole('button', { name: 'Open the facilitator console' }));
}

const consoleTitle = () => screen.getByRole('heading', { level: 2 }).textContent;
const inProgress = () => screen.getByRole('list', { name: 'Drills in progress in this browser' });

beforeEach(() => {
  localStorage.clear();
  // jsdom has no IndexedDB: a fresh in-memory one per test (the real one is used in the e2e test in Chromium).
  vi.stubGlobal('indexedDB', new IDBFactory());
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('several drills in one browser', () => {
  it('asks before a new drill takes the console; starting it keeps the running one, which reopens where it was', async () => {
    const { user, location } = app();
    await setUp(user, location, first, 'Qinghe sub-branch');
    await waitFor(() => expect(consoleTitle()).toBe('Mini drill'));
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await user.type(screen.getByLabelText('Observer notes'), 'before the second drill');
    await user.click(screen.getByRole('button', { name: 'Add note' }));

    await setUp(user, location, second, 'Hekou sub-branch');
    const ask = screen.getByRole('dialog', { name: 'A drill is on the console' });
    expect(ask).toHaveTextContent(/“Mini drill” \(Qinghe sub-branch\) is on the console: Running, drill time \d\d:\d\d\./);
    expect(within(ask).getByRole('button', { name: 'Continue “Mini drill”' })).toHaveFocus();
    await user.click(within(ask).getByRole('button', { name: 'Start “Branch outage” and keep the other' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/console'));
    expect(consoleTitle()).toBe('Branch outage');
    expect(screen.getByText('Hekou sub-branch')).toBeInTheDocument();

    act(() => location.navigate('/'));
    const items = within(inProgress()).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['Branch outage, Hekou sub-branch', 'Mini drill, Qinghe sub-branch']);
    expect(items[0]).toHaveTextContent('Briefing');
    expect(items[0]).toHaveTextContent('on the console');
    expect(items[1]).toHaveTextContent('Running');
    await user.click(screen.getByRole('button', { name: 'Continue the drill Mini drill, Qinghe sub-branch' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/console'));
    expect(consoleTitle()).toBe('Mini drill');
    expect(screen.getByRole('timer', { name: 'Drill clock' })).toHaveTextContent('Running');
    expect(screen.getByText(/before the second drill/)).toBeInTheDocument();

    act(() => location.navigate('/'));
    expect(within(inProgress()).getAllByRole('listitem')).toHaveLength(2);
    expect(within(inProgress()).getByRole('listitem', { name: 'Mini drill, Qinghe sub-branch' })).toHaveTextContent('on the console');
  });

  it('asks before a new drill takes the console; continuing keeps the running one and starts nothing', async () => {
    const { user, location } = app();
    await setUp(user, location, first, 'Qinghe sub-branch');
    await waitFor(() => expect(consoleTitle()).toBe('Mini drill'));
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await setUp(user, location, second, 'Hekou sub-branch');
    await user.click(within(screen.getByRole('dialog', { name: 'A drill is on the console' })).getByRole('button', { name: 'Continue “Mini drill”' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/console'));
    expect(consoleTitle()).toBe('Mini drill');
    act(() => location.navigate('/'));
    expect(within(inProgress()).getAllByRole('listitem').map((i) => i.getAttribute('aria-label'))).toEqual(['Mini drill, Qinghe sub-branch']);
  });

  it('removes a kept drill only once confirmed', async () => {
    const { user, location } = app();
    await setUp(user, location, first, 'Qinghe sub-branch');
    await waitFor(() => expect(consoleTitle()).toBe('Mini drill'));
    await setUp(user, location, second, 'Hekou sub-branch');
    await user.click(screen.getByRole('button', { name: 'Start “Branch outage” and keep the other' }));
    await waitFor(() => expect(consoleTitle()).toBe('Branch outage'));
    act(() => location.navigate('/'));
    await user.click(screen.getByRole('button', { name: 'Remove the drill Mini drill, Qinghe sub-branch' }));
    let dialog = screen.getByRole('dialog', { name: 'Remove the drill “Mini drill” (Qinghe sub-branch) from this browser?' });
    expect(dialog).toHaveTextContent('cannot be undone');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(within(inProgress()).getAllByRole('listitem')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Remove the drill Mini drill, Qinghe sub-branch' }));
    dialog = screen.getByRole('dialog', { name: /^Remove the drill “Mini drill”/ });
    await user.click(within(dialog).getByRole('button', { name: 'Remove the drill' }));
    expect(within(inProgress()).getAllByRole('listitem').map((i) => i.getAttribute('aria-label'))).toEqual(['Branch outage, Hekou sub-branch']);
    const active = localStorage.getItem('drillroom.active');
    expect(Object.keys(localStorage).filter((k) => k.startsWith('drillroom.drill.') && !k.startsWith(`drillroom.drill.${active}`))).toEqual([]);
  });

  it('closing an ended drill the browser could not put in History (IndexedDB refused) keeps it in the list: nothing is lost', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const { user, location } = app();
    await setUp(user, location, first, 'Qinghe sub-branch');
    await waitFor(() => expect(consoleTitle()).toBe('Mini drill'));
    act(() => location.navigate('/debrief'));
    await user.click(screen.getByRole('button', { name: 'run to the end' }));
    await user.click(screen.getByRole('button', { name: 'close the drill' }));
    act(() => location.navigate('/'));
    await waitFor(() => expect(within(inProgress()).getAllByRole('listitem').map((i) => i.getAttribute('aria-label'))).toEqual(['Mini drill, Qinghe sub-branch']));
  });

  it('keeps a drill saved by the previous version (one key for the one drill) and restores it on the console', async () => {
    const old = new LocalDrillHost(first, { team: 'Qinghe sub-branch', participants: {}, date: '2026-11-20T02:00:00Z' });
    old.send({ type: 'DRILL.START', payload: {} });
    old.send({ type: 'NOTE.ADD', payload: { text: 'from the old version' } });
    const state = JSON.stringify(old.state());
    old.detach();
    localStorage.clear();
    localStorage.setItem('drillroom.room', state);
    const { location } = app('/console');
    await waitFor(() => expect(consoleTitle()).toBe('Mini drill'));
    expect(screen.getByText(/from the old version/)).toBeInTheDocument();
    expect(localStorage.getItem('drillroom.room')).toBeNull();
    act(() => location.navigate('/'));
    expect(within(inProgress()).getByRole('listitem', { name: 'Mini drill, Qinghe sub-branch' })).toHaveTextContent('on the console');
  });
});

describe('the drill clock after a reload', () => {
  it('carries on from the time it showed, not from the last event', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T09:00:00Z'), toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const host = new LocalDrillHost(first, { team: 'Qinghe sub-branch', participants: {} });
    act(() => void host.send({ type: 'DRILL.START', payload: {} }));
    const view = renderUi(
      <RoomProvider>
        <Restored />
      </RoomProvider>,
    );
    await act(async () => vi.advanceTimersByTimeAsync(100)); // the room restores the drill kept here
    host.detach();
    await act(async () => vi.advanceTimersByTimeAsync(11_600));
    const before = screen.getByRole('timer', { name: 'Drill clock' }).querySelector('.time')?.textContent;
    expect(before).toBe('00:11');
    // the page goes (a reload): time it was away does not count, time it showed does
    window.dispatchEvent(new Event('pagehide'));
    view.unmount();
    vi.advanceTimersByTime(30_000);
    renderUi(
      <RoomProvider>
        <Restored />
      </RoomProvider>,
    );
    await act(async () => vi.advanceTimersByTimeAsync(100));
    const after = screen.getByRole('timer', { name: 'Drill clock' }).querySelector('.time')?.textContent ?? '';
    expect(after >= (before ?? '')).toBe(true);
    expect(after).toBe('00:11');
  });
});

function Restored() {
  const { host } = useRoom();
  return host ? <ConsoleView host={host} /> : null;
}

describe('history of drills run on this laptop', () => {
  async function endedDrill() {
    const host = new LocalDrillHost(first, { team: 'Qinghe sub-branch', participants: {}, date: '2026-11-26T02:00:00Z' });
    host.send({ type: 'DRILL.START', payload: {} });
    host.send({ type: 'NOTE.ADD', payload: { text: 'kept in the browser' } });
    host.send({ type: 'DRILL.END', payload: {} });
    host.detach();
    await waitFor(async () => expect(await import('../../src/app/review/browserDrills').then((m) => m.browserDrills())).toHaveLength(1));
    return host;
  }

  it('lists an ended drill kept in this browser without a server, and opens it in review', async () => {
    const host = await endedDrill();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    const user = userEvent.setup();
    const { location } = renderUi(
      <Switch>
        <Route path="/history">
          <HistoryView />
        </Route>
        <Route path="/history/browser/:id">{(p) => <BrowserReview drillId={p.id} />}</Route>
      </Switch>,
      { path: '/history' },
    );
    expect(await screen.findByRole('heading', { name: 'Past drills' })).toBeInTheDocument();
    expect(screen.getByText(/No drill server answers/)).toBeInTheDocument();
    const row = screen.getByRole('row', { name: /Mini drill Qinghe sub-branch/ });
    expect(row).toHaveTextContent('in this browser');
    expect(within(row).getAllByRole('cell')[4]).toHaveTextContent(/^\d+$/); // its score
    await user.click(within(row).getByRole('link', { name: /^Review Mini drill, Qinghe sub-branch/ }));
    expect(location.history?.at(-1)).toBe(`/history/browser/${host.id}`);
    expect(await screen.findByText(/unsigned/i)).toBeInTheDocument();
  });

  it("lists the server's drills and this browser's, each marked where it is kept", async () => {
    await endedDrill();
    const onServer = { id: 's1', date: '2026-11-20T02:00:00Z', scenario: { id: 'mini', version: '1.0.0', title: first.title }, team: 'Hekou', status: 'ended', total: 81, rating: 'S', criteria: [] };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify([onServer]), { status: 200 })));
    renderUi(<HistoryView />);
    expect(await screen.findByRole('heading', { name: 'Past drills' })).toBeInTheDocument();
    expect(screen.queryByText(/No drill server answers/)).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /Qinghe sub-branch/ })).toHaveTextContent('in this browser');
    const server = screen.getByRole('row', { name: /Hekou/ });
    expect(server).toHaveTextContent('on the drill server');
    expect(within(server).getByRole('link', { name: /^Review/ })).toHaveAttribute('href', '/session/s1/review');
  });
});
