/** Renders app components the way the app does: translations and a router (in memory). */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { createI18n } from '../../src/app/i18n';

export function renderUi(ui: ReactElement, { lang = 'en', path = '/' }: { lang?: 'en' | 'zh-CN'; path?: string } = {}) {
  const location = memoryLocation({ path, record: true });
  const result = render(
    <I18nextProvider i18n={createI18n(lang)}>
      <Router hook={location.hook}>{ui}</Router>
    </I18nextProvider>,
  );
  return { ...result, location };
}
