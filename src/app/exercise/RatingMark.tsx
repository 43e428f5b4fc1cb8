/** A P/S/M/U rating: its letter (the HSEEP code trainers know) with its words in the reader's language. */
import { useTranslation } from 'react-i18next';
import type { Rating } from '../../engine';

export function RatingMark({ rating }: { rating: Rating | null }) {
  const { t } = useTranslation();
  if (!rating) return <span className="muted">{t('exercise.compare.none')}</span>;
  return (
    <span className="rating-mark">
      <b className={`rating-letter rating-${rating}`}>{rating}</b> <span className="rating-word">{t(`rating.${rating}`)}</span>
    </span>
  );
}
