import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { castOf, scoreDrill } from '../../engine';
import { DebriefReport, fullDebrief } from '../components/DebriefReport';
import { SummaryPanel } from '../components/SummaryPanel';
import type { DrillHost } from '../drill/host';
import { useDrill } from '../drill/useDrill';

/** The debrief, printable to A4. `onClose` ends this drill on this device. */
export function DebriefView({ host, consolePath = '/console', onClose }: { host: DrillHost; consolePath?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const ctx = useDrill(host, (x) => x);
  return (
    <div className="debrief-view">
      <div className="no-print toolbar">
        <Link href={consolePath}>{t('role.backToConsole')}</Link>{' '}
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('debrief.print')}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            onClose();
            navigate('/');
          }}
        >
          {t('debrief.newDrill')}
        </button>
      </div>
      <SummaryPanel host={host} />
      <DebriefReport title={host.scenario.title} report={fullDebrief(host.compiled, ctx, scoreDrill(host.compiled, ctx))} info={{ ...host.info, participants: castOf(host.info, ctx.cast) }} />
    </div>
  );
}
