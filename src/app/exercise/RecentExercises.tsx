/** The trainer's recent group exercises, on the library page: reopen one, or start a new one. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Lang } from '../../engine';
import { listExercises, type ExerciseSummary } from './api';

export function RecentExercises() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [recent, setRecent] = useState<ExerciseSummary[]>([]);
  useEffect(() => {
    let live = true;
    listExercises().then(
      (list) => live && setRecent(list),
      () => undefined, // an older server, or none: the list stays empty
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <section className="panel recent-exercises" aria-labelledby="recent-exercises-title">
      <h2 id="recent-exercises-title">{t('exercise.recent.title')}</h2>
      <p>
        <Link href="/exercise/new" className="button">
          {t('exercise.recent.new')}
        </Link>
      </p>
      {recent.length > 0 && (
        <ul>
          {recent.map((x) => (
            <li key={x.id}>
              <Link href={`/exercise/${x.id}`}>{x.scenario.title[lang]}</Link> · {new Date(x.createdAt).toLocaleString(lang)} · {t(x.mode === 'rounds' ? 'exercise.modeRounds' : 'exercise.modeParallel')} ·{' '}
              {x.groups.join(t('debrief.listSeparator'))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
