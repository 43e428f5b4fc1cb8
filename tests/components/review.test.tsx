// @vitest-environment jsdom
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTranscript } from '../../src/engine';
import { KEPT_PLANS_LIMIT, keepPlan, keptPlan } from '../../src/app/review/keptPlans';
import { ReviewView } from '../../src/app/review/ReviewView';
import { createSigner } from '../../src/server/signer';
import { simulate } from '../../src/sim/simulate';
import { mini } from '../helpers/drill';
import { renderUi } from '../helpers/render';

const c = mini();
const good = makeTranscript(c.scenario, { team: 'Qinghe', date: '2026-11-20T02:00:00.000Z', participants: { lobby: 'Li Na' } }, simulate(c, 'random', 2));
/** The first single-choice decision in the transcript; the test below flips its option. */
const answerAt = good.events.findIndex((e) => e.type === 'TASK.ANSWER' && e.payload.answer.kind === 'single');
const dir = mkdtempSync(join(tmpdir(), 'drillroom-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openFile(content: string | object, name = 'drill.json') {
  const user = userEvent.setup();
  renderUi(<ReviewView />);
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  await user.upload(screen.getByLabelText('Open a transcript file'), new File([text], name, { type: 'application/json' }));
  return user;
}

const altered = (edit: (f: any) => void) => {
  const f = JSON.parse(JSON.stringify(good));
  edit(f);
  return f;
};

describe('opening transcript files for review', () => {
  it('opens a good unsigned file: says nothing proves it complete, replay at the start', async () => {
    await openFile(good);
    expect(await screen.findByText(/^Unsigned: the events follow one another unchanged, but nothing proves the file is complete/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Mini drill', level: 2 })).toBeInTheDocument();
    expect(screen.getByRole('slider', { name: 'Position in the drill' })).toHaveValue('0');
  });

  it.each([
    ['not JSON', 'Drill of 12 March', 'The file is not valid JSON (at line 1, column 1).'],
    ['another kind of JSON', { hello: 'world' }, 'This is not a drillroom transcript.'],
    ['a file from a newer drillroom', altered((f) => (f.version = 9)), 'Made by a newer drillroom (transcript version 9); this one reads up to version 2.'],
    ['a truncated file', altered((f) => f.events.pop()), `Broken: the file is cut short: its record lists ${good.events.length} events, the file holds ${good.events.length - 1}.`],
    ['an altered decision', altered((f) => {
        const a = f.events[answerAt].payload.answer;
        a.option = a.option === 'now' ? 'wait' : a.option === 'wait' ? 'now' : a.option === 'agreed' ? 'off-line' : 'agreed';
      }), `Broken: event ${answerAt + 1} was altered.`],
    ['a removed middle event', altered((f) => f.events.splice(2, 1)), 'Broken: events were removed: 1 missing from event 3 on.'],
    ['two swapped events', altered((f) => f.events.splice(2, 2, f.events[3], f.events[2])), 'Broken: events were reordered: event 3 is out of place.'],
    ['altered session details', altered((f) => (f.session.team = 'Elsewhere')), 'Broken: the scenario or the session details were changed after the drill.'],
    [
      'a broken scenario inside an old file',
      altered((f) => {
        Object.assign(f, { version: 1, integrity: undefined, plan: undefined });
        delete f.scenario.title;
      }),
      'The scenario inside the file is not valid at $.scenario.title: is missing.',
    ],
  ])('says clearly what is wrong with %s', async (_name, content, message) => {
    await openFile(content);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('“drill.json” cannot be opened:');
    expect(alert).toHaveTextContent(message);
    expect(screen.queryByRole('slider')).not.toBeInTheDocument();
  });

  it('reads a version-1 file and says it has no integrity record', async () => {
    await openFile(altered((f) => {
      f.version = 1;
      delete f.integrity;
      delete f.plan;
    }));
    expect(await screen.findByText(/format version 1\) has no integrity record/)).toBeInTheDocument();
  });
});

describe('signed files', () => {
  const signer = createSigner();
  const signed = signer.sign(makeTranscript(c.scenario, { ...good.session, source: 'server' }, good.events));

  it('shows an unknown key\'s fingerprint; "trust this key" makes it trusted in this browser', async () => {
    localStorage.clear();
    const user = await openFile(signed);
    expect(await screen.findByText(`Signed by an unknown key (fingerprint ${signer.fingerprint}): the file is complete and unchanged since that key signed it`, { exact: false })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Trust this key' }));
    expect(screen.getByText(`Signed by a trusted key (fingerprint ${signer.fingerprint}): the file is complete and unchanged since it was signed.`)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Trust this key' })).not.toBeInTheDocument();
    localStorage.clear();
  });

  it('a one-laptop export says plainly that it is unsigned', async () => {
    await openFile(makeTranscript(c.scenario, { ...good.session, source: 'browser' }, good.events));
    expect(await screen.findByText('Unsigned: this file was exported from a single laptop (no drill server), which has no key to sign with. The events follow one another unchanged, but nothing proves the file is complete.')).toBeInTheDocument();
  });

  it('a signed file cut short, with its hashes and count cut too, is broken', async () => {
    const cut = JSON.parse(JSON.stringify(signed));
    cut.events.splice(-3);
    cut.integrity.hashes.splice(-3);
    cut.integrity.count -= 3;
    await openFile(cut);
    const n = good.events.length;
    expect(await screen.findByRole('alert')).toHaveTextContent(`Broken: the last 3 events were removed with their hashes after signing (signed with ${n} events, the file holds ${n - 3}).`);
    expect(screen.queryByRole('slider')).not.toBeInTheDocument();
  });

  it('says it in Chinese on a Chinese screen, with no English', async () => {
    const user = userEvent.setup();
    renderUi(<ReviewView />, { lang: 'zh-CN' });
    const file = altered((f) => f.events.splice(2, 1));
    await user.upload(screen.getByLabelText('打开演练记录文件'), new File([JSON.stringify(file)], 'drill.json', { type: 'application/json' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('已损坏：有记录被删除：从第3条起缺少1条。');
    expect(alert.textContent?.replace('drill.json', '')).not.toMatch(/[A-Za-z]/);
  });

  it('names each replayed event in Chinese on a Chinese screen', async () => {
    const user = userEvent.setup();
    renderUi(<ReviewView />, { lang: 'zh-CN' });
    await user.upload(screen.getByLabelText('打开演练记录文件'), new File([JSON.stringify(good)], 'drill.json', { type: 'application/json' }));
    await user.click(await screen.findByRole('button', { name: '下一条 ▶' }));
    expect(screen.getByText('#1 · 00:00 · 导调：开始演练')).toBeInTheDocument();
    const answer = good.events.findIndex((e) => e.type === 'TASK.ANSWER');
    fireEvent.change(screen.getByRole('slider', { name: '演练进度' }), { target: { value: String(answer + 1) } });
    expect(screen.getByText(new RegExp(`^#${answer + 1} · \\d\\d:\\d\\d · \\p{Script=Han}+：作答任务“.+”$`, 'u'))).toBeInTheDocument();
  });
});

describe('replay and report', () => {
  it('steps through the drill and shows what a role knew at that moment', async () => {
    const user = await openFile(good);
    await screen.findByText(/^Unsigned:/);
    await user.click(screen.getByRole('button', { name: 'Next event ▶' }));
    expect(screen.getByRole('slider')).toHaveValue('1');
    // each event in words: who did what, never the event's code
    expect(screen.getByText(`#1 · 00:00 · Facilitator: start the drill`)).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Latest events' })).getByRole('article', { name: 'Customers gather' })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'View as' }), 'Lobby manager');
    expect(screen.getByText('【中】Secret: the fee change was not announced.'.replace('【中】', ''))).toBeInTheDocument();
    expect(within(screen.getByRole('region', { name: 'Tasks and decisions' })).getByText('Alert the branch head')).toBeInTheDocument();
  });

  it('recomputes the debrief exactly as `npm run replay` prints it', async () => {
    const user = await openFile(good);
    await screen.findByText(/^Unsigned:/);
    await user.click(screen.getByRole('tab', { name: 'After-action report' }));
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(good));
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/replay.ts', file, '--json'], { encoding: 'utf8' });
    const expected = JSON.parse(cli.stdout) as { total: number; rating: string; criteria: { id: string; title: { en: string }; score: number | null }[] };
    expect(screen.getByLabelText('Total score')).toHaveTextContent(String(expected.total));
    expect(screen.getByLabelText('Rating')).toHaveTextContent(expected.rating);
    for (const criterion of expected.criteria) {
      const row = screen.getByRole('row', { name: new RegExp(`^${criterion.title.en}`) });
      expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(new RegExp(`^${criterion.score ?? '–'}`));
    }
  });

  it('opens the after-action report with the leader\'s summary and lists the observations recorded', async () => {
    const events = [...good.events];
    const last = events.at(-1);
    if (!last) throw new Error('empty transcript');
    const extra = [
      { seq: last.seq + 1, t: last.t, actor: 'facilitator', type: 'OBSERVATION.RECORD', payload: { observation: 'grab-phone', role: 'lobby' } },
      { seq: last.seq + 2, t: last.t, actor: 'facilitator', type: 'SUMMARY.SET', payload: { text: 'Fast alert; the phone grab must never happen again.' } },
    ] as typeof events;
    const user = await openFile(makeTranscript(c.scenario, good.session, [...events, ...extra]));
    await screen.findByText(/^Unsigned:/);
    await user.click(screen.getByRole('tab', { name: 'After-action report' }));
    const aar = screen.getByRole('article', { name: 'After-action report' });
    const summary = within(aar).getByRole('region', { name: 'Leader\'s summary' });
    expect(summary).toHaveTextContent('Fast alert; the phone grab must never happen again.');
    expect(summary.compareDocumentPosition(within(aar).getByRole('region', { name: 'Overview' })) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(aar).getByRole('region', { name: 'Observations' })).toHaveTextContent('prohibited act “Takes a customer\'s phone” · Lobby manager');
  });

  it('keeps an improvement plan with owners and due dates', async () => {
    const user = await openFile(good);
    await screen.findByText(/^Unsigned:/);
    await user.click(screen.getByRole('tab', { name: 'After-action report' }));
    const plan = screen.getByRole('region', { name: 'Improvement plan' });
    await user.click(within(plan).getByRole('button', { name: 'Add an action' }));
    await user.type(within(plan).getByLabelText('Action 1'), 'Rehearse the 10-minute report');
    await user.type(within(plan).getByLabelText('Owner of action 1'), 'Branch head');
    expect(within(plan).getByLabelText('Action 1')).toHaveValue('Rehearse the 10-minute report');
    expect(screen.getByRole('region', { name: 'Overview' })).toHaveTextContent('Lobby manager: Li Na');
  });
});

describe('plans kept in this browser', () => {
  const planRegion = () => screen.getByRole('region', { name: 'Improvement plan' });

  it('keeps plan edits through a reload, warns before leaving with them unsaved, and forgets them once undone', async () => {
    localStorage.clear();
    let user = await openFile(good);
    await user.click(screen.getByRole('tab', { name: 'After-action report' }));
    expect(screen.queryByText(/kept in this browser only/)).not.toBeInTheDocument();
    await user.click(within(planRegion()).getByRole('button', { name: 'Add an action' }));
    await user.type(within(planRegion()).getByLabelText('Action 1'), 'Rehearse the 10-minute report');
    expect(screen.getByText('The plan has changes that are kept in this browser only: download the transcript to keep them in the file.')).toBeInTheDocument();
    const leaving = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leaving);
    expect(leaving.defaultPrevented).toBe(true);

    // the page is reloaded and the same file opened again
    cleanup();
    user = await openFile(good);
    expect(await screen.findByText('The improvement plan was restored from this browser, where your edits are kept.')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'After-action report' }));
    expect(within(planRegion()).getByLabelText('Action 1')).toHaveValue('Rehearse the 10-minute report');

    // another file has its own plan
    cleanup();
    await openFile(makeTranscript(c.scenario, { team: 'Another team' }, good.events));
    await screen.findByText(/^Unsigned:/);
    expect(screen.queryByText(/restored from this browser/)).not.toBeInTheDocument();

    // undoing the edit leaves nothing to warn about, and nothing to restore
    cleanup();
    user = await openFile(good);
    await user.click(await screen.findByRole('tab', { name: 'After-action report' }));
    await user.click(within(planRegion()).getByRole('button', { name: 'Remove action 1' }));
    expect(screen.queryByText(/kept in this browser only/)).not.toBeInTheDocument();
    const leavingNow = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(leavingNow);
    expect(leavingNow.defaultPrevented).toBe(false);
    cleanup();
    await openFile(good);
    await screen.findByText(/^Unsigned:/);
    expect(screen.queryByText(/restored from this browser/)).not.toBeInTheDocument();
  });

  it('keeps only the most recently edited plans', () => {
    localStorage.clear();
    const plan = [{ id: 'a1', action: 'x', owner: '', due: '' }];
    for (let i = 0; i <= KEPT_PLANS_LIMIT; i++) keepPlan(`t${i}`, plan, [], i);
    expect(keptPlan('t0')).toBeNull();
    expect(keptPlan('t1')).toEqual(plan);
    expect(keptPlan(`t${KEPT_PLANS_LIMIT}`)).toEqual(plan);
    localStorage.clear();
  });
});
