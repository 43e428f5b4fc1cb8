import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { refusalText } from '../../i18n/refusals';
import { Link } from 'wouter';
import type { Answer, Lang } from '../../engine';
import { DrillClock } from '../components/DrillClock';
import { injectsForRole, openTasks } from '../drill/selectors';
import { useDrill, useDrillTime } from '../drill/useDrill';
import { ProjectorView } from '../views/ProjectorView';
import { RoleScreen, RoleView, type Outbox } from '../views/RoleView';
import { ConnectionBanner } from './ConnectionBanner';
import type { RemoteDrillHost, RemoteSession, RemoteState } from './RemoteSession';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

/** A participant's laptop or phone: pick a role (or wait), then that role's screen; without a role, a read-only view. */
export function SeatScreen({ sessionId }: { sessionId: string }) {
  const token = useToken('seat', sessionId);
  const { session, state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  const host = state?.host;
  if (!host || !session || !state) return <ConnectionBanner state={state} />;
  return <Seat host={host} session={session} state={state} />;
}

function Seat({ host, session, state }: { host: RemoteDrillHost; session: RemoteSession; state: RemoteState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const status = useDrill(host, (c) => c.status);
  const role = state.you?.role ?? null;
  const ended = status === 'ended';
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
        <DrillClock view={host} />
        <PhaseName host={host} />
        <span className="muted">{t('join.youAre', { name: state.you?.name ?? '' })}</span>
      </div>
      {role && !ended && <Arrivals host={host} role={role} />}
    </div>
  );
  if (role) {
    return (
      <div className="seat">
        {bar}
        {refused}
        {ended ? (
          <>
            <EndOfDrill />
            <ReadOnlyRole host={host} role={role} />
          </>
        ) : (
          <RoleView host={host} role={role} backToConsole={false} outbox={outbox} />
        )}
      </div>
    );
  }
  const taken = new Set(state.seats.flatMap((s) => (s.role ? [s.role] : [])));
  const open = host.scenario.roles.filter((r) => r.kind === 'player' && !taken.has(r.id));
  return (
    <div className="seat">
      {bar}
      {refused}
      {ended ? (
        <EndOfDrill />
      ) : (
        <section className="panel" aria-labelledby="choose-title">
          <h2 id="choose-title">{t('join.chooseRole', { name: state.you?.name ?? '' })}</h2>
          {open.length === 0 ? (
            <p>{t('join.allTaken')}</p>
          ) : (
            <ul className="role-choices">
              {open.map((r) => (
                <li key={r.id}>
                  <button type="button" onClick={() => session.claim(r.id)}>
                    {r.name[lang]}
                  </button>{' '}
                  <span className="muted">{r.briefing.public[lang]}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="muted">{t('join.orWait')}</p>
        </section>
      )}
      <div className="embedded-projector">
        <ProjectorView view={host} showDebrief={false} />
      </div>
      <p>
        <Link href="/">{t('setup.back')}</Link>
      </p>
    </div>
  );
}

function PhaseName({ host }: { host: RemoteDrillHost }) {
  const { t } = useTranslation();
  const phase = useDrill(host, (c) => c.phase);
  return phase ? <span className="seat-phase">{t('seat.phase', { phase: t(`phase.${phase}`) })}</span> : null;
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

/** After the end: what this role did, read-only. */
function ReadOnlyRole({ host, role }: { host: RemoteDrillHost; role: string }) {
  const ctx = useDrill(host, (x) => x);
  return <RoleScreen compiled={host.compiled} ctx={ctx} now={ctx.now} role={role} info={host.info} />;
}

/**
 * A clear signal when a new task or message arrives for this role: a notice in view (with
 * what arrived), the count in the tab's title, and a short vibration on phones that allow it.
 */
function Arrivals({ host, role }: { host: RemoteDrillHost; role: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const ctx = useDrill(host, (x) => x);
  const now = useDrillTime(host);
  const items = useMemo(
    () => [
      ...openTasks(host.compiled, ctx, now, role).map((x) => ({ key: `task:${x.task.id}`, text: t('seat.newTask', { title: x.task.title[lang] }) })),
      ...injectsForRole(host.compiled, ctx, role).map((f) => ({ key: `message:${f.inject.id}`, text: t('seat.newMessage', { title: f.inject.title[lang] }) })),
    ],
    [host.compiled, ctx, now, role, t, lang],
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
