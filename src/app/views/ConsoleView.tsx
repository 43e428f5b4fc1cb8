import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { castOf, logEntries, makeTranscript, RATINGS, taskBrief, waitingFor, type Inject, type Lang, type Refusal } from '../../engine';
import { clock } from '../../i18n/format';
import { refusalText } from '../../i18n/refusals';
import { commandForKey, type CommandDeps, type UiCommand } from '../commands';
import { AnswersGiven } from '../console/AnswersGiven';
import { ConsoleHead } from '../console/ConsoleHead';
import { CriteriaRatingPanel } from '../console/CriteriaRatingPanel';
import { EndDialog, FinishDialog, FireDialog, HelpDialog, JumpDialog, OverrideDialog } from '../console/ConsoleDialogs';
import { ExitChecklist } from '../console/ExitChecklist';
import { FiredInjects } from '../console/FiredInjects';
import { HandFireList } from '../console/HandFireList';
import { scoreReach } from '../console/handFire';
import { jumpPlan } from '../console/jump';
import { LessonsPanel } from '../console/LessonsPanel';
import { ObservationsPanel } from '../components/ObservationsPanel';
import { SummaryPanel } from '../components/SummaryPanel';
import { TaskForm } from '../components/TaskForm';
import type { DrillHost, SendResult } from '../drill/host';
import { firedInjects, openTasks, phaseProgress, unratedAnswers, upcomingInjects } from '../drill/selectors';
import { useDrill, useDrillTime } from '../drill/useDrill';
import { download, fileBaseName } from '../review/exports';

export type ConsolePaths = {
  /** Where the projector window opens: the query and hash after this page's path. */
  projector: string;
  debrief: string;
  /** A role's own screen, when the facilitator can open it on this laptop. */
  role?: (role: string) => string;
};

const transcriptOf = (host: DrillHost) => makeTranscript(host.scenario, host.info, host.events);

const ONE_LAPTOP: ConsolePaths = { projector: '#/projector', debrief: '/debrief', role: (r) => `/role/${r}` };

/**
 * The facilitator console: everything visible, every control. Laid out for 1366×768 and up: the
 * head (clock, phase, controls) stays in view; injects, roles and the phase with notes in panes.
 * `readOnly`: the same panes without a control (an evaluator's screen): it keeps only the notes
 * and observations, which the host signs with the evaluator's name.
 */
export function ConsoleView({ host, paths = ONE_LAPTOP, readOnly = false, children }: { host: DrillHost; paths?: ConsolePaths; readOnly?: boolean; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [, navigate] = useLocation();
  const c = host.compiled;
  const s = c.scenario;
  const ctx = useDrill(host, (x) => x);
  const now = useDrillTime(host);
  const [dialog, setDialog] = useState<'override' | 'end' | 'finish' | 'jump' | 'help' | null>(null);
  const [firing, setFiring] = useState<Inject | null>(null);
  const [entering, setEntering] = useState<string | null>(null);
  const [message, setMessage] = useState<Refusal | null>(null);
  const answeredFor = useRef<string | null>(null);
  // The context is replaced by every event, so it stands for the snapshot it came from.
  const plan = useMemo(() => (ctx.status === 'running' ? jumpPlan(c, host.snapshot) : null), [c, host, ctx]);

  const report = useCallback((r: SendResult | boolean | void) => {
    if (r && typeof r === 'object' && !r.ok) setMessage(r.refusal);
    else setMessage(null);
  }, []);

  const jump = () => {
    // Planned again now: the clock ran on while the question was open.
    const steps = jumpPlan(c, host.snapshot)?.steps ?? 0;
    for (let i = 0; i < steps; i++) host.jumpToNext();
    setDialog(null);
  };
  const fire = (inject: Inject) => {
    report(host.send({ type: 'INJECT.FIRE', payload: { inject: inject.id } }));
    setFiring(null);
  };
  const ended = () => {
    setDialog(null);
    navigate(paths.debrief);
  };

  const deps: CommandDeps = {
    host,
    openProjector: () => window.open(`${window.location.pathname}${paths.projector}`, 'drillroom-projector', 'popup,width=1280,height=720'),
    askOverride: () => setDialog('override'),
    askEnd: () => setDialog('end'),
    askFinish: () => setDialog('finish'),
    askJump: () => {
      const next = jumpPlan(c, host.snapshot);
      if (next?.passes.length) setDialog('jump');
      else if (next) jump();
    },
    toggleHelp: () => setDialog((d) => (d === 'help' ? null : 'help')),
    exportTranscript: () => download(`${fileBaseName(transcriptOf(host))}.json`, `${JSON.stringify(transcriptOf(host), null, 1)}\n`, 'application/json'),
  };
  const run = (cmd: UiCommand) => {
    if (cmd.enabled(host)) cmd.run(deps);
  };

  useEffect(() => {
    if (readOnly) return;
    const onKey = (e: KeyboardEvent) => {
      if (firing || (dialog && dialog !== 'help')) return;
      const cmd = commandForKey(e);
      if (!cmd) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // A submitted form closes and would drop the focus to the page: keep it with the role's next task.
  useEffect(() => {
    const role = answeredFor.current;
    if (!role) return;
    answeredFor.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const block = document.getElementById(`role-block-${role}`);
    (block?.querySelector<HTMLElement>('button') ?? block?.querySelector<HTMLElement>('h4'))?.focus();
  });

  const progress = phaseProgress(c, ctx);
  const roleName = (id: string) => s.roles.find((r) => r.id === id)?.name[lang] ?? id;
  const upcoming = upcomingInjects(c, ctx);
  const unrated = unratedAnswers(c, ctx);

  return (
    <div className="console">
      <ConsoleHead host={host} ctx={ctx} plan={plan} {...(readOnly ? {} : { run })} />
      {message && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: refusalText(t, message) })}
        </p>
      )}
      {ctx.status === 'ended' && (
        <p className="ended-banner">
          {t('console.ended')} {!readOnly && <Link href={paths.debrief}>{t('console.showDebrief')}</Link>}
        </p>
      )}

      {children}
      <div className="console-panes">
        <section aria-labelledby="injects-title" className="panel pane">
          <h3 id="injects-title">{t('console.injects')}</h3>
          <h4>{t('console.upcoming')}</h4>
          {upcoming.length === 0 && <p className="muted">{t('console.nothingScheduled')}</p>}
          <ul className="inject-list">
            {upcoming.map(({ inject, at }) => (
              <li key={inject.id}>
                <time>{clock(at)}</time> {inject.title[lang]} <span className="muted">{t('console.inTime', { time: clock(at - now) })}</span>
              </li>
            ))}
          </ul>
          <h4>{t('console.fired')}</h4>
          <FiredInjects fired={firedInjects(c, ctx)} scenario={s} now={now} />
          {!readOnly && (
            <>
              <h4>{t('console.byHand')}</h4>
              <HandFireList compiled={c} ctx={ctx} onFire={(inject) => (scoreReach(c, inject).length > 0 ? setFiring(inject) : fire(inject))} />
            </>
          )}
        </section>

        <section aria-labelledby="roles-title" className="panel pane">
          <h3 id="roles-title">{t('console.roles')}</h3>
          {c.playerRoles.map((role) => {
            const tasks = openTasks(c, ctx, now, role).filter((x) => x.task.roles[0] === role);
            return (
              <div key={role} className="role-block" id={`role-block-${role}`}>
                <h4 tabIndex={-1}>
                  {roleName(role)}
                  {castOf(host.info, ctx.cast)[role] ? <span className="muted"> · {castOf(host.info, ctx.cast)[role]}</span> : null}{' '}
                  {paths.role && !readOnly && (
                    <Link href={paths.role(role)} className="small">
                      {t('console.roleScreen')}
                    </Link>
                  )}
                </h4>
                {tasks.length === 0 && <p className="muted">{t('console.noOpenTasks')}</p>}
                <ul className="task-list">
                  {tasks.map(({ task, state, overdue, dueIn }) => (
                    <li key={task.id} className={overdue ? 'overdue' : undefined}>
                      <span>{task.title[lang]}</span>
                      {dueIn !== undefined && <span className="due">{overdue ? t('console.overdueBy', { time: clock(-dueIn) }) : t('console.dueIn', { time: clock(dueIn) })}</span>}
                      {!task.required && <span className="tag">{t('console.optional')}</span>}
                      {state.proposal ? (
                        <span className="signoff-pending">
                          {t('role.waitingFor', { roles: waitingFor(task, state).map(roleName).join(t('debrief.listSeparator')) })}{' '}
                          {!readOnly &&
                            waitingFor(task, state).map((signer) => (
                              <button key={signer} type="button" onClick={() => host.send({ type: 'TASK.APPROVE', payload: { task: task.id, role: signer } })}>
                                {t('console.approveFor', { role: roleName(signer) })}
                              </button>
                            ))}
                        </span>
                      ) : readOnly ? null : (
                        <button type="button" onClick={() => setEntering(entering === task.id ? null : task.id)} aria-expanded={entering === task.id} aria-label={t('console.enterNamed', { task: task.title[lang] })}>
                          {t('console.enter')}
                        </button>
                      )}
                      {entering === task.id && (
                        <TaskForm
                          task={taskBrief(task)}
                          onSubmit={(answer) => {
                            const r = host.send({ type: 'TASK.ANSWER', payload: { task: task.id, role, answer } });
                            if (r.ok) {
                              answeredFor.current = role;
                              setEntering(null);
                            }
                            return r.ok ? null : r.refusal;
                          }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
                <AnswersGiven compiled={c} ctx={ctx} role={role} roleName={roleName(role)} />
              </div>
            );
          })}
          {!readOnly && <AnswerRatings host={host} unrated={unrated} roleName={roleName} onSent={report} />}
        </section>

        <section aria-labelledby="phase-title" className="panel pane">
          <h3 id="phase-title">{progress.phase ? t('console.currentPhase', { phase: progress.phase.title[lang] }) : t('console.notStarted')}</h3>
          {progress.phase && ctx.phase && (
            <>
              <ul>
                {progress.phase.objectives.map((o, i) => (
                  <li key={i}>{o[lang]}</li>
                ))}
              </ul>
              <h4>{t('consoleLayout.exitRule')}</h4>
              <p className={progress.exitAllowed ? 'ok' : 'muted'}>{t(progress.exitAllowed ? 'console.exitMet' : 'console.exitNotMet')}</p>
              <ExitChecklist compiled={c} ctx={ctx} phase={ctx.phase} />
              {progress.phase.timebox !== undefined && <p className="muted">{t('console.timebox', { minutes: progress.phase.timebox })}</p>}
            </>
          )}
          <section aria-labelledby="background-title" className="background">
            <h4 id="background-title">{t('consoleLayout.background')}</h4>
            <p>{s.summary[lang]}</p>
          </section>
          <NotesPanel host={host} />
          <ObservationsPanel host={host} />
          {ctx.status !== 'briefing' && <LessonsPanel host={host} readOnly={readOnly} />}
          {!readOnly && (ctx.status === 'ended' || ctx.phase === 'resolve') && (
            <>
              <CriteriaRatingPanel host={host} />
              <SummaryPanel host={host} />
            </>
          )}
        </section>
      </div>

      {dialog === 'override' && <OverrideDialog host={host} onClose={() => setDialog(null)} />}
      {dialog === 'end' && <EndDialog host={host} onClose={() => setDialog(null)} onEnded={ended} />}
      {dialog === 'finish' && <FinishDialog host={host} exitMet={progress.exitAllowed} onClose={() => setDialog(null)} onEnded={ended} />}
      {dialog === 'jump' && plan && <JumpDialog host={host} plan={plan} onClose={() => setDialog(null)} onJump={jump} />}
      {dialog === 'help' && <HelpDialog onClose={() => setDialog(null)} />}
      {firing && <FireDialog host={host} inject={firing} onClose={() => setFiring(null)} onFire={() => fire(firing)} />}
    </div>
  );
}

/** Free-text answers waiting for the facilitator's P/S/M/U rating (they count 0 until rated). */
function AnswerRatings({ host, unrated, roleName, onSent }: { host: DrillHost; unrated: ReturnType<typeof unratedAnswers>; roleName: (id: string) => string; onSent: (r: SendResult) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <>
      <h3>{t('console.ratings')}</h3>
      {unrated.length === 0 && <p className="muted">{t('console.noRatings')}</p>}
      {unrated.map(({ task, state }) => (
        <div key={task.id} className="rating-block" role="group" aria-label={t('console.rateNamed', { task: task.title[lang] })}>
          <p>
            <strong>{task.title[lang]}</strong> — {roleName(state.answeredBy ?? '')}
          </p>
          <blockquote>{state.answer?.kind === 'text' ? state.answer.text : ''}</blockquote>
          <p className="muted">{task.kind === 'text' ? task.guidance[lang] : ''}</p>
          {RATINGS.map((r) => (
            <button key={r} type="button" title={t(`rating.${r}`)} onClick={() => onSent(host.send({ type: 'TASK.RATE', payload: { task: task.id, rating: r } }))}>
              {r} · {t(`rating.${r}`)}
            </button>
          ))}
        </div>
      ))}
    </>
  );
}

function NotesPanel({ host }: { host: DrillHost }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const notes = useDrill(host, (x) => logEntries(x).filter((e) => e.kind === 'note'));
  return (
    <form
      className="notes"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        if (host.send({ type: 'NOTE.ADD', payload: { text: text.trim() } }).ok) setText('');
      }}
    >
      <label>
        {t('console.notes')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={4000} />
      </label>
      <button type="submit">{t('console.addNote')}</button>
      <ul>
        {notes.map((n) => (
          <li key={n.seq}>
            <time>{clock(n.t)}</time> {n.kind === 'note' ? n.text : ''}
            {n.kind === 'note' && n.by ? <span className="by">{t('evaluator.by', { name: n.by })}</span> : null}
          </li>
        ))}
      </ul>
    </form>
  );
}
