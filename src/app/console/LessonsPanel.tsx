import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Refusal } from '../../engine';
import { clock } from '../../i18n/format';
import { refusalText } from '../../i18n/refusals';
import type { DrillHost } from '../drill/host';
import { useDrill } from '../drill/useDrill';

/**
 * The techniques the room learned (the seed's "five complaint-handling techniques"): the
 * facilitator writes them down as they come up; the debrief and the report list them.
 * `readOnly`: the list alone (an evaluator's screen).
 */
export function LessonsPanel({ host, readOnly = false }: { host: DrillHost; readOnly?: boolean }) {
  const { t } = useTranslation();
  const lessons = useDrill(host, (x) => x.lessons);
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  if (readOnly && lessons.length === 0) return null;
  const list = lessons.length > 0 && (
    <ol className="lessons-list" aria-label={t('lessons.listLabel')}>
      {lessons.map((l) => (
        <li key={l.seq}>
          <time>{clock(l.t)}</time> {l.text}
        </li>
      ))}
    </ol>
  );
  if (readOnly) {
    return (
      <section className="lessons" aria-labelledby="lessons-title">
        <h3 id="lessons-title">{t('lessons.title')}</h3>
        {list}
      </section>
    );
  }
  return (
    <form
      className="lessons"
      aria-labelledby="lessons-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        const r = host.send({ type: 'LESSON.ADD', payload: { text: text.trim() } });
        setRefusal(r.ok ? null : r.refusal);
        if (r.ok) setText('');
      }}
    >
      <h3 id="lessons-title">{t('lessons.title')}</h3>
      <label>
        {t('lessons.field')}
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={2} maxLength={1000} />
      </label>
      <button type="submit" disabled={!text.trim()}>
        {t('lessons.add')}
      </button>
      {refusal && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: refusalText(t, refusal) })}
        </p>
      )}
      {list}
    </form>
  );
}
