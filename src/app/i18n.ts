/** The app's i18next instance, wired to React. */
import { initReactI18next } from 'react-i18next';
import { createI18n as createShared } from '../i18n';

export const createI18n = (lng: 'zh-CN' | 'en' = 'zh-CN') => createShared(lng, [initReactI18next]);
