import { useTranslation } from 'react-i18next';
import type { RemoteState } from './RemoteSession';

/** Tells the user when the link to the server is down, and that it comes back by itself. */
export function ConnectionBanner({ state }: { state: RemoteState | null }) {
  const { t } = useTranslation();
  if (state && state.status === 'online') return null;
  const status = state?.status ?? 'connecting';
  return (
    <p role="status" className={`connection ${status}`}>
      {t(`connection.${status}`)}
    </p>
  );
}
