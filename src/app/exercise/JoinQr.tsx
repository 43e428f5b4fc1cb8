/** A group's join code, link and QR code (made here, no network), as participants' phones scan it. */
import { useTranslation } from 'react-i18next';
import { useJoinUrl, useQrCode } from '../remote/shareLinks';

export function JoinQr({ code, group }: { code: string; group: string }) {
  const { t } = useTranslation();
  const url = useJoinUrl(code);
  const qr = useQrCode(url);
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
