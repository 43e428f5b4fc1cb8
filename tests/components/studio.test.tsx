// @vitest-environment jsdom
/** The scenario studio: a drill built from the blank template in forms, its problems in Chinese linked to their fields, kept, saved, tried and published. */
import { forceLinting, forEachDiagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuth } from '../../src/app/auth/auth';
import { createI18n } from '../../src/app/i18n';
import { DRAFT_KEY } from '../../src/app/studio/keep';
import { Studio } from '../../src/app/studio/StudioView';
import { blankScenario } from '../../src/app/studio/template';

function renderStudio(lang: 'zh-CN' | 'en' = 'zh-CN') {
  const location = memoryLocation({ path: '/studio', record: true });
  const result = render(
    <I18nextProvider i18n={createI18n(lang)}>
      <Router hook={location.hook}>
        <Studio />
      </Router>
    </I18nextProvider>,
  );
  return { ...result, location };
}

// jsdom lays nothing out: CodeMirror's measuring gets empty boxes.
const noBox = { x: 0, y: 0, width: 0, height: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON: () => ({}) } as DOMRect;
Range.prototype.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect ??= () => noBox;

const kept = () => JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as { draft: Record<string, unknown>; published?: { id: string; revision: number } };
const problems = () => within(screen.getByRole('complementary', { name: /^检查结果/ }));

beforeEach(() => {
  localStorage.clear();
  useAuth.setState({ status: 'static', name: null });
});
afterEach(() => vi.unstubAllGlobals());

describe('the scenario studio', () => {
  it('builds from the blank template: a new task\'s empty texts are errors in Chinese, each opens its field, and filling them clears them', async () => {
    const user = userEvent.setup();
    renderStudio();
    await user.click(screen.getByRole('button', { name: '从空白模板开始' }));
    expect(screen.getByRole('heading', { level: 2, name: '场景工作室：新演练' })).toBeInTheDocument();
    expect(screen.getByText('没有错误，也没有质量提醒。')).toBeInTheDocument();
    // the metadata form speaks Chinese, both languages side by side
    expect(screen.getByRole('textbox', { name: '标题（中文）' })).toHaveValue('新演练');
    expect(screen.getByRole('textbox', { name: '标题（英文）' })).toHaveValue('New drill');

    await user.click(screen.getByRole('tab', { name: '任务' }));
    await user.click(screen.getByRole('button', { name: '添加任务' }));
    const titleProblem = await problems().findByRole('button', { name: '错误 任务 › 第 2 项 task-2 › 标题 › 中文：不能为空。' });
    expect(screen.getByText(/^还有 \d+ 个错误，修正后才能发布或试演。$/)).toBeInTheDocument();
    // no English words in the problem list of a Chinese screen (ids are the author's own)
    for (const item of problems().getAllByRole('listitem')) expect(item.textContent?.replace(/task-2|option-\d/g, '')).not.toMatch(/[A-Za-z]{3,}/);

    // a problem opens its form and focuses its field: first go elsewhere
    await user.click(screen.getByRole('tab', { name: '角色' }));
    await user.click(titleProblem);
    expect(screen.getByRole('tab', { name: '任务' })).toHaveAttribute('aria-selected', 'true');
    const title = screen.getByRole('textbox', { name: '标题（中文）' });
    expect(title).toHaveFocus();
    expect(title).toHaveAttribute('aria-invalid', 'true');
    expect(title).toHaveAccessibleDescription('不能为空。');

    await user.type(title, '上报分行');
    expect(problems().queryByRole('button', { name: /标题 › 中文/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '2. 上报分行' })).toBeInTheDocument();

    // the rest, from the list, each one from its own problem
    const texts: [string, string][] = [
      ['标题（英文）', 'Report to the city branch'],
      ['题目（中文）', '是否立即上报？'],
      ['题目（英文）', 'Report now?'],
      ['选项 1 内容（中文）', '立即电话上报'],
      ['选项 1 内容（英文）', 'Phone it in now'],
      ['选项 1 复盘反馈（中文）', '及时上报。'],
      ['选项 1 复盘反馈（英文）', 'Reported in time.'],
      ['选项 2 内容（中文）', '等事情平息后再说'],
      ['选项 2 内容（英文）', 'Wait until it calms down'],
      ['选项 2 复盘反馈（中文）', '延误上报。'],
      ['选项 2 复盘反馈（英文）', 'The report was late.'],
      ['未完成时的复盘反馈（中文）', '没有上报。'],
      ['未完成时的复盘反馈（英文）', 'Not reported.'],
    ];
    for (const [label, text] of texts) {
      await user.click(screen.getByLabelText(label));
      await user.paste(text);
    }
    await waitFor(() => expect(screen.getByText('没有错误，也没有质量提醒。')).toBeInTheDocument());
    expect(problems().getByText('未发现问题。')).toBeInTheDocument();
    const task = (kept().draft.tasks as Record<string, unknown>[])[1];
    expect(task).toMatchObject({ id: 'task-2', title: { 'zh-CN': '上报分行', en: 'Report to the city branch' }, deadline: 10 });
  }, 60_000);

  it('shows a reference error in Chinese and fixes it from the form it points to', async () => {
    const user = userEvent.setup();
    renderStudio();
    await user.click(screen.getByRole('button', { name: '从空白模板开始' }));
    await user.click(screen.getByRole('tab', { name: '角色' }));
    const id = screen.getByRole('textbox', { name: '编号' });
    await user.clear(id);
    await user.type(id, 'Lobby Manager');
    // a bad id, then every place naming the old id (tasks, injects) is an error
    expect(await problems().findByRole('button', { name: /编号只能用小写字母、数字和连字符/ })).toBeInTheDocument();
    await user.clear(id);
    await user.type(id, 'lobby');
    const broken = await problems().findAllByRole('button', { name: /“lobby-manager”不是本场景中的角色。/ });
    expect(broken.length).toBeGreaterThan(0);
    await user.click(broken[0] as HTMLElement);
    expect(screen.getByRole('tab', { name: '情景注入' })).toHaveAttribute('aria-selected', 'true');
    const to = screen.getByRole('group', { name: '接收方' });
    await user.click(within(to).getByRole('checkbox', { name: '大堂经理（lobby）' }));
    await user.click(within(to).getByRole('checkbox', { name: 'lobby-manager' }));
    await user.click(screen.getByRole('tab', { name: '任务' }));
    const roles = screen.getByRole('group', { name: '角色' });
    await user.click(within(roles).getByRole('checkbox', { name: '大堂经理（lobby）' }));
    await user.click(within(roles).getByRole('checkbox', { name: 'lobby-manager' }));
    await waitFor(() => expect(problems().getByText('未发现问题。')).toBeInTheDocument());
  });

  it('asks for format 2 when a format-2 field is used, at the format\'s own field', async () => {
    const user = userEvent.setup();
    renderStudio();
    await user.click(screen.getByRole('button', { name: '从空白模板开始' }));
    const format = screen.getByRole('combobox', { name: '格式版本' });
    await user.selectOptions(format, '未注明（按格式 1 读取）');
    const problem = await problems().findByRole('button', { name: '错误 格式版本：用到了格式 2 的功能，请把格式版本设为 2。' });
    await user.click(screen.getByRole('tab', { name: '角色' }));
    await user.click(problem);
    expect(screen.getByRole('combobox', { name: '格式版本' })).toHaveFocus();
    await user.selectOptions(screen.getByRole('combobox', { name: '格式版本' }), '格式 2（推荐）');
    await waitFor(() => expect(problems().getByText('未发现问题。')).toBeInTheDocument());
    // an emptied number is missing, in words
    await user.clear(screen.getByRole('spinbutton', { name: '预计时长（分钟）' }));
    expect(await problems().findByRole('button', { name: '错误 预计时长（分钟）：未填写。' })).toBeInTheDocument();
  });

  it('keeps the draft through a reload, saves it as a file, and starts over only when asked', async () => {
    const user = userEvent.setup();
    const first = renderStudio();
    await user.click(screen.getByRole('button', { name: '从空白模板开始' }));
    const title = screen.getByRole('textbox', { name: '标题（中文）' });
    await user.clear(title);
    await user.type(title, '柜面系统中断');
    first.unmount();

    renderStudio();
    expect(screen.getByRole('heading', { level: 2, name: '场景工作室：柜面系统中断' })).toBeInTheDocument();

    let saved: Blob | null = null;
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => ((saved = b), 'blob:draft'), revokeObjectURL: () => undefined }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('new-drill.json');
    });
    await user.click(screen.getByRole('button', { name: '保存为文件' }));
    expect(click).toHaveBeenCalledOnce();
    expect(screen.getByText(/已保存为 new-drill\.json。/)).toBeInTheDocument();
    const file = JSON.parse(await (saved as unknown as Blob).text()) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 2, id: 'new-drill', title: { 'zh-CN': '柜面系统中断', en: 'New drill' } });
    click.mockRestore();

    await user.click(screen.getByRole('button', { name: '重新开始' }));
    const dialog = screen.getByRole('dialog', { name: '放弃当前草稿，重新开始？' });
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(kept()).not.toBeNull();
    await user.click(screen.getByRole('button', { name: '重新开始' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '放弃草稿' }));
    expect(screen.getByRole('button', { name: '从空白模板开始' })).toBeInTheDocument();
    expect(localStorage.getItem(DRAFT_KEY)).toBeNull();
  });

  it('opens a file as a draft, and says so in Chinese when it is not JSON', async () => {
    const user = userEvent.setup();
    renderStudio();
    const input = screen.getByLabelText('选择场景文件');
    await user.upload(input, new File(['{ not json'], 'broken.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('文件不是有效的 JSON。');
    await user.upload(input, new File([JSON.stringify({ id: 'from-file', title: { 'zh-CN': '文件中的演练', en: 'From a file' } })], 'mine.json', { type: 'application/json' }));
    expect(await screen.findByRole('heading', { level: 2, name: '场景工作室：文件中的演练' })).toBeInTheDocument();
    expect(problems().getAllByRole('listitem').length).toBeGreaterThan(5);
    expect(problems().getByRole('button', { name: '错误 版本：未填写。' })).toBeInTheDocument();
  });

  it('tries the draft with every automatic player and shows their totals beside the targets', async () => {
    const user = userEvent.setup();
    renderStudio();
    await user.click(screen.getByRole('button', { name: '从空白模板开始' }));
    await user.click(screen.getByRole('tab', { name: '试演' }));
    await user.click(screen.getByRole('button', { name: '运行自动玩家' }));
    const table = await screen.findByRole('table', { name: '各自动玩家的总分（三个随机种子）' }, { timeout: 20_000 });
    const ideal = within(table).getByRole('row', { name: /^理想团队/ });
    expect(within(ideal).getAllByRole('cell')[0]).toHaveTextContent(/^100 P$/);
    expect(within(ideal).getByText('不低于 85')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(7);
    expect(within(within(table).getByRole('row', { name: /^不作为/ })).getByText('达标')).toBeInTheDocument();
  });

  it('publishes to the drill server when signed in: blocked by an error, then the revision the server returns', async () => {
    const user = userEvent.setup();
    useAuth.setState({ status: 'signed-in', name: 'Wang' });
    const calls: { url: string; body: unknown }[] = [];
    const answers = [
      new Response(JSON.stringify({ problems: [{ path: '$.tasks[0] (first-response).title.en', message: 'is missing' }] }), { status: 400 }),
      new Response(JSON.stringify({ error: 'shipped' }), { status: 409 }),
      new Response(JSON.stringify({ id: 'new-drill', revision: 3 }), { status: 201 }),
    ];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        calls.push({ url, body: JSON.parse(String(init.body)) });
        return answers.shift() ?? new Response('', { status: 500 });
      }),
    );
    renderStudio();
    await user.click(screen.getByRole('button', { name: '从空白模板开始' }));
    const publish = screen.getByRole('button', { name: '发布到演练库' });
    // an error blocks publishing
    await user.clear(screen.getByRole('textbox', { name: '版本' }));
    expect(publish).toBeDisabled();
    expect(publish).toHaveAccessibleDescription(/还有 1 个错误/);
    await user.type(screen.getByRole('textbox', { name: '版本' }), '1.1.0');
    await waitFor(() => expect(publish).toBeEnabled());

    await user.click(publish);
    expect(await screen.findByText('服务器发现以下问题，未发布：')).toBeInTheDocument();
    expect(screen.getByText('任务 › 第 1 项 首次响应 › 标题 › 英文：未填写。')).toBeInTheDocument();
    await user.click(publish);
    expect(await screen.findByText(/该编号属于内置场景，不能覆盖/)).toBeInTheDocument();
    await user.click(publish);
    expect(await screen.findByText(/已发布：new-drill 第 3 版。/)).toBeInTheDocument();
    expect(calls).toHaveLength(3);
    expect(calls[2]).toMatchObject({ url: '/api/scenarios', body: { id: 'new-drill', version: '1.1.0', format: 2 } });
    expect(kept().published).toEqual({ id: 'new-drill', revision: 3 });
  });

  it('starts from a revision of the bank\'s own scenario on the server', async () => {
    const user = userEvent.setup();
    useAuth.setState({ status: 'signed-in', name: 'Wang' });
    const bankDraft = { ...blankScenario(), id: 'bank-outage', title: { 'zh-CN': '本行停电演练', en: 'Our power cut drill' } };
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        asked.push(url);
        if (url === '/api/scenarios')
          return new Response(
            JSON.stringify([
              { id: 'group-complaint', source: 'shipped', revision: 1, title: { 'zh-CN': '群体性投诉', en: 'Group complaint' } },
              { id: 'bank-outage', source: 'bank', revision: 2, title: bankDraft.title },
            ]),
            { status: 200 },
          );
        if (url === '/api/scenarios/bank-outage/revisions/2') return new Response(JSON.stringify(bankDraft), { status: 200 });
        return new Response('', { status: 404 });
      }),
    );
    renderStudio();
    const bank = await screen.findByRole('article', { name: '本行已发布的场景' });
    await user.click(await within(bank).findByRole('button', { name: '本行停电演练（第 2 版）' }));
    expect(await screen.findByRole('heading', { level: 2, name: '场景工作室：本行停电演练' })).toBeInTheDocument();
    expect(screen.getByText('已发布：bank-outage 第 2 版。')).toBeInTheDocument();
    expect(asked).toEqual(['/api/scenarios', '/api/scenarios/bank-outage/revisions/2']);
    expect(kept()).toMatchObject({ draft: { id: 'bank-outage' }, published: { id: 'bank-outage', revision: 2 } });
    // edited, it still says which revision it came from
    await user.type(screen.getByRole('textbox', { name: '版本' }), '1');
    expect(kept()).toMatchObject({ draft: { version: '1.0.01' }, published: { id: 'bank-outage', revision: 2 } });
    expect(screen.getByText('已发布：bank-outage 第 2 版。')).toBeInTheDocument();
  });

  it('edits the draft as JSON for experts: a change that parses reaches the forms, and the validator\'s findings are marked in Chinese', async () => {
    const user = userEvent.setup();
    const { container } = renderStudio();
    await user.click(screen.getByRole('button', { name: '从空白模板开始' }));
    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    await screen.findByRole('heading', { name: 'JSON（专家）' });
    const host = container.querySelector('.json-editor');
    const content = await waitFor(() => {
      const found = host?.shadowRoot?.querySelector<HTMLElement>('.cm-content');
      if (!found) throw new Error('no editor yet');
      return found;
    });
    expect(content).toHaveAttribute('aria-label', '场景 JSON');
    const view = EditorView.findFromDOM(content);
    if (!view) throw new Error('no CodeMirror view');
    const draft = JSON.parse(view.state.doc.toString()) as Record<string, unknown>;
    expect(draft.id).toBe('new-drill');
    // a new title and a task naming a role that does not exist
    const next = { ...draft, title: { 'zh-CN': '网点断电', en: 'Power cut' }, tasks: [{ ...(draft.tasks as object[])[0], roles: ['nobody'] }] };
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: JSON.stringify(next, null, 2) } }));
    expect(await screen.findByRole('heading', { level: 2, name: '场景工作室：网点断电' })).toBeInTheDocument();
    expect(await problems().findByRole('button', { name: /“nobody”不是本场景中的角色。/ })).toBeInTheDocument();
    await act(async () => {
      forceLinting(view);
      await new Promise((r) => setTimeout(r, 50));
    });
    const marked: string[] = [];
    await waitFor(() => {
      marked.length = 0;
      forEachDiagnostic(view.state, (d) => marked.push(d.message));
      expect(marked).toContain('任务 › 第 1 项 首次响应 › 角色 › 第 1 项：“nobody”不是本场景中的角色。');
    });
    // text that is not JSON leaves the forms as they were
    act(() => view.dispatch({ changes: { from: 0, to: 1, insert: 'x' } }));
    await user.click(screen.getByRole('tab', { name: '基本信息' }));
    expect(screen.getByRole('textbox', { name: '标题（中文）' })).toHaveValue('网点断电');
  });

  it('starts from a shipped scenario, its inject variants and conditions in forms', async () => {
    const user = userEvent.setup();
    renderStudio();
    await user.click(await screen.findByRole('button', { name: '以“核心系统故障导致柜面和手机银行业务中断应急演练”为起点' }, { timeout: 20_000 }));
    expect(screen.getByRole('heading', { level: 2, name: '场景工作室：核心系统故障导致柜面和手机银行业务中断应急演练' })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: '情景注入' }));
    await user.click(screen.getByRole('button', { name: '12. 《安平晚报》记者来电' }));
    const variant = screen.getByRole('group', { name: '变体 1' });
    expect(within(variant).getByRole('textbox', { name: '变体 1 标题（中文）' })).toHaveValue('《安平晚报》记者来电追问');
    expect(within(variant).getByRole('combobox', { name: '条件类型' })).toHaveValue('done');
    expect(within(variant).getByRole('combobox', { name: '任务' })).toHaveValue('public-notice');
    // the variant's condition names another task: the draft stays valid
    await user.selectOptions(within(variant).getByRole('combobox', { name: '条件类型' }), 'fired');
    expect(within(variant).getByRole('combobox', { name: '情景注入' })).toBeInTheDocument();
    expect(screen.getByText(/^没有错误/)).toBeInTheDocument();
  }, 60_000);

  it('offers no publishing in the static build, and speaks English when asked', async () => {
    const user = userEvent.setup();
    renderStudio('en');
    await user.click(screen.getByRole('button', { name: 'Start from the blank template' }));
    expect(screen.queryByRole('button', { name: 'Publish to the library' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Title (Chinese)' })).toHaveValue('新演练');
    await user.click(screen.getByRole('tab', { name: 'Phases' }));
    await user.click(screen.getByRole('button', { name: '2. Assess' }));
    expect(screen.getByRole('textbox', { name: 'Title (English)' })).toHaveValue('Assess');
    await act(async () => undefined);
  });
});
