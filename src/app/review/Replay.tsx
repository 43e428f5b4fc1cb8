/** Step through a past drill: scrubber, play at 1×–20×, previous/next event, and the room or any role as it was then. */
import { MotionConfig } from 'motion/react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { stateOf, participantView, positions, publicView, scoreDrill, type Checkpoints, type Lang, type LoadedTranscript, type ParticipantView, type SessionInfo } from '../../engine';
import { clock } from '../../i18n/format';
import { replayLine } from '../../i18n/replayLine';
import { ClockFace } from '../components/DrillClock';
import { ProjectorScreen } from '../views/ProjectorScreen';
import { RoleScreen } from '../views/RoleScreen';

export const REPLAY_SPEEDS = [1, 2, 5, 10, 20] as const;
/** How long the scrubber rests before the stage fits its type again. */
const SETTLE_MS = 150;

export function Replay({ loaded, replayed }: { loaded: LoadedTranscript; replayed: Checkpoints }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { compiled, file } = loaded;
  const events = file.events;
  // any position from the replay's checkpoints, stepping on from the last one shown
  const at = useMemo(() => positions(compiled, events, replayed), [compiled, events, replayed]);
  const [pos, setPos] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<(typeof REPLAY_SPEEDS)[number]>(5);
  const [viewAs, setViewAs] = useState('projector');
  const ctx = stateOf(at(pos));
  // The stage fits its type to its box once the scrubber rests, not at every step of a drag (playing fits at each step).
  const [settled, setSettled] = useState(pos);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(pos), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [pos]);
  const last = events.length;

  useEffect(() => {
    if (!playing) return;
    let playhead = ctx.now;
    const timer = setInterval(() => {
      playhead += 0.1 * speed;
      setPos((p) => {
        let next = p;
        while (next < last && (events[next]?.t ?? Infinity) <= playhead) next++;
        if (next >= last) setPlaying(false);
        return next;
      });
    }, 100);
    return () => clearInterval(timer);
    // The playhead starts from where play was pressed; position changes do not restart it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, speed, events, last]);

  const current = events[pos - 1];
  const players = compiled.scenario.roles.filter((r) => r.kind === 'player');
  return (
    <section className="replay" aria-label={t('review.replay')}>
      <div className="replay-controls no-print" role="toolbar" aria-label={t('review.replayControls')}>
        <button type="button" onClick={() => setPos((p) => Math.max(0, p - 1))} disabled={pos === 0}>
          {t('review.previous')}
        </button>
        <button type="button" onClick={() => setPlaying((p) => !p)} disabled={pos === last && !playing}>
          {playing ? t('review.pause') : t('review.play')}
        </button>
        <button type="button" onClick={() => setPos((p) => Math.min(last, p + 1))} disabled={pos === last}>
          {t('review.next')}
        </button>
        <label>
          {t('review.speed')}{' '}
          <select value={speed} onChange={(e) => setSpeed(Number(e.target.value) as (typeof REPLAY_SPEEDS)[number])}>
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('review.viewAs')}{' '}
          <select value={viewAs} onChange={(e) => setViewAs(e.target.value)}>
            <option value="projector">{t('review.projector')}</option>
            {players.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name[lang]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="scrubber no-print">
        <span>{t('review.position', { pos, last, time: clock(ctx.now) })}</span>
        <input
          type="range"
          min={0}
          max={last}
          value={pos}
          onChange={(e) => setPos(Number(e.target.value))}
          aria-label={t('review.scrubber')}
          aria-valuetext={t('review.position', { pos, last, time: clock(ctx.now) })}
        />
      </label>
      {current && (
        <p className="muted">
          #{current.seq} · {clock(current.t)} · {replayLine(t, compiled.scenario, lang, current)}
        </p>
      )}
      {/* a past moment appears as it was: no cards sliding in at every step */}
      <MotionConfig reducedMotion="always">
        <div className="replay-stage">
          {/* Drawn from the same views the server sends each seat: what the room, or this role, saw then. */}
          {viewAs === 'projector' ? (
            <ProjectorScreen view={publicView(compiled, ctx, () => scoreDrill(compiled, ctx))} now={ctx.now} info={file.session} clock={<ClockFace time={ctx.now} status={ctx.status} />} fitWhen={playing ? pos : settled} light={!playing && pos !== settled} />
          ) : (
            <RoleStage view={participantView(compiled, ctx, viewAs)} now={ctx.now} info={file.session} />
          )}
        </div>
      </MotionConfig>
    </section>
  );
}

function RoleStage({ view, now, info }: { view: ParticipantView | null; now: number; info: SessionInfo }) {
  const { t } = useTranslation();
  return view ? <RoleScreen view={view} now={now} info={info} /> : <p role="alert">{t('role.unknown', { role: '' })}</p>;
}
