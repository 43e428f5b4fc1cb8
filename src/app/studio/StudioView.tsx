/**
 * The scenario studio (#/studio): a trainer builds and tests a drill in forms in their own
 * language, from the blank template, a shipped scenario or a file. The draft is checked live by
 * the project's own validator and quality check (every problem listed, linked to its field),
 * kept in this browser, saved as a file, tried with the automatic players and played at once on
 * this laptop; on a drill server it is published to the bank's library.
 */
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { PHASES, type Issue, type Lang, type Scenario } from '../../engine';
import { selectServer, useAuth } from '../auth/auth';
import { Dialog } from '../components/Dialog';
import { loadBundledScenarios, type LibraryEntry } from '../library/scenarios';
import { checkDraft, hasErrors, type Problem } from './check';
import { Ctx, useStudioT, type StudioContext } from './context';
import { InjectsForm, MetaForm, PhasesForm, RolesForm, RubricForm, TasksForm } from './forms';
import { addStudioWords } from './i18n';
import { keep, loadKept, openDraftFile, saveDraftFile, type Kept, type Opened, type Published } from './keep';
import { listBankScenarios, loadBankRevision, type BankScenario } from '../library/bank';
import { MapTab, type MapSelection } from './MapTab';
import { MselTab } from './MselTab';
import { getAt, parsePath, pathText, setAt, type Path } from './paths';
import { problemKey, problemMessage, problemPlace } from './problemText';
import { publishScenario, type PublishResult } from './publish';
import { blankScenario } from './template';
import { TryTab } from './TryTab';
import './studio.css';

const JsonTab = lazy(() => import('./JsonTab'));

const TABS = ['meta', 'roles', 'phases', 'injects', 'tasks', 'rubric', 'try', 'map', 'msel', 'json'] as const;
type Tab = (typeof TABS)[number];
const FORM_OF: Record<string, Tab> = { roles: 'roles', phases: 'phases', injects: 'injects', tasks: 'tasks', rubric: 'rubric', observations: 'rubric' };
const tabOf = (path: Path): Tab => FORM_OF[String(path[0])] ?? 'meta';

/** The studio, with its words added to the app's i18next instance (its own chunk: no one else downloads them). */
export function Studio() {
  const { i18n } = useTranslation();
  const [ready] = useState(() => (addStudioWords(i18n), true));
  return ready ? <StudioView /> : null;
}

function StudioView() {
  const { t: ts, i18n } = useStudioT();
  const lang = (i18n.language === 'en' ? 'en' : 'zh-CN') as Lang;
  const [kept, setKept] = useState<Kept | null>(() => loadKept());
  const [storeFailed, setStoreFailed] = useState(false);
  const [restarting, setRestarting] = useState(false);
  const update = useCallback((next: Kept | null) => {
    setKept(next);
    setStoreFailed(!keep(next));
  }, []);
  if (!kept) return <StartScreen lang={lang} onStart={(draft, published) => update(published ? { draft, published } : { draft })} />;
  return (
    <>
      {storeFailed && <p role="alert">{ts('keep.failed')}</p>}
      <Editor kept={kept} lang={lang} onChange={update} onRestart={() => setRestarting(true)} />
      {restarting && (
        <Dialog title={ts('start.againTitle')} onClose={() => setRestarting(false)}>
          <p>{ts('start.againWarning')}</p>
          <div className="dialog-actions">
            <button type="button" data-autofocus onClick={() => setRestarting(false)}>
              {ts('common.cancel')}
            </button>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => {
                setRestarting(false);
                update(null);
              }}
            >
              {ts('start.againConfirm')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

/** Where a new draft starts: the blank template, a shipped scenario, or a file. */
function StartScreen({ lang, onStart }: { lang: Lang; onStart: (draft: unknown, published?: Published) => void }) {
  const { t: ts } = useStudioT();
  const server = useAuth(selectServer);
  const [shipped, setShipped] = useState<LibraryEntry[] | null>(null);
  const [bank, setBank] = useState<BankScenario[] | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [bankProblem, setBankProblem] = useState(false);
  useEffect(() => {
    let live = true;
    loadBundledScenarios().then(
      (e) => live && setShipped(e),
      () => live && setShipped([]),
    );
    if (server) void listBankScenarios().then((list) => live && setBank(list ?? []));
    return () => {
      live = false;
    };
  }, [server]);
  const fromBank = async (b: BankScenario) => {
    const draft = await loadBankRevision(b.id, b.revision);
    if (draft) onStart(draft, { id: b.id, revision: b.revision });
    else setBankProblem(true);
  };
  const open = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    const opened: Opened = await openDraftFile(file);
    if (opened.ok) onStart(opened.draft);
    else setFileProblem(ts(`file.${opened.problem.code}`, { defaultValue: ts('file.notJson') }));
  };
  return (
    <section aria-labelledby="studio-title" className="studio-start">
      <h2 id="studio-title">{ts('title')}</h2>
      <p>{ts('start.intro')}</p>
      <div className="cards">
        <article className="card" aria-labelledby="start-blank">
          <h3 id="start-blank">{ts('start.blankTitle')}</h3>
          <p>{ts('start.blankHint')}</p>
          <button type="button" className="primary" onClick={() => onStart(blankScenario())}>
            {ts('start.blank')}
          </button>
        </article>
        <article className="card" aria-labelledby="start-file">
          <h3 id="start-file">{ts('start.fileTitle')}</h3>
          <p>{ts('start.fileHint')}</p>
          <label className="button">
            {ts('start.file')}
            <input type="file" accept="application/json,.json" className="studio-sr-only" onChange={(e) => void open(e)} />
          </label>
          {fileProblem && <p role="alert">{fileProblem}</p>}
        </article>
        {server && (
          <article className="card" aria-labelledby="start-bank">
            <h3 id="start-bank">{ts('start.bankTitle')}</h3>
            <p>{ts('start.bankHint')}</p>
            {bank === null ? (
              <p role="status">{ts('loading')}</p>
            ) : bank.length === 0 ? (
              <p>{ts('start.bankNone')}</p>
            ) : (
              <ul>
                {bank.map((b) => (
                  <li key={`${b.id}@${b.revision}`}>
                    <button type="button" onClick={() => void fromBank(b)}>
                      {ts('start.bankItem', { title: b.title?.[lang] ?? b.id, revision: b.revision })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {bankProblem && <p role="alert">{ts('start.bankFailed')}</p>}
          </article>
        )}
        <article className="card" aria-labelledby="start-shipped">
          <h3 id="start-shipped">{ts('start.shippedTitle')}</h3>
          <p>{ts('start.shippedHint')}</p>
          {shipped === null ? (
            <p role="status">{ts('loading')}</p>
          ) : (
            <ul>
              {shipped.flatMap((e) =>
                e.ok
                  ? [
                      <li key={e.file}>
                        <button type="button" onClick={() => onStart(structuredClone(e.scenario))} aria-label={ts('start.fromNamed', { title: e.scenario.title[lang] })}>
                          {e.scenario.title[lang]}
                        </button>
                      </li>,
                    ]
                  : [],
              )}
            </ul>
          )}
        </article>
      </div>
    </section>
  );
}

function Editor({ kept, lang, onChange, onRestart }: { kept: Kept; lang: Lang; onChange: (k: Kept) => void; onRestart: () => void }) {
  const { t: ts } = useStudioT();
  const [, navigate] = useLocation();
  const server = useAuth(selectServer);
  const [tab, setTab] = useState<Tab>('meta');
  const [selected, setSelected] = useState<Record<string, number>>({});
  const focusing = useRef<Path | null>(null);
  const [focusTick, setFocusTick] = useState(0);
  const [publishing, setPublishing] = useState<PublishResult | 'busy' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const draft = kept.draft;
  const checking = useDeferredValue(draft);
  const checked = useMemo(() => checkDraft(checking), [checking]);
  const errors = checked.problems.filter((p) => p.severity === 'error');
  const warnings = checked.problems.filter((p) => p.severity === 'warning');
  const blocked = hasErrors(checked) || checking !== draft;
  const scenario: Scenario | null = checking === draft && checked.compiled ? checked.compiled.scenario : null;

  const describe = useCallback((p: Problem) => `${problemPlace(ts, draft, p.path, lang)}${lang === 'zh-CN' ? '：' : ': '}${problemMessage(ts, p.message)}`, [ts, draft, lang]);
  const byPath = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of checked.problems) {
      const key = pathText(p.path);
      m.set(key, [...(m.get(key) ?? []), problemMessage(ts, p.message)]);
    }
    return m;
  }, [checked, ts]);

  // What was last published stays noted while the draft changes.
  const published = kept.published;
  const edit = useCallback((next: unknown) => onChange(published ? { draft: next, published } : { draft: next }), [onChange, published]);
  const set = useCallback((path: Path, value: unknown) => edit(setAt(draft, path, value)), [draft, edit]);
  const select = useCallback((list: string, index: number) => setSelected((s) => ({ ...s, [list]: index })), []);
  const context = useMemo<StudioContext>(() => ({ draft, set, lang, problemsAt: (p) => byPath.get(pathText(p)) ?? [], selected, select }), [draft, set, lang, byPath, selected, select]);

  /** Opens the form a path belongs to, then focuses its field (or the nearest one holding it). */
  const goTo = (path: Path) => {
    const next = tabOf(path);
    setTab(next);
    if (next !== 'meta' && typeof path[1] === 'number') select(String(path[0]), path[1]);
    focusing.current = path;
    setFocusTick((n) => n + 1);
  };
  useEffect(() => {
    const path = focusing.current;
    if (!path) return;
    focusing.current = null;
    const all = [...document.querySelectorAll<HTMLElement>('[data-path]')];
    for (let n = path.length; n >= 0; n--) {
      const want = pathText(path.slice(0, n));
      const el = all.find((e) => e.dataset.path === want);
      if (!el) continue;
      const target = el.matches('fieldset') ? (el.querySelector<HTMLElement>('input, select, textarea') ?? el) : el;
      target.focus();
      target.scrollIntoView?.({ block: 'center' });
      break;
    }
  }, [focusTick]);

  const [mapSelected, setMapSelected] = useState<MapSelection | null>(null);
  const onMap = (s: MapSelection) => {
    setMapSelected(s);
    if (s.kind === 'phase') return goTo(['phases', Math.max(0, PHASES.indexOf(s.id as (typeof PHASES)[number]))]);
    const list = s.kind === 'inject' ? 'injects' : 'tasks';
    const items = getAt(draft, [list]);
    const index = Array.isArray(items) ? items.findIndex((x: { id?: unknown }) => x?.id === s.id) : -1;
    if (index >= 0) goTo([list, index]);
  };

  const publish = async () => {
    if (blocked) return;
    setPublishing('busy');
    const result = await publishScenario(draft);
    setPublishing(result);
    if (result.ok) onChange({ draft, published: { id: result.id, revision: result.revision } });
    if (!result.ok && result.reason === 'signedOut') void useAuth.getState().check();
  };

  const title = getAt(draft, ['title', lang]);
  const tabId = (x: Tab) => `studio-tab-${x}`;
  const onTabKey = (e: React.KeyboardEvent, x: Tab) => {
    const i = TABS.indexOf(x);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(tabId(next))?.focus();
  };

  return (
    <Ctx.Provider value={context}>
      <section aria-labelledby="studio-title" className="studio">
        <header className="studio-head">
          <h2 id="studio-title">
            {ts('title')}
            {typeof title === 'string' && title ? `${lang === 'zh-CN' ? '：' : ': '}${title}` : ''}
          </h2>
          <div className="toolbar" role="toolbar" aria-label={ts('toolbar')}>
            <button type="button" onClick={() => setSaved(saveDraftFile(draft))}>
              {ts('save.file')}
            </button>
            {server && (
              <button type="button" className="primary" onClick={() => void publish()} disabled={blocked || publishing === 'busy'} aria-describedby="studio-publish-state">
                {ts('publish.button')}
              </button>
            )}
            <button type="button" onClick={onRestart}>
              {ts('start.again')}
            </button>
          </div>
          <p className="muted" role="status">
            {ts('keep.kept')}
            {saved ? ` ${ts('save.saved', { name: saved })}` : ''}
          </p>
          <p id="studio-publish-state" role="status" className={blocked ? 'warn' : 'ok'}>
            {blocked ? ts('check.blocked', { count: errors.length }) : warnings.length ? ts('check.warningsOnly', { count: warnings.length }) : ts('check.clean')}
          </p>
          {server && (
            <div role="status" className="publish-state">
              <PublishState result={publishing} published={kept.published} describe={(i) => describe({ severity: 'error', path: parsePath(i.path), message: i.message })} />
            </div>
          )}
        </header>
        <div className="studio-body">
          <div className="studio-main">
            <div role="tablist" aria-label={ts('tabs.label')} className="tabs">
              {TABS.map((x) => (
                <button
                  key={x}
                  type="button"
                  role="tab"
                  id={tabId(x)}
                  aria-selected={tab === x}
                  aria-controls="studio-panel"
                  tabIndex={tab === x ? 0 : -1}
                  onClick={() => setTab(x)}
                  onKeyDown={(e) => onTabKey(e, x)}
                >
                  {ts(`tabs.${x}`)}
                </button>
              ))}
            </div>
            <div role="tabpanel" id="studio-panel" aria-labelledby={tabId(tab)} className="studio-panel">
              {tab === 'meta' && <MetaForm />}
              {tab === 'roles' && <RolesForm />}
              {tab === 'phases' && <PhasesForm />}
              {tab === 'injects' && <InjectsForm />}
              {tab === 'tasks' && <TasksForm />}
              {tab === 'rubric' && <RubricForm />}
              {tab === 'try' && <TryTab scenario={scenario} onPlay={() => navigate('/studio/play')} />}
              {tab === 'map' && <MapTab draft={checking} lang={lang} onSelect={onMap} problems={checked.problems} selected={mapSelected} />}
              {tab === 'msel' && <MselTab draft={draft} lang={lang} onImport={edit} />}
              {tab === 'json' && (
                <Suspense fallback={<p role="status">{ts('loading')}</p>}>
                  <JsonTab draft={draft} onChange={edit} describe={describe} />
                </Suspense>
              )}
            </div>
          </div>
          <ProblemList problems={checked.problems} describe={describe} onGo={goTo} />
        </div>
      </section>
    </Ctx.Provider>
  );
}

function ProblemList({ problems, describe, onGo }: { problems: Problem[]; describe: (p: Problem) => string; onGo: (path: Path) => void }) {
  const { t: ts } = useStudioT();
  return (
    <aside aria-labelledby="studio-problems-title" className="studio-problems">
      <h3 id="studio-problems-title">{ts('check.title', { count: problems.length })}</h3>
      {problems.length === 0 ? (
        <p>{ts('check.none')}</p>
      ) : (
        <ul aria-labelledby="studio-problems-title">
          {problems.map((p) => (
            <li key={problemKey(p)} className={p.severity}>
              <button type="button" className="link" onClick={() => onGo(p.path)}>
                <strong>{ts(`check.${p.severity}`)}</strong> {describe(p)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function PublishState({ result, published, describe }: { result: PublishResult | 'busy' | null; published?: Kept['published']; describe: (i: Issue) => string }) {
  const { t: ts } = useStudioT();
  if (result === 'busy') return <p>{ts('publish.busy')}</p>;
  if (result && !result.ok) {
    if (result.reason === 'problems')
      return (
        <>
          <p>{ts('publish.problems')}</p>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i}>{describe(p)}</li>
            ))}
          </ul>
        </>
      );
    return <p>{ts(`publish.${result.reason}`)}</p>;
  }
  if (published) return <p>{ts('publish.done', { id: published.id, revision: published.revision })}</p>;
  return null;
}

