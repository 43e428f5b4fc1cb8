import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { participantView } from '../../engine';
import { SummaryPanel } from '../components/SummaryPanel';
import type { DrillHost } from '../drill/host';
import { useDrill, useDrillTime } from '../drill/useDrill';
import { RoleScreen } from './RoleScreen';

/** A role's screen on the facilitator's laptop (one laptop): drawn from the role's view, as a participant's device is. */
export function RoleView({ host, role }: { host: DrillHost; role: string }) {
  const { t } = useTranslation();
  const ctx = useDrill(host, (x) => x);
  const now = useDrillTime(host);
  const view = useMemo(() => participantView(host.compiled, ctx, role), [host.compiled, ctx, role]);
  if (!view) return <p role="alert">{t('role.unknown', { role })}</p>;
  return (
    <>
      <p>
        <Link href="/console">{t('role.backToConsole')}</Link>
      </p>
      <RoleScreen
        view={view}
        now={now}
        info={host.info}
        onAnswer={(task, answer) => {
          const result = host.send({ type: 'TASK.ANSWER', payload: { task, role, answer } }, role);
          return result.ok ? null : result.refusal;
        }}
        onCommand={(command) => {
          const result = host.send(command, role);
          return result.ok ? null : result.refusal;
        }}
      />
      {/* The leader gives the summary at the hot wash from its own screen. */}
      {view.leader && (view.phase === 'resolve' || view.status === 'ended') && <SummaryPanel host={host} actor={role} />}
    </>
  );
}
