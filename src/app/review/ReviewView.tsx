/**
 * Review a past drill from its transcript file, with no server and no network: check the
 * file, replay it step by step, read and print the after-action report, export CSV.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { stateOf, makeTranscript, scoreDrill, type Checkpoints, type Lang, type LoadedTranscript, type PlanItem, type TranscriptSignature } from '../../engine';
import { AarReport } from './AarReport';
import { decisionsCsv, download, fileBaseName, scoresCsv } from './exports';
import { keepPlan, keptPlan, planKey, samePlan, useLeaveWarning } from './keptPlans';
import { fileProblemLine } from '../../i18n/transcriptProblems';
import { openTranscriptFile, prepareWorkers, releaseWorkers, type Opened } from './openFile';
import { Replay } from './Replay';
import { SealStatus } from './SealStatus';

/** Saves the plan where the drill came from (the server); `signature`: the server's signature of the transcript with this plan. */
export type SavePlan = (plan: PlanItem[]) => Promise<{ ok: boolean; signature?: TranscriptSignature }>;

/** `initial`: a transcript already fetched (from the server); `onSavePlan`: where the plan is kept besides the file. */
export function ReviewView({ initial, onSavePlan }: { initial?: Opened; onSavePlan?: SavePlan }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened | null>(initial ?? null);
  /** While a file is checked: how far, and how to stop it. */
  const [checking, setChecking] = useState<{ name: string; done: number; total: number } | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  const cancel = useRef<AbortController | null>(null);
  const [dragging, setDragging] = useState(false);
  // The next file's workers start ahead: at once on an empty page, a moment after a drill is shown (not while it is drawn).
  useEffect(() => {
    if (!opened) return prepareWorkers();
    const timer = setTimeout(prepareWorkers, 1000);
    return () => clearTimeout(timer);
  }, [opened]);
  useEffect(() => releaseWorkers, []);

  const open = async (file: File | undefined) => {
    if (!file) return;
    cancel.current?.abort();
    const controller = new AbortController();
    cancel.current = controller;
    setCancelled(null);
    setChecking({ name: file.name, done: 0, total: 0 });
    const result = await openTranscriptFile(file, { signal: controller.signal, onProgress: (done, total) => setChecking({ name: file.name, done, total }) });
    if (controller.signal.aborted) return;
    setChecking(null);
    if (result) setOpened(result);
  };
  const stop = () => {
    if (!checking) return;
    cancel.current?.abort();
    setCancelled(checking.name);
    setChecking(null);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
  };

  return (
    <div className="review">
      <section
        className={`drop-zone no-print${dragging ? ' dragging' : ''}`}
        aria-label={t('review.open')}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
      >
        <h2>{t('review.title')}</h2>
        <label>
          {t('review.choose')} <input type="file" accept=".json,application/json" onChange={(e) => void open(e.target.files?.[0])} />
        </label>
        <p className="muted">{t('review.dropHint')}</p>
        {checking && (
          <div role="status" className="checking">
            <label>
              {checking.total ? t('reviewOpen.checked', { done: checking.done, total: checking.total }) : t('review.checking')}{' '}
              <progress aria-label={t('reviewOpen.progress')} max={checking.total || undefined} value={checking.total ? checking.done : undefined} />
            </label>{' '}
            <button type="button" onClick={stop}>
              {t('reviewOpen.cancel')}
            </button>
          </div>
        )}
        {cancelled && <p role="status">{t('reviewOpen.cancelled', { name: cancelled })}</p>}
      </section>
      {opened && !opened.ok && (
        <section role="alert" className="panel file-problem">
          <h3>{t('review.cannotOpen', { name: opened.name })}</h3>
          <p>{fileProblemLine(t, opened.problem)}</p>
        </section>
      )}
      {opened?.ok && <LoadedReview key={`${opened.name}:${planKey(opened.loaded.file)}`} name={opened.name} loaded={opened.loaded} replayed={opened.replayed} onSavePlan={onSavePlan} />}
    </div>
  );
}

function LoadedReview({ name, loaded, replayed, onSavePlan }: { name: string; loaded: LoadedTranscript; replayed: Checkpoints; onSavePlan?: SavePlan }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { file, compiled } = loaded;
  const [tab, setTab] = useState<'replay' | 'report'>('replay');
  const key = planKey(file);
  // Edits kept in this browser come back; `saved`: the plan as the file or the server holds it.
  const [plan, setPlan] = useState<PlanItem[]>(() => keptPlan(key) ?? file.plan);
  const [saved, setSaved] = useState<PlanItem[]>(file.plan);
  const [signature, setSignature] = useState(file.signature);
  const [status, setStatus] = useState<string | null>(null);
  const [restored] = useState(() => !samePlan(plan, file.plan));
  const unsaved = !samePlan(plan, saved);
  useLeaveWarning(unsaved);
  const editPlan = (next: PlanItem[]) => {
    setPlan(next);
    setStatus(null);
    keepPlan(key, next, file.plan);
  };
  const savePlan = async (save: SavePlan) => {
    const result = await save(plan);
    setStatus(result.ok ? t('aar.saved') : t('aar.notSaved'));
    if (!result.ok) return;
    if (result.signature) setSignature(result.signature);
    settled();
  };
  /** The plan is now in a file or on the server: nothing left to warn about, and no copy here to outlive a newer one there. */
  const settled = () => {
    setSaved(plan);
    keepPlan(key, plan, plan);
  };
  const refused = replayed.refused.length;
  const final = stateOf(replayed.final);
  const base = fileBaseName(file);

  return (
    <>
      <section className="panel review-head no-print" aria-label={t('review.file')}>
        <h2>{file.scenario.title[lang]}</h2>
        <p>
          {name} · {[file.session.team, file.session.date ? new Date(file.session.date).toLocaleDateString(lang) : null].filter(Boolean).join(' · ')} ·{' '}
          {t('review.events', { count: file.events.length })}
        </p>
        <SealStatus loaded={loaded} />
        {refused > 0 && <p className="form-error">{t('review.refusedEvents', { count: refused })}</p>}
        <div role="tablist" aria-label={t('review.sections')}>
          <button type="button" role="tab" aria-selected={tab === 'replay'} onClick={() => setTab('replay')}>
            {t('review.replay')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'report'} onClick={() => setTab('report')}>
            {t('aar.title')}
          </button>
        </div>
        <div className="toolbar">
          <button
            type="button"
            onClick={() => {
              download(`${base}.json`, `${JSON.stringify(exportable(loaded, plan, signature), null, 1)}\n`, 'application/json');
              settled();
            }}
          >
            {t('review.downloadTranscript')}
          </button>{' '}
          <button
            type="button"
            onClick={() =>
              download(
                `${base}-scores.csv`,
                scoresCsv(file, scoreDrill(compiled, final), lang, { kind: t('csv.kind'), id: t('csv.id'), name: t('csv.name'), weight: t('csv.weight'), score: t('csv.score'), rating: t('csv.rating') }),
                'text/csv',
              )
            }
          >
            {t('review.scoresCsv')}
          </button>{' '}
          <button
            type="button"
            onClick={() =>
              download(`${base}-decisions.csv`, decisionsCsv(file, lang, { time: t('csv.time'), seq: t('csv.seq'), role: t('csv.role'), task: t('csv.task'), answer: t('csv.answer'), by: t('csv.by') }), 'text/csv')
            }
          >
            {t('review.decisionsCsv')}
          </button>{' '}
          {tab === 'report' && (
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('debrief.print')}
            </button>
          )}{' '}
          {tab === 'report' && onSavePlan && (
            <button type="button" onClick={() => void savePlan(onSavePlan)}>
              {t('aar.save')}
            </button>
          )}
          {status && <span role="status"> {status}</span>}
        </div>
        {restored && <p role="note">{t('plansKept.restored')}</p>}
        {unsaved && <p className="warning">{t(onSavePlan ? 'plansKept.unsavedServer' : 'plansKept.unsavedFile')}</p>}
      </section>
      {tab === 'replay' ? <Replay loaded={loaded} replayed={replayed} /> : <AarReport loaded={loaded} ctx={final} plan={plan} onPlanChange={editPlan} />}
    </>
  );
}

/**
 * The file to save. A file that came without an integrity record is saved without one too:
 * chaining it now would vouch for events nobody checked. A signature is kept (the server's latest,
 * once the plan is saved there): it still proves the events, and says so if the plan changed since.
 */
function exportable(loaded: LoadedTranscript, plan: PlanItem[], signature: TranscriptSignature | undefined) {
  const { file } = loaded;
  if (loaded.seal.status !== 'noChain') return { ...makeTranscript(file.scenario, file.session, file.events, plan), ...(signature ? { signature } : {}) };
  return { format: file.format, version: 1, scenario: file.scenario, session: file.session, events: file.events };
}
