/** The server-mode screens: facilitator console, projector, joining, and a participant's seat. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Lang } from '../../engine';
import { ConsoleView } from '../views/ConsoleView';
import { DebriefView } from '../views/DebriefView';
import { ProjectorView } from '../views/ProjectorView';
import { RoleView } from '../views/RoleView';
import { ConnectionBanner } from './ConnectionBanner';
import { JoinPanel } from './JoinPanel';
import { tokenKey } from './RemoteSession';
import { useRemoteSession } from './useRemote';

/**
 * A token from the link (`/?t=TOKEN#/session/…`, then kept in this browser and taken out of
 * the address bar) or from an earlier visit.
 */
function useToken(kind: 'facilitator' | 'projector' | 'seat', sessionId: string): string | null {
  const [token] = useState(() => {
    const fromLink = new URLSearchParams(window.location.search).get('t');
    if (!fromLink) return localStorage.getItem(tokenKey(kind, sessionId));
    localStorage.setItem(tokenKey(kind, sessionId), fromLink);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
    return fromLink;
  });
  return token;
}

function NoToken() {
  const { t } = useTranslation();
  return <p role="alert">{t('join.noToken')}</p>;
}

export function RemoteConsole({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const token = useToken('facilitator', sessionId);
  const { session, state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  const host = state?.host;
  const projectorToken = localStorage.getItem(tokenKey('projector', sessionId));
  return (
    <>
      <ConnectionBanner state={state} />
      {state?.refusal && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: state.refusal })}
        </p>
      )}
      {host && session && (
        <ConsoleView host={host} paths={{ projector: `${projectorToken ? `?t=${projectorToken}` : ''}#/session/${sessionId}/projector`, debrief: `/session/${sessionId}/debrief` }}>
          <JoinPanel code={state.code} seats={state.seats} scenario={host.scenario} onAssign={(seat, role) => session.assign(seat, role)} />
        </ConsoleView>
      )}
    </>
  );
}

export function RemoteDebrief({ sessionId }: { sessionId: string }) {
  const token = useToken('facilitator', sessionId);
  const { state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  return state?.host ? <DebriefView host={state.host} consolePath={`/session/${sessionId}/console`} onClose={() => undefined} /> : <ConnectionBanner state={state} />;
}

/** The projector: the join screen until the drill starts, then what the room sees. */
export function RemoteProjector({ sessionId }: { sessionId: string }) {
  const { i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const token = useToken('projector', sessionId);
  const { state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  const host = state?.host;
  if (!host) return <ConnectionBanner state={state} />;
  if (host.context.status === 'briefing') {
    return (
      <div className="projector">
        <ConnectionBanner state={state} />
        <h1>{host.scenario.title[lang]}</h1>
        <JoinPanel code={state.code} seats={state.seats} scenario={host.scenario} />
      </div>
    );
  }
  return (
    <>
      <ConnectionBanner state={state} />
      <ProjectorView view={host} />
    </>
  );
}

export function JoinView({ code: initial }: { code?: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [code, setCode] = useState(initial ?? '');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.replace(/\s/g, ''), name: name.trim() }) });
      const body = (await res.json()) as { sessionId?: string; token?: string; error?: string };
      if (!res.ok || !body.sessionId || !body.token) return setError(body.error ?? t('join.failed'));
      localStorage.setItem(tokenKey('seat', body.sessionId), body.token);
      navigate(`/session/${body.sessionId}/seat`);
    } catch {
      setError(t('join.noServer'));
    }
  };
  return (
    <form className="join-form panel" onSubmit={submit} aria-label={t('join.formTitle')}>
      <h2>{t('join.formTitle')}</h2>
      <label>
        {t('join.code')}
        <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="off" maxLength={7} required />
      </label>
      <label>
        {t('join.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('join.submit')}
      </button>
    </form>
  );
}

/** A participant's laptop: pick a role (or wait), then that role's screen; without a role, a read-only view. */
export function SeatScreen({ sessionId }: { sessionId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const token = useToken('seat', sessionId);
  const { session, state } = useRemoteSession(sessionId, token);
  if (!token) return <NoToken />;
  const host = state?.host;
  if (!host || !session) return <ConnectionBanner state={state} />;
  const role = state.you?.role ?? null;
  const refused = state.refusal && (
    <p role="alert" className="form-error">
      {t('task.refused', { reason: state.refusal })}
    </p>
  );
  if (role) {
    return (
      <>
        <ConnectionBanner state={state} />
        {refused}
        <p className="muted">{t('join.youAre', { name: state.you?.name ?? '' })}</p>
        <RoleView host={host} role={role} backToConsole={false} />
      </>
    );
  }
  const taken = new Set(state.seats.flatMap((s) => (s.role ? [s.role] : [])));
  const open = host.scenario.roles.filter((r) => r.kind === 'player' && !taken.has(r.id));
  return (
    <>
      <ConnectionBanner state={state} />
      {refused}
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
      <ProjectorView view={host} />
      <p>
        <Link href="/">{t('setup.back')}</Link>
      </p>
    </>
  );
}
