import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { castOf, logEntries, makeTranscript, RATINGS, taskBrief, type Lang, type Refusal } from '../../engine';
import { clock } from '../../i18n/format';
import { COMMANDS, command, commandForKey, type CommandDeps, type UiCommand } from '../commands';
import { Dialog } from '../components/Dialog';
import { ObservationsPanel } from '../components/ObservationsPanel';
import { SummaryPanel } from '../components/SummaryPanel';
import { DrillClock } from '../components/DrillClock';
import { PhaseTrack } from '../components/PhaseTrack';
import { TaskForm } from '../components/TaskForm';
import type { DrillHost, SendResult } from '../drill/host';
import { refusalText } from '../../i18n/refusals';
import { download, fileBaseName } from '../review/exports';
import { firedInjects, handInjects, openTasks, phaseProgress, unratedAnswers, upcomingInjects } from '../drill/selectors';
import { useDrill, useDrillTime } from '../drill/useDrill';

export type ConsolePaths = {
  /** Where the projector window opens: the query and hash after this page's path. */
  projector: string;
  debrief: string;
  /** A role's own screen, when the facilitator can open it on this laptop. */
  role?: (role: string) => string;
};

const transcriptOf = (host: DrillHost) => makeTranscript(host.scenario, host.info, host.events);

const ONE_LAPTOP: ConsolePaths = { projector: '#/projector', debrief: '/debrief', role: (r) => `/role/${r}` };

/** The facilitator console: everything visible, every control. */
export function ConsoleView({ host, paths = ONE_LAPTOP, children }: { host: DrillHost; paths?: ConsolePaths; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [, navigate] = useLocation();
  const c = host.compiled;
  const s = c.scenario;
  const ctx = useDrill(host, (x) => x);
  const now = useDrillTime(host);
  const [dialog, setDialog] = useState<'override' | 'end' | 'help' | null>(null);
  const [entering, setEntering] = useState<string | null>(null);
  const [message, setMessage] = useState<Refusal | null>(null);

  const report = useCallback((r: SendResult | boolean | void) => {
    if (r && typeof r === 'object' && !r.ok) setMessage(r.refusal);
    else setMessage(null);
  }, []);

  const deps: CommandDeps = {
    host,
    openProjector: () => window.open(`${window.location.pathname}${paths.projector}`, 'drillroom-projector', 'popup,width=1280,height=720'),
    askOverride: () => setDialog('override'),
    askEnd: () => setDialog('end'),
    toggleHelp: () => setDialog((d) => (d === 'help' ? null : 'help')),
    exportTranscript: () => download(`${fileBaseName(transcriptOf(host))}.json`, `${JSON.stringify(transcriptOf(host), null, 1)}\n`, 'application/json'),
  };
  const run = (cmd: UiCommand) => {
    if (cmd.enabled(host)) cmd.run(deps);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialog && dialog !== 'help') return;
      const cmd = commandForKey(e);
      if (!cmd) return;
      e.preventDefault();
      run(cmd);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const progress = phaseProgress(c, ctx);
  const roleName = (id: string) => s.roles.find((r) => r.id === id)?.name[lang] ?? id;
  const button = (id: string, extra?: string) => {
    const cmd = command(id);
    const label = id === 'pause' ? t(ctx.status === 'paused' ? 'console.resume' : 'console.pause') : t(cmd.label);
    return (
      <button type="button" className={extra} onClick={() => run(cmd)} disabled={!cmd.enabled(host)} aria-keyshortcuts={cmd.key === ' ' ? 'Space' : cmd.key}>
        {label}
      </button>
    );
  };

  return (
    <div className="console">
      <header className="console-head">
        <div>
          <h2>{s.title[lang]}</h2>
          {host.info.team && <p className="muted">{host.info.team}</p>}
        </div>
        <PhaseTrack current={ctx.phase} ended={ctx.status === 'ended'} />
        <DrillClock view={host} />
        <div className="controls" role="toolbar" aria-label={t('console.controls')}>
          {button('start', 'primary')}
          {button('pause')}
          {button('speed-1')}
          {button('speed-2')}
          {button('speed-5')}
          {button('next-inject')}
          {button('next-phase', 'primary')}
          {button('projector')}
          {button('export')}
          {button('end', 'danger')}
          {button('help')}
        </div>
      </header>
      {message && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: refusalText(t, message) })}
        </p>
      )}
      {ctx.status === 'ended' && (
        <p className="ended-banner">
          {t('console.ended')} <Link href={paths.debrief}>{t('console.showDebrief')}</Link>
        </p>
      )}

      {children}
      <div className="console-grid">
        <section aria-labelledby="phase-title" className="panel">
          <h3 id="phase-title">{progress.phase ? t('console.currentPhase', { phase: progress.phase.title[lang] }) : t('console.notStarted')}</h3>
          {progress.phase && (
            <>
              <ul>
                {progress.phase.objectives.map((o, i) => (
                  <li key={i}>{o[lang]}</li>
                ))}
              </ul>
              <p className={progress.exitAllowed ? 'ok' : 'muted'}>{t(progress.exitAllowed ? 'console.exitMet' : 'console.exitNotMet')}</p>
              {progress.phase.timebox !== undefined && <p className="muted">{t('console.timebox', { minutes: progress.phase.timebox })}</p>}
            </>
          )}
          <NotesPanel host={host} />
          <ObservationsPanel host={host} />
          {(ctx.status === 'ended' || ctx.phase === 'resolve') && <SummaryPanel host={host} />}
        </section>

        <section aria-labelledby="injects-title" className="panel">
          <h3 id="injects-title">{t('console.injects')}</h3>
          <h4>{t('console.upcoming')}</h4>
          {upcomingInjects(c, ctx).length === 0 && <p className="muted">{t('console.nothingScheduled')}</p>}
          <ul className="inject-list">
            {upcomingInjects(c, ctx).map(({ inject, at }) => (
              <li key={inject.id}>
                <time>{clock(at)}</time> {inject.title[lang]} <span className="muted">({t('console.inTime', { time: clock(at - now) })})</span>
              </li>
            ))}
          </ul>
          <h4>{t('console.byHand')}</h4>
          <ul className="inject-list">
            {handInjects(c, ctx).map((inject) => (
              <li key={inject.id}>
                <span className="tag">{t(`trigger.${inject.trigger.type}`)}</span> {inject.title[lang]}{' '}
                <button type="button" disabled={ctx.status !== 'running'} onClick={() => report(host.send({ type: 'INJECT.FIRE', payload: { inject: inject.id } }))} aria-label={t('console.fireNamed', { inject: inject.title[lang] })}>
                  {t('console.fire')}
                </button>
              </li>
            ))}
          </ul>
          <h4>{t('console.fired')}</h4>
          <ul className="inject-list">
            {firedInjects(c, ctx).map(({ inject, at }) => (
              <li key={inject.id}>
                <time>{clock(at)}</time> {inject.title[lang]} {!inject.public && <span className="tag">{t('console.private')}</span>}
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="roles-title" className="panel">
          <h3 id="roles-title">{t('console.roles')}</h3>
          {c.playerRoles.map((role) => {
            const tasks = openTasks(c, ctx, now, role).filter((x) => x.task.roles[0] === role);
            return (
              <div key={role} className="role-block">
                <h4>
                  {roleName(role)}
                  {castOf(host.info, ctx.cast)[role] ? <span className="muted"> · {castOf(host.info, ctx.cast)[role]}</span> : null}{' '}
                  {paths.role && (
                    <Link href={paths.role(role)} className="small">
                      {t('console.roleScreen')}
                    </Link>
                  )}
                </h4>
                {tasks.length === 0 && <p className="muted">{t('console.noOpenTasks')}</p>}
                <ul className="task-list">
                  {tasks.map(({ task, overdue, dueIn }) => (
                    <li key={task.id} className={overdue ? 'overdue' : undefined}>
                      <span>{task.title[lang]}</span>
                      {dueIn !== undefined && <span className="due">{overdue ? t('console.overdueBy', { time: clock(-dueIn) }) : t('console.dueIn', { time: clock(dueIn) })}</span>}
                      {!task.required && <span className="tag">{t('console.optional')}</span>}
                      <button type="button" onClick={() => setEntering(entering === task.id ? null : task.id)} aria-expanded={entering === task.id} aria-label={t('console.enterNamed', { task: task.title[lang] })}>
                        {t('console.enter')}
                      </button>
                      {entering === task.id && (
                        <TaskForm
                          task={taskBrief(task)}
                          onSubmit={(answer) => {
                            const r = host.send({ type: 'TASK.ANSWER', payload: { task: task.id, role, answer } });
                            if (r.ok) setEntering(null);
                            return r.ok ? null : r.refusal;
                          }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          <h3>{t('console.ratings')}</h3>
          {unratedAnswers(c, ctx).length === 0 && <p className="muted">{t('console.noRatings')}</p>}
          {unratedAnswers(c, ctx).map(({ task, state }) => (
            <div key={task.id} className="rating-block" role="group" aria-label={t('console.rateNamed', { task: task.title[lang] })}>
              <p>
                <strong>{task.title[lang]}</strong> — {roleName(state.answeredBy ?? '')}
              </p>
              <blockquote>{state.answer?.kind === 'text' ? state.answer.text : ''}</blockquote>
              <p className="muted">{task.kind === 'text' ? task.guidance[lang] : ''}</p>
              {RATINGS.map((r) => (
                <button key={r} type="button" title={t(`rating.${r}`)} onClick={() => report(host.send({ type: 'TASK.RATE', payload: { task: task.id, rating: r } }))}>
                  {r} · {t(`rating.${r}`)}
                </button>
              ))}
            </div>
          ))}
        </section>
      </div>

      {dialog === 'override' && <OverrideDialog host={host} onClose={() => setDialog(null)} />}
      {dialog === 'end' && (
        <Dialog title={t('console.endTitle')} onClose={() => setDialog(null)}>
          <p>{t('console.endConfirm')}</p>
          {unratedAnswers(c, ctx).length > 0 && (
            <div role="alert" className="warning">
              <p>{t('console.endUnrated', { count: unratedAnswers(c, ctx).length })}</p>
              <ul>
                {unratedAnswers(c, ctx).map(({ task }) => (
                  <li key={task.id}>{task.title[lang]}</li>
                ))}
              </ul>
            </div>
          )}
          <button
            type="button"
            className="danger"
            onClick={() => {
              host.send({ type: 'DRILL.END', payload: {} });
              setDialog(null);
              navigate(paths.debrief);
            }}
          >
            {t('console.end')}
          </button>{' '}
          <button type="button" onClick={() => setDialog(null)}>
            {t('common.cancel')}
          </button>
        </Dialog>
      )}
      {dialog === 'help' && (
        <Dialog title={t('console.shortcuts')} onClose={() => setDialog(null)}>
          <table className="shortcuts">
            <tbody>
              {COMMANDS.filter((x) => x.key).map((x) => (
                <tr key={x.id}>
                  <th scope="row">
                    <kbd>{x.key === ' ' ? t('console.space') : x.key}</kbd>
                  </th>
                  <td>{t(x.label)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => setDialog(null)}>
            {t('common.close')}
          </button>
        </Dialog>
      )}
    </div>
  );
}

function OverrideDialog({ host, onClose }: { host: DrillHost; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Dialog title={t('console.overrideTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason.trim()) return;
          const r = host.send({ type: 'PHASE.ADVANCE', payload: { reason: reason.trim() } });
          if (r.ok) onClose();
        }}
      >
        <p>{t('console.overrideExplain')}</p>
        <label>
          {t('console.reason')}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} required maxLength={1000} rows={3} />
        </label>
        <button type="submit" className="primary" disabled={!reason.trim()}>
          {t('console.overrideConfirm')}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </form>
    </Dialog>
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
          </li>
        ))}
      </ul>
    </form>
  );
}
