import { useTranslation } from 'react-i18next';
import type { Lang } from '../../engine';
import type { ScreenView } from '../../protocol/messages';
import { ScreenClock } from '../components/DrillClock';
import { useDrillTime } from '../drill/useDrill';
import { ProjectorScreen } from '../views/ProjectorScreen';
import { ConnectionBanner } from './ConnectionBanner';
import { JoinPanel } from './JoinPanel';
import type { RemoteSession, RemoteState } from './RemoteSession';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

/** The projector: the join screen until the drill starts, then what the room sees (the room's view from the server). */
export function RemoteProjector({ sessionId }: { sessionId: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const token = useToken('projector', sessionId);
  const { session, state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  const screen = state?.screen;
  if (!screen || !session) return <ConnectionBanner state={state} />;
  if (screen.status === 'briefing') {
    return (
      <div className="projector">
        <ConnectionBanner state={state} />
        <h1>{screen.scenario.title[lang]}</h1>
        <JoinPanel code={state.code} seats={state.seats} roles={screen.roles} joining={state.joining} />
      </div>
    );
  }
  return <RoomScreen session={session} state={state} screen={screen} />;
}

function RoomScreen({ session, state, screen }: { session: RemoteSession; state: RemoteState; screen: ScreenView }) {
  const now = useDrillTime(session);
  const speed = state.clock?.speed ?? 1;
  return (
    <>
      <ConnectionBanner state={state} />
      <ProjectorScreen view={screen} now={now} info={state.info ?? {}} clock={<ScreenClock source={session} screen={screen} speed={speed} />} />
    </>
  );
}
