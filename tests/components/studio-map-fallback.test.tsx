// @vitest-environment jsdom
/** When the drill map cannot be drawn at all (its chunk or React Flow fails), the map tab lists every item of each phase instead, each still opening its form. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../src/app/i18n';
import { addStudioWords } from '../../src/app/studio/i18n';
import { MapTab } from '../../src/app/studio/MapTab';
import { setAt } from '../../src/app/studio/paths';
import { blankScenario } from '../../src/app/studio/template';
import { checkDraft } from '../../src/app/studio/check';

vi.mock('../../src/studio/map/DrillMap', () => ({
  DrillMap: () => {
    throw new Error('React Flow could not start');
  },
}));

describe('the map tab without a map', () => {
  it('lists the injects and tasks by phase, marks those with a problem, and a click selects the item', async () => {
    const i18n = createI18n('zh-CN');
    addStudioWords(i18n);
    const draft = setAt(blankScenario(), ['tasks', 0, 'roles'], ['nobody']);
    const onSelect = vi.fn();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <I18nextProvider i18n={i18n}>
        <MapTab draft={draft} lang="zh-CN" onSelect={onSelect} problems={checkDraft(draft).problems} />
      </I18nextProvider>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('地图无法显示');
    quiet.mockRestore();
    const report = screen.getByRole('region', { name: '1. 报告' });
    await userEvent.click(within(report).getByRole('button', { name: '客户到厅反映问题' }));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'inject', id: 'first-report' });
    await userEvent.click(within(report).getByRole('button', { name: '首次响应 · 有问题' }));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'task', id: 'first-response' });
    await userEvent.click(screen.getByRole('button', { name: '2. 研判' }));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'phase', id: 'assess' });
  });
});
