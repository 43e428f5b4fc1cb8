// @vitest-environment jsdom
/** The drill map component: cards render by name, marks are said in words, clicking or pressing Enter on a card selects it. */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { I18nextProvider } from 'react-i18next';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../src/app/i18n';
import type { ScenarioInput } from '../../src/engine';
import { DrillMap } from '../../src/studio/map/DrillMap';
import mapEn from '../../src/studio/locales/map.en.json';
import mapZh from '../../src/studio/locales/map.zh-CN.json';
import { format2Json } from '../helpers/drill';
import { layOutForReactFlow } from '../helpers/reactFlowDom';

beforeAll(layOutForReactFlow);

/** The first layout loads ELK (a large module) before the cards appear. */
const LAID_OUT = { timeout: 20_000 };

function renderMap(scenario: ScenarioInput, lang: 'en' | 'zh-CN', onSelect = vi.fn(), problems?: { id: string; severity: 'error' | 'warning' }[]) {
  const i18n = createI18n(lang);
  i18n.addResourceBundle('en', 'studio', mapEn, true, true);
  i18n.addResourceBundle('zh-CN', 'studio', mapZh, true, true);
  render(
    <I18nextProvider i18n={i18n}>
      <div style={{ width: 1200, height: 800 }}>
        <DrillMap scenario={scenario} lang={lang} onSelect={onSelect} problems={problems} />
      </div>
    </I18nextProvider>,
  );
  return onSelect;
}

describe('DrillMap', () => {
  it('renders every inject and task of a shipped scenario as a card named by its title', async () => {
    const s = JSON.parse(readFileSync('scenarios/service-outage.json', 'utf8')) as ScenarioInput;
    renderMap(s, 'zh-CN');
    const map = await screen.findByRole('region', { name: '演练地图' });
    await within(map).findByRole('button', { name: new RegExp(`^事件：${escape(s.injects[0]?.title['zh-CN'] ?? '')}`) }, LAID_OUT);
    const names = within(map)
      .getAllByRole('button')
      .map((b) => b.getAttribute('aria-label') ?? '');
    for (const inj of s.injects) expect(names.filter((n) => n.startsWith(`事件：${inj.title['zh-CN']}，`)), inj.id).toHaveLength(1);
    for (const task of s.tasks) expect(names.filter((n) => n.startsWith(`任务：${task.title['zh-CN']}，`)), task.id).toHaveLength(1);
    for (const phase of s.phases) expect(names.filter((n) => n === `阶段：${phase.title['zh-CN']}` || n.startsWith(`阶段：${phase.title['zh-CN']}，`)), phase.id).toHaveLength(1);
  });

  it('calls onSelect with the item when a card or a lane is clicked, or a card is chosen with the keyboard', async () => {
    const s = format2Json() as ScenarioInput;
    const onSelect = renderMap(s, 'en');
    const user = userEvent.setup();
    const crowd = s.injects.find((i) => i.id === 'crowd');
    await user.click(await screen.findByRole('button', { name: new RegExp(escape(crowd?.title.en ?? '')) }, LAID_OUT));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'inject', id: 'crowd' });
    const alert = s.tasks.find((t) => t.id === 'alert');
    await user.click(screen.getByRole('button', { name: new RegExp(escape(alert?.title.en ?? '')) }));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'task', id: 'alert' });
    await user.click(screen.getByRole('button', { name: new RegExp(`^Phase: ${escape(s.phases[1]?.title.en ?? '')}(, |$)`) }));
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'phase', id: 'assess' });
    const statement = screen.getByRole('button', { name: new RegExp(escape(s.tasks.find((t) => t.id === 'statement')?.title.en ?? '')) });
    statement.focus();
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith({ kind: 'task', id: 'statement' });
  });

  it('says in words which cards never fire and which have problems', async () => {
    const s = format2Json((x) => {
      x.injects.push({ ...structuredClone(x.injects[0]), id: 'ghost', trigger: { type: 'manual' }, effects: [], title: { 'zh-CN': '幽灵事件', en: 'Ghost inject' } });
    }) as ScenarioInput;
    renderMap(s, 'en', vi.fn(), [{ id: 'alert', severity: 'error' }]);
    const ghost = await screen.findByRole('button', { name: /Ghost inject/ }, LAID_OUT);
    expect(ghost).toHaveTextContent('Never fires');
    expect(ghost).toHaveAccessibleName(/Never fires/);
    const alert = screen.getByRole('button', { name: new RegExp(escape(s.tasks.find((t) => t.id === 'alert')?.title.en ?? '')) });
    expect(alert).toHaveTextContent('Error');
    const crowd = screen.getByRole('button', { name: new RegExp(escape(s.injects[0]?.title.en ?? '')) });
    expect(crowd).not.toHaveTextContent('Never fires');
    expect(crowd).not.toHaveTextContent('Error');
  });
});

describe('DrillMap on an incomplete draft', () => {
  it('says it cannot draw the map instead of failing', async () => {
    const s = { ...(format2Json() as ScenarioInput), injects: undefined } as unknown as ScenarioInput;
    renderMap(s, 'zh-CN');
    expect(await screen.findByText(/暂时无法绘制地图/)).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '演练地图' })).toHaveAttribute('aria-busy', 'false');
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
