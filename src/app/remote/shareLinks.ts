/** Links other devices open (to join, to evaluate, a venue's projector), and their QR codes. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The address other devices open this app at (the LAN address the server reports, else this page's), ending in `/`. */
export function useShareBase(): string {
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
  return base;
}

/** The join URL participants open. */
export const useJoinUrl = (code: string): string => `${useShareBase()}#/join/${code}`;

/** A QR code of `url`, made here (no network); null until made, or when it cannot be. */
export function useQrCode(url: string): string | null {
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    // A code made after the screen closed, or for a link since replaced, is dropped.
    let current = true;
    QRCode.toDataURL(url, { margin: 1, width: 320 })
      .then((made) => current && setQr(made))
      .catch(() => current && setQr(null));
    return () => {
      current = false;
    };
  }, [url]);
  return qr;
}
