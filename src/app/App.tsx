import { LazyMotion, MotionConfig } from 'motion/react';
import { Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { LANGS, type Scenario } from '../engine';
import { Library } from './library/Library';
import { loadBundledScenarios, type LibraryEntry } from './library/scenarios';
import { tokenKey } from './remote/tokens';
import { useServerAvailable } from './remote/serverAvailable';
import { RoomProvider, useRoom } from './room';
import {
  ConsoleView,
  DebriefView,
  HistoryView,
  JoinView,
  ProjectorWindow,
  RemoteConsole,
  RemoteDebrief,
  RemoteProjector,
  ReviewView,
  RoleView,
  SeatScreen,
  ServerReview,
  SetupView,
} from './routes';
import { selectLang, selectSetLang, useUi } from './store/ui';

const loadMotionFeatures = () => import('./motionFeatures').then((m) => m.default);

/** `entries`: the scenario library; without it the bundled scenarios load when the library is first needed. */
export function App({ entries }: { entries?: LibraryEntry[] }) {
  const { i18n } = useTranslation();
  const lang = useUi(selectLang);
  useEffect(() => {
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [i18n, lang]);
  return (
    // The animation features load after the first paint (not part of the first download), and
    // animations follow the viewer's prefers-reduced-motion setting.
    <LazyMotion features={loadMotionFeatures} strict>
      <MotionConfig reducedMotion="user">
        <Suspense fallback={<Loading />}>
          <Router hook={useHashLocation}>
            <Switch>
              <Route path="/projector">
                <ProjectorWindow />
              </Route>
              <Route path="/session/:id/projector">{(p) => <RemoteProjector sessionId={p.id} />}</Route>
              <Route>
                <RoomProvider>
                  <Shell entries={entries} />
                </RoomProvider>
              </Route>
            </Switch>
          </Router>
        </Suspense>
      </MotionConfig>
    </LazyMotion>
  );
}

function Loading() {
  const { t } = useTranslation();
  return <p role="status">{t('common.loading')}</p>;
}

function useScenarios(given?: LibraryEntry[]): LibraryEntry[] | null {
  const [loaded, setLoaded] = useState<LibraryEntry[] | null>(null);
  useEffect(() => {
    if (given) return;
    let live = true;
    void loadBundledScenarios().then((e) => live && setLoaded(e));
    return () => {
      live = false;
    };
  }, [given]);
  return given ?? loaded;
}

function Shell({ entries: given }: { entries?: LibraryEntry[] }) {
  const { t } = useTranslation();
  const entries = useScenarios(given) ?? [];
  const lang = useUi(selectLang);
  const setLang = useUi(selectSetLang);
  const { host, close } = useRoom();
  const server = useServerAvailable();
  const [, navigate] = useLocation();
  const runWithLaptops = async (scenario: Scenario) => {
    const res = await fetch('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: scenario.id }) });
    if (!res.ok) return;
    const created = (await res.json()) as { id: string; facilitatorToken: string; projectorToken: string };
    localStorage.setItem(tokenKey('facilitator', created.id), created.facilitatorToken);
    localStorage.setItem(tokenKey('projector', created.id), created.projectorToken);
    navigate(`/session/${created.id}/console`);
  };
  const scenarios = entries.flatMap((e) => (e.ok ? [e.scenario] : []));
  return (
    <div className="app">
      <header className="topbar no-print">
        <h1>
          <Link href="/">{t('app.name')}</Link> <small>{t('app.tagline')}</small>
        </h1>
        <nav aria-label={t('nav.library')}>
          <Link href="/">{t('nav.library')}</Link> <Link href="/review">{t('nav.review')}</Link>
          {server && <Link href="/history">{t('nav.history')}</Link>}
        </nav>
        <label>
          {t('lang.label')}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value as (typeof LANGS)[number])}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main>
        <Switch>
          <Route path="/">
            {host && (
              <p className="continue">
                {t('library.continue', { title: host.scenario.title[lang] })} <Link href="/console">{t('library.openConsole')}</Link>
              </p>
            )}
            <Library entries={entries} onRunWithLaptops={server ? runWithLaptops : undefined} />
          </Route>
          <Route path="/setup/:id">
            {(params) => {
              const scenario = scenarios.find((s) => s.id === params.id);
              return scenario ? <SetupView scenario={scenario} /> : <p role="alert">{t('library.notFound', { id: params.id })}</p>;
            }}
          </Route>
          <Route path="/console">{host ? <ConsoleView host={host} /> : <Redirect to="/" />}</Route>
          <Route path="/role/:role">{(params) => (host ? <RoleView host={host} role={params.role} /> : <Redirect to="/" />)}</Route>
          <Route path="/debrief">{host ? <DebriefView host={host} onClose={close} /> : <Redirect to="/" />}</Route>
          <Route path="/review">
            <ReviewView />
          </Route>
          <Route path="/history">
            <HistoryView />
          </Route>
          <Route path="/session/:id/review">{(p) => <ServerReview sessionId={p.id} />}</Route>
          <Route path="/join">
            <JoinView />
          </Route>
          <Route path="/join/:code">{(p) => <JoinView code={p.code} />}</Route>
          <Route path="/session/:id/console">{(p) => <RemoteConsole sessionId={p.id} />}</Route>
          <Route path="/session/:id/debrief">{(p) => <RemoteDebrief sessionId={p.id} />}</Route>
          <Route path="/session/:id/seat">{(p) => <SeatScreen sessionId={p.id} />}</Route>
          <Route>
            <Redirect to="/" />
          </Route>
        </Switch>
      </main>
    </div>
  );
}
