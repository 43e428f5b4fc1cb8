// @vitest-environment jsdom
/**
 * A participant's answer while the link is down: queued and locked, replaceable before it is
 * sent, and a refusal shown beside the task. Ids in the browser need no secure context.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TaskForm } from '../../src/app/components/TaskForm';
import { newId } from '../../src/app/ids';
import { taskBrief } from '../../src/engine';
import { mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const alertTask = () => {
  const task = mini().scenario.tasks.find((t) => t.id === 'alert');
  if (!task) throw new Error('no alert task');
  return taskBrief(task);
};

describe('a participant\'s answer', () => {
  it('is shown queued and locked while offline, and a change replaces it', async () => {
    const user = userEvent.setup();
    const sent = vi.fn(() => null);
    renderUi(<TaskForm task={alertTask()} onSubmit={sent} pending={{ kind: 'single', option: 'now' }} queued="offline" />);
    const form = screen.getByRole('form', { name: 'Alert the branch head' });
    expect(within(form).getByText('Queued — will be sent when the connection returns.')).toBeInTheDocument();
    expect(within(form).getByRole('radio', { name: 'Call the head now' })).toBeChecked();
    expect(within(form).getByRole('radio', { name: 'Call the head now' })).toBeDisabled();
    expect(within(form).queryByRole('button', { name: 'Submit' })).toBeNull();
    await user.click(within(form).getByRole('button', { name: 'Change answer' }));
    const other = within(form).getAllByRole('radio').find((r) => !(r as HTMLInputElement).checked);
    if (!other) throw new Error('no other option');
    await user.click(other);
    await user.click(within(form).getByRole('button', { name: 'Submit' }));
    expect(sent).toHaveBeenCalledWith({ kind: 'single', option: (other as HTMLInputElement).value });
  });

  it('shows the server\'s refusal beside the task', () => {
    renderUi(<TaskForm task={alertTask()} onSubmit={() => null} refusal={{ code: 'paused' }} />);
    expect(within(screen.getByRole('form', { name: 'Alert the branch head' })).getByRole('alert')).toHaveTextContent('Not accepted: The drill is paused.');
  });
});

describe('ids made in the browser', () => {
  it('come from crypto.getRandomValues (no secure context needed), unique and UUID-shaped', () => {
    const randomUUID = vi.spyOn(crypto, 'randomUUID');
    const ids = new Set(Array.from({ length: 1000 }, newId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomUUID).not.toHaveBeenCalled();
  });
});
