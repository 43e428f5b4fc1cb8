/**
 * The groups side by side: each one's engine total and rating, then per criterion the engine's,
 * the facilitator's and the peers' middle rating, and where they disagree (the talking points of
 * the final debrief).
 */
import { useTranslation } from 'react-i18next';
import type { Debrief, Lang, LocalText } from '../../engine';
import { RatingMark } from './RatingMark';

export type GroupResult = { name: string; debrief: Debrief | null };

export function Comparison({ groups, rubric }: { groups: GroupResult[]; rubric: { id: string; title: LocalText }[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <section className="panel exercise-compare" aria-labelledby="compare-title">
      <h3 id="compare-title">{t('exercise.compare.title')}</h3>
      <div className="table-scroll">
        <table>
          <caption>{t('exercise.compare.totals')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exercise.compare.group')}</th>
              <th scope="col">{t('exercise.compare.total')}</th>
              <th scope="col">{t('exercise.compare.rating')}</th>
            </tr>
          </thead>
          <tbody>
            {groups.map((g) => (
              <tr key={g.name}>
                <th scope="row">{g.name}</th>
                <td>{!g.debrief ? t('exercise.compare.waiting') : g.debrief.total === null ? t('debrief.notPlayed') : g.debrief.total}</td>
                <td>
                  <RatingMark rating={g.debrief?.rating ?? null} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-scroll">
        <table className="exercise-criteria">
          <caption>{t('exercise.compare.criteria')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('exercise.compare.group')}</th>
              <th scope="col">{t('exercise.compare.engine')}</th>
              <th scope="col">{t('exercise.compare.facilitator')}</th>
              <th scope="col">{t('exercise.compare.peers')}</th>
              <th scope="col">{t('exercise.compare.agreement')}</th>
            </tr>
          </thead>
          {rubric.map((criterion) => (
            <tbody key={criterion.id}>
              <tr className="criterion-row">
                <th scope="rowgroup" colSpan={5}>
                  {criterion.title[lang]}
                </th>
              </tr>
              {groups.map((g) => {
                const j = g.debrief?.judgements.find((x) => x.criterion === criterion.id);
                return (
                  <tr key={g.name}>
                    <th scope="row">{g.name}</th>
                    <td>
                      <RatingMark rating={j?.engine ?? null} />
                    </td>
                    <td>
                      <RatingMark rating={j?.facilitator?.rating ?? null} />
                    </td>
                    <td>
                      <RatingMark rating={j?.peer ?? null} /> {j && j.peers.length > 0 && <span className="muted peer-count">{t('exercise.compare.peerCount', { count: j.peers.length })}</span>}
                    </td>
                    <td>
                      {/* Spread ≥ 1: the engine, the facilitator and the peers do not all agree; one rating alone agrees with nothing. */}
                      {j && j.spread >= 1 ? <span className="disagree">{t('exercise.compare.disagree', { count: j.spread })}</span> : j && [j.engine, j.facilitator, j.peer].filter(Boolean).length > 1 ? t('exercise.compare.agree') : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
