import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Inject, Lang, Scenario } from '../../engine';
import { clock } from '../../i18n/format';
import type { FiredInjectView } from '../drill/selectors';
import { rolesOf } from './words';

/** How long (drill seconds) a fired inject stays marked new: long enough to notice at 5×, short enough to mean "just now". */
export const NEW_FOR = 60;

/** An inject's details for the facilitator: who gets it, what it says, what the team should do. */
export function InjectDetails({ inject, scenario, id }: { inject: Inject; scenario: Scenario; id?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <div className="inject-details" id={id}>
      <dl className="facts">
        <dt>{t('consoleLayout.to')}</dt>
        <dd>{rolesOf(scenario, lang, inject.to, t('consoleLayout.toAll'))}</dd>
        <dt>{t('consoleLayout.from')}</dt>
        <dd>{rolesOf(scenario, lang, [inject.from], '')}</dd>
        <dt>{t('consoleLayout.channel')}</dt>
        <dd>
          {t(`channel.${inject.channel}`)} · {inject.public ? t('consoleLayout.public') : t('console.private')}
        </dd>
        <dt>{t('consoleLayout.content')}</dt>
        <dd>{inject.content[lang]}</dd>
        <dt>{t('consoleLayout.expected')}</dt>
        <dd>{inject.expectedAction?.[lang] ?? <span className="muted">{t('consoleLayout.noExpected')}</span>}</dd>
      </dl>
    </div>
  );
}

/** The injects that have fired, newest first; each opens to its details, and the newest are marked. */
export function FiredInjects({ fired, scenario, now }: { fired: FiredInjectView[]; scenario: Scenario; now: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((was) => {
      const next = new Set(was);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <ul className="inject-list fired-list">
      {fired.map(({ inject, at }) => {
        const isNew = now - at < NEW_FOR;
        const detailsId = `fired-${inject.id}`;
        return (
          <li key={inject.id} className={isNew ? 'fired-new' : undefined}>
            <button type="button" className="inject-toggle" aria-expanded={open.has(inject.id)} aria-controls={detailsId} onClick={() => toggle(inject.id)}>
              <span className="chevron" aria-hidden="true">
                {open.has(inject.id) ? '▾' : '▸'}
              </span>
              <time>{clock(at)}</time> <span>{inject.title[lang]}</span>
              {isNew && <span className="tag tag-new">{t('consoleLayout.new')}</span>}
              {!inject.public && <span className="tag">{t('console.private')}</span>}
            </button>
            {open.has(inject.id) && <InjectDetails inject={inject} scenario={scenario} id={detailsId} />}
          </li>
        );
      })}
    </ul>
  );
}
