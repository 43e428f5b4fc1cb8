/** A lesson learned (a technique the room names at the end), added to every group's drill at once. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText } from '../../i18n/refusals';
import type { RemoteDrillHost } from '../remote/RemoteDrillHost';

export function LessonForm({ groups }: { groups: { name: string; host: RemoteDrillHost | null }[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [added, setAdded] = useState(false);
  const lessons = groups.find((g) => g.host)?.host?.context.lessons ?? [];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lesson = text.trim();
    if (!lesson) return;
    const failed = groups.flatMap((g) => {
      if (!g.host) return [t('exercise.lessonNotConnected', { group: g.name })];
      const sent = g.host.send({ type: 'LESSON.ADD', payload: { text: lesson } });
      return sent.ok ? [] : [t('exercise.lessonRefused', { group: g.name, reason: refusalText(t, sent.refusal) })];
    });
    setProblems(failed);
    setAdded(failed.length < groups.length);
    if (failed.length === 0) setText('');
  };
  return (
    <section className="panel exercise-lessons" aria-labelledby="lessons-title">
      <h3 id="lessons-title">{t('exercise.lessons')}</h3>
      {lessons.length > 0 && (
        <ol>
          {lessons.map((l) => (
            <li key={l.seq}>{l.text}</li>
          ))}
        </ol>
      )}
      <form onSubmit={submit}>
        <label>
          {t('exercise.lesson')}
          <textarea value={text} onChange={(e) => setText(e.target.value)} maxLength={1000} rows={2} required />
        </label>
        <button type="submit">{t('exercise.addLesson')}</button>
      </form>
      {added && problems.length === 0 && <p role="status">{t('exercise.lessonAdded')}</p>}
      {problems.length > 0 && (
        <ul role="alert" className="form-error">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
