/**
 * The studio's words: every file in src/studio/locales/ (zh-CN.json, en.json, and the map's and
 * MSEL's own, e.g. map.zh-CN.json), merged by the language its name ends with, into the i18next
 * namespace `studio`. Bundled into the studio's chunk only: the participant's bundle never carries them.
 */
import type { i18n } from 'i18next';
import { LANGS, type Lang } from '../../engine';

export const STUDIO_NS = 'studio';

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('../../studio/locales/*.json', { eager: true, import: 'default' });

/** The language a locale file is for, from its name: `zh-CN.json`, `map.en.json`. */
export function langOfFile(path: string): Lang | null {
  const name = path.split('/').pop() ?? path;
  return LANGS.find((l) => name === `${l}.json` || name.endsWith(`.${l}.json`)) ?? null;
}

function merge(into: Tree, from: Tree): Tree {
  for (const [key, value] of Object.entries(from)) {
    const there = into[key];
    into[key] = typeof value === 'object' && typeof there === 'object' ? merge({ ...there }, value) : value;
  }
  return into;
}

/** Every language's words, from the files given (by default the ones in src/studio/locales/). */
export function studioWords(given: Record<string, Tree> = files): Record<Lang, Tree> {
  const out: Record<Lang, Tree> = { 'zh-CN': {}, en: {} };
  for (const path of Object.keys(given).sort()) {
    const lang = langOfFile(path);
    const words = given[path];
    if (lang && words) out[lang] = merge(out[lang], words);
  }
  return out;
}

/** Adds the studio's namespace to an i18next instance (once). */
export function addStudioWords(instance: i18n): void {
  if (instance.hasResourceBundle('zh-CN', STUDIO_NS)) return;
  const words = studioWords();
  for (const lang of LANGS) instance.addResourceBundle(lang, STUDIO_NS, words[lang], true, true);
}
