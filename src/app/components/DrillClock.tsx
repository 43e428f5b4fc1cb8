import { useTranslation } from 'react-i18next';
import { clock } from '../../i18n/format';
import type { DrillView } from '../drill/host';
import { useDrill, useDrillTime } from '../drill/useDrill';

export function DrillClock({ view }: { view: DrillView }) {
  const { t } = useTranslation();
  const time = useDrillTime(view);
  const status = useDrill(view, (c) => c.status);
  return (
    <div className="drill-clock" role="timer" aria-label={t('drill.clock')}>
      <span className="time">{clock(time)}</span>
      <span className={`status ${status}`}>{t(`status.${status}`)}</span>
      {view.clock.speed !== 1 && status === 'running' && <span className="speed">×{view.clock.speed}</span>}
    </div>
  );
}
