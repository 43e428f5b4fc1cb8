import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, LocalText } from '../../engine';
import type { SeatView } from '../../protocol/messages';

/** The join URL participants open (the LAN address the server reports, else this page's). */
export function useJoinUrl(code: string): string {
  const [base, setBase] = useState(`${location.origin}/`);
  useEffect(() => {
    let live = true;
    fetch('/api/server-info')
      .then((r) => (r.ok ? (r.json() as Promise<{ joinUrls: string[] }>) : null))
      .then((info) => {
        const lan = info?.joinUrls.find((u) => !u.includes('localhost'));
        if (live && lan && /^(localhost|127\.)/.test(location.hostname)) setBase(lan);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return `${base}#/join/${code}`;
}

/** Code, QR code (made here, no network) and URL for joining, with who has joined so far. */
/** `roles`: the player roles seats may take. */
export function JoinPanel({ code, seats, roles, onAssign }: { code: string; seats: SeatView[]; roles: { id: string; name: LocalText }[]; onAssign?: (seat: string, role: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const url = useJoinUrl(code);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toDataURL(url, { margin: 1, width: 320 })
      .then(setQr)
      .catch(() => setQr(null));
  }, [url]);
  const players = roles;
  const roleName = (id: string | null) => (id ? (players.find((r) => r.id === id)?.name[lang] ?? id) : t('join.waiting'));
  return (
    <section className="join-panel panel" aria-label={t('join.title')}>
      <div className="join-code">
        <h3>{t('join.title')}</h3>
        <p className="code" aria-label={t('join.code')}>
          {code.slice(0, 3)} {code.slice(3)}
        </p>
        <p className="url">{url}</p>
      </div>
      {qr && <img className="qr" src={qr} alt={t('join.qr')} width={220} height={220} />}
      <div className="joined">
        <h4>{t('join.joined', { count: seats.length })}</h4>
        <ul>
          {seats.map((s) => (
            <li key={s.id} className={s.connected ? 'online' : 'offline'}>
              <span className="dot" aria-hidden="true" /> {s.name} — {roleName(s.role)} <span className="muted">({t(s.connected ? 'join.connected' : 'join.disconnected')})</span>
              {onAssign && (
                <select aria-label={t('join.assignNamed', { name: s.name })} value={s.role ?? ''} onChange={(e) => onAssign(s.id, e.target.value || null)}>
                  <option value="">{t('join.observer')}</option>
                  {players.map((r) => (
                    <option key={r.id} value={r.id} disabled={seats.some((o) => o.role === r.id && o.id !== s.id)}>
                      {r.name[lang]}
                    </option>
                  ))}
                </select>
              )}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
