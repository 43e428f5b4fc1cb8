import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../engine';
import type { ScreenView } from '../../protocol/messages';
import { ScreenClock } from '../components/DrillClock';
import { useDrillTime } from '../drill/useDrill';
import { ProjectorLang, ProjectorScreen } from '../views/ProjectorScreen';
import { VenueBanner } from '../views/VenueBanner';
import { WatchedRound } from './SeatExercise';
import { useFitToScreen } from '../views/useFitToScreen';
import { useFollowStoredLang } from '../store/ui';
import { ConnectionBanner } from './ConnectionBanner';
import { JoinPanel } from './JoinPanel';
import type { RemoteSession, RemoteState } from './RemoteSession';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

/**
 * The projector: the join screen until the drill starts, then what the room sees (the room's view
 * from the server). The server does not relay the facilitator's language: the projector has its
 * own switch, and follows the console's when both windows are in the same browser.
 */
export function RemoteProjector({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  useFollowStoredLang();
  const token = useToken('projector', sessionId);
  const { session, state } = useRemoteSession(sessionId, token);
  const ref = useRef<HTMLDivElement>(null);
  const screen = state?.screen;
  useFitToScreen(ref, [screen, state?.seats, state?.joining, state?.watch, lang]);
  if (!token) return <NoToken />;
  if (!screen || !session) return <ConnectionBanner state={state} />;
  // A group exercise in rounds: while another group plays, this group's projector shows its round.
  const watch = state.watch;
  if (watch && state.exercise) {
    return (
      <div className="projector" ref={ref}>
        <ConnectionBanner state={state} />
        <WatchedRound group={state.exercise.groups[watch.group]?.name ?? ''} watch={watch} info={state.info ?? {}} />
      </div>
    );
  }
  if (screen.status === 'briefing') {
    const team = state.info?.team;
    return (
      <div className="projector" ref={ref}>
        <ConnectionBanner state={state} />
        <header className="projector-head">
          <div className="projector-title">
            <h1>{screen.scenario.title[lang]}</h1>
            {team && <p className="projector-team">{t('projector.team', { team })}</p>}
            {state.you?.venue && <VenueBanner venue={state.you.venue} seats={state.seats} roles={seatRoles(screen)} />}
          </div>
          <ProjectorLang />
        </header>
        <JoinPanel code={state.code} seats={state.seats} roles={seatRoles(screen)} joining={state.joining} />
      </div>
    );
  }
  return <RoomScreen session={session} state={state} screen={screen} />;
}

/** Every role a seat may hold, by name: the players, and the simulated parties a participant may play. */
const seatRoles = (screen: ScreenView) => [...screen.roles, ...(screen.simulatedRoles ?? [])];

function RoomScreen({ session, state, screen }: { session: RemoteSession; state: RemoteState; screen: ScreenView }) {
  const now = useDrillTime(session);
  const speed = state.clock?.speed ?? 1;
  return (
    <>
      <ConnectionBanner state={state} />
      <ProjectorScreen
        view={screen}
        now={now}
        info={state.info ?? {}}
        clock={<ScreenClock source={session} screen={screen} speed={speed} />}
        langSwitch
        venue={state.you?.venue ? { name: state.you.venue, seats: state.seats } : undefined}
      />
    </>
  );
}
