/**
 * The running exercise on the trainer's laptop: every group with its join code, its drill and
 * its controls (rounds, peer reviews), the lessons learned, and the groups compared. Each
 * group's drill is followed live through its own facilitator connection.
 */
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../engine';
import type { TFunction } from 'i18next';
import { Comparison } from './Comparison';
import { GroupCard } from './GroupCard';
import { groupDebrief } from './groupDebrief';
import { LessonForm } from './LessonForm';
import { useExercise } from './useExercise';
import { useGroupSessions, type SessionFactory } from './useGroupSessions';

/** `connect`: tests pass a stand-in for the WebSocket connections. */
export function ExercisePage({ id, connect }: { id: string; connect?: SessionFactory }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { exercise, error, change } = useExercise(id);
  const lives = useGroupSessions(exercise?.groups.map((g) => g.sessionId) ?? [], connect);
  if (!exercise) return error ? <p role="alert">{exerciseError(t, error)}</p> : <p role="status">{t('common.loading')}</p>;
  const groups = exercise.groups.map((g, i) => ({ name: g.name, host: lives[i]?.state?.host ?? null }));
  const rubric = groups.find((g) => g.host)?.host?.scenario.rubric ?? [];
  const nameOf = (i: number | null) => (i === null ? '' : (exercise.groups[i]?.name ?? ''));
  return (
    <section className="exercise-page" aria-labelledby="exercise-title">
      <h2 id="exercise-title">{t('exercise.title', { title: exercise.scenario.title[lang] })}</h2>
      <p className="exercise-now" role="status">
        {t(exercise.mode === 'rounds' ? 'exercise.modeRounds' : 'exercise.modeParallel')}
        {exercise.venues.length > 0 && <> · {t('exercise.venuesList', { venues: exercise.venues.join(t('debrief.listSeparator')) })}</>}
        {exercise.playing !== null && <> · {t('exercise.nowPlaying', { group: nameOf(exercise.playing) })}</>}
        {exercise.reviewing !== null && <> · {t('exercise.nowReviewing', { group: nameOf(exercise.reviewing) })}</>}
      </p>
      {error && (
        <p role="alert" className="form-error">
          {exerciseError(t, error)}
        </p>
      )}
      <div className="exercise-groups">
        {exercise.groups.map((g, i) => (
          <GroupCard key={g.sessionId} exercise={exercise} index={i} live={lives[i]} onChange={(c) => void change(c)} />
        ))}
      </div>
      <LessonForm groups={groups} />
      <Comparison groups={groups.map((g) => ({ name: g.name, debrief: g.host ? groupDebrief(g.host) : null }))} rubric={rubric} />
    </section>
  );
}

/** The server's refusal of a change, or why the exercise could not be loaded, in the reader's words. */
export function exerciseError(t: TFunction, code: string): string {
  switch (code) {
    case 'not-ended':
      return t('exercise.error.notEnded');
    case 'not-found':
      return t('exercise.error.notFound');
    case 'no-server':
      return t('join.noServer');
    default:
      return t('exercise.error.failed');
  }
}
