/** The drills kept in this browser (one laptop): which one is on the console, reopening another, removing one (asked first). */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Lang } from '../../engine';
import { clock } from '../../i18n/format';
import { Dialog } from '../components/Dialog';
import { keptDrills, type KeptDrill } from '../drill/roomKey';
import { useRoom } from '../room';

export function KeptDrills() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const room = useRoom();
  const [, navigate] = useLocation();
  const [removing, setRemoving] = useState<KeptDrill | null>(null);
  // Read again whenever the console's drill or the kept drills change.
  const drills = useMemo(() => keptDrills(), [room.host, room.revision]); // eslint-disable-line react-hooks/exhaustive-deps
  if (drills.length === 0) return null;
  const named = (d: KeptDrill) => ({ title: d.title[lang], team: d.team || '—' });
  return (
    <section aria-labelledby="kept-title" className="panel kept-drills">
      <h2 id="kept-title">{t('rooms.title')}</h2>
      <p className="muted">{t('rooms.hint')}</p>
      <ul aria-labelledby="kept-title">
        {drills.map((d) => (
          <li key={d.id} aria-label={t('rooms.item', named(d))}>
            <strong>{d.title[lang]}</strong> · {d.team || '—'} · {d.date ? new Date(d.date).toLocaleString(lang) : ''} · {t(`status.${d.status}`)} · {t('rooms.at', { time: clock(d.reached) })}
            {d.active && (
              <>
                {' '}
                <span className="tag">{t('rooms.onConsole')}</span>
              </>
            )}{' '}
            {d.active ? (
              <Link href="/console" aria-label={t('rooms.openNamed', named(d))}>
                {t('library.openConsole')}
              </Link>
            ) : (
              <button
                type="button"
                aria-label={t('rooms.resumeNamed', named(d))}
                onClick={() => {
                  void room.resume(d.id).then((host) => host && navigate('/console'));
                }}
              >
                {t('rooms.resume')}
              </button>
            )}{' '}
            <button type="button" aria-label={t('rooms.removeNamed', named(d))} onClick={() => setRemoving(d)}>
              {t('rooms.remove')}
            </button>
          </li>
        ))}
      </ul>
      {removing && (
        <Dialog title={t('rooms.removeTitle', named(removing))} onClose={() => setRemoving(null)}>
          <p>{t(removing.status === 'ended' ? 'rooms.removeEnded' : 'rooms.removeWarning')}</p>
          <div className="dialog-actions">
            <button type="button" data-autofocus onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>{' '}
            <button
              type="button"
              className="danger"
              onClick={() => {
                room.remove(removing.id);
                setRemoving(null);
              }}
            >
              {t('rooms.removeConfirm')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
