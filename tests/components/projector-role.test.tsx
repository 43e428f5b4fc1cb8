// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { DrillView, LocalDrillHost } from '../../src/app/drill/host';
import { ProjectorView } from '../../src/app/views/ProjectorView';
import { RoleView } from '../../src/app/views/RoleView';
import { ConsoleView } from '../../src/app/views/ConsoleView';
import { FACILITATOR, format2, Host, mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const c = mini();
const PRIVATE_BRIEF = 'Secret: the fee change was not announced.';

describe('story time', () => {
  it('the projector shows the story time beside the drill clock, and injects say the time they happened', () => {
    const f2 = format2();
    const h = new Host(f2).start().tick(25);
    const view = new DrillView(f2.scenario, {});
    view.apply(h.events);
    renderUi(<ProjectorView view={view} />, { lang: 'zh-CN' });
    expect(screen.getByRole('timer')).toHaveTextContent('25:00');
    expect(screen.getByRole('timer')).toHaveTextContent('情景时间 09:45');
    expect(screen.getByText('【中】At 09:20, twelve customers gather in the hall.')).toBeInTheDocument();
  });

  it('a scenario without a story clock shows the drill clock alone', () => {
    const view = new DrillView(c.scenario, {});
    view.apply(new Host(c).start().tick(1).events);
    renderUi(<ProjectorView view={view} />);
    expect(screen.getByRole('timer')).not.toHaveTextContent('story');
  });
});

describe('projector view', () => {
  function project(h: Host) {
    const view = new DrillView(c.scenario, { participants: { lobby: 'Li Na' } });
    view.apply(h.events);
    renderUi(<ProjectorView view={view} />);
    return view;
  }

  it('shows the title, phase, clock, public injects, public gauges and the role board', () => {
    project(new Host(c).start().tick(1));
    expect(screen.getByRole('heading', { level: 1, name: 'Mini drill' })).toBeInTheDocument();
    expect(screen.getByRole('listitem', { current: 'step' })).toHaveTextContent('Report');
    expect(screen.getByRole('timer')).toHaveTextContent('01:00');
    const feed = screen.getByRole('region', { name: 'Latest events' });
    expect(within(feed).getByRole('article', { name: 'Customers gather' })).toHaveTextContent('Twelve customers gather in the hall.');
    expect(screen.getByRole('meter', { name: 'Anger' })).toHaveValue(60);
    const board = screen.getByRole('table', { name: 'Role status' });
    expect(within(board).getByRole('row', { name: /^Lobby manager\s*· Li Na 0 1 0$/ })).toBeInTheDocument();
  });

  it('never shows private briefings, private injects, facilitator notes or injects not yet fired', () => {
    const h = new Host(c)
      .start()
      .tick(3) // the private call to the branch head has fired
      .ok(3, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'Lobby manager froze', role: 'lobby' } });
    project(h);
    expect(h.ctx.injects['secret-call']).toBeDefined();
    const text = document.body.textContent ?? '';
    for (const hidden of [PRIVATE_BRIEF, 'A private call', 'Only the head hears this.', 'Lobby manager froze', 'A reporter calls', 'The regulator asks', 'A customer films'])
      expect(text).not.toContain(hidden);
  });

  it('follows new events as they come', () => {
    const h = new Host(c).start();
    const view = project(h);
    expect(screen.queryByRole('article', { name: 'A reporter calls' })).not.toBeInTheDocument();
    h.ok(2, FACILITATOR, { type: 'INJECT.FIRE', payload: { inject: 'reporter' } });
    act(() => view.apply(h.events));
    expect(screen.getByRole('article', { name: 'A reporter calls' })).toBeInTheDocument();
  });

  it('shows the debrief when the drill ends, without the facilitator\'s notes', async () => {
    const h = new Host(c).start().ok(1, FACILITATOR, { type: 'NOTE.ADD', payload: { text: 'private remark' } }).ok(2, FACILITATOR, { type: 'DRILL.END', payload: {} });
    project(h);
    expect(await screen.findByRole('article', { name: 'Debrief' })).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('private remark');
  });
});

describe('role screen', () => {
  beforeEach(() => localStorage.clear());

  it('shows the role its briefing, private information, tasks and only the messages addressed to it', async () => {
    const host = new LocalDrillHost(c.scenario, {});
    host.send({ type: 'DRILL.START', payload: {} });
    host.send({ type: 'INJECT.FIRE', payload: { inject: 'secret-call' } });
    renderUi(<RoleView host={host} role="lobby" />);
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Lobby manager');
    expect(screen.getByText(PRIVATE_BRIEF)).toBeInTheDocument();
    const messages = screen.getByRole('region', { name: 'Messages' });
    expect(within(messages).getByRole('article', { name: 'Customers gather' })).toBeInTheDocument();
    expect(within(messages).queryByRole('article', { name: 'A private call' })).not.toBeInTheDocument();

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Alert the branch head' });
    await user.click(within(form).getByRole('radio', { name: 'Call the head now' }));
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    // answered as the role itself, not by the facilitator
    expect(host.events.at(-1)).toMatchObject({ type: 'TASK.ANSWER', actor: 'lobby', payload: { task: 'alert', role: 'lobby' } });
    expect(screen.getByRole('region', { name: 'Tasks and decisions' })).toHaveTextContent('Done');
    // the form is gone with its task: the keyboard is at the task list, not lost on the page
    expect(screen.getByRole('heading', { name: 'Tasks and decisions' })).toHaveFocus();
  });

  it('the leader gives the summary at the hot wash from its own screen; other roles are not offered it', async () => {
    const host = new LocalDrillHost(c.scenario, {});
    host.send({ type: 'DRILL.START', payload: {} });
    host.send({ type: 'DRILL.END', payload: {} });
    const { unmount } = renderUi(<RoleView host={host} role="lobby" />);
    expect(screen.queryByRole('button', { name: 'Save the summary' })).toBeNull();
    unmount();
    renderUi(<RoleView host={host} role="head" />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/The leader's summary at the hot wash/), 'We reported in time.');
    await user.click(screen.getByRole('button', { name: 'Save the summary' }));
    expect(host.events.at(-1)).toMatchObject({ type: 'SUMMARY.SET', actor: 'head', payload: { text: 'We reported in time.' } });
  });

  it('another role does not see the lobby manager\'s private briefing', () => {
    const host = new LocalDrillHost(c.scenario, {});
    renderUi(<RoleView host={host} role="head" />);
    expect(document.body.textContent).not.toContain(PRIVATE_BRIEF);
  });
});

describe('sign-off and a seated simulated role on a role screen', () => {
  const f2 = format2();
  function atEscalate() {
    const host = new LocalDrillHost(f2.scenario, {});
    host.send({ type: 'DRILL.START', payload: {} });
    host.send({ type: 'PHASE.ADVANCE', payload: { reason: 'on to the point' } });
    host.send({ type: 'PHASE.ADVANCE', payload: { reason: 'on to the point' } });
    expect(host.context.phase).toBe('escalate');
    return host;
  }

  it('a signer reads the answer proposed and approves it; the proposer sees whose sign-off it still waits for', async () => {
    const host = atEscalate();
    expect(host.send({ type: 'TASK.ANSWER', payload: { task: 'statement', role: 'head', answer: { kind: 'single', option: 'agreed' } } }, 'head').ok).toBe(true);
    const { unmount } = renderUi(<RoleView host={host} role="lobby" />);
    const approvals = screen.getByRole('region', { name: 'Awaiting your sign-off' });
    expect(approvals).toHaveTextContent('Branch head proposed: The agreed line');
    expect(approvals).toHaveTextContent('Waiting for sign-off by Lobby manager, Branch head');
    await userEvent.click(within(approvals).getByRole('button', { name: 'Approve “Public line”' }));
    expect(host.context.tasks.statement?.approvals?.map((a) => a.role)).toEqual(['lobby']);
    expect(screen.queryByRole('region', { name: 'Awaiting your sign-off' })).toBeNull();
    unmount();
    renderUi(<RoleView host={host} role="head" />);
    const tasks = screen.getByRole('region', { name: 'Tasks and decisions' });
    expect(within(tasks).getByRole('status')).toHaveTextContent('The agreed line · Waiting for sign-off by Branch head');
    await userEvent.click(within(screen.getByRole('region', { name: 'Awaiting your sign-off' })).getByRole('button', { name: 'Approve “Public line”' }));
    expect(host.context.tasks.statement?.answer).toEqual({ kind: 'single', option: 'agreed' });
  });

  it('the console signs off on a role\'s behalf and says whose sign-off the answer still waits for', async () => {
    const host = atEscalate();
    host.send({ type: 'TASK.ANSWER', payload: { task: 'statement', role: 'head', answer: { kind: 'single', option: 'agreed' } } }, 'head');
    renderUi(<ConsoleView host={host} />);
    const pending = screen.getByText(/^Waiting for sign-off by Lobby manager, Branch head/);
    await userEvent.click(within(pending).getByRole('button', { name: 'Sign off for Lobby manager' }));
    expect(host.context.tasks.statement?.approvals?.map((a) => a.role)).toEqual(['lobby']);
    expect(screen.getByText(/^Waiting for sign-off by Branch head/)).toBeInTheDocument();
  });

  it("a participant playing the customers sends the scenario's playable message, once", async () => {
    const host = atEscalate();
    renderUi(<RoleView host={host} role="customers" />);
    const play = screen.getByRole('region', { name: 'Messages you can send' });
    await userEvent.click(within(play).getByRole('button', { name: 'Send “A reporter calls”' }));
    expect(host.context.injects.reporter?.cause).toBe('played');
    expect(within(play).queryByRole('button')).toBeNull();
    expect(play).toHaveTextContent('Sent');
  });
});

describe('the projector for the room (issue 13)', () => {
  beforeEach(() => localStorage.clear());

  function project(h: Host, info: { team?: string; participants?: Record<string, string> } = {}, lang: 'en' | 'zh-CN' = 'en') {
    const view = new DrillView(c.scenario, info);
    view.apply(h.events);
    renderUi(<ProjectorView view={view} />, { lang });
    return view;
  }

  it('names the team', () => {
    project(new Host(c).start().tick(1), { team: 'Harbour Road branch' });
    expect(screen.getByText('Team: Harbour Road branch')).toBeInTheDocument();
  });

  it('shows the questions open to the room with their deadlines, never their options or answers', () => {
    const h = new Host(c).start().tick(1);
    const view = project(h);
    const questions = screen.getByRole('region', { name: 'Questions to the room' });
    const alert = within(questions)
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('Alert the branch head'));
    if (!alert) throw new Error('no question “Alert the branch head”');
    expect(alert).toHaveTextContent('Alert the branch head');
    expect(alert).toHaveTextContent('For Lobby manager');
    expect(within(alert).getByText('Due 05:00')).toBeInTheDocument();
    for (const hidden of ['Call the head now', 'Wait and see how it goes']) expect(document.body.textContent).not.toContain(hidden);
    // the deadline passes: overdue; the lobby manager answers: the question is gone, and what was answered is not shown
    h.tick(6);
    act(() => view.apply(h.events));
    expect(within(screen.getByRole('region', { name: 'Questions to the room' })).getByText('Overdue')).toBeInTheDocument();
    h.answer(7, 'lobby', 'alert', { kind: 'single', option: 'now' });
    act(() => view.apply(h.events));
    expect(screen.getByRole('region', { name: 'Questions to the room' })).not.toHaveTextContent('Alert the branch head');
    expect(document.body.textContent).not.toContain('Call the head now');
  });

  it('shows the debrief as slides, stepped by keys and by buttons', async () => {
    const h = new Host(c)
      .start()
      .answer(1, 'lobby', 'alert', { kind: 'single', option: 'now' })
      .ok(2, 'head', { type: 'SUMMARY.SET', payload: { text: 'We called the head at once.' } })
      .ok(3, FACILITATOR, { type: 'DRILL.END', payload: {} });
    project(h, { team: 'Harbour Road branch' });
    const deck = await screen.findByRole('article', { name: 'Debrief' }); // the slides load when the drill ends
    const slide = () => within(deck).getByRole('group');
    expect(slide()).toHaveAccessibleName('Result');
    expect(within(slide()).getByLabelText('Total score')).toHaveTextContent(/^\d+$/);
    expect(within(deck).getByText(/^Slide 1 of \d+$/)).toBeInTheDocument();
    expect(within(deck).getByRole('button', { name: 'Previous slide' })).toBeDisabled();
    const user = userEvent.setup();
    await user.keyboard('{ArrowRight}');
    expect(slide()).toHaveAccessibleName('Criteria');
    await user.keyboard('{PageDown}');
    expect(slide()).toHaveAccessibleName(/^Strengths/);
    await user.keyboard('{PageUp}');
    expect(slide()).toHaveAccessibleName('Criteria');
    await user.keyboard(' ');
    expect(slide()).toHaveAccessibleName(/^Strengths/);
    await user.keyboard('{Shift>} {/Shift}');
    expect(slide()).toHaveAccessibleName('Criteria');
    await user.keyboard('{ArrowLeft}');
    expect(slide()).toHaveAccessibleName('Result');
    // the last slide: the leader's summary; further steps stay there
    await user.keyboard('{End}');
    expect(slide()).toHaveAccessibleName("Leader's summary");
    expect(slide()).toHaveTextContent('We called the head at once.');
    const [, count] = /^Slide (\d+) of \1$/.exec(within(deck).getByText(/^Slide \d+ of \d+$/).textContent ?? '') ?? [];
    expect(Number(count)).toBeGreaterThanOrEqual(5);
    expect(within(deck).getByRole('button', { name: 'Next slide' })).toBeDisabled();
    await user.keyboard('{ArrowRight}');
    expect(slide()).toHaveAccessibleName("Leader's summary");
    await user.click(within(deck).getByRole('button', { name: 'Previous slide' }));
    expect(slide()).toHaveAccessibleName(/^Improvements/);
    await user.keyboard('{Home}');
    expect(slide()).toHaveAccessibleName('Result');
    await user.click(within(deck).getByRole('button', { name: 'Next slide' }));
    expect(slide()).toHaveAccessibleName('Criteria');
    // a long list goes on to the next slide instead of running off the screen
    for (const name of [/^Strengths/, /^Improvements/]) {
      const titles: string[] = [];
      await user.keyboard('{Home}');
      for (let i = 0; i < 12; i++) {
        const title = slide().getAttribute('aria-label') ?? '';
        if (name.test(title)) {
          titles.push(title);
          expect(within(slide()).queryAllByRole('listitem').length).toBeLessThanOrEqual(4);
        }
        await user.keyboard('{ArrowRight}');
      }
      expect(titles.length).toBeGreaterThan(0);
    }
  });

  it('switches language when the console switches it in another window of this browser', () => {
    project(new Host(c).start().tick(1), { team: 'Harbour Road branch' });
    expect(screen.getByRole('heading', { level: 1, name: 'Mini drill' })).toBeInTheDocument();
    const value = JSON.stringify({ state: { lang: 'zh-CN' }, version: 0 });
    localStorage.setItem('drillroom.ui', value);
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: 'drillroom.ui', newValue: value }));
    });
    expect(screen.getByRole('heading', { level: 1, name: '小型演练' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '当前待答问题' })).toHaveTextContent('【中】Alert the branch head');
    expect(screen.getByText('参演队伍：Harbour Road branch')).toBeInTheDocument();
    // and back
    const en = JSON.stringify({ state: { lang: 'en' }, version: 0 });
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key: 'drillroom.ui', newValue: en }));
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Mini drill' })).toBeInTheDocument();
  });

  it('has its own language switch', async () => {
    project(new Host(c).start().tick(1));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh-CN');
    expect(screen.getByRole('heading', { level: 1, name: '小型演练' })).toBeInTheDocument();
  });
});
