import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText } from '../../i18n/refusals';
import { Link } from 'wouter';
import type { Answer, Command, Lang, ParticipantView } from '../../engine';
import type { ScreenView } from '../../protocol/messages';
import { ScreenClock } from '../components/DrillClock';
import { SummaryForm } from '../components/SummaryPanel';
import { useDrillTime } from '../drill/useDrill';
import { ProjectorScreen } from '../views/ProjectorScreen';
import { RoleScreen, type Outbox } from '../views/RoleScreen';
import { ConnectionBanner } from './ConnectionBanner';
import type { RemoteSession, RemoteState } from './RemoteSession';
import { SeatExercise } from './SeatExercise';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

/** A participant's laptop or phone: pick a role (or wait), then that role's screen; without a role, a read-only view. */
export function SeatScreen({ sessionId }: { sessionId: string }) {
  const token = useToken('seat', sessionId);
  const { session, state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  const screen = state?.screen;
  if (!screen || !session || !state) return <ConnectionBanner state={state} />;
  return <Seat screen={screen} session={session} state={state} />;
}

const isParticipant = (screen: ScreenView): screen is ParticipantView => 'role' in screen;

function Seat({ screen, session, state }: { screen: ScreenView; session: RemoteSession; state: RemoteState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const now = useDrillTime(session);
  const status = screen.status;
  const ended = status === 'ended';
  const info = state.info ?? {};
  const refused = state.refusal && (
    <p role="alert" className="form-error">
      {t('task.refused', { reason: refusalText(t, state.refusal) })}
    </p>
  );
  const outbox: Outbox = useMemo(
    () => ({
      pending: Object.fromEntries(state.pending.flatMap((p): [string, Answer][] => (p.command.type === 'TASK.ANSWER' ? [[p.command.payload.task, p.command.payload.answer]] : []))),
      queued: state.status !== 'online' ? 'offline' : status === 'paused' ? 'paused' : undefined,
      refusals: state.taskRefusals,
    }),
    [state.pending, state.status, state.taskRefusals, status],
  );
  const bar = (
    <div className="seat-bar">
      <ConnectionBanner state={state} />
      <div className="seat-bar-row">
        <ScreenClock source={session} screen={screen} speed={state.clock?.speed ?? 1} />
        {screen.phase && <span className="seat-phase">{t('seat.phase', { phase: t(`phase.${screen.phase}`) })}</span>}
        <span className="muted">{t('join.youAre', { name: state.you?.name ?? '' })}</span>
      </div>
      {isParticipant(screen) && !ended && <Arrivals view={screen} />}
    </div>
  );
  // One group's drill of an exercise: the round another group plays, or a peer review, comes first.
  const exercise = state.exercise && <SeatExercise exercise={state.exercise} watch={state.watch} info={info} onReview={(ratings) => session.review(ratings)} />;
  if (isParticipant(screen)) {
    const role = screen.role.id;
    return (
      <div className="seat">
        {bar}
        {refused}
        {exercise}
        {ended && <EndOfDrill />}
        <RoleScreen
          view={screen}
          now={now}
          info={info}
          outbox={outbox}
          {...(ended
            ? {}
            : {
                onAnswer: (task: string, answer: Answer) => {
                  session.command({ type: 'TASK.ANSWER', payload: { task, role, answer } });
                  return null;
                },
                onCommand: (command: Command) => {
                  session.command(command);
                  return null;
                },
              })}
        />
        {/* The leader gives the summary at the hot wash from its own screen. */}
        {screen.leader && (screen.phase === 'resolve' || ended) && (
          <SummaryForm
            summary={screen.summary?.text}
            status={status}
            onSave={(text) => {
              session.command({ type: 'SUMMARY.SET', payload: { text } });
              return null;
            }}
          />
        )}
      </div>
    );
  }
  const taken = new Set(state.seats.flatMap((s) => (s.role ? [s.role] : [])));
  const open = screen.roles.filter((r) => !taken.has(r.id));
  // During play a role asked for waits for the facilitator's approval.
  const asked = state.seats.find((s) => s.id === state.you?.seat)?.requested;
  const askedName = asked ? screen.roles.find((r) => r.id === asked)?.name[lang] : undefined;
  return (
    <div className="seat">
      {bar}
      {refused}
      {exercise}
      {ended ? (
        <EndOfDrill />
      ) : (
        <section className="panel" aria-labelledby="choose-title">
          <h2 id="choose-title">{t('join.chooseRole', { name: state.you?.name ?? '' })}</h2>
          {askedName && (
            <p role="status" className="awaiting-approval">
              {t('join.awaitingApproval', { role: askedName })}
            </p>
          )}
          {open.length === 0 ? (
            <p>{t('join.allTaken')}</p>
          ) : (
            <ul className="role-choices">
              {open.map((r) => (
                <li key={r.id}>
                  <button type="button" onClick={() => session.claim(r.id)}>
                    {r.name[lang]}
                  </button>{' '}
                  <span className="muted">{r.briefing[lang]}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="muted">{t('join.orWait')}</p>
        </section>
      )}
      <div className="embedded-projector">
        <ProjectorScreen view={screen} now={now} info={info} clock={<ScreenClock source={session} screen={screen} speed={state.clock?.speed ?? 1} />} showDebrief={false} />
      </div>
      <p>
        <Link href="/">{t('setup.back')}</Link>
      </p>
    </div>
  );
}

function EndOfDrill() {
  const { t } = useTranslation();
  return (
    <section className="panel end-of-drill" aria-labelledby="end-title">
      <h2 id="end-title">{t('seat.endedTitle')}</h2>
      <p>{t('seat.endedText')}</p>
    </section>
  );
}

/**
 * A clear signal when a new task or message arrives for this role: a notice in view (with
 * what arrived), the count in the tab's title, and a short vibration on phones that allow it.
 */
function Arrivals({ view }: { view: ParticipantView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const items = useMemo(
    () => [
      ...view.tasks.map((task) => ({ key: `task:${task.id}`, text: t('seat.newTask', { title: task.title[lang] }) })),
      ...view.messages.map((inject) => ({ key: `message:${inject.id}`, text: t('seat.newMessage', { title: inject.title[lang] }) })),
    ],
    [view, t, lang],
  );
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<{ key: string; text: string }[]>([]);
  useEffect(() => {
    if (seen.current === null) {
      seen.current = new Set(items.map((i) => i.key)); // what was there on arrival is not news
      return;
    }
    const known = seen.current;
    const added = items.filter((i) => !known.has(i.key));
    if (added.length === 0) return;
    for (const i of added) known.add(i.key);
    setFresh((f) => [...f, ...added]);
    navigator.vibrate?.(200);
  }, [items]);
  useEffect(() => {
    const base = document.title.replace(/^\(\d+\) /, '');
    document.title = fresh.length ? `(${fresh.length}) ${base}` : base;
  }, [fresh.length]);
  useEffect(() => () => void (document.title = document.title.replace(/^\(\d+\) /, '')), []);
  if (fresh.length === 0) return null;
  return (
    <div className="arrivals" aria-live="assertive">
      <ul>
        {fresh.map((f) => (
          <li key={f.key}>{f.text}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setFresh([])}>
        {t('seat.seen')}
      </button>
    </div>
  );
}
