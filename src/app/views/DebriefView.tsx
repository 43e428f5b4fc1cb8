import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { scoreDrill } from '../../engine';
import { DebriefReport } from '../components/DebriefReport';
import type { LocalDrillHost } from '../drill/host';
import { useDrill } from '../drill/useDrill';
import { useRoom } from '../room';

/** The debrief, printable to A4. */
export function DebriefView({ host }: { host: LocalDrillHost }) {
  const { t } = useTranslation();
  const room = useRoom();
  const [, navigate] = useLocation();
  const ctx = useDrill(host, (x) => x);
  return (
    <div className="debrief-view">
      <div className="no-print toolbar">
        <Link href="/console">{t('role.backToConsole')}</Link>{' '}
        <button type="button" className="primary" onClick={() => window.print()}>
          {t('debrief.print')}
        </button>{' '}
        <button
          type="button"
          onClick={() => {
            room.close();
            navigate('/');
          }}
        >
          {t('debrief.newDrill')}
        </button>
      </div>
      <DebriefReport compiled={host.compiled} ctx={ctx} debrief={scoreDrill(host.compiled, ctx)} info={host.info} />
    </div>
  );
}
