/** Seat tokens in this browser: taken from a link once, then kept. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokenKey } from './tokens';

/**
 * A token from the link (`/?t=TOKEN#/session/…`, then kept in this browser and taken out of
 * the address bar) or from an earlier visit.
 */
export function useToken(kind: 'facilitator' | 'projector' | 'seat' | 'evaluator', sessionId: string): string | null {
  const [token] = useState(() => {
    const fromLink = new URLSearchParams(window.location.search).get('t');
    if (!fromLink) return localStorage.getItem(tokenKey(kind, sessionId));
    localStorage.setItem(tokenKey(kind, sessionId), fromLink);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
    return fromLink;
  });
  return token;
}

export function NoToken() {
  const { t } = useTranslation();
  return <p role="alert">{t('join.noToken')}</p>;
}

