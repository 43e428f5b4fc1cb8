import { AnimatePresence } from 'motion/react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { scoreDrill, type CompiledScenario, type DrillContext, type Lang, type SessionInfo } from '../../engine';
import { DebriefReport } from '../components/DebriefReport';
import { DrillClock } from '../components/DrillClock';
import { Gauges } from '../components/Gauges';
import { InjectCard } from '../components/InjectCard';
import { PhaseTrack } from '../components/PhaseTrack';
import { RoleBoard } from '../components/RoleBoard';
import { DrillView, followRoom, type RoomState } from '../drill/host';
import { publicInjects, publicVariables, roleBoard } from '../drill/selectors';
import { useDrill, useDrillTime } from '../drill/useDrill';

/** The projector window: follows the console over a BroadcastChannel. */
export function ProjectorWindow() {
  const { t } = useTranslation();
  const [view, setView] = useState<DrillView | null>(null);
  useEffect(
    () =>
      followRoom((state: RoomState | null) =>
        setView((current) => {
          if (!state) return null;
          // A new drill, or a transcript that does not continue ours: start over from its events.
          const same = current && current.scenario.id === state.scenario.id && current.info.date === state.info.date && state.events.length >= current.events.length;
          const next = same ? current : new DrillView(state.scenario, state.info, state.clock);
          next.clock = state.clock;
          next.info = state.info;
          next.apply(state.events);
          return next;
        }),
      ),
    [],
  );
  if (!view) return <p className="projector-waiting">{t('projector.waiting')}</p>;
  return <ProjectorView view={view} />;
}

/** What the room sees: never private briefings, facilitator notes or injects not yet fired. */
/** `showDebrief: false` where the scenario arrived without its answer key (a participant's device). */
export function ProjectorView({ view, showDebrief = true }: { view: DrillView; showDebrief?: boolean }) {
  const ctx = useDrill(view, (x) => x);
  const now = useDrillTime(view);
  return <ProjectorScreen compiled={view.compiled} ctx={ctx} now={now} info={view.info} clock={<DrillClock view={view} />} showDebrief={showDebrief} />;
}

/** The projector's picture of a drill at one moment (live, or in review). */
export function ProjectorScreen({
  compiled: c,
  ctx,
  now,
  info,
  clock,
  showDebrief = true,
}: {
  compiled: CompiledScenario;
  ctx: DrillContext;
  now: number;
  info: SessionInfo;
  clock: ReactNode;
  showDebrief?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  if (ctx.status === 'ended' && !showDebrief) return <p className="panel">{t('projector.endedSeeRoom')}</p>;
  if (ctx.status === 'ended') {
    return (
      <div className="projector debrief-page">
        <DebriefReport compiled={c} ctx={ctx} debrief={scoreDrill(c, ctx)} info={{ ...info, participants: {} }} publicOnly />
      </div>
    );
  }
  const injects = publicInjects(c, ctx);
  return (
    <div className="projector">
      <header className="projector-head">
        <h1>{c.scenario.title[lang]}</h1>
        {clock}
      </header>
      <PhaseTrack current={ctx.phase} ended={false} />
      <div className="projector-grid">
        <section className="feed" aria-label={t('projector.feed')}>
          {injects.length === 0 && <p className="muted">{ctx.status === 'briefing' ? c.scenario.summary[lang] : t('projector.noInjects')}</p>}
          <AnimatePresence initial={false}>
            {injects.slice(0, 3).map((f, i) => (
              <InjectCard key={f.inject.id} inject={f.inject} at={f.at} scenario={c.scenario} large={i === 0} />
            ))}
          </AnimatePresence>
        </section>
        <aside>
          <Gauges items={publicVariables(c, ctx)} />
          <RoleBoard scenario={c.scenario} board={roleBoard(c, ctx, now)} names={info.participants} />
        </aside>
      </div>
    </div>
  );
}
