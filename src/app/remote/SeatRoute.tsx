import { useTranslation } from 'react-i18next';
import { refusalText } from '../../i18n/refusals';
import { Link } from 'wouter';
import type { Lang } from '../../engine';
import { ProjectorView } from '../views/ProjectorView';
import { RoleView } from '../views/RoleView';
import { ConnectionBanner } from './ConnectionBanner';
import { NoToken, useToken } from './token';
import { useRemoteSession } from './useRemote';

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
      {t('task.refused', { reason: refusalText(t, state.refusal) })}
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
      <ProjectorView view={host} showDebrief={false} />
      <p>
        <Link href="/">{t('setup.back')}</Link>
      </p>
    </>
  );
}
