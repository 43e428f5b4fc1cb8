/**
 * A page with nothing but the map of one shipped scenario, for screenshots
 * (`?scenario=<id>&lang=zh-CN|en`); built and driven by ./shoot.ts.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../src/app/i18n';
import type { ScenarioInput } from '../../../src/engine';
import mapEn from '../../../src/studio/locales/map.en.json';
import mapZh from '../../../src/studio/locales/map.zh-CN.json';
import { DrillMap } from '../../../src/studio/map/DrillMap';

const files = import.meta.glob<ScenarioInput>(['../../../scenarios/*.json', '!../../../scenarios/schema.json'], { eager: true, import: 'default' });
const scenarios = new Map(Object.entries(files).map(([path, s]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), s]));

const params = new URLSearchParams(location.search);
const lang = params.get('lang') === 'en' ? 'en' : 'zh-CN';
const scenario = scenarios.get(params.get('scenario') ?? '');
const i18n = createI18n(lang);
i18n.addResourceBundle('zh-CN', 'studio', mapZh, true, true);
i18n.addResourceBundle('en', 'studio', mapEn, true, true);
document.documentElement.lang = lang;

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <div style={{ width: '100vw', height: '100vh' }}>
          {scenario ? <DrillMap scenario={scenario} lang={lang} onSelect={() => undefined} /> : <p>{[...scenarios.keys()].join(', ')}</p>}
        </div>
      </I18nextProvider>
    </StrictMode>,
  );
