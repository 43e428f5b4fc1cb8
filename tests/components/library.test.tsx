// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { useAuth } from '../../src/app/auth/auth';
import { createI18n } from '../../src/app/i18n';
import { loadBankEntries } from '../../src/app/library/bank';
import { checkScenarios } from '../../src/app/library/checkScenarios';
import { Library } from '../../src/app/library/Library';
import { loadBundledScenarios } from '../../src/app/library/scenarios';
import { useUi } from '../../src/app/store/ui';
import { miniJson } from '../helpers/drill';

/** Renders the app as the static build (no drill server answers, so no sign-in) once it has looked for a server. */
async function renderApp() {
  const entries = checkScenarios({
    '/scenarios/mini.json': miniJson(),
    '/scenarios/broken.json': miniJson((s) => delete s.title),
    '/scenarios/schema.json': {},
  });
  const result = render(
    <I18nextProvider i18n={createI18n(useUi.getState().lang)}>
      <App entries={entries} />
    </I18nextProvider>,
  );
  await waitFor(() => expect(useAuth.getState().status).toBe('static'));
  // the library's page is its own chunk (participants' laptops never load it)
  await screen.findByRole('heading', { name: useUi.getState().lang === 'en' ? 'Scenario library' : '演练场景库' });
  return result;
}

describe('scenario library', () => {
  beforeEach(() => {
    useAuth.setState({ status: 'unknown', name: null });
    localStorage.clear();
    useUi.setState({ lang: 'zh-CN' });
  });

  it('speaks Simplified Chinese by default and shows each scenario\'s facts', async () => {
    await renderApp();
    expect(screen.getByRole('heading', { name: '演练场景库' })).toBeInTheDocument();
    const card = screen.getByRole('article', { name: '小型演练' });
    expect(within(card).getByText('群体性投诉')).toBeInTheDocument();
    expect(within(card).getByText('30分钟')).toBeInTheDocument();
    expect(within(card).getByText('大堂经理、支行行长')).toBeInTheDocument();
    expect(within(card).getByRole('heading', { name: '演练目标' })).toBeInTheDocument();
  });

  it('says which bundled file is broken and where, instead of hiding it', async () => {
    await renderApp();
    expect(screen.getByRole('alert')).toHaveTextContent('broken.json 无法使用：$.title：is missing');
    expect(screen.getAllByRole('article')).toHaveLength(1);
  });

  it('switches to English and remembers the choice', async () => {
    await renderApp();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: '语言' }), 'English');
    expect(screen.getByRole('heading', { name: 'Scenario library' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Mini drill' })).toHaveTextContent('Group complaint');
    expect(JSON.parse(localStorage.getItem('drillroom.ui') ?? '{}')).toMatchObject({ state: { lang: 'en' } });
  });
});

describe('bundled scenarios', () => {
  it('are all valid', async () => {
    const entries = await loadBundledScenarios();
    expect(entries.filter((e) => !e.ok)).toEqual([]);
  });
});

describe("the bank's own scenarios in the library", () => {
  beforeEach(() => useUi.setState({ lang: 'zh-CN' }));

  it('lists each published scenario at its latest revision, checked like the shipped ones, and a broken one says so', async () => {
    const published = miniJson((s) => {
      s.id = 'bank-drill';
      s.title = { 'zh-CN': '本行自编演练', en: 'Our own drill' };
    });
    const broken = miniJson((s) => {
      s.id = 'bank-broken';
      delete s.summary;
    });
    const asked: string[] = [];
    const fetcher = (async (url: string) => {
      asked.push(url);
      const body =
        url === '/api/scenarios'
          ? [{ id: 'mini', source: 'shipped' }, { id: 'bank-drill', source: 'bank', revision: 3 }, { id: 'bank-broken', source: 'bank', revision: 1 }]
          : url.endsWith('/bank-drill/revisions/3')
            ? published
            : url.endsWith('/bank-broken/revisions/1')
              ? broken
              : null;
      return new Response(JSON.stringify(body), { status: body ? 200 : 404 });
    }) as typeof fetch;
    const entries = await loadBankEntries(fetcher);
    expect(asked).toEqual(['/api/scenarios', '/api/scenarios/bank-drill/revisions/3', '/api/scenarios/bank-broken/revisions/1']);
    expect(entries.map((e) => [e.ok, e.bank?.revision])).toEqual([
      [true, 3],
      [false, 1],
    ]);
    render(
      <I18nextProvider i18n={createI18n('zh-CN')}>
        <Library entries={[...checkScenarios({ '/scenarios/mini.json': miniJson() }), ...entries]} />
      </I18nextProvider>,
    );
    const card = screen.getByRole('article', { name: '本行自编演练' });
    expect(within(card).getByText('本行自编场景 · 第3版')).toBeInTheDocument();
    expect(within(screen.getByRole('article', { name: '小型演练' })).queryByText(/本行自编场景/)).toBeNull();
    expect(screen.getByRole('alert')).toHaveTextContent('bank-broken.json');
  });

  it('shows none when the server does not answer', async () => {
    expect(await loadBankEntries((async () => new Response('no', { status: 502 })) as typeof fetch)).toEqual([]);
  });
});
