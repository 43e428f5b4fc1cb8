/** "Play it now": the draft kept in this browser, set up as a one-laptop drill like any scenario of the library. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { compileScenario } from '../../engine';
import { SetupView } from '../views/SetupView';
import { addStudioWords, STUDIO_NS } from './i18n';
import { loadKept } from './keep';
import './studio.css';

export function StudioPlay() {
  const { i18n } = useTranslation();
  useState(() => addStudioWords(i18n));
  const { t: ts } = useTranslation(STUDIO_NS);
  const [compiled] = useState(() => {
    const kept = loadKept();
    const result = kept ? compileScenario(kept.draft) : null;
    return result?.ok ? result.value.scenario : null;
  });
  if (!compiled)
    return (
      <section className="panel">
        <p role="alert">{ts('play.invalid')}</p>
        <Link href="/studio">{ts('play.back')}</Link>
      </section>
    );
  return (
    <>
      <p className="no-print">
        <Link href="/studio">{ts('play.back')}</Link>
      </p>
      <SetupView scenario={compiled} />
    </>
  );
}
