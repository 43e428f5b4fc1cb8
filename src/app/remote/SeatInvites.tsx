/** On the facilitator's console: links for the seats that are not participants (evaluators, the venues' projectors). */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQrCode, useShareBase } from './shareLinks';
import { venueProjectors } from './tokens';

/** An evaluator's seat as the server makes it: the link carries its token. */
type Invitation = { name: string; token: string };

/**
 * Invites an evaluator (a department head, the regulator's observer) by name: the server makes a
 * seat and a token; the link (with a QR code) opens the console's view without its controls.
 */
export function InviteEvaluator({ sessionId, facilitatorToken }: { sessionId: string; facilitatorToken: string }) {
  const { t } = useTranslation();
  const base = useShareBase();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [invited, setInvited] = useState<Invitation[]>([]);
  const invite = async () => {
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch(`/api/sessions/${encodeURIComponent(sessionId)}/seats`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${facilitatorToken}` },
        body: JSON.stringify({ name: name.trim(), kind: 'evaluator' }),
      });
      if (!res.ok) throw new Error(String(res.status));
      const { token } = (await res.json()) as { token: string };
      setInvited((was) => [...was, { name: name.trim(), token }]);
      setName('');
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="invite-evaluator" aria-labelledby="invite-evaluator-title">
      <h4 id="invite-evaluator-title">{t('evaluator.invite')}</h4>
      <p className="muted">{t('evaluator.inviteHint')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && !busy) void invite();
        }}
      >
        <label>
          {t('evaluator.name')} <input type="text" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
        </label>{' '}
        <button type="submit" disabled={!name.trim() || busy}>
          {t('evaluator.inviteButton')}
        </button>
      </form>
      {failed && (
        <p role="alert" className="form-error">
          {t('evaluator.inviteFailed')}
        </p>
      )}
      {invited.map((i) => (
        <SeatLink key={i.token} label={t('evaluator.linkFor', { name: i.name })} url={`${base}?t=${i.token}#/session/${sessionId}/evaluate`} qr />
      ))}
    </section>
  );
}

/** A link to each venue's projector (kept in this browser when the session was made here). */
export function VenueProjectorLinks({ sessionId, venues }: { sessionId: string; venues: string[] }) {
  const { t } = useTranslation();
  const base = useShareBase();
  const [kept] = useState(() => venueProjectors(sessionId));
  return (
    <section className="venue-projectors" aria-labelledby="venue-projectors-title">
      <h4 id="venue-projectors-title">{t('venue.projectors')}</h4>
      <ul>
        {venues.map((venue) => {
          const token = kept.find((p) => p.venue === venue)?.token;
          return (
            <li key={venue}>
              {token ? (
                <SeatLink label={t('venue.projectorFor', { venue })} url={`${base}?t=${token}#/session/${sessionId}/projector`} />
              ) : (
                <span>
                  {t('venue.projectorFor', { venue })} <span className="muted">· {t('venue.noLink')}</span>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** A link to open on another device: the address, a copy button and, with `qr`, its QR code. */
function SeatLink({ label, url, qr = false }: { label: string; url: string; qr?: boolean }) {
  const { t } = useTranslation();
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  // The drill server is plain http on the LAN, where the Clipboard API is missing: select the
  // address and copy the selection (if even that is refused, it stays selected for Ctrl+C).
  const copy = () => {
    field.current?.select();
    try {
      setCopied(document.execCommand('copy'));
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="seat-link" role="group" aria-label={label}>
      <a href={url} target="_blank" rel="noopener noreferrer">
        {label}
      </a>
      <input ref={field} className="url" type="text" readOnly value={url} aria-label={t('evaluator.address', { label })} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={copy}>
        {t('evaluator.copy')}
      </button>
      {copied && <span role="status"> {t('evaluator.copied')}</span>}
      {qr && <SeatQr url={url} label={label} />}
    </div>
  );
}

function SeatQr({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation();
  const image = useQrCode(url);
  return image ? <img className="qr qr-small" src={image} alt={t('evaluator.qr', { label })} width={160} height={160} /> : null;
}
