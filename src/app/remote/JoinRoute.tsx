import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { tokenKey } from './tokens';

/** Join a drill with its code and your name (and, when the drill is played in several venues, where you sit). */
export function JoinView({ code: initial }: { code?: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [code, setCode] = useState(initial ?? '');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Asked for by the server (409 'venue-required') once it knows the drill has venues.
  const [venues, setVenues] = useState<string[] | null>(null);
  const [venue, setVenue] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await fetch('/api/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: code.replace(/\s/g, ''), name: name.trim(), ...(venues && venue ? { venue } : {}) }) });
      const body = (await res.json()) as { sessionId?: string; token?: string; code?: string; venues?: unknown };
      if (res.status === 409 && body.code === 'venue-required' && Array.isArray(body.venues)) {
        const offered = body.venues.filter((v): v is string => typeof v === 'string');
        setVenues(offered);
        if (!offered.includes(venue)) setVenue('');
        // asked again after choosing one that is not (or no longer) a venue of the drill
        if (venues) setError(t('joinVenue.choose'));
        return;
      }
      // The server says why as a code; the words are this page's, in its language.
      if (!res.ok || !body.sessionId || !body.token) return setError(body.code ? t(`join.refused.${body.code}`, { defaultValue: t('join.failed') }) : t('join.failed'));
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
      {venues && (
        <fieldset className="join-venues">
          <legend>{t('joinVenue.legend')}</legend>
          <p className="muted">{t('joinVenue.hint')}</p>
          {venues.map((v) => (
            <label key={v} className="choice">
              <input type="radio" name="venue" value={v} checked={venue === v} onChange={() => setVenue(v)} required /> {v}
            </label>
          ))}
        </fieldset>
      )}
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

