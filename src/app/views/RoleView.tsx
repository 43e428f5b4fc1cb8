import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Answer, CompiledScenario, DrillContext, Lang, Refusal, SessionInfo } from '../../engine';
import { clock } from '../../i18n/format';
import { refusalText } from '../../i18n/refusals';
import type { AnyRefusal } from '../../protocol/messages';
import { InjectCard } from '../components/InjectCard';
import { SummaryPanel } from '../components/SummaryPanel';
import { TaskForm } from '../components/TaskForm';
import type { DrillHost } from '../drill/host';
import { answeredTasks, injectsForRole, openTasks } from '../drill/selectors';
import { useDrill, useDrillTime } from '../drill/useDrill';

/** On a participant's laptop: answers not yet sent (by task), whether the link is down, and refusals by task. */
export type Outbox = { pending: Record<string, Answer>; queued: 'offline' | 'paused' | undefined; refusals: Record<string, AnyRefusal> };

/** A live role screen. `backToConsole`: on the facilitator's laptop, a link back to the console. */
export function RoleView({ host, role, backToConsole = true, outbox }: { host: DrillHost; role: string; backToConsole?: boolean; outbox?: Outbox }) {
  const { t } = useTranslation();
  const ctx = useDrill(host, (x) => x);
  const now = useDrillTime(host);
  return (
    <>
      {backToConsole && (
        <p>
          <Link href="/console">{t('role.backToConsole')}</Link>
        </p>
      )}
      <RoleScreen
        compiled={host.compiled}
        ctx={ctx}
        now={now}
        role={role}
        info={host.info}
        {...(outbox ? { outbox } : {})}
        onAnswer={(task, answer) => {
          const result = host.send({ type: 'TASK.ANSWER', payload: { task, role, answer } }, role);
          return result.ok ? null : result.refusal;
        }}
      />
      {/* The leader gives the summary at the hot wash from its own screen. */}
      {role === host.compiled.scenario.leader && (ctx.phase === 'resolve' || ctx.status === 'ended') && <SummaryPanel host={host} actor={role} />}
    </>
  );
}

/**
 * One role's screen: its briefing, private information, tasks, decisions and messages. Without
 * `onAnswer` it is read-only (review: what did this role know then?).
 */
export function RoleScreen({
  compiled: c,
  ctx,
  now,
  role,
  info,
  onAnswer,
  outbox,
}: {
  compiled: CompiledScenario;
  ctx: DrillContext;
  now: number;
  role: string;
  info: SessionInfo;
  onAnswer?: (task: string, answer: Answer) => Refusal | null;
  outbox?: Outbox;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const r = c.scenario.roles.find((x) => x.id === role && x.kind === 'player');
  if (!r) return <p role="alert">{t('role.unknown', { role })}</p>;
  const open = openTasks(c, ctx, now, role);
  const done = answeredTasks(c, ctx, role);
  const messages = injectsForRole(c, ctx, role);
  return (
    <div className="role-view">
      <h2>
        {r.name[lang]} <span className="muted">· {r.department[lang]}</span>
      </h2>
      {info.participants?.[role] && <p>{info.participants[role]}</p>}
      <section aria-labelledby="brief-title" className="panel">
        <h3 id="brief-title">{t('role.briefing')}</h3>
        <p>{r.briefing.public[lang]}</p>
        {r.briefing.private && (
          <>
            <h4>{t('role.private')}</h4>
            <p className="private">{r.briefing.private[lang]}</p>
          </>
        )}
      </section>
      <section aria-labelledby="tasks-title" className="panel">
        <h3 id="tasks-title">{t('role.tasks')}</h3>
        {ctx.status === 'paused' && <p className="muted">{t('role.paused')}</p>}
        {open.length === 0 && <p className="muted">{t('role.noTasks')}</p>}
        {open.map(({ task, overdue, dueIn }) => (
          <div key={task.id} className={`role-task${overdue ? ' overdue' : ''}`}>
            <h4>{task.title[lang]}</h4>
            {dueIn !== undefined && <p className="due">{overdue ? t('console.overdueBy', { time: clock(-dueIn) }) : t('console.dueIn', { time: clock(dueIn) })}</p>}
            {task.rule && <p className="muted">{task.rule[lang]}</p>}
            {onAnswer ? (
              <TaskForm task={task} onSubmit={(answer) => onAnswer(task.id, answer)} pending={outbox?.pending[task.id]} queued={outbox?.queued} refusal={outbox?.refusals[task.id]} />
            ) : (
              <p>{task.prompt[lang]}</p>
            )}
          </div>
        ))}
        {done.length > 0 && (
          <>
            <h4>{t('role.done')}</h4>
            <ul>
              {done.map(({ task, state }) => {
                const refused = outbox?.refusals[task.id];
                return (
                  <li key={task.id}>
                    <time>{clock(state.answeredAt ?? 0)}</time> {task.title[lang]}
                    {refused && (
                      <p role="alert" className="form-error">
                        {t('task.refused', { reason: refusalText(t, refused) })}
                      </p>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="messages-title" className="panel">
        <h3 id="messages-title">{t('role.messages')}</h3>
        {messages.length === 0 && <p className="muted">{t('role.noMessages')}</p>}
        {messages.map((f) => (
          <InjectCard key={f.inject.id} inject={f.inject} at={f.at} scenario={c.scenario} />
        ))}
      </section>
    </div>
  );
}
