/** The facilitator's console and debrief for a drill on the server. */
import { useTranslation } from 'react-i18next';
import { refusalText } from '../../i18n/refusals';
import { clock } from '../../i18n/format';
import type { Notice } from '../../protocol/messages';
import { useDrill } from '../drill/useDrill';
import { ConsoleView } from '../views/ConsoleView';
import { DebriefView } from '../views/DebriefView';
import { ConnectionBanner } from './ConnectionBanner';
import { remoteDrillHost, type RemoteDrillHost } from './RemoteDrillHost';
import { JoinPanel } from './JoinPanel';
import { tokenKey } from './tokens';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

export function RemoteConsole({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const token = useToken('facilitator', sessionId);
  const { session, state } = useRemoteSession(sessionId, token, remoteDrillHost);
  if (!token) return <NoToken />;
  const host = state?.host;
  const projectorToken = localStorage.getItem(tokenKey('projector', sessionId));
  return (
    <>
      <ConnectionBanner state={state} />
      {state?.refusal && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: refusalText(t, state.refusal) })}
        </p>
      )}
      {host && state.notice && <RestoreNotice host={host} notice={state.notice} />}
      {host && session && (
        <ConsoleView host={host} paths={{ projector: `${projectorToken ? `?t=${projectorToken}` : ''}#/session/${sessionId}/projector`, debrief: `/session/${sessionId}/debrief` }}>
          <JoinPanel
            code={state.code}
            seats={state.seats}
            roles={host.scenario.roles.filter((r) => host.compiled.seatRoles.includes(r.id))}
            joining={state.joining}
            controls={{ assign: (seat, role) => session.assign(seat, role), decide: (seat, approve) => session.decide(seat, approve), remove: (seat) => session.remove(seat), setJoining: (open) => session.setJoining(open) }}
            links={{ sessionId, facilitatorToken: token, venues: state.info?.venues ?? [] }}
          />
        </ConsoleView>
      )}
    </>
  );
}

export function RemoteDebrief({ sessionId }: { sessionId: string }) {
  const token = useToken('facilitator', sessionId);
  const { state } = useRemoteSession(sessionId, token, remoteDrillHost);
  if (!token) return <NoToken />;
  return state?.host ? <DebriefView host={state.host} consolePath={`/session/${sessionId}/console`} onClose={() => undefined} /> : <ConnectionBanner state={state} />;
}


/** The server stopped and came back while the drill ran: it paused the drill; said until the facilitator resumes. */
function RestoreNotice({ host, notice }: { host: RemoteDrillHost; notice: Notice }) {
  const { t } = useTranslation();
  const paused = useDrill(host, (c) => c.status === 'paused');
  if (!paused) return null;
  return (
    <p role="alert" className="restore-notice">
      {t('restore.notice', { time: clock(notice.drillTime) })}
    </p>
  );
}
