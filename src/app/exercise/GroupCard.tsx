/** One group of an exercise on the trainer's page: how to join, its drill's status, its console and projector, its round and its peer review. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Lang } from '../../engine';
import type { RemoteDrillHost } from '../remote/RemoteDrillHost';
import { tokenKey, venueProjectors } from '../remote/tokens';
import { projectorHref, type Exercise } from './api';
import { JoinQr } from './JoinQr';
import type { GroupLive } from './useGroupSessions';

export function GroupCard({ exercise, index, live, onChange }: { exercise: Exercise; index: number; live: GroupLive | undefined; onChange: (change: { playing?: number | null; reviewing?: number | null }) => void }) {
  const { t } = useTranslation();
  const group = exercise.groups[index];
  if (!group) return null;
  const host = live?.state?.host ?? null;
  const status = host?.context.status;
  const playing = exercise.playing === index;
  const reviewing = exercise.reviewing === index;
  const headingId = `group-${index}-title`;
  return (
    <article className={`panel exercise-group${playing ? ' is-playing' : ''}${reviewing ? ' is-reviewing' : ''}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{group.name}</h3>
      <p className="exercise-status" role="status">
        {!live?.session ? t('exercise.noToken') : status ? t(`status.${status}`) : t(`connection.${live.state?.status ?? 'connecting'}`)}
        {playing && <span className="tag">{t('exercise.playingNow')}</span>}
        {reviewing && <span className="tag">{t('exercise.reviewingNow')}</span>}
      </p>
      <JoinQr code={group.code} group={group.name} />
      <p className="exercise-links">
        <Link href={`/session/${group.sessionId}/console`} aria-label={t('exercise.consoleNamed', { group: group.name })}>
          {t('exercise.console')}
        </Link>{' '}
        <a href={projectorHref(group.sessionId, localStorage.getItem(tokenKey('projector', group.sessionId)))} target="_blank" rel="noopener" aria-label={t('exercise.projectorNamed', { group: group.name })}>
          {t('exercise.projector')}
        </a>
        {venueProjectors(group.sessionId).map((p) => (
          <span key={p.venue}>
            {' '}
            <a href={projectorHref(group.sessionId, p.token)} target="_blank" rel="noopener">
              {t('exercise.projectorAt', { venue: p.venue })}
            </a>
          </span>
        ))}
      </p>
      <div className="exercise-controls">
        {exercise.mode === 'rounds' &&
          (playing ? (
            <button type="button" className="primary" onClick={() => onChange({ playing: null })} aria-label={t('exercise.endRoundNamed', { group: group.name })}>
              {t('exercise.endRound')}
            </button>
          ) : (
            <button type="button" onClick={() => onChange({ playing: index })} disabled={exercise.playing !== null} aria-label={t('exercise.startRoundNamed', { group: group.name })}>
              {t('exercise.startRound')}
            </button>
          ))}{' '}
        {/* A review opens once the group's drill has ended (the server checks too: 'not-ended'). */}
        {reviewing ? (
          <button type="button" className="primary" onClick={() => onChange({ reviewing: null })} aria-label={t('exercise.closeReviewNamed', { group: group.name })}>
            {t('exercise.closeReview')}
          </button>
        ) : (
          status === 'ended' && (
            <button type="button" onClick={() => onChange({ reviewing: index })} aria-label={t('exercise.openReviewNamed', { group: group.name })}>
              {t('exercise.openReview')}
            </button>
          )
        )}
      </div>
      {host && <PeerReviews host={host} live={reviewing} group={group.name} />}
    </article>
  );
}

/** The peer reviews this group's drill has received, arriving live while its review is open. */
function PeerReviews({ host, live, group }: { host: RemoteDrillHost; live: boolean; group: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const reviews = host.context.peerReviews;
  if (!live && reviews.length === 0) return null;
  const title = (id: string) => host.scenario.rubric.find((c) => c.id === id)?.title[lang] ?? id;
  return (
    <section className="exercise-reviews" aria-label={t('exercise.reviewsNamed', { group })} aria-live="polite">
      <h4>{t('exercise.reviews', { count: reviews.length })}</h4>
      <ul>
        {reviews.map((r) => (
          <li key={r.seq}>
            {/* Folded: the card stays short while reviews arrive; opened to read one. */}
            <details>
              <summary>
                <strong>{t('exercise.reviewBy', { reviewer: r.reviewer, group: r.group })}</strong> {r.ratings.map((x) => x.rating).join(' ')}
              </summary>
              <ul className="review-ratings">
                {r.ratings.map((x) => (
                  <li key={x.criterion}>
                    {title(x.criterion)}: <b>{x.rating}</b> {t(`rating.${x.rating}`)}
                    {x.comment && <q>{x.comment}</q>}
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
