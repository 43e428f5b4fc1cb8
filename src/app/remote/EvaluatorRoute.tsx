/** An evaluator's screen (a department head, the regulator's observer): the console to watch, with notes and observations only. */
import { useTranslation } from 'react-i18next';
import type { DrillHost } from '../drill/host';
import { ConsoleView } from '../views/ConsoleView';
import { ConnectionBanner } from './ConnectionBanner';
import { remoteDrillHost } from './RemoteDrillHost';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

/** The evaluator's seat on the server: the full drill, like the facilitator's, followed in this browser. */
export function RemoteEvaluator({ sessionId }: { sessionId: string }) {
  const token = useToken('evaluator', sessionId);
  const { state } = useRemoteSession(sessionId, token, remoteDrillHost);
  if (!token) return <NoToken />;
  return (
    <>
      <ConnectionBanner state={state} />
      {state?.host && <EvaluatorScreen host={state.host} name={state.you?.name} />}
    </>
  );
}

/** Who this screen is for, and where what they write goes; then the console's panes without its controls. */
export function EvaluatorScreen({ host, name }: { host: DrillHost; name: string | undefined }) {
  const { t } = useTranslation();
  return (
    <div className="evaluator">
      <section className="evaluator-banner" aria-labelledby="evaluator-title">
        <h2 id="evaluator-title">{name ? t('evaluator.youAre', { name }) : t('evaluator.title')}</h2>
        <p>{t('evaluator.hint')}</p>
      </section>
      <ConsoleView host={host} readOnly />
    </div>
  );
}
