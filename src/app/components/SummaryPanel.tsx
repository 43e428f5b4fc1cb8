import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Refusal } from '../../engine';
import { refusalText } from '../../i18n/refusals';
import type { DrillHost } from '../drill/host';
import { useDrill } from '../drill/useDrill';

/**
 * The leader's summary (总结点评) at the hot wash: it opens the debrief and the after-action report.
 * `actor`: the leader role, on its own screen (else the facilitator).
 */
export function SummaryPanel({ host, actor }: { host: DrillHost; actor?: string }) {
  const { t } = useTranslation();
  const summary = useDrill(host, (x) => x.summary);
  const status = useDrill(host, (x) => x.status);
  const [text, setText] = useState(summary?.text ?? '');
  const [saved, setSaved] = useState<'saved' | Refusal | null>(null);
  if (status === 'briefing') return null;
  return (
    <form
      className="summary-panel no-print"
      aria-labelledby="summary-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        const r = host.send({ type: 'SUMMARY.SET', payload: { text: text.trim() } }, actor);
        setSaved(r.ok ? 'saved' : r.refusal);
      }}
    >
      <h3 id="summary-title">{t('debrief.summary')}</h3>
      <label>
        {t('console.summaryHint')}
        <textarea value={text} rows={4} maxLength={8000} onChange={(e) => (setText(e.target.value), setSaved(null))} />
      </label>
      <button type="submit" disabled={!text.trim() || text.trim() === summary?.text}>
        {t('console.summarySave')}
      </button>
      {saved === 'saved' && <span role="status"> {t('console.summarySaved')}</span>}
      {saved !== null && saved !== 'saved' && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: refusalText(t, saved) })}
        </p>
      )}
    </form>
  );
}
