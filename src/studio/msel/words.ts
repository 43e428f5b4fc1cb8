/**
 * The MSEL's words in both languages, read from the studio's own locale files
 * (src/studio/locales/map.*.json, which the studio also loads into its i18next namespace),
 * so a problem carries a ready text for each language and a code the UI may translate itself.
 */
import type { Lang, LocalText } from '../../engine';
import en from '../locales/map.en.json';
import zhCN from '../locales/map.zh-CN.json';

export const MSEL_WORDS = { 'zh-CN': zhCN.mselSheet, en: en.mselSheet } as const;
export type ProblemCode = keyof typeof zhCN.mselSheet.problem;

/** The same channel and phase names the app shows (read only: the participant's bundle is not changed). */
export { default as APP_ZH } from '../../i18n/locales/zh-CN.json';
export { default as APP_EN } from '../../i18n/locales/en.json';

/** A value put into a text: the same in both languages, or one per language. */
export type Param = string | number | LocalText;
export type Params = Record<string, Param>;

const fill = (text: string, params: Params, lang: Lang) =>
  text.replace(/\{\{(\w+)\}\}/g, (all, key: string) => {
    const value = params[key];
    return value === undefined ? all : typeof value === 'object' ? value[lang] : String(value);
  });

/** A problem's text in both languages. */
export function problemText(code: ProblemCode, params: Params = {}): LocalText {
  return { 'zh-CN': fill(zhCN.mselSheet.problem[code], params, 'zh-CN'), en: fill(en.mselSheet.problem[code], params, 'en') };
}

export const otherLang = (lang: Lang): Lang => (lang === 'zh-CN' ? 'en' : 'zh-CN');
