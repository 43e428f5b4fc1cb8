// @vitest-environment jsdom
/**
 * The studio's map and MSEL tabs: the drill map drawn from the draft, its problems on their cards,
 * a card opening its form; the MSEL exported as XLSX and CSV, and a sheet imported through a
 * preview of its rows and their errors by cell, changing nothing until applied.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuth } from '../../src/app/auth/auth';
import { createI18n } from '../../src/app/i18n';
import { DRAFT_KEY } from '../../src/app/studio/keep';
import { Studio } from '../../src/app/studio/StudioView';
import { setAt } from '../../src/app/studio/paths';
import { blankScenario } from '../../src/app/studio/template';
import type { ScenarioInput } from '../../src/engine';
import { readCsv, readXlsx } from '../../src/studio/msel';
import { layOutForReactFlow } from '../helpers/reactFlowDom';

/** The first layout loads ELK (a large module) before the cards appear. */
const LAID_OUT = { timeout: 20_000 };

beforeAll(layOutForReactFlow);

function renderStudio(draft: unknown, lang: 'zh-CN' | 'en' = 'zh-CN') {
  localStorage.setItem(DRAFT_KEY, JSON.stringify({ draft }));
  const location = memoryLocation({ path: '/studio', record: true });
  return render(
    <I18nextProvider i18n={createI18n(lang)}>
      <Router hook={location.hook}>
        <Studio />
      </Router>
    </I18nextProvider>,
  );
}

const kept = () => (JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as { draft: ScenarioInput }).draft;

/** Catches what the tab downloads: the blob and the file name. */
function catchDownloads() {
  const files: { name: string; blob: Blob }[] = [];
  let last: Blob | null = null;
  vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: (b: Blob) => ((last = b), 'blob:msel'), revokeObjectURL: () => undefined }));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (last) files.push({ name: this.download, blob: last });
  });
  return files;
}

const SHEET_ZH = [
  '时间,阶段,渠道,发送方,接收方,标题,内容,预期行动',
  '05:00,信息报告,电话,客户,大堂经理,客户来电投诉,客户在电话中说柜台无法办理业务。,记录诉求并安抚客户',
  '10:00,研判评估,传真,客户,大堂经理,传真投诉,客户发来传真。,',
  '12:00,研判评估,热线,媒体记者,大堂经理,记者来电求证,一位记者打来热线询问情况。,统一口径',
].join('\r\n');

beforeEach(() => {
  localStorage.clear();
  useAuth.setState({ status: 'static', name: null });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the studio\'s map tab', () => {
  it('draws the draft as a map, marks the studio\'s problems on their cards, and a card opens its form', async () => {
    const user = userEvent.setup();
    // a task given to a role the draft does not have: an error the validator finds in tasks[0]
    renderStudio(setAt(blankScenario(), ['tasks', 0, 'roles'], ['nobody']));
    await user.click(screen.getByRole('tab', { name: '流程图' }));
    const map = await screen.findByRole('region', { name: '演练地图' });
    const task = await within(map).findByRole('button', { name: /^任务：首次响应，/ }, LAID_OUT);
    expect(task).toHaveAccessibleName(/，错误$/);
    expect(task).toHaveTextContent('错误');
    const inject = within(map).getByRole('button', { name: /^事件：客户到厅反映问题，/ });
    expect(inject).not.toHaveAccessibleName(/错误/);
    // each lane says its phase and its timebox, as it shows them
    for (const phase of ['报告', '研判', '升级', '处置']) expect(within(map).getByRole('button', { name: `阶段：${phase}，15:00` })).toBeInTheDocument();

    await user.click(inject);
    expect(screen.getByRole('tab', { name: '情景注入' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('textbox', { name: '标题（中文）' })).toHaveValue('客户到厅反映问题');

    await user.click(screen.getByRole('tab', { name: '流程图' }));
    await user.click(await screen.findByRole('button', { name: /^任务：首次响应，/ }, LAID_OUT));
    expect(screen.getByRole('tab', { name: '任务' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('textbox', { name: '标题（中文）' })).toHaveValue('首次响应');
    // back on the map, the card last opened is the one outlined
    await user.click(screen.getByRole('tab', { name: '流程图' }));
    expect(await screen.findByRole('button', { name: /^任务：首次响应，/ }, LAID_OUT)).toHaveAttribute('aria-pressed', 'true');
  }, 40_000);

  it('speaks English on an English screen', async () => {
    const user = userEvent.setup();
    renderStudio(blankScenario(), 'en');
    await user.click(screen.getByRole('tab', { name: 'Map' }));
    const map = await screen.findByRole('region', { name: 'Map of the drill' });
    expect(await within(map).findByRole('button', { name: /^Inject: A customer comes in with a complaint, / }, LAID_OUT)).toBeInTheDocument();
    expect(map.textContent).not.toMatch(/[\u3400-\u9fff]/);
  }, 40_000);
});

describe('the studio\'s MSEL tab', () => {
  it('exports the draft\'s MSEL as XLSX and CSV, named by the scenario and the sheet\'s language', async () => {
    const user = userEvent.setup();
    const files = catchDownloads();
    renderStudio(blankScenario());
    await user.click(screen.getByRole('tab', { name: '事件清单' }));
    const current = screen.getByRole('table', { name: '共 1 条情景注入' });
    expect(within(current).getByRole('rowheader', { name: '客户到厅反映问题' })).toBeInTheDocument();
    expect(within(current).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['时间', '阶段', '渠道', '发送方', '接收方', '标题', '预期行动']);

    await user.click(screen.getByRole('button', { name: '导出 Excel（XLSX）' }));
    await screen.findByText('已导出 new-drill-msel-zh-CN.xlsx。');
    expect(files.map((f) => f.name)).toEqual(['new-drill-msel-zh-CN.xlsx']);
    const xlsx = await readXlsx(new Uint8Array(await (files[0] as { blob: Blob }).blob.arrayBuffer()));
    if (!xlsx.ok) throw new Error('the exported XLSX does not read back');
    expect(xlsx.grid.rows[0]).toEqual(expect.arrayContaining(['时间', '阶段', '渠道', '发送方', '接收方', '标题', '内容', '预期行动']));
    expect(xlsx.grid.rows[1]).toEqual(expect.arrayContaining(['first-report', '信息报告', '现场到访', '客户到厅反映问题']));

    await user.selectOptions(screen.getByRole('combobox', { name: '表格语言' }), '英文');
    await user.click(screen.getByRole('button', { name: '导出 CSV' }));
    await screen.findByText('已导出 new-drill-msel-en.csv。');
    const csv = await (files[1] as { blob: Blob }).blob.text();
    const read = readCsv(csv);
    if (!read.ok) throw new Error('the exported CSV does not read back');
    expect(read.grid.rows[0]).toEqual(expect.arrayContaining(['Time', 'Phase', 'Channel', 'From', 'To', 'Title', 'Content']));
    expect(read.grid.rows[1]).toEqual(expect.arrayContaining(['A customer comes in with a complaint']));
  });

  it('imports a sheet through a preview of its rows and their errors by cell, changing nothing until applied; an error holds back only its row', async () => {
    const user = userEvent.setup();
    renderStudio(blankScenario());
    await user.click(screen.getByRole('tab', { name: '事件清单' }));
    await user.upload(screen.getByLabelText('选择表格文件（XLSX 或 CSV）'), new File([SHEET_ZH], 'msel.csv', { type: 'text/csv' }));
    const preview = await screen.findByRole('table', { name: '导入预览：msel.csv' });
    const row = (n: number) => within(preview).getByRole('row', { name: new RegExp(`^第 ${n} 行 `) });
    expect(within(row(2)).getByRole('cell', { name: '新增' })).toBeInTheDocument();
    // the unknown channel is said in its cell, the unknown role in its own, both in Chinese
    expect(within(row(3)).getByRole('cell', { name: '跳过（有错误）' })).toBeInTheDocument();
    const fax = within(row(3)).getByRole('cell', { name: /^传真错误：渠道“传真”不存在/ });
    expect(fax).toHaveClass('msel-cell-error');
    expect(within(row(4)).getByRole('cell', { name: '媒体记者错误：角色“媒体记者”不在本场景的角色中。' })).toBeInTheDocument();
    expect(preview.textContent?.replace('msel.csv', '')).not.toMatch(/[A-Za-z]{3,}/);
    expect(screen.getByText(/^可导入：新增 1 条、更新 0 条情景注入，新增 0 个角色。 有 2 行存在错误，这些行不会导入/)).toBeInTheDocument();
    // nothing changed yet
    expect(kept().injects).toHaveLength(1);

    // a new role for the reporter: that row comes in too (with a reminder to complete the role)
    await user.click(screen.getByRole('checkbox', { name: '表中出现草稿没有的角色时，自动新增该角色' }));
    expect(within(row(4)).getByRole('cell', { name: '新增' })).toBeInTheDocument();
    expect(within(row(4)).getByRole('cell', { name: /^媒体记者提醒：已新增角色“媒体记者”/ })).toBeInTheDocument();
    expect(screen.getByText(/^可导入：新增 2 条、更新 0 条情景注入，新增 1 个角色。 有 1 行存在错误/)).toBeInTheDocument();
    expect(kept().injects).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: '应用到草稿' }));
    expect(screen.getByText('已导入：新增 2 条、更新 0 条情景注入。')).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: /^导入预览/ })).not.toBeInTheDocument();
    const draft = kept();
    expect(draft.injects.map((i) => i.title['zh-CN'])).toEqual(['客户到厅反映问题', '客户来电投诉', '记者来电求证']);
    expect(draft.roles.map((r) => r.name['zh-CN'])).toContain('媒体记者');
    expect(screen.getByRole('table', { name: '共 3 条情景注入' })).toBeInTheDocument();
  });

  it('discards an import, and blocks applying a sheet that lacks a required column', async () => {
    const user = userEvent.setup();
    renderStudio(blankScenario());
    await user.click(screen.getByRole('tab', { name: '事件清单' }));
    const input = screen.getByLabelText('选择表格文件（XLSX 或 CSV）');
    await user.upload(input, new File([SHEET_ZH], 'msel.csv', { type: 'text/csv' }));
    await screen.findByRole('table', { name: '导入预览：msel.csv' });
    await user.click(screen.getByRole('button', { name: '放弃导入' }));
    expect(screen.queryByRole('table', { name: /^导入预览/ })).not.toBeInTheDocument();
    expect(kept().injects).toHaveLength(1);

    const noContent = SHEET_ZH.split('\r\n')
      .map((line) => line.split(',').filter((_, i) => i !== 6).join(','))
      .join('\r\n');
    await user.upload(input, new File([noContent], 'short.csv', { type: 'text/csv' }));
    expect(await screen.findByText('错误：缺少“内容”列。')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '应用到草稿' })).toBeDisabled();
  });

  it('shows the preview in English on an English screen', async () => {
    const user = userEvent.setup();
    renderStudio(blankScenario(), 'en');
    await user.click(screen.getByRole('tab', { name: 'MSEL' }));
    await user.upload(screen.getByLabelText('Choose a sheet (XLSX or CSV)'), new File([SHEET_ZH], 'msel.csv', { type: 'text/csv' }));
    const preview = await screen.findByRole('table', { name: 'Import preview: msel.csv' });
    expect(within(preview).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Row', 'Result', 'Time', 'Phase', 'Channel', 'From', 'To', 'Title', 'Content', 'Expected action', 'Other problems']);
    const row3 = within(preview).getByRole('row', { name: /^Row 3 / });
    expect(within(row3).getByRole('cell', { name: /^传真Error: / })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Apply to the draft' })).toBeEnabled();
    await waitFor(() => expect(kept().injects).toHaveLength(1));
  });
});
