/** The scenario library: what a trainer sees first. */
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { Lang, Scenario } from '../../engine';
import type { LibraryEntry } from './scenarios';

/** `onRunWithLaptops`: offered when a drill server is there to host participants' laptops; so is a group exercise (several groups play the scenario). */
export function Library({ entries, onRunWithLaptops }: { entries: LibraryEntry[]; onRunWithLaptops?: (scenario: Scenario) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  return (
    <section aria-labelledby="library-title" className="library">
      <h2 id="library-title">{t('library.title')}</h2>
      <p>
        <Link href="/studio">{t('library.studio')}</Link>
      </p>
      {entries.length === 0 && <p>{t('library.empty')}</p>}
      <ul className="cards">
        {entries.map((entry) =>
          entry.ok ? (
            <li key={`${entry.bank ? 'bank:' : ''}${entry.file}`}>
              <article className="card" aria-labelledby={`scenario-${entry.scenario.id}`}>
                <h3 id={`scenario-${entry.scenario.id}`}>{entry.scenario.title[lang]}</h3>
                {entry.bank && <p className="tag">{t('library.bank', { revision: entry.bank.revision })}</p>}
                <p>{entry.scenario.summary[lang]}</p>
                <dl className="facts">
                  <dt>{t('library.category')}</dt>
                  <dd>{t(`category.${entry.scenario.category}`)}</dd>
                  <dt>{t('library.duration')}</dt>
                  <dd>{t('library.minutes', { count: entry.scenario.durationMinutes })}</dd>
                  <dt>{t('library.difficulty')}</dt>
                  <dd>{t(`difficulty.${entry.scenario.difficulty}`)}</dd>
                  <dt>{t('library.roles')}</dt>
                  <dd>
                    {entry.scenario.roles
                      .filter((r) => r.kind === 'player')
                      .map((r) => r.name[lang])
                      .join(lang === 'zh-CN' ? '、' : ', ')}
                  </dd>
                </dl>
                <h4>{t('library.objectives')}</h4>
                <ul>
                  {entry.scenario.objectives.map((o, i) => (
                    <li key={i}>{o[lang]}</li>
                  ))}
                </ul>
                <Link href={`/setup/${entry.scenario.id}`} className="button primary" aria-label={t('library.chooseNamed', { title: entry.scenario.title[lang] })}>
                  {t('library.choose')}
                </Link>{' '}
                {onRunWithLaptops && (
                  <button type="button" onClick={() => onRunWithLaptops(entry.scenario)} aria-label={t('library.laptopsNamed', { title: entry.scenario.title[lang] })}>
                    {t('library.laptops')}
                  </button>
                )}{' '}
                {onRunWithLaptops && (
                  <Link href={`/exercise/new/${entry.scenario.id}`} className="button" aria-label={t('exercise.startNamed', { title: entry.scenario.title[lang] })}>
                    {t('exercise.start')}
                  </Link>
                )}
              </article>
            </li>
          ) : (
            <li key={`${entry.bank ? 'bank:' : ''}${entry.file}`} role="alert" className="card invalid">
              {t('library.invalid', { file: entry.file, path: entry.issue.path, message: entry.issue.message })}
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
