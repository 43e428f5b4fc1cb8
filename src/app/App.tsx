import { LazyMotion, MotionConfig } from 'motion/react';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { LANGS, type Scenario } from '../engine';
import { loadBundledScenarios, type LibraryEntry } from './library/scenarios';
import { selectServer, selectTrainerAllowed, useAuth } from './auth/auth';
import { ChangePassword, FirstTrainer, RequireTrainer, TrainerMenu } from './auth/SignIn';
import { keepVenueProjectors, tokenKey, type VenueProjector } from './remote/tokens';
import { RoomProvider, useRoom } from './room';
import {
  ConsoleView,
  DebriefView,
  ExercisePage,
  HistoryView,
  JoinView,
  LibraryPage,
  NewExercise,
  ProjectorWindow,
  RemoteConsole,
  RemoteDebrief,
  RemoteEvaluator,
  RemoteProjector,
  ReviewView,
  RoleView,
  SeatScreen,
  ServerReview,
  SetupView,
  BrowserReview,
  Studio,
  StudioPlay,
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

/**
 * The bundled scenarios, and on a drill server the bank's published ones, loaded once `wanted`
 * (a screen that lists them is open, and the viewer may see them: a signed-in trainer, or the
 * static build). Participants' and projectors' screens never load them; the drill server
 * withholds them from anyone else.
 */
function useScenarios(given: LibraryEntry[] | undefined, wanted: boolean, server: boolean): LibraryEntry[] | null {
  const [shipped, setShipped] = useState<LibraryEntry[] | null>(null);
  const [bank, setBank] = useState<LibraryEntry[]>([]);
  useEffect(() => {
    if (given || !wanted || shipped) return;
    let live = true;
    loadBundledScenarios().then(
      (e) => live && setShipped(e),
      () => undefined, // not served (signed out meanwhile): the sign-in form is shown instead
    );
    return () => {
      live = false;
    };
  }, [given, wanted, shipped]);
  // The bank's list is asked again each time the library opens: a scenario published in the studio meanwhile appears.
  useEffect(() => {
    if (given || !wanted || !server) return;
    let live = true;
    void import('./library/bank').then((m) => m.loadBankEntries()).then((e) => live && setBank(e));
    return () => {
      live = false;
    };
  }, [given, wanted, server]);
  return useMemo(() => given ?? (shipped && [...shipped, ...bank]), [given, shipped, bank]);
}

function Shell({ entries: given }: { entries?: LibraryEntry[] }) {
  const { t } = useTranslation();
  const [location, navigate] = useLocation();
  const checkAuth = useAuth((s) => s.check);
  useEffect(() => {
    void checkAuth();
  }, [checkAuth]);
  const server = useAuth(selectServer);
  const allowed = useAuth(selectTrainerAllowed);
  const entries = useScenarios(given, allowed && (location === '/' || location.startsWith('/setup/') || location.startsWith('/exercise/new')), server) ?? [];
  const lang = useUi(selectLang);
  const setLang = useUi(selectSetLang);
  const { host, restoring, close } = useRoom();
  const runWithLaptops = async (scenario: Scenario) => {
    // a bank scenario runs at the revision the library shows (the drill records it)
    const revision = entries.find((e) => e.ok && e.scenario === scenario)?.bank?.revision;
    const res = await fetch('/api/sessions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: scenario.id, ...(revision ? { revision } : {}) }) });
    if (res.status === 401) return void checkAuth(); // the sign-in ended: the sign-in form appears
    if (!res.ok) return;
    const created = (await res.json()) as { id: string; facilitatorToken: string; projectorToken: string; projectors?: VenueProjector[] };
    localStorage.setItem(tokenKey('facilitator', created.id), created.facilitatorToken);
    localStorage.setItem(tokenKey('projector', created.id), created.projectorToken);
    if (created.projectors?.length) keepVenueProjectors(created.id, created.projectors);
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
          <Link href="/history">{t('nav.history')}</Link>
        </nav>
        <TrainerMenu />
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
            <RequireTrainer>
              <LibraryPage entries={entries} onRunWithLaptops={server ? runWithLaptops : undefined} />
            </RequireTrainer>
          </Route>
          <Route path="/setup/:id">
            {(params) => {
              const scenario = scenarios.find((s) => s.id === params.id);
              return <RequireTrainer>{scenario ? <SetupView scenario={scenario} /> : entries.length > 0 && <p role="alert">{t('library.notFound', { id: params.id })}</p>}</RequireTrainer>;
            }}
          </Route>
          <Route path="/console">
            <RequireTrainer>{host ? <ConsoleView host={host} /> : restoring ? null : <Redirect to="/" />}</RequireTrainer>
          </Route>
          <Route path="/role/:role">{(params) => <RequireTrainer>{host ? <RoleView host={host} role={params.role} /> : restoring ? null : <Redirect to="/" />}</RequireTrainer>}</Route>
          <Route path="/debrief">
            <RequireTrainer>{host ? <DebriefView host={host} onClose={close} /> : restoring ? null : <Redirect to="/" />}</RequireTrainer>
          </Route>
          <Route path="/review">
            <ReviewView />
          </Route>
          <Route path="/history">
            <RequireTrainer>
              <HistoryView />
            </RequireTrainer>
          </Route>
          <Route path="/history/browser/:id">
            {(p) => (
              <RequireTrainer>
                <BrowserReview drillId={p.id} />
              </RequireTrainer>
            )}
          </Route>
          <Route path="/session/:id/review">
            {(p) => (
              <RequireTrainer>
                <ServerReview sessionId={p.id} />
              </RequireTrainer>
            )}
          </Route>
          <Route path="/studio">
            <RequireTrainer>
              <Studio />
            </RequireTrainer>
          </Route>
          <Route path="/studio/play">
            <RequireTrainer>
              <StudioPlay />
            </RequireTrainer>
          </Route>
          <Route path="/exercise/new">
            <RequireTrainer>
              <NewExercise entries={entries} />
            </RequireTrainer>
          </Route>
          <Route path="/exercise/new/:scenario">
            {(p) => (
              <RequireTrainer>
                <NewExercise entries={entries} scenarioId={p.scenario} />
              </RequireTrainer>
            )}
          </Route>
          <Route path="/exercise/:id">
            {(p) => (
              <RequireTrainer>
                <ExercisePage id={p.id} />
              </RequireTrainer>
            )}
          </Route>
          <Route path="/first-trainer/:code">{(p) => <FirstTrainer code={p.code} />}</Route>
          <Route path="/password">
            <RequireTrainer>
              <ChangePassword />
            </RequireTrainer>
          </Route>
          <Route path="/join">
            <JoinView />
          </Route>
          <Route path="/join/:code">{(p) => <JoinView code={p.code} />}</Route>
          <Route path="/session/:id/console">
            {(p) => (
              <RequireTrainer>
                <RemoteConsole sessionId={p.id} />
              </RequireTrainer>
            )}
          </Route>
          {/* An evaluator comes by the link the facilitator gave: the token is the access, no trainer sign-in. */}
          <Route path="/session/:id/evaluate">{(p) => <RemoteEvaluator sessionId={p.id} />}</Route>
          <Route path="/session/:id/debrief">
            {(p) => (
              <RequireTrainer>
                <RemoteDebrief sessionId={p.id} />
              </RequireTrainer>
            )}
          </Route>
          <Route path="/session/:id/seat">{(p) => <SeatScreen sessionId={p.id} />}</Route>
          <Route>
            <Redirect to="/" />
          </Route>
        </Switch>
      </main>
    </div>
  );
}
