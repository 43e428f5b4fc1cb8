import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITATOR, logEntries, type CompiledScenario, type Debrief, type DrillState, type Feedback, type Lang, type LocalText, type LogEntry, type RoomDebrief, type SessionInfo } from '../../engine';
import { debriefWords } from '../../i18n/debriefWords';
import { clock } from '../../i18n/format';
import { hasOtherRatings, RatingsCompared } from './RatingsCompared';

/** The facilitator's debrief: everything the transcript holds (the room gets a `RoomDebrief` from the views instead). */
export const fullDebrief = (compiled: CompiledScenario, ctx: DrillState, debrief: Debrief): RoomDebrief => ({ debrief, glossary: compiled.scenario, timeline: logEntries(ctx), events: ctx.lastSeq });

/**
 * The debrief as the room and the printed report show it, from the debrief and the names it uses
 * (the room's has no notes or reasons to show). `withSummary`: open with the leader's summary.
 */
export function DebriefReport({
  title,
  report,
  info,
  withSummary = true,
}: {
  title: LocalText;
  report: RoomDebrief;
  info: SessionInfo;
  withSummary?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { debrief, glossary, timeline, events } = report;
  const w = debriefWords(t, glossary, lang);
  const score = (x: number | null) => (x === null ? '–' : String(x));

  const feedbackList = (title: string, items: Feedback[]) => (
    <section className="feedback" aria-label={title}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p>{t('debrief.none')}</p>
      ) : (
        <ul>
          {items.map((f, i) => {
            const x = w.feedback(f);
            return (
              <li key={i}>
                {x.when && <time>{x.when}</time>} {x.about && <strong>{x.about}</strong>} {x.text}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );

  return (
    <article className="debrief" aria-label={t('debrief.title')}>
      <header className="debrief-head">
        <h2>{t('debrief.title')}</h2>
        <p className="debrief-scenario">{title[lang]}</p>
        <p>
          {[info.team, info.date ? new Date(info.date).toLocaleDateString(lang) : null].filter(Boolean).join(' · ')}
          {' · '}
          {t(debrief.ended ? 'debrief.ended' : 'debrief.running', { time: clock(debrief.durationSeconds), count: events })}
        </p>
        <TotalScore debrief={debrief} />
      </header>

      {withSummary && debrief.summary && <LeaderSummary summary={debrief.summary} words={w} />}
      {debrief.awaitingRating.length > 0 && (
        <p className="warning" role="note">
          {t('debrief.awaitingRating', { tasks: debrief.awaitingRating.map(w.task).join(t('debrief.listSeparator')) })}
        </p>
      )}
      {debrief.cutShort.length > 0 && <p className="muted">{t('debrief.cutShort', { phases: debrief.cutShort.map(w.phase).join(t('debrief.listSeparator')) })}</p>}

      <section aria-label={t('debrief.criteria')}>
        <h3>{t('debrief.criteria')}</h3>
        <table className="criteria">
          <thead>
            <tr>
              <th scope="col">{t('debrief.criterion')}</th>
              <th scope="col">{t('debrief.weightShort')}</th>
              <th scope="col">{t('debrief.score')}</th>
              <th scope="col">{t('debrief.evidenceTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {debrief.criteria.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.title[lang]}</th>
                <td>{c.weight}</td>
                <td>
                  {score(c.score)} {c.rating && <span className={`rating rating-${c.rating}`}>{c.rating}</span>}
                </td>
                <td>
                  <ul className="evidence">
                    {c.evidence.map((e, i) => (
                      <li key={i}>{w.evidence(e)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {hasOtherRatings(debrief.judgements) && (
        <section aria-label={t('compare.title')}>
          <h3>{t('compare.title')}</h3>
          <p className="muted">{t('compare.hint')}</p>
          <RatingsCompared judgements={debrief.judgements} />
        </section>
      )}

      <div className="debrief-groups">
        <section aria-label={t('debrief.phases')}>
          <h3>{t('debrief.phases')}</h3>
          <table>
            <tbody>
              {debrief.phases.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{w.phase(p.id)}</th>
                  <td>{score(p.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-label={t('debrief.roles')}>
          <h3>{t('debrief.roles')}</h3>
          <table>
            <tbody>
              {debrief.roles.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {w.role(r.id)}
                    {info.participants?.[r.id] ? ` · ${info.participants[r.id]}` : ''}
                  </th>
                  <td>{score(r.score)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      {feedbackList(t('debrief.strengths'), debrief.strengths)}
      {feedbackList(t('debrief.shortfalls'), debrief.shortfalls)}
      {feedbackList(t('debrief.improvements'), debrief.improvements)}

      {debrief.lessons.length > 0 && (
        <section className="lessons" aria-label={t('lessons.title')}>
          <h3>{t('lessons.title')}</h3>
          <ol>
            {debrief.lessons.map((l) => (
              <li key={l.seq}>{l.text}</li>
            ))}
          </ol>
        </section>
      )}
      {debrief.overrides.length > 0 && (
        <section aria-label={t('debrief.overrides')}>
          <h3>{t('debrief.overrides')}</h3>
          <ul>
            {debrief.overrides.map((o) => (
              <li key={o.seq}>
                <time>{clock(o.t)}</time> {t('words.labelled', { label: w.phase(o.phase), text: o.reason })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {debrief.observations.length > 0 && (
        <section aria-label={t('debrief.observations')}>
          <h3>{t('debrief.observations')}</h3>
          <ul>
            {debrief.observations.map((o) => (
              <li key={o.seq}>
                <time>{clock(o.t)}</time> <span className={o.good ? 'tag' : 'tag tag-danger'}>{t(o.good ? 'debrief.observationGood' : 'debrief.observationProhibited')}</span> {w.observation(o.observation)}
                {o.role ? ` · ${w.role(o.role)}` : ''}
                {o.note ? ` — ${o.note}` : ''}
                {o.by ? t('evaluator.by', { name: o.by }) : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {debrief.notes.length > 0 && (
        <section aria-label={t('debrief.notes')}>
          <h3>{t('debrief.notes')}</h3>
          <LongList
            as="ul"
            items={debrief.notes}
            render={(n) => (
              <li key={n.seq}>
                <time>{clock(n.t)}</time> {n.role ? t('words.labelled', { label: w.role(n.role), text: n.text }) : n.text}
                {n.by ? t('evaluator.by', { name: n.by }) : ''}
              </li>
            )}
          />
        </section>
      )}

      <section className="timeline" aria-label={t('debrief.timeline')}>
        <h3>{t('debrief.timeline')}</h3>
        <LongList
          as="ol"
          items={timeline}
          render={(e, i) => (
            <li key={i} value={i + 1}>
              <time>{clock(e.t)}</time> {timelineText(t, w, e)}
            </li>
          )}
        />
      </section>
    </article>
  );
}

/** The total and its rating, or that the drill was never played: the debrief's headline, on the page and on the projector's first slide. */
export function TotalScore({ debrief }: { debrief: Debrief }) {
  const { t } = useTranslation();
  return debrief.total === null ? (
    <p className="total not-played">
      <span className="total-score" aria-label={t('debrief.totalLabel')}>
        {t('debrief.notPlayed')}
      </span>
      <span className="rating-name">{t('debrief.notPlayedExplain')}</span>
    </p>
  ) : (
    <p className="total">
      <span className="total-score" aria-label={t('debrief.totalLabel')}>
        {debrief.total}
      </span>
      <span className={`rating rating-${debrief.rating}`} aria-label={t('debrief.ratingLabel')}>
        {debrief.rating}
      </span>
      <span className="rating-name">{t(`rating.${debrief.rating}`)}</span>
    </p>
  );
}

/** How much of a long list a report shows at first: its beginning and its end. */
const HEAD = 150;
const TAIL = 50;

/**
 * A list that may run to thousands of lines (the notes and timeline of a long drill): its first
 * and last lines, and a button for the rest, so the report opens at once; the transcript keeps them all.
 */
function LongList<T>({ as: List, items, render }: { as: 'ul' | 'ol'; items: readonly T[]; render: (item: T, index: number) => ReactNode }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (all || items.length <= HEAD + TAIL + 20) return <List>{items.map(render)}</List>;
  const hidden = items.length - HEAD - TAIL;
  return (
    <List>
      {items.slice(0, HEAD).map(render)}
      <li className="long-list-more">
        <button type="button" onClick={() => setAll(true)}>
          {t('debrief.showAll', { count: items.length, hidden })}
        </button>
      </li>
      {items.slice(items.length - TAIL).map((item, i) => render(item, items.length - TAIL + i))}
    </List>
  );
}

/** The leader's summary (总结点评): it opens the debrief and the after-action report. */
export function LeaderSummary({ summary, words }: { summary: NonNullable<Debrief['summary']>; words: ReturnType<typeof debriefWords> }) {
  const { t } = useTranslation();
  return (
    <section className="leader-summary" aria-label={t('debrief.summary')}>
      <h3>{t('debrief.summary')}</h3>
      <blockquote>{summary.text}</blockquote>
      <p className="muted">— {t('debrief.summaryBy', { who: summary.by === FACILITATOR ? t('setup.facilitator') : words.role(summary.by), time: clock(summary.t) })}</p>
    </section>
  );
}

function timelineText(t: (k: string, o?: Record<string, unknown>) => string, w: ReturnType<typeof debriefWords>, e: LogEntry): string {
  switch (e.kind) {
    case 'start':
    case 'pause':
    case 'resume':
      return t(`timeline.${e.kind}`);
    case 'end':
      return t('timeline.end') + (e.reason ? ` (${e.reason})` : '');
    case 'phase':
      return t('timeline.phase', { phase: w.phase(e.phase) }) + (e.override ? ` — ${t('timeline.override', { reason: e.override })}` : '');
    case 'inject':
      return t('timeline.inject', { inject: w.inject(e.inject) });
    case 'task-open':
      return t('timeline.taskOpen', { task: w.task(e.task) });
    case 'answer':
      return t(e.late ? 'timeline.answerLate' : 'timeline.answer', { task: w.task(e.task), role: w.role(e.role) });
    case 'propose':
      return t('timeline.propose', { task: w.task(e.task), role: w.role(e.role) });
    case 'approve':
      return t('timeline.approve', { task: w.task(e.task), role: w.role(e.role) });
    case 'rating':
      return t('timeline.rating', { task: w.task(e.task), rating: e.rating });
    case 'deadline-missed':
      return t('timeline.missed', { task: w.task(e.task) });
    case 'cancel':
      return t('timeline.cancel', { inject: w.inject(e.inject) });
    case 'note':
      return t('timeline.note', { text: e.text }) + (e.by ? t('timeline.by', { by: e.by }) : '');
    case 'observation':
      return t('timeline.observation', { observation: w.observation(e.observation) }) + (e.role ? t('debrief.evidence.who', { role: w.role(e.role) }) : '') + (e.by ? t('timeline.by', { by: e.by }) : '');
    case 'summary':
      return t('timeline.summary');
    case 'cast':
      if (!e.name) return t('timeline.castFreed', { role: w.role(e.role) });
      return e.venue ? t('timeline.castAt', { name: e.name, role: w.role(e.role), venue: e.venue }) : t('timeline.cast', { name: e.name, role: w.role(e.role) });
    case 'criterion-rating':
      return t('timeline.criterionRating', { criterion: w.criterion(e.criterion), rating: e.rating });
    case 'peer-review':
      return t('timeline.peerReview', { group: e.group, reviewer: e.reviewer });
    case 'lesson':
      return t('timeline.lesson', { text: e.text });
  }
}
