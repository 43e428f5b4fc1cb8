import { useTranslation } from 'react-i18next';
import { storyTime, type Status } from '../../engine';
import { clock } from '../../i18n/format';
import type { DrillView } from '../drill/host';
import { useDrill, useDrillTime, type ClockSource } from '../drill/useDrill';

/** The drill clock as shown: time, the story's time of day when the scenario keeps one, status and speed. */
export function ClockFace({ time, status, speed = 1, storyClock }: { time: number; status: Status; speed?: number; storyClock?: string | undefined }) {
  const { t } = useTranslation();
  const story = storyTime({ storyClock }, time);
  return (
    <div className="drill-clock" role="timer" aria-label={t('drill.clock')}>
      <span className="time">{clock(time)}</span>
      {story && (
        <span className="story-time" title={t('drill.storyTime')}>
          {t('drill.storyTimeShort', { time: story })}
        </span>
      )}
      <span className={`status ${status}`}>{t(`status.${status}`)}</span>
      {speed !== 1 && status === 'running' && <span className="speed">×{speed}</span>}
    </div>
  );
}

/** The live clock of a drill being run or followed. */
export function DrillClock({ view }: { view: DrillView }) {
  const time = useDrillTime(view);
  const status = useDrill(view, (c) => c.status);
  return <ClockFace time={time} status={status} speed={view.clock.speed} storyClock={view.scenario.storyClock} />;
}

/** The clock of a seat's screen: the server's view (`status`, `storyClock`) carried on by the clock it sends. */
export function ScreenClock({ source, screen, speed }: { source: ClockSource; screen: { status: Status; storyClock?: string | undefined }; speed: number }) {
  const time = useDrillTime(source);
  return <ClockFace time={time} status={screen.status} speed={speed} storyClock={screen.storyClock} />;
}
