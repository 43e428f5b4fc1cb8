/**
 * A participant's seat when its drill is one group's part of an exercise: the round another group
 * plays (to watch), the peer review of another group (to rate on the rubric), or word that its
 * own group is playing or under review.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RATINGS, type CriterionRating, type Lang, type PublicView, type Rating, type SessionInfo } from '../../engine';
import { drillTimeAt, type ClockBase } from '../../protocol/clock';
import type { ExerciseView } from '../../protocol/messages';
import { ScreenClock } from '../components/DrillClock';
import { ProjectorScreen } from '../views/ProjectorScreen';

type Watched = { group: number; screen: PublicView; clock?: ClockBase | null };

/** The watched drill's clock, carried on from the last time the server sent (it runs between events). */
function watchedClock(watch: Watched) {
  const { screen, clock } = watch;
  return { drillTime: (wallMs = Date.now()) => (clock ? drillTimeAt(clock, screen.status === 'running', screen.now, wallMs) : screen.now), subscribe: () => () => undefined };
}

export function SeatExercise({ exercise, watch, info, onReview }: { exercise: ExerciseView; watch: Watched | null; info: SessionInfo; onReview: (ratings: CriterionRating[]) => void }) {
  const { t } = useTranslation();
  const nameOf = (i: number) => exercise.groups[i]?.name ?? '';
  const own = exercise.group;
  const watching = exercise.playing !== null && exercise.playing !== own && watch !== null;
  const reviewing = exercise.reviewing !== null && exercise.reviewing !== own && exercise.rubric ? exercise.reviewing : null;
  return (
    <div className="seat-exercise">
      {exercise.playing === own && (
        <p role="status" className="exercise-banner own">
          {t('watch.yourRound')}
        </p>
      )}
      {exercise.reviewing === own && (
        <p role="status" className="exercise-banner own">
          {t('peerReview.ownGroup')}
        </p>
      )}
      {reviewing !== null && exercise.rubric && (
        // A new review starts a fresh form.
        <PeerReviewForm key={reviewing} group={nameOf(reviewing)} rubric={exercise.rubric} reviewed={exercise.reviewed === true} onReview={onReview} />
      )}
      {watching && (
        <div className="embedded-projector">
          <WatchedRound group={nameOf(watch.group)} watch={watch} info={info} />
        </div>
      )}
    </div>
  );
}

/** Another group's round as the room sees it (its projector's view), on a laptop or this group's projector. */
export function WatchedRound({ group, watch, info }: { group: string; watch: Watched; info: SessionInfo }) {
  const { t } = useTranslation();
  return (
    <section className="watch-round" aria-labelledby="watch-title">
      <h2 id="watch-title" className="exercise-banner">
        {t('watch.banner', { group })}
      </h2>
      <ProjectorScreen view={watch.screen} now={watch.screen.now} info={info} clock={<ScreenClock source={watchedClock(watch)} screen={watch.screen} speed={watch.clock?.speed ?? 1} />} showDebrief={false} />
    </section>
  );
}

type Draft = Record<string, { rating?: Rating; comment: string }>;

/** One fieldset per criterion of the rubric: P/S/M/U with their words, and a comment if the reviewer has one. */
function PeerReviewForm({ group, rubric, reviewed, onReview }: { group: string; rubric: NonNullable<ExerciseView['rubric']>; reviewed: boolean; onReview: (ratings: CriterionRating[]) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [draft, setDraft] = useState<Draft>({});
  // Back on the page after sending (a reload): the review stands until the reviewer changes it.
  const [editing, setEditing] = useState(!reviewed);
  const [missing, setMissing] = useState(false);
  const edit = (criterion: string, change: Partial<Draft[string]>) => setDraft((d) => ({ ...d, [criterion]: { comment: '', ...d[criterion], ...change } }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ratings = rubric.flatMap((c): CriterionRating[] => {
      const x = draft[c.id];
      if (!x?.rating) return [];
      const comment = x.comment.trim();
      return [{ criterion: c.id, rating: x.rating, ...(comment ? { comment } : {}) }];
    });
    // Every criterion is rated: the groups' reviews then compare criterion by criterion.
    if (ratings.length < rubric.length) return setMissing(true);
    setMissing(false);
    onReview(ratings);
    setEditing(false);
  };
  if (!editing) {
    return (
      <section className="panel peer-review sent" aria-labelledby="peer-review-title">
        <h2 id="peer-review-title">{t('peerReview.title', { group })}</h2>
        {/* Sent once the server says so; a refusal shows above the seat, and the review can be changed and sent again. */}
        <p role="status">{reviewed ? t('peerReview.sent', { group }) : t('peerReview.sending')}</p>
        <button type="button" onClick={() => setEditing(true)}>
          {t('peerReview.change')}
        </button>
      </section>
    );
  }
  return (
    <form className="panel peer-review" onSubmit={submit} aria-labelledby="peer-review-title" noValidate>
      <h2 id="peer-review-title">{t('peerReview.title', { group })}</h2>
      <p className="muted">{t('peerReview.hint')}</p>
      {rubric.map((c) => {
        const x = draft[c.id];
        return (
          <fieldset key={c.id} className="peer-criterion">
            <legend>{c.title[lang]}</legend>
            {c.description && <p className="muted">{c.description[lang]}</p>}
            <div className="rating-choices">
              {RATINGS.map((r) => (
                <label key={r} className="choice">
                  <input type="radio" name={`rate-${c.id}`} value={r} checked={x?.rating === r} onChange={() => edit(c.id, { rating: r })} />{' '}
                  <b>{r}</b> {t(`rating.${r}`)}
                </label>
              ))}
            </div>
            <label>
              {t('peerReview.comment')}
              <textarea value={x?.comment ?? ''} onChange={(e) => edit(c.id, { comment: e.target.value })} maxLength={1000} rows={2} />
            </label>
          </fieldset>
        );
      })}
      {missing && (
        <p role="alert" className="form-error">
          {t('peerReview.rateAll')}
        </p>
      )}
      <button type="submit" className="primary">
        {t(reviewed ? 'peerReview.resend' : 'peerReview.send')}
      </button>
    </form>
  );
}
