/** The after-action report in the HSEEP shape, with an editable improvement plan. */
import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { castOf, scoreDrill, transcriptFingerprint, type DrillState, type Lang, type LoadedTranscript, type PlanItem } from '../../engine';
import { clock } from '../../i18n/format';
import { DebriefReport, fullDebrief, LeaderSummary } from '../components/DebriefReport';
import { debriefWords } from '../../i18n/debriefWords';

const StaticDebrief = memo(DebriefReport);

/** `ctx`: the drill's final state, replayed from the transcript. */
export function AarReport({ loaded, ctx, plan, onPlanChange }: { loaded: LoadedTranscript; ctx: DrillState; plan: PlanItem[]; onPlanChange: (plan: PlanItem[]) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { compiled, file } = loaded;
  const s = compiled.scenario;
  // Typing in the plan redraws the plan only: the score and the report above it stay as they are.
  const debrief = useMemo(() => scoreDrill(compiled, ctx), [compiled, ctx]);
  const words = useMemo(() => debriefWords(t, s, lang), [t, s, lang]);
  const update = (id: string, patch: Partial<PlanItem>) => onPlanChange(plan.map((p) => (p.id === id ? { ...p, ...patch } : p)));
  const add = (item?: Partial<PlanItem>) => onPlanChange([...plan, { id: `a${Date.now().toString(36)}${plan.length}`, action: '', owner: '', due: '', ...item }]);
  // Who played which role: the names given at the start, then the seat changes in the events.
  const cast = useMemo(() => castOf(file.session, ctx.cast), [file.session, ctx.cast]);
  const participants = Object.entries(cast);
  const info = useMemo(() => ({ ...file.session, participants: cast }), [file.session, cast]);
  const report = useMemo(() => fullDebrief(compiled, ctx, debrief), [compiled, ctx, debrief]);
  const record = recordLine(t, loaded);
  // Printed on every page's foot (styles.css, @page): which transcript this report comes from.
  useEffect(() => {
    const root = document.documentElement.style;
    root.setProperty('--aar-footer', JSON.stringify(record));
    return () => {
      root.removeProperty('--aar-footer');
    };
  }, [record]);

  return (
    <article className="aar" aria-label={t('aar.title')}>
      <header>
        <h2>{t('aar.title')}</h2>
        <p className="debrief-scenario">{s.title[lang]}</p>
      </header>
      {debrief.summary && <LeaderSummary summary={debrief.summary} words={words} />}
      <section aria-label={t('aar.overview')}>
        <h3>{t('aar.overview')}</h3>
        <dl className="facts">
          <dt>{t('aar.scenario')}</dt>
          <dd>
            {s.title[lang]} ({s.id} {s.version})
          </dd>
          <dt>{t('aar.date')}</dt>
          <dd>{file.session.date ? new Date(file.session.date).toLocaleString(lang) : '—'}</dd>
          <dt>{t('setup.team')}</dt>
          <dd>{[file.session.team, file.session.branch].filter(Boolean).join(' · ') || '—'}</dd>
          <dt>{t('setup.facilitator')}</dt>
          <dd>{file.session.facilitator ?? '—'}</dd>
          <dt>{t('aar.duration')}</dt>
          <dd>{clock(debrief.durationSeconds)}</dd>
          <dt>{t('aar.participants')}</dt>
          <dd>
            {participants.length
              ? participants
                  // Where each sat, when the drill was played in several venues.
                  .map(([role, name]) => `${s.roles.find((r) => r.id === role)?.name[lang] ?? role}: ${name}${debrief.venues[role] ? t('venue.inParens', { venue: debrief.venues[role] }) : ''}`)
                  .join(lang === 'zh-CN' ? '；' : '; ')
              : '—'}
          </dd>
        </dl>
        <h4>{t('library.objectives')}</h4>
        <ul>
          {s.objectives.map((o, i) => (
            <li key={i}>{o[lang]}</li>
          ))}
        </ul>
      </section>
      <StaticDebrief title={s.title} report={report} info={info} withSummary={false} />
      <section className="plan" aria-label={t('aar.plan')}>
        <h3>{t('aar.plan')}</h3>
        <table>
          <colgroup>
            <col className="plan-action" />
            <col className="plan-criterion" />
            <col className="plan-owner" />
            <col className="plan-due" />
            <col className="no-print" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('aar.action')}</th>
              <th scope="col">{t('aar.criterion')}</th>
              <th scope="col">{t('aar.owner')}</th>
              <th scope="col">{t('aar.due')}</th>
              <th scope="col" className="no-print" />
            </tr>
          </thead>
          <tbody>
            {plan.map((p, i) => (
              <tr key={p.id}>
                <td>
                  <textarea className="no-print" aria-label={t('aar.actionN', { n: i + 1 })} value={p.action} rows={2} maxLength={2000} onChange={(e) => update(p.id, { action: e.target.value })} />
                  <Printed text={p.action} />
                </td>
                <td>
                  <Printed text={s.rubric.find((c) => c.id === p.criterion)?.title[lang] ?? ''} />
                  <select className="no-print" aria-label={t('aar.criterionN', { n: i + 1 })} value={p.criterion ?? ''} onChange={(e) => update(p.id, e.target.value ? { criterion: e.target.value } : { criterion: undefined })}>
                    <option value="">—</option>
                    {s.rubric.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.title[lang]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input className="no-print" aria-label={t('aar.ownerN', { n: i + 1 })} value={p.owner} maxLength={200} onChange={(e) => update(p.id, { owner: e.target.value })} />
                  <Printed text={p.owner} />
                </td>
                <td>
                  <input className="no-print" type="date" aria-label={t('aar.dueN', { n: i + 1 })} value={p.due} onChange={(e) => update(p.id, { due: e.target.value })} />
                  {/* An empty date prints blank, not the browser's "mm/dd/yyyy". */}
                  <Printed text={p.due} />
                </td>
                <td className="no-print">
                  <button type="button" onClick={() => onPlanChange(plan.filter((x) => x.id !== p.id))} aria-label={t('aar.removeN', { n: i + 1 })}>
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="no-print">
          <button type="button" onClick={() => add()}>
            {t('aar.add')}
          </button>{' '}
          <button
            type="button"
            onClick={() =>
              onPlanChange([
                ...plan,
                ...debrief.improvements
                  .filter((f) => !plan.some((p) => p.criterion === f.criterion))
                  .map((f, i) => ({ id: `s${Date.now().toString(36)}${i}`, action: f.text?.[lang] ?? '', owner: '', due: '', ...(f.criterion ? { criterion: f.criterion } : {}) })),
              ])
            }
            disabled={debrief.improvements.length === 0}
          >
            {t('aar.suggest')}
          </button>
        </p>
      </section>
      <section className="sign-off" aria-label={t('aarPrint.signOff')}>
        <dl>
          <dt>{t('aarPrint.preparedBy')}</dt>
          <dd />
          <dt>{t('aarPrint.approvedBy')}</dt>
          <dd />
          <dt>{t('aarPrint.date')}</dt>
          <dd />
        </dl>
        <p className="muted">{record}</p>
      </section>
    </article>
  );
}

/** What a form field holds, as the printed page shows it: whole, wrapped, never cut to the field's box. */
function Printed({ text }: { text: string }) {
  return <span className="print-only">{text}</span>;
}

/** The transcript behind the report: its fingerprint (the chain's head) and what vouches for it. */
function recordLine(t: ReturnType<typeof useTranslation>['t'], { file, seal }: LoadedTranscript): string {
  const which = seal.status === 'signed' ? t('aarPrint.signed', { key: seal.fingerprint }) : seal.status === 'unsigned' ? t('aarPrint.unsigned') : t('aarPrint.noChain');
  return t('aarPrint.record', { fingerprint: transcriptFingerprint(file.integrity), which });
}
