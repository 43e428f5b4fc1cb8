import { useTranslation } from 'react-i18next';
import type { Judgement, Lang, Rating } from '../../engine';

/** Whether anyone beside the engine rated a criterion: the comparison is shown only then. */
export const hasOtherRatings = (judgements: Judgement[]): boolean => judgements.some((j) => j.facilitator !== null || j.peers.length > 0);

/**
 * Each criterion as the engine, the facilitator and the peers (their middle rating) rated it, with
 * a mark where they disagree: one step apart, or (stronger) two or more. `compact`: without the
 * comments (the projector's slide).
 */
export function RatingsCompared({ judgements, compact = false }: { judgements: Judgement[]; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <table className={compact ? 'ratings-compared compact' : 'ratings-compared'}>
      <thead>
        <tr>
          <th scope="col">{t('debrief.criterion')}</th>
          <th scope="col">{t('compare.engine')}</th>
          <th scope="col">{t('compare.facilitator')}</th>
          <th scope="col">{t('compare.peers')}</th>
          <th scope="col">{t('compare.agreement')}</th>
        </tr>
      </thead>
      <tbody>
        {judgements.map((j) => {
          const rated = [j.engine, j.facilitator?.rating ?? null, j.peer].filter((r) => r !== null).length;
          // With one rating there is nothing to compare: no mark.
          const spread = rated > 1 ? j.spread : null;
          return (
            <tr key={j.criterion} className={spread ? `disagree disagree-${Math.min(spread, 2)}` : undefined}>
              <th scope="row">{j.title[lang]}</th>
              <td>
                <RatingBadge rating={j.engine} />
              </td>
              <td>
                <RatingBadge rating={j.facilitator?.rating ?? null} />
                {!compact && j.facilitator?.comment && <p className="compare-comment">{j.facilitator.comment}</p>}
              </td>
              <td>
                <RatingBadge rating={j.peer} />
                {j.peers.length > 0 && <span className="muted">{t('compare.peerCount', { count: j.peers.length })}</span>}
                {!compact && j.peers.length > 0 && (
                  <ul className="compare-peers">
                    {j.peers.map((p) => (
                      <li key={`${p.group}/${p.reviewer}`}>
                        {t('compare.peerBy', { group: p.group, reviewer: p.reviewer })} <RatingBadge rating={p.rating} />
                        {p.comment ? ` — ${p.comment}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <SpreadMark spread={spread} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RatingBadge({ rating }: { rating: Rating | null }) {
  return rating ? <span className={`rating rating-${rating}`}>{rating}</span> : <span className="muted">–</span>;
}

/** Agreement in words, with a mark that does not rely on colour alone (printed in black and white). */
function SpreadMark({ spread }: { spread: number | null }) {
  const { t } = useTranslation();
  if (spread === null) return <span className="muted">–</span>;
  if (spread === 0) return <span className="spread spread-0">{t('compare.agree')}</span>;
  if (spread === 1) return <span className="spread spread-1">≠ {t('compare.apart', { count: spread })}</span>;
  return <strong className="spread spread-2">⚠ {t('compare.apart', { count: spread })}</strong>;
}
