import { useTranslation } from 'react-i18next';
import type { Lang } from '../../engine';
import { ProjectorView } from '../views/ProjectorView';
import { ConnectionBanner } from './ConnectionBanner';
import { JoinPanel } from './JoinPanel';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

/** The projector: the join screen until the drill starts, then what the room sees. */
export function RemoteProjector({ sessionId }: { sessionId: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const token = useToken('projector', sessionId);
  const { state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  const host = state?.host;
  if (!host) return <ConnectionBanner state={state} />;
  if (host.context.status === 'briefing') {
    return (
      <div className="projector">
        <ConnectionBanner state={state} />
        <h1>{host.scenario.title[lang]}</h1>
        <JoinPanel code={state.code} seats={state.seats} scenario={host.scenario} />
      </div>
    );
  }
  return (
    <>
      <ConnectionBanner state={state} />
      <ProjectorView view={host} />
    </>
  );
}

