import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { publicView, scoreDrill } from '../../engine';
import { DrillClock } from '../components/DrillClock';
import { DrillView, followRoom, type RoomState } from '../drill/host';
import { useDrill, useDrillTime } from '../drill/useDrill';
import { ProjectorScreen } from './ProjectorScreen';

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

/** The room's view of a drill this browser follows event by event (one laptop): the same picture the server sends a projector. */
export function ProjectorView({ view }: { view: DrillView }) {
  const ctx = useDrill(view, (x) => x);
  const now = useDrillTime(view);
  const room = useMemo(() => publicView(view.compiled, ctx, () => scoreDrill(view.compiled, ctx)), [view.compiled, ctx]);
  return <ProjectorScreen view={room} now={now} info={view.info} clock={<DrillClock view={view} />} langSwitch />;
}
