import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, Observation, Refusal } from '../../engine';
import { refusalText } from '../../i18n/refusals';
import { clock } from '../../i18n/format';
import type { DrillHost } from '../drill/host';
import { useDrill } from '../drill/useDrill';

/**
 * What the facilitator sees in the room that the answers cannot show: one button per
 * observation the scenario lists (prohibited acts first), with who did it and an optional note.
 */
export function ObservationsPanel({ host }: { host: DrillHost }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const s = host.compiled.scenario;
  const ctx = useDrill(host, (x) => x);
  const [role, setRole] = useState('');
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  if (s.observations.length === 0) return null;

  const roleName = (id: string) => s.roles.find((r) => r.id === id)?.name[lang] ?? id;
  const label = (id: string) => s.observations.find((o) => o.id === id)?.label[lang] ?? id;
  const record = (o: Observation) => {
    const r = host.send({ type: 'OBSERVATION.RECORD', payload: { observation: o.id, ...(role ? { role } : {}), ...(note.trim() ? { note: note.trim() } : {}) } });
    setRefusal(r.ok ? null : r.refusal);
    if (r.ok) setNote('');
  };
  const closed = ctx.status === 'briefing';
  const group = (kind: Observation['kind']) => {
    const items = s.observations.filter((o) => o.kind === kind && (!ctx.phase || !o.phase || o.phase === ctx.phase));
    const rest = s.observations.filter((o) => o.kind === kind && !items.includes(o));
    return (
      <div className={`observation-group observation-${kind}`} role="group" aria-label={t(kind === 'good' ? 'console.observationsGood' : 'console.observationsProhibited')}>
        <h4>{t(kind === 'good' ? 'console.observationsGood' : 'console.observationsProhibited')}</h4>
        {[...items, ...rest].map((o) => (
          <button key={o.id} type="button" className={kind === 'prohibited' ? 'danger-outline' : undefined} disabled={closed} onClick={() => record(o)} title={o.feedback[lang]}>
            {o.label[lang]}
          </button>
        ))}
      </div>
    );
  };

  return (
    <section className="observations" aria-labelledby="observations-title">
      <h3 id="observations-title">{t('console.observations')}</h3>
      <p className="muted">{t('console.observationsHint')}</p>
      <div className="observation-who">
        <label>
          {t('console.observationRole')}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{t('console.observationNoRole')}</option>
            {s.roles.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.observationNote')}
          <input type="text" value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
        </label>
      </div>
      {group('prohibited')}
      {group('good')}
      {refusal && (
        <p role="alert" className="form-error">
          {t('task.refused', { reason: refusalText(t, refusal) })}
        </p>
      )}
      {ctx.observations.length > 0 && (
        <ul aria-label={t('console.observationsRecorded')}>
          {ctx.observations.map((o) => (
            <li key={o.seq}>
              <time>{clock(o.t)}</time> {label(o.observation)}
              {o.role ? ` · ${roleName(o.role)}` : ''}
              {o.note ? ` — ${o.note}` : ''}
              {o.by ? <span className="by">{t('evaluator.by', { name: o.by })}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
