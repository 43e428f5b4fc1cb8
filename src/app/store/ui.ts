/** UI state only (never drill state): the chosen language, remembered in the browser. */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Lang } from '../../engine';

type UiState = { lang: Lang; setLang: (lang: Lang) => void };

export const useUi = create<UiState>()(
  persist((set) => ({ lang: 'zh-CN', setLang: (lang) => set({ lang }) }), { name: 'drillroom.ui', partialize: (s) => ({ lang: s.lang }) }),
);

export const selectLang = (s: UiState) => s.lang;
export const selectSetLang = (s: UiState) => s.setLang;
