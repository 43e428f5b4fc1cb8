import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Status } from '../../engine';
import { refusalText } from '../../i18n/refusals';
import type { AnyRefusal } from '../../protocol/messages';
import type { DrillHost } from '../drill/host';
import { useDrill } from '../drill/useDrill';

/** The leader's summary from the console (the facilitator, or `actor`: the leader role on the one-laptop role screen). */
export function SummaryPanel({ host, actor }: { host: DrillHost; actor?: string }) {
  const summary = useDrill(host, (x) => x.summary);
  const status = useDrill(host, (x) => x.status);
  return (
    <SummaryForm
      summary={summary?.text}
      status={status}
      onSave={(text) => {
        const r = host.send({ type: 'SUMMARY.SET', payload: { text } }, actor);
        return r.ok ? null : r.refusal;
      }}
    />
  );
}

/**
 * The leader's summary (总结点评) at the hot wash: it opens the debrief and the after-action report.
 * `onSave` says why it was refused, or null when it was taken (or queued to be sent).
 */
export function SummaryForm({ summary, status, onSave }: { summary: string | undefined; status: Status; onSave: (text: string) => AnyRefusal | null }) {
  const { t } = useTranslation();
  const [text, setText] = useState(summary ?? '');
  const [saved, setSaved] = useState<'saved' | AnyRefusal | null>(null);
  if (status === 'briefing') return null;
  return (
    <form
      className="summary-panel no-print"
      aria-labelledby="summary-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        setSaved(onSave(text.trim()) ?? 'saved');
      }}
    >
      <h3 id="summary-title">{t('debrief.summary')}</h3>
      <label>
        {t('console.summaryHint')}
        <textarea value={text} rows={4} maxLength={8000} onChange={(e) => (setText(e.target.value), setSaved(null))} />
      </label>
      <button type="submit" disabled={!text.trim() || text.trim() === summary}>
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
