import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './App';
import { createBrowserI18n } from './browserI18n';
import { useUi } from './store/ui';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  // The chosen language's words are there before the first render (English is fetched first).
  void createBrowserI18n(useUi.getState().lang).then((i18n) =>
    createRoot(root).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </StrictMode>,
    ),
  );
}
