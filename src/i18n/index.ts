/** Translations for every host (app and command line): Simplified Chinese by default, English on request. */
import i18next, { type i18n } from 'i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const resources = { 'zh-CN': { translation: zhCN }, en: { translation: en } } as const;

/** A fresh i18next instance; `plugins` lets the app add react-i18next. */
export function createI18n(lng: 'zh-CN' | 'en' = 'zh-CN', plugins: Parameters<i18n['use']>[0][] = []): i18n {
  const instance = i18next.createInstance();
  for (const plugin of plugins) instance.use(plugin);
  void instance.init({
    lng,
    fallbackLng: 'zh-CN',
    resources,
    interpolation: { escapeValue: false }, // React escapes; the terminal needs none
    initAsync: false,
  });
  return instance;
}
