import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Answer, Lang, TaskBrief } from '../../engine';
import { refusalText } from '../../i18n/refusals';
import type { AnyRefusal } from '../../protocol/messages';

/** The choices or text an answer holds, to show it again in the form. */
const choicesOf = (answer: Answer | undefined): string[] => (!answer ? [] : answer.kind === 'single' ? [answer.option] : answer.kind === 'multiple' ? answer.options : answer.kind === 'checklist' ? answer.items : []);

/**
 * The form a role (or the facilitator on its behalf) answers a task with. On a participant's
 * laptop an answer goes to the server: while it waits (`pending`, e.g. queued offline) the
 * form shows it, locked, and says so; changing it before it is sent replaces it. A refusal
 * from the server (`refusal`) is shown here, beside the task.
 */
export function TaskForm({
  task,
  onSubmit,
  pending,
  queued,
  refusal,
}: {
  /** The question as its role sees it (choices already in display order). */
  task: TaskBrief;
  onSubmit: (answer: Answer) => AnyRefusal | null;
  pending?: Answer | undefined;
  /** Why a pending answer is not sent yet: no connection, or the drill is paused (it goes when it resumes). */
  queued?: 'offline' | 'paused' | undefined;
  refusal?: AnyRefusal | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const id = useId();
  const [chosen, setChosen] = useState<string[]>(() => choicesOf(pending));
  const [text, setText] = useState(() => (pending?.kind === 'text' ? pending.text : ''));
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const locked = pending !== undefined && !editing;

  const toggle = (value: string) => setChosen((xs) => (xs.includes(value) ? xs.filter((x) => x !== value) : [...xs, value]));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (locked) return;
    let answer: Answer;
    if (task.kind === 'single') {
      if (!chosen[0]) return setError(t('task.chooseOne'));
      answer = { kind: 'single', option: chosen[0] };
    } else if (task.kind === 'multiple') {
      if (chosen.length === 0) return setError(t('task.chooseSome'));
      answer = { kind: 'multiple', options: chosen };
    } else if (task.kind === 'checklist') {
      answer = { kind: 'checklist', items: chosen };
    } else {
      if (!text.trim()) return setError(t('task.writeSomething'));
      answer = { kind: 'text', text: text.trim() };
    }
    const refused = onSubmit(answer);
    setError(refused ? t('task.refused', { reason: refusalText(t, refused) }) : null);
    if (!refused) setEditing(false);
  };

  const choices = task.choices;
  const shown = error ?? (refusal && !pending ? t('task.refused', { reason: refusalText(t, refusal) }) : null);
  return (
    <form className={`task-form${locked ? ' locked' : ''}`} onSubmit={submit} aria-label={task.title[lang]}>
      {task.kind === 'text' ? (
        <>
          <label htmlFor={`${id}-text`}>{task.prompt[lang]}</label>
          <textarea id={`${id}-text`} value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={4000} disabled={locked} />
        </>
      ) : (
        <fieldset disabled={locked}>
          <legend>{task.prompt[lang]}</legend>
          {choices.map((c) => (
            <label key={c.id} className="choice">
              <input
                type={task.kind === 'single' ? 'radio' : 'checkbox'}
                name={`${id}-choice`}
                value={c.id}
                checked={chosen.includes(c.id)}
                onChange={() => (task.kind === 'single' ? setChosen([c.id]) : toggle(c.id))}
              />
              {c.label[lang]}
            </label>
          ))}
        </fieldset>
      )}
      {shown && (
        <p role="alert" className="form-error">
          {shown}
        </p>
      )}
      {locked ? (
        <p className="queued" aria-live="polite">
          {queued === 'offline' ? t('task.queued') : queued === 'paused' ? t('task.queuedPaused') : t('task.sending')}{' '}
          {queued && (
            <button type="button" onClick={() => setEditing(true)}>
              {t('task.change')}
            </button>
          )}
        </p>
      ) : (
        <button type="submit">{t('task.submit')}</button>
      )}
    </form>
  );
}
