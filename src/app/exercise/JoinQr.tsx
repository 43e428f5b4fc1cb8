/** A group's join code, link and QR code (made here, no network), as participants' phones scan it. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useJoinUrl } from '../remote/JoinPanel';

export function JoinQr({ code, group }: { code: string; group: string }) {
  const { t } = useTranslation();
  const url = useJoinUrl(code);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    QRCode.toDataURL(url, { margin: 1, width: 240 })
      .then(setQr)
      .catch(() => setQr(null));
  }, [url]);
  return (
    <div className="exercise-join">
      <p className="code" aria-label={t('exercise.codeNamed', { group })}>
        {code.slice(0, 3)} {code.slice(3)}
      </p>
      <p className="url">{url}</p>
      {qr && <img className="qr" src={qr} alt={t('exercise.qrNamed', { group })} width={160} height={160} />}
    </div>
  );
}
