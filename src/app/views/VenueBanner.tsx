import { useTranslation } from 'react-i18next';
import type { Lang, LocalText } from '../../engine';
import type { SeatView } from '../../protocol/messages';

/** A venue's projector, when the drill is played in several venues: which venue this is, and who sits here (name · role). */
export function VenueBanner({ venue, seats, roles }: { venue: string; seats: SeatView[]; roles: { id: string; name: LocalText }[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const here = seats.filter((s) => s.venue === venue);
  const roleName = (id: string | null) => (id ? (roles.find((r) => r.id === id)?.name[lang] ?? id) : t('join.observer'));
  return (
    <div className="projector-venue">
      <p className="venue-name">{t('venue.named', { venue })}</p>
      {here.length > 0 && (
        <ul className="venue-seats" aria-label={t('venue.seatedHere', { venue })}>
          {here.map((s) => (
            <li key={s.id}>
              {s.name} · {roleName(s.role)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
