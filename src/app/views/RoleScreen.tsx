import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { castOf, type Answer, type Command, type Lang, type LocalText, type ParticipantView, type SessionInfo } from '../../engine';
import { clock } from '../../i18n/format';
import { refusalText } from '../../i18n/refusals';
import type { AnyRefusal } from '../../protocol/messages';
import { InjectCard } from '../components/InjectCard';
import { TaskForm } from '../components/TaskForm';
import { answerWords } from '../drill/answerWords';

/** On a participant's laptop: answers not yet sent (by task), whether the link is down, and refusals by task. */
export type Outbox = { pending: Record<string, Answer>; queued: 'offline' | 'paused' | undefined; refusals: Record<string, AnyRefusal> };


/**
 * One role's screen, drawn only from its view: its briefing, private information, tasks,
 * decisions and messages. Without `onAnswer` it is read-only (review: what did this role know then?).
 */
export function RoleScreen({
  view,
  now,
  info,
  onAnswer,
  onCommand,
  outbox,
}: {
  view: ParticipantView;
  now: number;
  info: SessionInfo;
  onAnswer?: (task: string, answer: Answer) => AnyRefusal | null;
  /** Sign-offs and, for a seated simulated role, the messages it sends. */
  onCommand?: (command: Command) => AnyRefusal | null;
  outbox?: Outbox;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const r = view.role;
  // A task answered leaves the list with its form: focus goes to the list's heading, not the page.
  const tasksHeading = useRef<HTMLHeadingElement>(null);
  const openIds = view.tasks.map((x) => x.id).join(' ');
  const previous = useRef(openIds);
  useEffect(() => {
    const gone = previous.current.split(' ').some((id) => id && !openIds.split(' ').includes(id));
    previous.current = openIds;
    if (gone && (document.activeElement === document.body || document.activeElement === null)) tasksHeading.current?.focus();
  }, [openIds]);
  const sep = t('debrief.listSeparator');
  const roleName = (id: string) => (view.roles.find((x) => x.id === id)?.name ?? ({ 'zh-CN': id, en: id } as LocalText))[lang];
  const open = view.tasks.map((task) => {
    const dueIn = task.dueAt !== undefined ? task.dueAt - now : undefined;
    return { task, dueIn, overdue: dueIn !== undefined && dueIn < 0 };
  });
  return (
    <div className="role-view">
      <h2>
        {r.name[lang]} <span className="muted">· {r.department[lang]}</span>
      </h2>
      {castOf(info, view.cast)[r.id] && <p>{castOf(info, view.cast)[r.id]}</p>}
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
        <h3 id="tasks-title" ref={tasksHeading} tabIndex={-1}>
          {t('role.tasks')}
        </h3>
        {view.status === 'paused' && <p className="muted">{t('role.paused')}</p>}
        {open.length === 0 && <p className="muted">{t('role.noTasks')}</p>}
        {open.map(({ task, overdue, dueIn }) => (
          <div key={task.id} className={`role-task${overdue ? ' overdue' : ''}`}>
            <h4>{task.title[lang]}</h4>
            {dueIn !== undefined && <p className="due">{overdue ? t('console.overdueBy', { time: clock(-dueIn) }) : t('console.dueIn', { time: clock(dueIn) })}</p>}
            {task.rule && <p className="muted">{task.rule[lang]}</p>}
            {task.signoff ? (
              <p className="signoff-pending" role="status">
                {task.signoff.answer ? `${answerWords(task, task.signoff.answer, lang, sep)} · ` : ''}
                {t('role.waitingFor', { roles: task.signoff.waiting.map(roleName).join(sep) })}
              </p>
            ) : onAnswer ? (
              <TaskForm task={task} onSubmit={(answer) => onAnswer(task.id, answer)} pending={outbox?.pending[task.id]} queued={outbox?.queued} refusal={outbox?.refusals[task.id]} />
            ) : (
              <p>{task.prompt[lang]}</p>
            )}
          </div>
        ))}
        {view.done.length > 0 && (
          <>
            <h4>{t('role.done')}</h4>
            <ul>
              {view.done.map((task) => {
                const refused = outbox?.refusals[task.id];
                return (
                  <li key={task.id}>
                    <time>{clock(task.answeredAt)}</time> {task.title[lang]}
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
      {(view.approvals ?? []).length > 0 && (
        <section aria-labelledby="approvals-title" className="panel">
          <h3 id="approvals-title">{t('role.approvals')}</h3>
          {view.approvals.map((a) => (
            <div key={a.id} className="role-task">
              <h4>{a.title[lang]}</h4>
              <p className="muted">{a.prompt[lang]}</p>
              <p>{t('role.proposal', { role: roleName(a.by), answer: answerWords(a, a.answer, lang, sep) })}</p>
              <p className="muted">{t('role.waitingFor', { roles: a.waiting.map(roleName).join(sep) })}</p>
              {onCommand && (
                <button type="button" onClick={() => onCommand({ type: 'TASK.APPROVE', payload: { task: a.id, role: r.id } })}>
                  {t('role.approve', { task: a.title[lang] })}
                </button>
              )}
            </div>
          ))}
        </section>
      )}
      {(view.playable ?? []).length > 0 && (
        <section aria-labelledby="play-title" className="panel">
          <h3 id="play-title">{t('role.play')}</h3>
          {view.playable.map((p) => (
            <div key={p.id} className="role-task">
              <h4>{p.title[lang]}</h4>
              <p>{p.content[lang]}</p>
              {p.sent ? (
                <p className="muted">{t('role.sent')}</p>
              ) : (
                onCommand && (
                  <button type="button" onClick={() => onCommand({ type: 'INJECT.FIRE', payload: { inject: p.id } })}>
                    {t('role.send', { title: p.title[lang] })}
                  </button>
                )
              )}
            </div>
          ))}
        </section>
      )}
      <section aria-labelledby="messages-title" className="panel">
        <h3 id="messages-title">{t('role.messages')}</h3>
        {view.messages.length === 0 && <p className="muted">{t('role.noMessages')}</p>}
        {view.messages.map((inject) => (
          <InjectCard key={inject.id} inject={inject} />
        ))}
      </section>
    </div>
  );
}
