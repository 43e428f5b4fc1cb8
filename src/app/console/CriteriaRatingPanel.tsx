import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATINGS, type Lang, type Rating, type Refusal, type Criterion } from '../../engine';
import { refusalText } from '../../i18n/refusals';
import type { DrillHost } from '../drill/host';
import { useDrill } from '../drill/useDrill';

/**
 * The facilitator's own P/S/M/U rating of each rubric criterion, beside the engine's: the
 * debrief compares them (and the peers'). Shown at the hot wash: in the last phase and after the end.
 */
export function CriteriaRatingPanel({ host }: { host: DrillHost }) {
  const { t } = useTranslation();
  const given = useDrill(host, (x) => x.criterionRatings);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  return (
    <section className="criteria-rating" aria-labelledby="criteria-rating-title">
      <h3 id="criteria-rating-title">{t('criteriaRating.title')}</h3>
      <p className="muted">{t('criteriaRating.hint')}</p>
      {host.scenario.rubric.map((criterion) => (
        <CriterionRow
          key={criterion.id}
          criterion={criterion}
          current={given[criterion.id]}
          onRate={(rating, comment) => {
            const r = host.send({ type: 'CRITERION.RATE', payload: { criterion: criterion.id, rating, ...(comment ? { comment } : {}) } });
            setRefusal(r.ok ? null : r.refusal);
          }}
        />
      ))}
      {refusal && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: refusalText(t, refusal) })}
        </p>
      )}
    </section>
  );
}

/** One criterion: its comment, then a button per rating (pressing one sends it with the comment). */
function CriterionRow({ criterion, current, onRate }: { criterion: Criterion; current: { rating: Rating; comment?: string } | undefined; onRate: (rating: Rating, comment: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [comment, setComment] = useState(current?.comment ?? '');
  const title = criterion.title[lang];
  return (
    <div className="criterion-rate" role="group" aria-label={title}>
      <p className="criterion-rate-title">
        <strong>{title}</strong>{' '}
        <span className="muted">{current ? t('criteriaRating.current', { rating: current.rating, name: t(`rating.${current.rating}`) }) : t('criteriaRating.none')}</span>
      </p>
      <label>
        {t('criteriaRating.comment')}
        <input type="text" value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
      </label>
      <span className="rating-buttons">
        {RATINGS.map((r) => (
          <button key={r} type="button" aria-pressed={current?.rating === r} title={t(`rating.${r}`)} aria-label={t('criteriaRating.rateAs', { rating: r, name: t(`rating.${r}`) })} onClick={() => onRate(r, comment.trim())}>
            {r}
          </button>
        ))}
      </span>
    </div>
  );
}
