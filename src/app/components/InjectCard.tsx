import { Footprints, Landmark, Mail, MessageSquare, Newspaper, Phone, PhoneCall, Smartphone, type LucideIcon } from 'lucide-react';
import { useReducedMotionConfig } from 'motion/react';
import * as m from 'motion/react-m';
import { useTranslation } from 'react-i18next';
import type { InjectView, Lang } from '../../engine';
import { clock } from '../../i18n/format';

// Icons ship inside the bundle as SVG: nothing loads from the network, no emoji font needed.
const ICONS: Record<InjectView['channel'], LucideIcon> = {
  'walk-in': Footprints,
  phone: Phone,
  hotline: PhoneCall,
  'social-media': Smartphone,
  news: Newspaper,
  regulator: Landmark,
  internal: MessageSquare,
  email: Mail,
};

/** One inject as the room or a role sees it: a channel-specific card. */
export function InjectCard({ inject, large = false }: { inject: InjectView; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  // the reader's preference, or a screen that asks for none (the review's stage)
  const reduce = useReducedMotionConfig();
  const Icon = ICONS[inject.channel];
  const from = inject.from?.[lang] ?? '';
  const className = `inject-card channel-${inject.channel}${large ? ' large' : ''}`;
  const body = (
    <>
      <header>
        <Icon className="channel" aria-hidden="true" />
        <span className="channel-name">{t(`channel.${inject.channel}`)}</span>
        <span className="from">{from}</span>
        <time>{clock(inject.at)}</time>
      </header>
      <h3>{inject.title[lang]}</h3>
      <p>{inject.content[lang]}</p>
      {inject.image && <img src={`${import.meta.env.BASE_URL}${inject.image}`} alt="" />}
    </>
  );
  // Without motion, a plain card: nothing for the animation library to measure or track (the review's scrubbing draws many).
  if (reduce)
    return (
      <article className={className} aria-label={inject.title[lang]}>
        {body}
      </article>
    );
  return (
    <m.article layout initial={{ opacity: 0, y: -24, scale: 0.97 }} animate={{ opacity: 1, y: 0, scale: 1 }} transition={{ duration: 0.35 }} className={className} aria-label={inject.title[lang]}>
      {body}
    </m.article>
  );
}
