// @vitest-environment jsdom
/** Issue 16, group role-play: the evaluator's screen, and what the console adds (criterion ratings, lessons, evaluators' names). */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { useAuth } from '../../src/app/auth/auth';
import { createI18n } from '../../src/app/i18n';
import { useUi } from '../../src/app/store/ui';
import { LocalDrillHost, type SendResult } from '../../src/app/drill/host';
import { EvaluatorScreen } from '../../src/app/remote/EvaluatorRoute';
import { ConsoleView } from '../../src/app/views/ConsoleView';
import { EVALUATOR, FACILITATOR, type Command } from '../../src/engine';
import { mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

/** Every zh-CN text of a scenario. */
const scenarioTexts = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap(scenarioTexts) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => (k === 'zh-CN' && typeof v === 'string' ? [v] : scenarioTexts(v))) : [];

/**
 * An evaluator's browser, as RemoteDrillHost sends from an evaluator's seat; the server's part
 * (it signs notes and observations with the seat's name) done here. `facilitate`: the rest of the room.
 */
class EvaluatorHost extends LocalDrillHost {
  constructor(readonly name: string) {
    super(mini().scenario, { team: 'Qinghe sub-branch', facilitator: 'Li Ming', participants: { lobby: 'Li Na' } });
  }
  override send(command: Command): SendResult {
    const signed = command.type === 'NOTE.ADD' || command.type === 'OBSERVATION.RECORD' ? ({ ...command, payload: { ...command.payload, by: this.name } } as Command) : command;
    return super.send(signed, EVALUATOR);
  }
  facilitate(command: Command, actor: string = FACILITATOR): SendResult {
    return super.send(command, actor);
  }
}

describe('the evaluator\'s screen', () => {
  beforeEach(() => localStorage.clear());

  it('says who the evaluator is, shows the drill without a single control, and takes notes and observations under their name', async () => {
    const host = new EvaluatorHost('Wang Fang');
    const user = userEvent.setup();
    renderUi(<EvaluatorScreen host={host} name="Wang Fang" />);
    expect(screen.getByRole('heading', { name: 'Evaluator: Wang Fang' })).toBeInTheDocument();
    expect(screen.getByText(/notes and observations you record go into the after-action report under your name/)).toBeInTheDocument();
    expect(screen.queryByRole('toolbar')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Start drill' })).toBeNull();

    act(() => {
      host.facilitate({ type: 'DRILL.START', payload: {} });
      host.facilitate({ type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } }, 'lobby');
    });
    expect(screen.getByRole('timer', { name: 'Drill clock' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Phase: Report' })).toBeInTheDocument();
    const roles = screen.getByRole('region', { name: 'Roles and open tasks' });
    expect(within(roles).getByRole('list', { name: 'Answers given by Lobby manager' })).toHaveTextContent('Alert the branch head — Call the head now');
    const injects = screen.getByRole('region', { name: 'Injects' });
    expect(within(injects).getByText('A private call')).toBeInTheDocument(); // upcoming
    // No control anywhere: no entering answers, approving, rating, firing or previewing injects.
    for (const name of [/^Enter decision/, /^Fire/, /^Preview/, /^Approve/, 'Jump to next inject', 'End drill', 'Next phase']) expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Answers to rate' })).toBeNull();

    await user.type(screen.getByLabelText('Observer notes'), 'The lobby manager kept calm');
    await user.click(screen.getByRole('button', { name: 'Add note' }));
    expect(host.events.at(-1)).toMatchObject({ type: 'NOTE.ADD', actor: 'evaluator', payload: { text: 'The lobby manager kept calm', by: 'Wang Fang' } });
    expect(screen.getByText('The lobby manager kept calm', { exact: false }).closest('li')).toHaveTextContent('The lobby manager kept calm (evaluator: Wang Fang)');

    await user.click(within(screen.getByRole('group', { name: 'Good practice' })).getByRole('button', { name: 'Listens to the customers\' demands' }));
    expect(host.events.at(-1)).toMatchObject({ type: 'OBSERVATION.RECORD', actor: 'evaluator', payload: { observation: 'listens', by: 'Wang Fang' } });
    expect(screen.getByRole('list', { name: 'Recorded observations' })).toHaveTextContent('Listens to the customers\' demands (evaluator: Wang Fang)');

    act(() => void host.facilitate({ type: 'DRILL.END', payload: {} }));
    expect(screen.getByText('The drill has ended.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Show the debrief' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Rate each criterion' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add lesson' })).toBeNull();
  });

  it('speaks Chinese only on a Chinese screen', () => {
    const host = new EvaluatorHost('王芳');
    renderUi(<EvaluatorScreen host={host} name="王芳" />, { lang: 'zh-CN' });
    act(() => {
      host.facilitate({ type: 'DRILL.START', payload: {} });
      host.facilitate({ type: 'TASK.ANSWER', payload: { task: 'alert', role: 'lobby', answer: { kind: 'single', option: 'now' } } }, 'lobby');
      host.send({ type: 'NOTE.ADD', payload: { text: '大堂经理沉着' } });
      host.facilitate({ type: 'LESSON.ADD', payload: { text: '先安抚，后分流' } });
    });
    expect(screen.getByRole('heading', { name: '评估员：王芳' })).toBeInTheDocument();
    expect(screen.getByText(/以您的姓名写入演练评估报告/)).toBeInTheDocument();
    expect(screen.getByRole('list', { name: '已记录的心得技巧' })).toHaveTextContent('先安抚，后分流');
    const theirs = [...scenarioTexts(host.scenario), 'Qinghe sub-branch', 'Li Ming', 'Li Na'].sort((a, b) => b.length - a.length);
    const ours = theirs.reduce((text, s) => text.split(s).join(' '), document.body.textContent ?? '');
    expect(ours.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    expect(document.body).toHaveTextContent('大堂经理沉着（评估员：王芳）');
  });
});

describe('the evaluator\'s route', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('opens by the evaluator\'s link without a trainer\'s sign-in, and says so when this browser has no token', async () => {
    localStorage.clear();
    useAuth.setState({ status: 'unknown', name: null });
    useUi.setState({ lang: 'en' });
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ error: 'sign in as a trainer first' }), { status: 401 })));
    window.location.hash = '#/session/s1/evaluate';
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <App entries={[]} />
      </I18nextProvider>,
    );
    expect(await screen.findByText(/This browser has no access to that drill/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Trainer sign-in' })).toBeNull();
    window.location.hash = '';
  });
});

describe('the console at the hot wash', () => {
  beforeEach(() => localStorage.clear());

  function setup(lang: 'en' | 'zh-CN' = 'en') {
    const host = new LocalDrillHost(mini().scenario, { team: 'Qinghe sub-branch' });
    const user = userEvent.setup();
    renderUi(<ConsoleView host={host} />, { lang });
    return { host, user };
  }

  it('rates each criterion P/S/M/U with a comment once the drill has ended, and shows the rating given', async () => {
    const { host, user } = setup();
    expect(screen.queryByRole('region', { name: 'Rate each criterion' })).toBeNull();
    act(() => {
      host.send({ type: 'DRILL.START', payload: {} });
      host.send({ type: 'DRILL.END', payload: {} });
    });
    const panel = screen.getByRole('region', { name: 'Rate each criterion' });
    expect(within(panel).getAllByRole('group').map((g) => g.getAttribute('aria-label'))).toEqual(host.scenario.rubric.map((c) => c.title.en));
    const timely = within(panel).getByRole('group', { name: 'Timely reporting' });
    expect(timely).toHaveTextContent('not rated yet');
    await user.type(within(timely).getByLabelText('Comment (optional)'), 'Reported in 8 minutes');
    await user.click(within(timely).getByRole('button', { name: 'Rate S: Performed with some challenges' }));
    expect(host.events.at(-1)).toMatchObject({ type: 'CRITERION.RATE', actor: 'facilitator', payload: { criterion: 'timely', rating: 'S', comment: 'Reported in 8 minutes' } });
    expect(host.context.criterionRatings.timely).toMatchObject({ rating: 'S', comment: 'Reported in 8 minutes' });
    expect(timely).toHaveTextContent('your rating: S · Performed with some challenges');
    expect(within(timely).getByRole('button', { name: 'Rate S: Performed with some challenges' })).toHaveAttribute('aria-pressed', 'true');
    // Rated again: the last one counts.
    await user.click(within(timely).getByRole('button', { name: 'Rate P: Performed without challenges' }));
    expect(host.context.criterionRatings.timely?.rating).toBe('P');
    expect(within(timely).getByRole('button', { name: 'Rate S: Performed with some challenges' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('is offered in the resolve phase too', () => {
    const { host } = setup();
    act(() => {
      host.send({ type: 'DRILL.START', payload: {} });
      for (let i = 0; i < 3; i++) host.send({ type: 'PHASE.ADVANCE', payload: { reason: 'skip' } });
    });
    expect(host.context.phase).toBe('resolve');
    expect(screen.getByRole('region', { name: 'Rate each criterion' })).toBeInTheDocument();
  });

  it('writes down the lessons learned once the drill has started, and lists them', async () => {
    const { host, user } = setup();
    expect(screen.queryByRole('button', { name: 'Add lesson' })).toBeNull();
    act(() => void host.send({ type: 'DRILL.START', payload: {} }));
    expect(screen.getByRole('button', { name: 'Add lesson' })).toBeDisabled();
    await user.type(screen.getByLabelText('A technique the room learned'), 'Calm first, then move the crowd');
    await user.click(screen.getByRole('button', { name: 'Add lesson' }));
    expect(host.events.at(-1)).toMatchObject({ type: 'LESSON.ADD', payload: { text: 'Calm first, then move the crowd' } });
    expect(screen.getByRole('list', { name: 'Lessons recorded' })).toHaveTextContent(/^\d\d:\d\d Calm first, then move the crowd$/);
    expect(screen.getByLabelText('A technique the room learned')).toHaveValue('');
  });

  it('names the evaluator beside their notes and observations', () => {
    const { host } = setup();
    act(() => {
      host.send({ type: 'DRILL.START', payload: {} });
      host.send({ type: 'NOTE.ADD', payload: { text: 'Head hesitated', by: 'Wang Fang' } }, EVALUATOR);
      host.send({ type: 'NOTE.ADD', payload: { text: 'My own note' } });
      host.send({ type: 'OBSERVATION.RECORD', payload: { observation: 'grab-phone', role: 'lobby', by: 'Wang Fang' } }, EVALUATOR);
    });
    expect(screen.getByText('Head hesitated', { exact: false }).closest('li')).toHaveTextContent('Head hesitated (evaluator: Wang Fang)');
    expect(screen.getByText('My own note', { exact: false }).closest('li')).not.toHaveTextContent('evaluator');
    expect(screen.getByRole('list', { name: 'Recorded observations' })).toHaveTextContent('Takes a customer\'s phone · Lobby manager (evaluator: Wang Fang)');
  });

  it('speaks Chinese in the rating and lessons panels', () => {
    const { host } = setup('zh-CN');
    act(() => {
      host.send({ type: 'DRILL.START', payload: {} });
      host.send({ type: 'CRITERION.RATE', payload: { criterion: 'timely', rating: 'M' } });
      host.send({ type: 'DRILL.END', payload: {} });
    });
    const panel = screen.getByRole('region', { name: '逐项评定' });
    expect(within(panel).getByRole('group', { name: '【中】Timely reporting' })).toHaveTextContent('您的评定：M · 完成但困难较大');
    expect(within(panel).getAllByRole('button', { name: /^评为M：/ })).toHaveLength(host.scenario.rubric.length);
    expect(screen.getByRole('button', { name: '添加' })).toBeInTheDocument();
    const text = (panel.textContent ?? '').replace(/【中】[^评您尚]*/g, '').replace(/PSMU/g, ''); // the rating buttons' letters are the scale's own
    expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
  });
});
