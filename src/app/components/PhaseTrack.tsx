import { useTranslation } from 'react-i18next';
import { PHASES, type PhaseId } from '../../engine';

/** report → assess → escalate → resolve, with the current phase marked. */
export function PhaseTrack({ current, ended }: { current: PhaseId | null; ended: boolean }) {
  const { t } = useTranslation();
  const index = current ? PHASES.indexOf(current) : -1;
  return (
    <ol className="phase-track" aria-label={t('drill.phases')}>
      {PHASES.map((p, i) => {
        const state = ended || i < index ? 'done' : i === index ? 'current' : 'todo';
        return (
          <li key={p} className={`phase ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            {t(`phase.${p}`)}
          </li>
        );
      })}
    </ol>
  );
}
