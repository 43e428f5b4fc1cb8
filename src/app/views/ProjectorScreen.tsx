import { AnimatePresence, useReducedMotionConfig } from 'motion/react';
import { lazy, Suspense, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { castOf, LANGS, type Lang, type PublicView, type RoleCard, type RoomQuestion, type SessionInfo } from '../../engine';
import { clock as mmss } from '../../i18n/format';
import { Gauges } from '../components/Gauges';
import { InjectCard } from '../components/InjectCard';
import { PhaseTrack } from '../components/PhaseTrack';
import { RoleBoard } from '../components/RoleBoard';
import { selectLang, selectSetLang, useFollowStoredLang, useUi } from '../store/ui';
import type { SeatView } from '../../protocol/messages';
import { useFitToScreen } from './useFitToScreen';
import { VenueBanner } from './VenueBanner';

/** The debrief's slides load when the drill ends: a participant's page (which shows the room's view beside its own) never needs them. */
const DebriefSlides = lazy(() => import('./DebriefSlides').then((m) => ({ default: m.DebriefSlides })));

/**
 * What the room sees, drawn only from the room's view (live, or in review): never private
 * briefings, facilitator notes or injects not yet fired. `showDebrief: false` on a seat that
 * shows the room's picture beside its own (the debrief is for the projector). The screen fits
 * its window (the type shrinks until every role's row shows), follows the language chosen in
 * another window of this browser (the console's), and `langSwitch` offers its own. `venue`: a
 * venue's projector names its venue and who sits there.
 */
export function ProjectorScreen({
  view,
  now,
  info,
  clock,
  showDebrief = true,
  langSwitch = false,
  fitWhen,
  venue,
  light = false,
}: {
  view: PublicView;
  now: number;
  info: SessionInfo;
  clock: ReactNode;
  showDebrief?: boolean;
  langSwitch?: boolean;
  /** What makes the screen fit its type again: the view by default; the review's scrubber passes its position once a drag settles, so each step of a drag draws without the fit's layouts. */
  fitWhen?: unknown;
  venue?: { name: string; seats: SeatView[] } | undefined;
  /** While the review's scrubber is dragged: the phase, clock, gauges and messages only; the questions and the role board follow once it rests. */
  light?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useFollowStoredLang();
  const ref = useRef<HTMLDivElement>(null);
  // Without motion (the reader's wish, or the review's stage while scrubbing) the cards are drawn plainly: no exit animations to track.
  const reduce = useReducedMotionConfig();
  // The venue's seats list keeps its identity until the seats change: fitted again only then.
  useFitToScreen(ref, [fitWhen === undefined ? view : fitWhen, lang, venue?.name, venue?.seats]);
  if (view.status === 'ended' && (!showDebrief || !view.debrief)) return <p className="panel">{t('projector.endedSeeRoom')}</p>;
  if (view.status === 'ended' && view.debrief) {
    return (
      <div className="projector debrief-page">
        {langSwitch && <ProjectorLang />}
        <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
          <DebriefSlides title={view.scenario.title} report={view.debrief} info={info} />
        </Suspense>
      </div>
    );
  }
  const cards = view.injects.slice(0, 3).map((inject, i) => <InjectCard key={inject.id} inject={inject} large={i === 0} />);
  return (
    <div className="projector" ref={ref}>
      <header className="projector-head">
        <div className="projector-title">
          <h1>{view.scenario.title[lang]}</h1>
          {info.team && <p className="projector-team">{t('projector.team', { team: info.team })}</p>}
          {venue && <VenueBanner venue={venue.name} seats={venue.seats} roles={[...view.roles, ...(view.simulatedRoles ?? [])]} />}
        </div>
        {clock}
        {langSwitch && <ProjectorLang />}
      </header>
      <PhaseTrack current={view.phase} ended={false} />
      <div className="projector-grid">
        <div className="projector-main" data-fit="">
          {view.status !== 'briefing' && !light && <Questions questions={view.questions} open={view.questionsOpen} roles={view.roles} now={now} />}
          <section className="feed" aria-label={t('projector.feed')}>
            {view.injects.length === 0 && <p className="muted">{view.status === 'briefing' ? view.scenario.summary[lang] : t('projector.noInjects')}</p>}
            {reduce ? cards : <AnimatePresence initial={false}>{cards}</AnimatePresence>}
          </section>
        </div>
        <aside data-fit="">
          <Gauges items={view.gauges} />
          {!light && <RoleBoard roles={view.roles} board={view.board} now={now} names={castOf(info, view.cast)} />}
        </aside>
      </div>
    </div>
  );
}

/** The questions open to the room: title, whose, and when each falls due (drill time). */
/** `questions`: the soonest due (the engine sends the room only those); `open`: how many are open in all. */
function Questions({ questions, open, roles, now }: { questions: RoomQuestion[]; open: number; roles: RoleCard[]; now: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const roleName = (id: string) => roles.find((r) => r.id === id)?.name[lang] ?? id;
  return (
    <section className="questions" aria-label={t('projector.questions')}>
      <h2>{t('projector.questions')}</h2>
      {questions.length === 0 ? (
        <p className="muted">{t('projector.noQuestions')}</p>
      ) : (
        <ol>
          {questions.map((q) => {
            const overdue = q.dueAt !== undefined && q.dueAt < now;
            return (
              <li key={q.id} className={overdue ? 'overdue' : undefined}>
                <span className="question-title">{q.title[lang]}</span>
                <span className="question-for">{t('projector.questionFor', { roles: q.roles.map(roleName).join(t('debrief.listSeparator')) })}</span>
                <span className="question-due">
                  {q.dueAt === undefined ? (
                    t('projector.noDeadline')
                  ) : (
                    <>
                      <time>{t('projector.due', { time: mmss(q.dueAt) })}</time>
                      {' · '}
                      <strong>{overdue ? t('projector.overdue') : t('projector.left', { time: mmss(q.dueAt - now) })}</strong>
                    </>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {open > questions.length && <p className="muted">{t('projector.moreQuestions', { count: open - questions.length })}</p>}
    </section>
  );
}

/** The projector's own language switch (it also follows the console's on the same machine). */
export function ProjectorLang() {
  const { t, i18n } = useTranslation();
  const lang = useUi(selectLang);
  const setLang = useUi(selectSetLang);
  const current = LANGS.find((l) => l === i18n.language) ?? lang;
  return (
    <select
      className="projector-lang"
      aria-label={t('lang.label')}
      value={current}
      onChange={(e) => {
        const next = e.target.value as Lang;
        setLang(next);
        void i18n.changeLanguage(next);
        document.documentElement.lang = next;
      }}
    >
      {LANGS.map((l) => (
        <option key={l} value={l}>
          {t(`lang.${l}`)}
        </option>
      ))}
    </select>
  );
}
