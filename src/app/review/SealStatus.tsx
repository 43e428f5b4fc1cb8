/** What a transcript's record proves, in words: signed by a trusted or an unknown key, unsigned, or without a chain (version 1). */
import { useTranslation } from 'react-i18next';
import type { LoadedTranscript } from '../../engine';
import { useTrustedKeys } from './trustedKeys';

export function SealStatus({ loaded }: { loaded: LoadedTranscript }) {
  const { t } = useTranslation();
  const { trusted, trust } = useTrustedKeys();
  const { seal, file } = loaded;
  if (seal.status === 'noChain') return <p className="warning" role="status">{t('review.noIntegrity', { version: loaded.sourceVersion })}</p>;
  if (seal.status === 'unsigned') return <p className="warning" role="status">{t(file.session.source === 'browser' ? 'verify.unsignedLaptop' : 'verify.unsigned')}</p>;
  const known = trusted(seal.publicKey);
  return (
    <div role="status">
      <p className={known ? 'ok' : 'warning'}>
        {t(known ? 'verify.trusted' : 'verify.unknown', { fingerprint: seal.fingerprint })}{' '}
        {!known && (
          <button type="button" onClick={() => trust(seal.publicKey)}>
            {t('verify.trustKey')}
          </button>
        )}
      </p>
      {seal.planChanged && <p className="warning">{t('verify.planChanged')}</p>}
    </div>
  );
}
