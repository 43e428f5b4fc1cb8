// @vitest-environment jsdom
/** The console's second pass (issue 13): what the facilitator needs in view, and nothing lost by accident. */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalDrillHost } from '../../src/app/drill/host';
import { validateScenario } from '../../src/engine';
import { RoomProvider } from '../../src/app/room';
import { ConsoleView } from '../../src/app/views/ConsoleView';
import { SetupView } from '../../src/app/views/SetupView';
import { command, type CommandDeps } from '../../src/app/commands';
import { format2, mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

type Edit = Parameters<typeof mini>[0];

/** The drill on the console as this browser keeps it (under its own key, named by `drillroom.active`). */
const savedDrill = () => {
  const id = localStorage.getItem('drillroom.active');
  return id ? localStorage.getItem(`drillroom.drill.${id}`) : null;
};

function setup({ edit, lang = 'en' }: { edit?: Edit; lang?: 'en' | 'zh-CN' } = {}) {
  const host = new LocalDrillHost(mini(edit).scenario, { team: 'Qinghe sub-branch', facilitator: 'Wang Fang', participants: { lobby: 'Li Na' } });
  const user = userEvent.setup();
  const { location } = renderUi(<ConsoleView host={host} />, { lang });
  return { host, user, location };
}

/** Every zh-CN text of a scenario. */
const scenarioTexts = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(scenarioTexts) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === 'zh-CN' && typeof v === 'string' ? [v] : scenarioTexts(v))) : [];

const injects = () => screen.getByRole('region', { name: 'Injects' });

describe('the console, second pass', () => {
  beforeEach(() => localStorage.clear());

  it('names the facilitator and shows the background to read aloud', () => {
    setup();
    expect(screen.getByText('Qinghe sub-branch · Facilitator: Wang Fang')).toBeInTheDocument();
    const background = screen.getByRole('region', { name: 'Background (read it aloud at the start)' });
    expect(background).toHaveTextContent('A small drill for tests.');
  });

  it('lists the exit rule as a checklist of what is still missing', async () => {
    const { host, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    const checklist = screen.getByRole('list', { name: 'Exit rule' });
    expect(checklist).toHaveTextContent('missing Alert the branch head · Lobby manager');
    act(() => void host.send({ type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } }, 'lobby'));
    expect(screen.getByRole('list', { name: 'Exit rule' })).toHaveTextContent('done Alert the branch head · Lobby manager');
  });

  it('marks a newly fired inject and opens a private one to its recipients, content and what the team should do', async () => {
    const { user } = setup({ edit: (s) => (s.injects[1].expectedAction = { 'zh-CN': '【中】The head calls back.', en: 'The head calls back and informs the city branch.' }) });
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await user.click(screen.getByRole('button', { name: 'Jump to next inject' }));
    const call = within(injects()).getByRole('button', { name: /A private call/ });
    expect(call).toHaveTextContent('02:00 A private callnewprivate');
    expect(within(injects()).getByRole('button', { name: /Customers gather/ })).not.toHaveTextContent('new'); // fired two minutes ago
    expect(call).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText('Only the head hears this.')).not.toBeInTheDocument();
    await user.click(call);
    expect(call).toHaveAttribute('aria-expanded', 'true');
    const details = document.getElementById(call.getAttribute('aria-controls') ?? '') as HTMLElement;
    expect(details).toHaveTextContent('ToBranch head');
    expect(details).toHaveTextContent('What it saysOnly the head hears this.');
    expect(details).toHaveTextContent('What the team should doThe head calls back and informs the city branch.');
  });

  it('groups the hand-fire list, previews an inject and asks before firing one the score counts', async () => {
    const { host, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    const groups = within(injects()).getAllByRole('heading', { level: 5 }).map((h) => h.textContent);
    expect(groups).toEqual(['On demand', 'Contingencies (when a deadline is missed)', 'Consequences the score counts']);
    await user.click(screen.getByRole('button', { name: 'Preview “A reporter calls”' }));
    expect(injects()).toHaveTextContent('The local paper asks questions.');
    expect(injects()).toHaveTextContent('Firing this changes the score:No escalation: counts as not avoided');
    await user.click(screen.getByRole('button', { name: 'Fire “A reporter calls”' }));
    const dialog = screen.getByRole('dialog', { name: 'Fire “A reporter calls”?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(host.context.injects.reporter).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Fire “A reporter calls”' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Fire it' }));
    expect(host.context.injects.reporter?.cause).toBe('facilitator');
  });

  it('warns before the phone-grab video in the product-loss drill, which lowers customer communication', async () => {
    const valid = validateScenario(JSON.parse(readFileSync('scenarios/product-loss.json', 'utf8')));
    if (!valid.ok) throw new Error('product-loss.json is invalid');
    const host = new LocalDrillHost(valid.value, { team: 'Binjiang sub-branch' });
    const user = userEvent.setup();
    renderUi(<ConsoleView host={host} />);
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    const title = "Video of 'bank guard grabs customer's phone' spreads";
    await user.click(screen.getByRole('button', { name: `Preview “${title}”` }));
    expect(injects()).toHaveTextContent('Firing this changes the score:Customer communication and calming: through Customer anger');
    await user.click(screen.getByRole('button', { name: `Fire “${title}”` }));
    expect(screen.getByRole('dialog', { name: `Fire “${title}”?` })).toHaveTextContent('Customer communication and calming: through Customer anger');
  });

  it('jumps to the next inject, saying first which deadlines it passes', async () => {
    // The private call comes at 06:00, after the lobby manager's 05:00 deadline (no contingency fires on the way).
    const { host, user } = setup({
      edit: (s) => {
        s.injects[1].trigger = { type: 'time', at: 6 };
        s.injects[2].trigger = { type: 'manual' };
      },
    });
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    expect(screen.getByRole('button', { name: 'Jump to next inject' })).toHaveAccessibleDescription('Next: 06:00 A private call · passes 1 deadline');
    await user.keyboard('j');
    const dialog = screen.getByRole('dialog', { name: 'Jump to 06:00?' });
    expect(dialog).toHaveTextContent('The jump stops at 06:00: “A private call”.');
    expect(within(dialog).getByRole('listitem')).toHaveTextContent('Alert the branch head · Lobby manager (due 05:00)');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Jump' }));
    expect(host.context.injects['secret-call']?.at).toBe(360);
    expect(host.context.tasks.alert?.missedAt).toBe(301);
    expect(screen.getByText('overdue by 01:00')).toBeInTheDocument();
  });

  it('asks before the last phase ends the drill (button and n), then shows the debrief', async () => {
    const { host, user, location } = setup();
    act(() => {
      host.send({ type: 'DRILL.START', payload: {} });
      for (let i = 0; i < 3; i++) host.send({ type: 'PHASE.ADVANCE', payload: { reason: 'skip' } });
    });
    expect(host.context.phase).toBe('resolve');
    await user.click(screen.getByRole('button', { name: 'Next phase' }));
    let dialog = screen.getByRole('dialog', { name: 'End the drill with this phase?' });
    expect(dialog).toHaveTextContent('moving on ends the drill');
    expect(within(dialog).getByRole('list', { name: 'Exit rule' })).toHaveTextContent('missing Written report · Branch head');
    expect(within(dialog).getByRole('button', { name: 'End the drill' })).toBeDisabled(); // needs a reason while the rule is not met
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(host.context.status).toBe('running');
    act(() => void host.send({ type: 'TASK.ANSWER', payload: { task: 'report-text', role: 'head', answer: { kind: 'text', text: 'Branch, time, cause.' } } }, 'head'));
    await user.keyboard('n');
    dialog = screen.getByRole('dialog', { name: 'End the drill with this phase?' });
    expect(host.context.status).toBe('running');
    expect(within(dialog).queryByLabelText('Reason')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'End the drill' }));
    expect(host.context.status).toBe('ended');
    expect(location.history?.at(-1)).toBe('/debrief');
  });

  it('focuses Cancel in the End dialog, keeps Tab inside it and gives the focus back on closing', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    const end = screen.getByRole('button', { name: 'End drill' });
    await user.click(end);
    const dialog = screen.getByRole('dialog', { name: 'End the drill?' });
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    expect(cancel).toHaveFocus();
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'End drill' })).toHaveFocus();
    await user.tab();
    expect(cancel).toHaveFocus();
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(cancel).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(end).toHaveFocus();
  });

  it('takes shortcuts whatever has the focus, except while typing', async () => {
    const { host, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    expect(screen.getByRole('toolbar')).toContainElement(document.activeElement as HTMLElement); // Start disabled itself; the focus stayed in the toolbar
    await user.click(screen.getByRole('button', { name: '2× speed' }));
    await user.keyboard(' ');
    expect(host.context.status).toBe('paused');
    within(injects()).getByRole('button', { name: /Customers gather/ }).focus();
    await user.keyboard(' ');
    expect(host.context.status).toBe('running');
    await user.type(screen.getByLabelText('Observer notes'), 'j n e');
    expect(host.context.status).toBe('running');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Observer notes')).toHaveValue('j n e');
  });

  it('keeps the focus with the role once its decision is entered', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await user.click(screen.getByRole('button', { name: 'Enter decision: Alert the branch head' }));
    const form = screen.getByRole('form', { name: 'Alert the branch head' });
    await user.click(within(form).getByRole('radio', { name: 'Call the head now' }));
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    expect(form).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /^Lobby manager/ })).toHaveFocus();
  });

  it('speaks Chinese only on a Chinese console', async () => {
    const { host, user } = setup({ lang: 'zh-CN' });
    await user.click(screen.getByRole('button', { name: '开始演练' }));
    await user.click(screen.getByRole('button', { name: '预览“【中】A reporter calls”' }));
    // What the scenario and the people bring is theirs; everything else on the screen must be Chinese.
    const theirs = [...scenarioTexts(host.scenario), 'Qinghe sub-branch', 'Wang Fang', 'Li Na'].sort((a, b) => b.length - a.length);
    const ours = theirs.reduce((text, s) => text.split(s).join(' '), document.body.textContent ?? '');
    expect(ours.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    expect(document.body).toHaveTextContent('导调：Wang Fang');
    expect(document.body).toHaveTextContent('计入评分的后果');
  });
});

describe('setup', () => {
  beforeEach(() => localStorage.clear());

  it('refuses an empty team name and says so', async () => {
    const user = userEvent.setup();
    const { location } = renderUi(
      <RoomProvider>
        <SetupView scenario={mini().scenario} />
      </RoomProvider>,
      { path: '/setup/mini' },
    );
    const team = screen.getByRole('textbox', { name: 'Team or branch' });
    await user.type(team, '   ');
    await user.click(screen.getByRole('button', { name: 'Open the facilitator console' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter the team or branch.');
    expect(team).toHaveAttribute('aria-invalid', 'true');
    expect(team).toHaveFocus();
    expect(savedDrill()).toBeNull();
    await user.type(team, 'Qinghe sub-branch');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Open the facilitator console' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/console'));
    expect(JSON.parse(savedDrill() ?? '{}').info.team).toBe('Qinghe sub-branch');
  });
});

describe("setup: the bank's own numbers", () => {
  beforeEach(() => localStorage.clear());

  it('the trainer changes a parameter within its limits; the drill starts with the values chosen, and says so in its transcript', async () => {
    const user = userEvent.setup();
    const f2 = format2();
    const { location } = renderUi(
      <RoomProvider>
        <SetupView scenario={f2.scenario} />
      </RoomProvider>,
      { path: '/setup/format2-mini' },
    );
    await user.type(screen.getByRole('textbox', { name: 'Team or branch' }), 'Qinghe sub-branch');
    const minutes = screen.getByRole('spinbutton', { name: 'Upward report within minutes' });
    expect(minutes).toHaveValue(5);
    await user.clear(minutes);
    await user.type(minutes, '45');
    await user.click(screen.getByRole('button', { name: 'Open the facilitator console' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter a number from 1 to 30 minutes.');
    expect(minutes).toHaveFocus();
    expect(savedDrill()).toBeNull();
    await user.clear(minutes);
    await user.type(minutes, '10');
    await user.click(screen.getByRole('button', { name: 'Open the facilitator console' }));
    await waitFor(() => expect(location.history?.at(-1)).toBe('/console'));
    const info = JSON.parse(savedDrill() ?? '{}').info;
    expect(info.parameters).toEqual({ 'report-minutes': 10, 'video-anger': 20 });
    const host = new LocalDrillHost(f2.scenario, info);
    command('start').run({ host } as unknown as CommandDeps);
    expect(host.events[0]?.payload).toEqual({ parameters: { 'report-minutes': 10, 'video-anger': 20 } });
    expect(host.context.tasks.alert?.dueAt).toBe(600); // the upward report falls due in the trainer's ten minutes
  });
});
