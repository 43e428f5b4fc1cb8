/** Past drills on this server: filter by scenario and team, compare runs of one scenario per criterion. */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { signatureSchema, type Lang } from '../../engine';
import { ReviewView, type SavePlan } from './ReviewView';
import { openedFrom, type Opened } from './openFile';
import type { SessionSummary } from '../../protocol/messages';

/** A past drill as the history API lists it. */
type PastSession = SessionSummary;

export function HistoryView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [sessions, setSessions] = useState<PastSession[] | null>(null);
  const [error, setError] = useState(false);
  const [scenario, setScenario] = useState('');
  const [team, setTeam] = useState('');
  const [picked, setPicked] = useState<string[]>([]);

  useEffect(() => {
    fetch('/api/sessions')
      .then((r) => (r.ok ? (r.json() as Promise<PastSession[]>) : Promise.reject(new Error(String(r.status)))))
      .then(setSessions)
      .catch(() => setError(true));
  }, []);

  const scenarios = useMemo(() => [...new Map((sessions ?? []).map((s) => [s.scenario.id, s.scenario])).values()], [sessions]);
  const shown = (sessions ?? []).filter((s) => (!scenario || s.scenario.id === scenario) && (!team.trim() || s.team.toLowerCase().includes(team.trim().toLowerCase())));
  const compared = (sessions ?? []).filter((s) => picked.includes(s.id));
  const sameScenario = compared.length >= 2 && compared.every((s) => s.scenario.id === compared[0]?.scenario.id);

  if (error) return <p role="alert">{t('history.unavailable')}</p>;
  if (!sessions) return <p role="status">{t('history.loading')}</p>;
  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <div className="filters">
        <label>
          {t('history.scenario')}{' '}
          <select value={scenario} onChange={(e) => setScenario(e.target.value)}>
            <option value="">{t('history.all')}</option>
            {scenarios.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('history.team')} <input value={team} onChange={(e) => setTeam(e.target.value)} />
        </label>
      </div>
      <table className="compare">
        <caption className="muted">{t('history.pickHint')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.compare')}</th>
            <th scope="col">{t('aar.date')}</th>
            <th scope="col">{t('history.scenario')}</th>
            <th scope="col">{t('history.team')}</th>
            <th scope="col">{t('debrief.score')}</th>
            <th scope="col">{t('debrief.ratingLabel')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('history.pick', { team: s.team || '—', date: new Date(s.date).toLocaleString(lang) })}
                  checked={picked.includes(s.id)}
                  onChange={() => setPicked((p) => (p.includes(s.id) ? p.filter((x) => x !== s.id) : [...p, s.id]))}
                />
              </td>
              <td>{new Date(s.date).toLocaleString(lang)}</td>
              <td>{s.scenario.title[lang]}</td>
              <td>{s.team || '—'}</td>
              <td>{s.total ?? t('debrief.notPlayed')}</td>
              <td>
                {s.rating && <span className={`rating rating-${s.rating}`}>{s.rating}</span>} {s.status !== 'ended' && <span className="muted">({t(`status.${s.status}`)})</span>}
              </td>
              <td>
                <Link href={`/session/${s.id}/review`}>{t('nav.review')}</Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {compared.length >= 2 && !sameScenario && <p role="alert">{t('history.sameScenario')}</p>}
      {sameScenario && (
        <table className="compare" aria-label={t('history.comparison')}>
          <caption>{t('history.comparison')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('debrief.criterion')}</th>
              {compared.map((s) => (
                <th key={s.id} scope="col">
                  {s.team || '—'} · {new Date(s.date).toLocaleDateString(lang)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(compared[0]?.criteria ?? []).map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.title[lang]}</th>
                {compared.map((s) => (
                  <td key={s.id}>{s.criteria.find((x) => x.id === c.id)?.score ?? '–'}</td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('debrief.totalLabel')}</th>
              {compared.map((s) => (
                <td key={s.id}>
                  <strong>{s.total ?? t('debrief.notPlayed')}</strong> {s.rating}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A server session's review, for any signed-in trainer (the sign-in cookie goes along): the transcript fetched, the plan saved back. */
export function ServerReview({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened | 'unreachable' | null>(null);
  useEffect(() => {
    fetch(`/api/sessions/${sessionId}/transcript`)
      .then((r) => r.json())
      .then((json: unknown) => setOpened(openedFrom(`${sessionId}.json`, json)))
      .catch(() => setOpened('unreachable'));
  }, [sessionId]);
  if (!opened) return <p role="status">{t('history.loading')}</p>;
  if (opened === 'unreachable') return <p role="alert">{t('join.noServer')}</p>;
  const save: SavePlan = async (plan) => {
    const res = await fetch(`/api/sessions/${sessionId}/plan`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(plan) }).catch(() => null);
    if (!res?.ok) return { ok: false };
    const body = (await res.json().catch(() => null)) as { signature?: unknown } | null;
    const signature = signatureSchema.safeParse(body?.signature);
    return { ok: true, ...(signature.success ? { signature: signature.data } : {}) };
  };
  return <ReviewView initial={opened} onSavePlan={save} />;
}
