/** UI state only (never drill state): the chosen language, remembered in the browser. */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import { LANGS, type Lang } from '../../engine';

type UiState = { lang: Lang; setLang: (lang: Lang) => void };

/** Where the language is kept (localStorage): every window of the app in this browser shares it. */
export const UI_STORAGE_KEY = 'drillroom.ui';

export const useUi = create<UiState>()(
  persist((set) => ({ lang: 'zh-CN', setLang: (lang) => set({ lang }) }), { name: UI_STORAGE_KEY, partialize: (s) => ({ lang: s.lang }) }),
);

export const selectLang = (s: UiState) => s.lang;
export const selectSetLang = (s: UiState) => s.setLang;

/** The language in a stored value of `UI_STORAGE_KEY`, if it names one. */
export function storedLang(value: string | null): Lang | null {
  try {
    const lang = (JSON.parse(value ?? 'null') as { state?: { lang?: unknown } } | null)?.state?.lang;
    return LANGS.find((l) => l === lang) ?? null;
  } catch {
    return null;
  }
}

/**
 * Follows the language chosen in another window of this browser (the console switching while
 * the projector window shows the room): the `storage` event says when it changes.
 */
export function useFollowStoredLang(): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== UI_STORAGE_KEY) return;
      const lang = storedLang(e.newValue);
      if (!lang) return;
      if (useUi.getState().lang !== lang) useUi.setState({ lang });
      if (i18n.language !== lang) void i18n.changeLanguage(lang);
      document.documentElement.lang = lang;
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [i18n]);
}
