import { useTranslation } from 'react-i18next';
import type { Lang, LocalText } from '../../engine';
import type { SeatView } from '../../protocol/messages';
import { InviteEvaluator, VenueProjectorLinks } from './SeatInvites';
import { useJoinUrl, useQrCode } from './shareLinks';

/** What the facilitator can do with seats: move a person, answer a request, remove a seat, lock or reopen joining. */
export type SeatControls = {
  assign: (seat: string, role: string | null) => void;
  decide: (seat: string, approve: boolean) => void;
  remove: (seat: string) => void;
  setJoining: (open: boolean) => void;
};

/** On the console of a session on the server: its id and the facilitator's token (to invite evaluators), and its venues' projectors. */
export type SessionLinks = { sessionId: string; facilitatorToken: string; venues: string[] };

/**
 * Code, QR code (made here, no network) and URL for joining (or that joining is closed), with who
 * has joined so far and where each sits. `roles`: the player roles seats may take. `controls`: on
 * the facilitator's console; `links`: there too, the evaluators' invitations and the venues' projectors.
 */
export function JoinPanel({ code, seats, roles, joining, controls, links }: { code: string; seats: SeatView[]; roles: { id: string; name: LocalText }[]; joining: boolean; controls?: SeatControls; links?: SessionLinks }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const url = useJoinUrl(code);
  const qr = useQrCode(url);
  const roleName = (id: string | null) => (id ? (roles.find((r) => r.id === id)?.name[lang] ?? id) : t('join.waiting'));
  return (
    <section className="join-panel panel" aria-label={t('join.title')}>
      <div className="join-code">
        <h3>{t('join.title')}</h3>
        {joining ? (
          <>
            <p className="code" aria-label={t('join.code')}>
              {code.slice(0, 3)} {code.slice(3)}
            </p>
            <p className="url">{url}</p>
          </>
        ) : (
          <p className="joining-closed" role="status">
            {t('join.closed')}
          </p>
        )}
        {controls && (
          <button type="button" onClick={() => controls.setJoining(!joining)}>
            {t(joining ? 'join.lock' : 'join.reopen')}
          </button>
        )}
      </div>
      {joining && qr && <img className="qr" src={qr} alt={t('join.qr')} width={220} height={220} />}
      <div className="joined">
        <h4>{t('join.joined', { count: seats.length })}</h4>
        <ul>
          {seats.map((s) => (
            <li key={s.id} className={s.connected ? 'online' : 'offline'}>
              <span className="dot" aria-hidden="true" /> {s.name} — {roleName(s.role)}
              {s.venue && <span className="seat-venue"> · {t('venue.named', { venue: s.venue })}</span>} <span className="muted">· {t(s.connected ? 'join.connected' : 'join.disconnected')}</span>
              {s.requested && (
                <span className="seat-request">
                  {' '}
                  · {t('join.asks', { role: roleName(s.requested) })}
                  {controls && (
                    <>
                      {' '}
                      <button type="button" className="primary" aria-label={t('join.approveNamed', { name: s.name, role: roleName(s.requested) })} onClick={() => controls.decide(s.id, true)}>
                        {t('join.approve')}
                      </button>{' '}
                      <button type="button" aria-label={t('join.declineNamed', { name: s.name })} onClick={() => controls.decide(s.id, false)}>
                        {t('join.decline')}
                      </button>
                    </>
                  )}
                </span>
              )}
              {controls && (
                <>
                  {' '}
                  <select aria-label={t('join.assignNamed', { name: s.name })} value={s.role ?? ''} onChange={(e) => controls.assign(s.id, e.target.value || null)}>
                    <option value="">{t('join.observer')}</option>
                    {roles.map((r) => (
                      <option key={r.id} value={r.id} disabled={seats.some((o) => o.role === r.id && o.id !== s.id)}>
                        {r.name[lang]}
                      </option>
                    ))}
                  </select>{' '}
                  <button
                    type="button"
                    className="danger"
                    aria-label={t('join.removeNamed', { name: s.name })}
                    onClick={() => {
                      if (window.confirm(t('join.confirmRemove', { name: s.name }))) controls.remove(s.id);
                    }}
                  >
                    {t('join.remove')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      {links && (
        <div className="seat-invites">
          {links.venues.length > 0 && <VenueProjectorLinks sessionId={links.sessionId} venues={links.venues} />}
          <InviteEvaluator sessionId={links.sessionId} facilitatorToken={links.facilitatorToken} />
        </div>
      )}
    </section>
  );
}
