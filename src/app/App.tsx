import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGS } from '../engine';
import { Library } from './library/Library';
import type { LibraryEntry } from './library/scenarios';
import { selectLang, selectSetLang, useUi } from './store/ui';

export function App({ entries }: { entries: LibraryEntry[] }) {
  const { t, i18n } = useTranslation();
  const lang = useUi(selectLang);
  const setLang = useUi(selectSetLang);
  useEffect(() => {
    void i18n.changeLanguage(lang);
    document.documentElement.lang = lang;
  }, [i18n, lang]);
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          {t('app.name')} <small>{t('app.tagline')}</small>
        </h1>
        <label>
          {t('lang.label')}{' '}
          <select value={lang} onChange={(e) => setLang(e.target.value as (typeof LANGS)[number])}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main>
        <Library entries={entries} />
      </main>
    </div>
  );
}
