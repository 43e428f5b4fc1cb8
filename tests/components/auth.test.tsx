// @vitest-environment jsdom
/** Sign-in in the app: with a drill server, trainers' screens ask for it; participants' and the static build's do not. */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app/App';
import { useAuth } from '../../src/app/auth/auth';
import { createI18n } from '../../src/app/i18n';
import { checkScenarios } from '../../src/app/library/checkScenarios';
import { useUi } from '../../src/app/store/ui';
import { miniJson } from '../helpers/drill';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A drill server with one trainer, as far as the app can tell. */
function fakeServer() {
  let signedIn = false;
  const calls: string[] = [];
  const fetch = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (url === '/api/me') return signedIn ? json(200, { name: '王芳' }) : json(401, { error: 'sign in as a trainer first' });
    if (url === '/api/login') {
      const body = JSON.parse(String(init?.body)) as { name: string; password: string };
      if (body.name === '王芳' && body.password === 'correct horse battery') {
        signedIn = true;
        return json(200, { name: '王芳' });
      }
      return json(401, { error: 'wrong name or password' });
    }
    if (url === '/api/logout') {
      signedIn = false;
      return json(200, { ok: true });
    }
    if (url === '/api/sessions') return signedIn ? json(200, []) : json(401, { error: 'sign in as a trainer first' });
    if (url === '/api/first-trainer' && init?.method === 'POST') return json(403, { error: 'this link is not valid' });
    if (url === '/api/first-trainer') return json(200, { open: true });
    return json(404, { error: 'no API' });
  });
  vi.stubGlobal('fetch', fetch);
  return { calls };
}

function renderApp(hash = '#/') {
  window.location.hash = hash;
  const entries = checkScenarios({ '/scenarios/mini.json': miniJson() });
  return render(
    <I18nextProvider i18n={createI18n(useUi.getState().lang)}>
      <App entries={entries} />
    </I18nextProvider>,
  );
}

describe('trainer sign-in in the app', () => {
  beforeEach(() => {
    localStorage.clear();
    useAuth.setState({ status: 'unknown', name: null });
    useUi.setState({ lang: 'zh-CN' });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('asks for sign-in before the library, says what went wrong in Chinese, and signs out', async () => {
    fakeServer();
    renderApp();
    const form = await screen.findByRole('form', { name: '培训师登录' });
    expect(screen.queryByRole('heading', { name: '演练场景库' })).toBeNull();
    await userEvent.type(within(form).getByLabelText('姓名'), '王芳');
    await userEvent.type(within(form).getByLabelText('密码'), 'not the password');
    await userEvent.click(within(form).getByRole('button', { name: '登录' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('姓名或密码错误。');
    await userEvent.clear(within(form).getByLabelText('密码'));
    await userEvent.type(within(form).getByLabelText('密码'), 'correct horse battery');
    await userEvent.click(within(form).getByRole('button', { name: '登录' }));
    expect(await screen.findByRole('heading', { name: '演练场景库' })).toBeInTheDocument();
    expect(screen.getByLabelText('已登录的培训师')).toHaveTextContent('已登录：王芳');
    // with a server, the library offers participants' laptops and the history
    expect(screen.getByRole('link', { name: '历史记录' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '退出登录' }));
    expect(await screen.findByRole('form', { name: '培训师登录' })).toBeInTheDocument();
    expect(screen.queryByLabelText('已登录的培训师')).toBeNull();
  });

  it('shows the history only to a signed-in trainer, in English too', async () => {
    useUi.setState({ lang: 'en' });
    const { calls } = fakeServer();
    renderApp('#/history');
    expect(await screen.findByRole('form', { name: 'Trainer sign-in' })).toBeInTheDocument();
    expect(calls).not.toContain('GET /api/sessions');
  });

  it('lets participants join without signing in', async () => {
    fakeServer();
    renderApp('#/join');
    expect(await screen.findByRole('form', { name: '加入演练' })).toBeInTheDocument();
    await waitFor(() => expect(useAuth.getState().status).toBe('signed-out'));
    expect(screen.queryByRole('form', { name: '培训师登录' })).toBeNull();
  });

  it('creates the first trainer from the first-run link, checking the password twice', async () => {
    useUi.setState({ lang: 'en' });
    fakeServer();
    renderApp('#/first-trainer/some-code');
    const form = await screen.findByRole('form', { name: 'Create the first trainer account' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Wang');
    await userEvent.type(within(form).getByLabelText('New password'), 'short');
    await userEvent.type(within(form).getByLabelText('New password again'), 'short');
    await userEvent.click(within(form).getByRole('button', { name: 'Create and sign in' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('The password needs at least 10 characters.');
    await userEvent.type(within(form).getByLabelText('New password'), '-but-longer');
    await userEvent.click(within(form).getByRole('button', { name: 'Create and sign in' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('The two passwords differ.');
    await userEvent.type(within(form).getByLabelText('New password again'), '-but-longer');
    await userEvent.click(within(form).getByRole('button', { name: 'Create and sign in' }));
    expect(await within(form).findByText('This link is not valid. Use the one npm start printed most recently.')).toBeInTheDocument();
  });
});
