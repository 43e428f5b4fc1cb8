import { AnimatePresence } from 'motion/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { castOf, type Lang, type PublicView, type SessionInfo } from '../../engine';
import { DebriefReport } from '../components/DebriefReport';
import { Gauges } from '../components/Gauges';
import { InjectCard } from '../components/InjectCard';
import { PhaseTrack } from '../components/PhaseTrack';
import { RoleBoard } from '../components/RoleBoard';

/**
 * What the room sees, drawn only from the room's view (live, or in review): never private
 * briefings, facilitator notes or injects not yet fired. `showDebrief: false` on a seat that
 * shows the room's picture beside its own (the debrief is for the projector).
 */
export function ProjectorScreen({ view, now, info, clock, showDebrief = true }: { view: PublicView; now: number; info: SessionInfo; clock: ReactNode; showDebrief?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (view.status === 'ended' && (!showDebrief || !view.debrief)) return <p className="panel">{t('projector.endedSeeRoom')}</p>;
  if (view.status === 'ended' && view.debrief) {
    return (
      <div className="projector debrief-page">
        <DebriefReport title={view.scenario.title} report={view.debrief} info={{ ...info, participants: {} }} />
      </div>
    );
  }
  return (
    <div className="projector">
      <header className="projector-head">
        <h1>{view.scenario.title[lang]}</h1>
        {clock}
      </header>
      <PhaseTrack current={view.phase} ended={false} />
      <div className="projector-grid">
        <section className="feed" aria-label={t('projector.feed')}>
          {view.injects.length === 0 && <p className="muted">{view.status === 'briefing' ? view.scenario.summary[lang] : t('projector.noInjects')}</p>}
          <AnimatePresence initial={false}>
            {view.injects.slice(0, 3).map((inject, i) => (
              <InjectCard key={inject.id} inject={inject} large={i === 0} />
            ))}
          </AnimatePresence>
        </section>
        <aside>
          <Gauges items={view.gauges} />
          <RoleBoard roles={view.roles} board={view.board} now={now} names={castOf(info, view.cast)} />
        </aside>
      </div>
    </div>
  );
}
