import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Feedback, Lang, LocalText, RoomDebrief, SessionInfo } from '../../engine';
import { debriefWords } from '../../i18n/debriefWords';
import { clock } from '../../i18n/format';
import { LeaderSummary, TotalScore } from '../components/DebriefReport';
import { hasOtherRatings, RatingsCompared } from '../components/RatingsCompared';
import { useFitToScreen } from './useFitToScreen';

/** Items per slide: a list longer than this goes on to the next slide, so the type stays large. */
const FEEDBACK_PER_SLIDE = 4;
const CRITERIA_PER_SLIDE = 8;
const LESSONS_PER_SLIDE = 5;

const pages = <T,>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
};

type Slide = { id: string; title: string; body: ReactNode };

/** Whether a key press belongs to a control with a meaning of its own (a field, or Space on a button). */
function forControl(e: KeyboardEvent): boolean {
  const el = e.target instanceof HTMLElement ? e.target : null;
  if (!el) return false;
  if (el.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName)) return true;
  return (e.key === ' ' || e.key === 'Enter') && (el.tagName === 'BUTTON' || el.tagName === 'A');
}

/**
 * The debrief on the projector as a short sequence of slides: the total, the criteria, the
 * ratings compared (when the facilitator or peers rated), the strengths, the improvements, the
 * lessons learned (when any), the leader's summary. A long list continues on the next slide.
 * ← → / Page Up, Page Down / Space (Shift+Space back), Home and End step through them, and so do
 * the buttons under each slide.
 */
export function DebriefSlides({ title, report, info }: { title: LocalText; report: RoomDebrief; info: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { debrief, glossary, events } = report;
  const w = debriefWords(t, glossary, lang);
  const score = (x: number | null) => (x === null ? '–' : String(x));

  const feedback = (items: Feedback[]) =>
    items.length === 0 ? (
      <p>{t('debrief.none')}</p>
    ) : (
      <ul className="slide-list">
        {items.map((f, i) => {
          const x = w.feedback(f);
          return (
            <li key={i}>
              {x.about && <strong>{x.about}</strong>} {x.text}
            </li>
          );
        })}
      </ul>
    );

  const slides: Slide[] = [];
  const paged = <T,>(id: string, heading: string, items: T[], size: number, body: (page: T[]) => ReactNode) => {
    const all = pages(items, size);
    all.forEach((page, i) =>
      slides.push({ id: `${id}-${i}`, title: all.length > 1 ? t('projector.slidePart', { title: heading, n: i + 1, count: all.length }) : heading, body: body(page) }),
    );
  };

  slides.push({
    id: 'total',
    title: t('projector.slideResult'),
    body: (
      <>
        <TotalScore debrief={debrief} />
        <p className="slide-meta">{t(debrief.ended ? 'debrief.ended' : 'debrief.running', { time: clock(debrief.durationSeconds), count: events })}</p>
      </>
    ),
  });
  paged('criteria', t('debrief.criteria'), debrief.criteria, CRITERIA_PER_SLIDE, (page) => (
    <table className="criteria slide-criteria">
      <thead>
        <tr>
          <th scope="col">{t('debrief.criterion')}</th>
          <th scope="col">{t('debrief.weightShort')}</th>
          <th scope="col">{t('debrief.score')}</th>
        </tr>
      </thead>
      <tbody>
        {page.map((c) => (
          <tr key={c.id}>
            <th scope="row">{c.title[lang]}</th>
            <td>{c.weight}</td>
            <td>
              {score(c.score)} {c.rating && <span className={`rating rating-${c.rating}`}>{c.rating}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  ));
  if (hasOtherRatings(debrief.judgements)) paged('compare', t('compare.title'), debrief.judgements, CRITERIA_PER_SLIDE, (page) => <RatingsCompared judgements={page} compact />);
  paged('strengths', t('debrief.strengths'), debrief.strengths, FEEDBACK_PER_SLIDE, feedback);
  paged('improvements', t('debrief.improvements'), debrief.improvements, FEEDBACK_PER_SLIDE, feedback);
  if (debrief.lessons.length > 0)
    paged('lessons', t('lessons.title'), debrief.lessons, LESSONS_PER_SLIDE, (page) => (
      <ol className="slide-list">
        {page.map((l) => (
          <li key={l.seq}>{l.text}</li>
        ))}
      </ol>
    ));
  slides.push({
    id: 'summary',
    title: t('debrief.summary'),
    body: debrief.summary ? <LeaderSummary summary={debrief.summary} words={w} /> : <p>{t('projector.noSummary')}</p>,
  });

  const count = slides.length;
  const [index, setIndex] = useState(0);
  const at = Math.min(index, count - 1);
  const slide = slides[at] as Slide;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || forControl(e)) return;
      const step: Record<string, number> = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1, ' ': e.shiftKey ? -1 : 1, Home: -Infinity, End: Infinity };
      const by = step[e.key];
      if (by === undefined) return;
      e.preventDefault();
      setIndex((i) => Math.max(0, Math.min(count - 1, Math.min(i, count - 1) + by)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);

  const ref = useRef<HTMLElement>(null);
  useFitToScreen(ref, [slide.id, lang, report], 0.5);

  return (
    <article className="debrief debrief-slides" aria-label={t('debrief.title')} ref={ref}>
      <header className="slide-head">
        <span>{t('debrief.title')}</span>
        <span>{title[lang]}</span>
        {info.team && <span>{t('projector.team', { team: info.team })}</span>}
      </header>
      <section className="slide" role="group" aria-roledescription={t('projector.slideWord')} aria-label={slide.title} data-fit="">
        <h2>{slide.title}</h2>
        {slide.body}
      </section>
      <nav className="slide-nav" aria-label={t('projector.slides')}>
        <button type="button" onClick={() => setIndex(Math.max(0, at - 1))} disabled={at === 0}>
          <ChevronLeft aria-hidden="true" /> {t('projector.slidePrev')}
        </button>
        <span className="slide-count" aria-live="polite">
          {t('projector.slide', { n: at + 1, count })}
        </span>
        <button type="button" onClick={() => setIndex(Math.min(count - 1, at + 1))} disabled={at === count - 1}>
          {t('projector.slideNext')} <ChevronRight aria-hidden="true" />
        </button>
        <span className="slide-keys">{t('projector.slideKeys')}</span>
      </nav>
    </article>
  );
}
