// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LocalDrillHost } from '../../src/app/drill/host';
import { logEntries } from '../../src/engine';
import { ConsoleView } from '../../src/app/views/ConsoleView';
import { mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

/** Skips to the last phase and has the head write the report that awaits a rating. */
function answerInResolve(host: LocalDrillHost) {
  host.send({ type: 'DRILL.START', payload: {} });
  host.send({ type: 'PHASE.ADVANCE', payload: { reason: 'skip' } });
  host.send({ type: 'PHASE.ADVANCE', payload: { reason: 'skip' } });
  host.send({ type: 'PHASE.ADVANCE', payload: {} });
  host.send({ type: 'TASK.ANSWER', payload: { task: 'report-text', role: 'head', answer: { kind: 'text', text: 'Branch, time, cause.' } } }, 'head');
}

function setup() {
  const host = new LocalDrillHost(mini().scenario, { team: 'Qinghe sub-branch', participants: { lobby: 'Li Na' } });
  const user = userEvent.setup();
  renderUi(<ConsoleView host={host} />);
  return { host, user };
}

describe('facilitator console', () => {
  beforeEach(() => localStorage.clear());

  it('starts the drill, shows the phase, its objectives and each role\'s open tasks with deadlines', async () => {
    const { host, user } = setup();
    expect(screen.getByText(/Not started/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    expect(host.context.status).toBe('running');
    expect(screen.getByRole('heading', { name: 'Phase: Report' })).toBeInTheDocument();
    expect(screen.getByRole('timer', { name: 'Drill clock' })).toHaveTextContent('00:00');
    expect(screen.getByRole('listitem', { current: 'step' })).toHaveTextContent('Report');
    const roles = screen.getByRole('region', { name: 'Roles and open tasks' });
    expect(within(roles).getByText('Li Na', { exact: false })).toBeInTheDocument();
    expect(within(roles).getByText('Alert the branch head')).toBeInTheDocument();
    expect(within(roles).getByText('due in 05:00')).toBeInTheDocument();
  });

  it('enters a role\'s decision, then moves on with the keyboard once the exit rule holds', async () => {
    const { host, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    expect(screen.getByText(/exit rule is not met yet/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enter decision: Alert the branch head' }));
    const form = screen.getByRole('form', { name: 'Alert the branch head' });
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choose one option.');
    await user.click(within(form).getByRole('radio', { name: 'Call the head now' }));
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    expect(host.context.tasks.alert?.answer).toEqual({ kind: 'single', option: 'now' });
    expect(host.events.at(-1)).toMatchObject({ type: 'TASK.ANSWER', actor: 'facilitator', payload: { role: 'lobby' } });
    expect(screen.getByText(/exit rule is met/)).toBeInTheDocument();
    await user.keyboard('n');
    expect(host.context.phase).toBe('assess');
  });

  it('asks for a reason before overriding an exit rule, and logs it', async () => {
    const { host, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await user.click(screen.getByRole('button', { name: 'Next phase' }));
    const dialog = screen.getByRole('dialog', { name: 'Move on without the exit rule' });
    expect(within(dialog).getByRole('button', { name: 'Move on' })).toBeDisabled();
    await user.type(within(dialog).getByLabelText('Reason'), 'Time is short');
    await user.click(within(dialog).getByRole('button', { name: 'Move on' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(host.context.phase).toBe('assess');
    expect(logEntries(host.context)).toContainEqual(expect.objectContaining({ kind: 'phase', phase: 'assess', override: 'Time is short' }));
  });

  it('pauses and resumes with the space bar, changes speed, fires injects by hand and lists shortcuts', async () => {
    const { host, user } = setup();
    await user.keyboard('s');
    await user.keyboard(' ');
    expect(host.context.status).toBe('paused');
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(host.context.status).toBe('running');
    await user.click(screen.getByRole('button', { name: '5× speed' }));
    expect(host.clock.speed).toBe(5);
    await user.click(screen.getByRole('button', { name: 'Fire “A reporter calls”' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Fire “A reporter calls”?' })).getByRole('button', { name: 'Fire it' }));
    expect(host.context.injects.reporter?.cause).toBe('facilitator');
    expect(within(screen.getByRole('region', { name: 'Injects' })).getAllByText('A reporter calls')).toHaveLength(1);
    await user.keyboard('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByRole('row', { name: /Space Pause \/ resume/ })).toBeInTheDocument();
    expect(within(help).getByRole('row', { name: 'n Next phase' })).toBeInTheDocument();
  });

  it('jumps drill time to the next inject', async () => {
    const { host, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await user.click(screen.getByRole('button', { name: 'Jump to next inject' }));
    expect(host.context.injects['secret-call']?.at).toBe(120);
  });

  it('rates free-text answers P/S/M/U and keeps observer notes', async () => {
    const { host, user } = setup();
    act(() => answerInResolve(host));
    const rate = screen.getByRole('group', { name: 'Rate: Written report' });
    expect(rate).toHaveTextContent('Branch, time, cause.');
    await user.click(within(rate).getByRole('button', { name: /^S · / }));
    expect(host.context.tasks['report-text']?.rating).toBe('S');
    expect(screen.getByText('No answers waiting for a rating.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Observer notes'), 'Head wrote a clear report');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(logEntries(host.context).at(-1)).toMatchObject({ kind: 'note', text: 'Head wrote a clear report' });
  });

  it('ends the drill only after confirmation', async () => {
    const { host, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await user.click(screen.getByRole('button', { name: 'End drill' }));
    await user.click(within(screen.getByRole('dialog', { name: 'End the drill?' })).getByRole('button', { name: 'Cancel' }));
    expect(host.context.status).toBe('running');
    await user.keyboard('e');
    await user.click(within(screen.getByRole('dialog', { name: 'End the drill?' })).getByRole('button', { name: 'End drill' }));
    expect(host.context.status).toBe('ended');
  });

  it('records what the facilitator sees in the room, with who and a note', async () => {
    const { host, user } = setup();
    const prohibited = screen.getByRole('group', { name: 'Prohibited acts' });
    expect(within(prohibited).getByRole('button', { name: 'Takes a customer\'s phone' })).toBeDisabled(); // not before the start
    await user.click(screen.getByRole('button', { name: 'Start drill' }));
    await user.selectOptions(screen.getByLabelText('Who'), 'Lobby manager');
    await user.type(screen.getByLabelText('Note (optional)'), 'at the door');
    await user.click(within(prohibited).getByRole('button', { name: 'Takes a customer\'s phone' }));
    expect(host.events.at(-1)).toMatchObject({ type: 'OBSERVATION.RECORD', actor: 'facilitator', payload: { observation: 'grab-phone', role: 'lobby', note: 'at the door' } });
    expect(screen.getByRole('list', { name: 'Recorded observations' })).toHaveTextContent('00:00 Takes a customer\'s phone · Lobby manager — at the door');
    expect(screen.getByLabelText('Note (optional)')).toHaveValue('');
  });

  it('warns before ending with free text unrated, and takes the leader\'s summary at the hot wash', async () => {
    const { host, user } = setup();
    act(() => answerInResolve(host));
    await user.click(screen.getByRole('button', { name: 'End drill' }));
    const dialog = screen.getByRole('dialog', { name: 'End the drill?' });
    expect(within(dialog).getByRole('alert')).toHaveTextContent('1 free-text answer is not rated yet; it counts 0 until rated. Rate it first:Written report');
    await user.click(within(dialog).getByRole('button', { name: 'End drill' }));
    expect(host.context.status).toBe('ended');
    await user.type(screen.getByLabelText(/The leader's summary at the hot wash/), 'Fast report; thin register.');
    await user.click(screen.getByRole('button', { name: 'Save the summary' }));
    expect(host.context.summary).toMatchObject({ text: 'Fast report; thin register.', by: 'facilitator' });
    expect(screen.getByRole('status')).toHaveTextContent('Saved.');
  });

  it('keeps the drill in the browser: a reload restores every event', () => {
    const { host } = setup();
    host.send({ type: 'DRILL.START', payload: {} });
    host.send({ type: 'NOTE.ADD', payload: { text: 'saved' } });
    const restored = LocalDrillHost.restore();
    expect(restored?.events).toEqual(host.events);
    expect(restored?.context).toEqual(host.context);
  });
});
