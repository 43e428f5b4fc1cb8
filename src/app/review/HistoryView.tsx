/**
 * Past drills: those on the drill server (for a signed-in trainer) and those run on this laptop
 * and kept in this browser, each marked where it is kept. Filter by scenario and team, compare
 * runs of one scenario per criterion. Without a server (the static build) only this browser's.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { makeTranscript, signatureSchema, type Lang } from '../../engine';
import { browserDrill, browserDrills } from './browserDrills';
import { ReviewView, type SavePlan } from './ReviewView';
import { openTranscriptBytes, type Opened } from './openFile';
import type { SessionSummary } from '../../protocol/messages';

/** A past drill as the history lists it: its summary, and where it is kept (`key` is unique across both). */
type PastSession = SessionSummary & { where: 'server' | 'browser'; key: string };

export function HistoryView() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const [sessions, setSessions] = useState<PastSession[] | null>(null);
  /** No drill server answered: only this browser's drills are listed. */
  const [noServer, setNoServer] = useState(false);
  const [scenario, setScenario] = useState('');
  const [team, setTeam] = useState('');
  const [picked, setPicked] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    const onServer = fetch('/api/sessions')
      .then((r) => (r.ok ? (r.json() as Promise<SessionSummary[]>) : Promise.reject(new Error(String(r.status)))))
      .then((list) => (Array.isArray(list) ? list : Promise.reject(new Error('not a list'))))
      .then(
        (list) => list.map((s): PastSession => ({ ...s, where: 'server', key: `server:${s.id}` })),
        () => {
          if (live) setNoServer(true);
          return [];
        },
      );
    const here = browserDrills().then((list) => list.map((d): PastSession => ({ ...d.summary, where: 'browser', key: `browser:${d.id}` })));
    void Promise.all([onServer, here]).then(([a, b]) => {
      if (live) setSessions([...a, ...b].sort((x, y) => y.date.localeCompare(x.date)));
    });
    return () => {
      live = false;
    };
  }, []);

  const scenarios = useMemo(() => [...new Map((sessions ?? []).map((s) => [s.scenario.id, s.scenario])).values()], [sessions]);
  const shown = (sessions ?? []).filter((s) => (!scenario || s.scenario.id === scenario) && (!team.trim() || s.team.toLowerCase().includes(team.trim().toLowerCase())));
  const compared = (sessions ?? []).filter((s) => picked.includes(s.key));
  const sameScenario = compared.length >= 2 && compared.every((s) => s.scenario.id === compared[0]?.scenario.id);

  if (!sessions) return <p role="status">{t('history.loading')}</p>;
  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {noServer && <p className="muted">{t('history.browserOnly')}</p>}
      {sessions.length === 0 && <p>{t('history.none')}</p>}
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
            <th scope="col">{t('history.where')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.key}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('history.pick', { team: s.team || '—', date: new Date(s.date).toLocaleString(lang) })}
                  checked={picked.includes(s.key)}
                  onChange={() => setPicked((p) => (p.includes(s.key) ? p.filter((x) => x !== s.key) : [...p, s.key]))}
                />
              </td>
              <td>{new Date(s.date).toLocaleString(lang)}</td>
              <td>{s.scenario.title[lang]}</td>
              <td>{s.team || '—'}</td>
              <td>{s.total ?? t('debrief.notPlayed')}</td>
              <td>
                {s.rating && <span className={`rating rating-${s.rating}`}>{s.rating}</span>} {s.status !== 'ended' && <span className="muted">({t(`status.${s.status}`)})</span>}
              </td>
              <td>{t(s.where === 'server' ? 'history.onServer' : 'history.inBrowser')}</td>
              <td>
                <Link
                  href={s.where === 'server' ? `/session/${s.id}/review` : `/history/browser/${s.id}`}
                  aria-label={t('history.reviewNamed', { title: s.scenario.title[lang], team: s.team || '—', date: new Date(s.date).toLocaleString(lang) })}
                >
                  {t('nav.review')}
                </Link>
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
                <th key={s.key} scope="col">
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
                  <td key={s.key}>{s.criteria.find((x) => x.id === c.id)?.score ?? '–'}</td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('debrief.totalLabel')}</th>
              {compared.map((s) => (
                <td key={s.key}>
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
    const controller = new AbortController();
    fetch(`/api/sessions/${sessionId}/transcript`, { signal: controller.signal })
      .then((r) => r.arrayBuffer())
      .then((bytes) => openTranscriptBytes(`${sessionId}.json`, bytes, { signal: controller.signal }))
      .then((result) => result && setOpened(result))
      .catch(() => !controller.signal.aborted && setOpened('unreachable'));
    return () => controller.abort();
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

/** A drill run on this laptop and kept in this browser, reviewed as its transcript (unsigned: no key on a single laptop). */
export function BrowserReview({ drillId }: { drillId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<Opened | 'missing' | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void browserDrill(drillId).then(async (d) => {
      if (controller.signal.aborted) return;
      if (!d) return setOpened('missing');
      const bytes = new TextEncoder().encode(JSON.stringify(makeTranscript(d.scenario, d.info, d.events)));
      const result = await openTranscriptBytes(`${d.scenario.id}-${d.info.team ?? ''}.json`, bytes.buffer, { signal: controller.signal });
      if (result) setOpened(result);
    });
    return () => controller.abort();
  }, [drillId]);
  if (!opened) return <p role="status">{t('history.loading')}</p>;
  if (opened === 'missing') return <p role="alert">{t('history.missing')}</p>;
  return <ReviewView initial={opened} />;
}
