/**
 * The page's i18next: Simplified Chinese (the users' language, and the fallback) comes with the
 * page; English is fetched as its own chunk only when it is chosen, so a participant's phone
 * does not download both. Tests and the command line use `createI18n` (both, at once).
 */
import i18next, { type i18n } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import zhCN from '../i18n/locales/zh-CN.json';

const others: Record<string, () => Promise<{ default: object }>> = { en: () => import('../i18n/locales/en.json') };

export async function createBrowserI18n(lng: 'zh-CN' | 'en'): Promise<i18n> {
  const instance = i18next.createInstance();
  instance.use(resourcesToBackend((language: string, namespace: string) => (namespace === 'translation' ? others[language]?.() : undefined) ?? Promise.resolve({ default: {} }))).use(initReactI18next);
  await instance.init({
    lng,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN } },
    // zh-CN is given here; other languages come from the backend when chosen.
    partialBundledLanguages: true,
    interpolation: { escapeValue: false }, // React escapes
  });
  return instance;
}
