/** The debrief as plain text for the terminal, in English or Chinese. */
import type { Debrief, Feedback, Lang, Scenario } from '../engine';
import { createI18n } from '../i18n';
import { debriefWords } from '../i18n/debriefWords';
import { clock } from '../i18n/format';

export function debriefText(s: Scenario, d: Debrief, lang: Lang, eventCount: number): string {
  const t = createI18n(lang).t;
  const { tr, role, phase, evidence, observation, task, feedback: words } = debriefWords(t, s, lang);
  const score = (x: number | null) => (x === null ? '  –' : String(x).padStart(3));
  const feedback = (f: Feedback) => {
    const w = words(f);
    return `  - ${w.when ? `[${w.when}] ` : ''}${w.about ? `${w.about}: ` : ''}${w.text}`;
  };

  const lines: string[] = [];
  lines.push(t('debrief.heading', { title: tr(s.title), id: s.id, version: s.version }));
  lines.push(t(d.ended ? 'debrief.ended' : 'debrief.running', { time: clock(d.durationSeconds), count: eventCount }));
  if (d.total === null) {
    lines.push(t('debrief.totalNotPlayed'), t('debrief.notPlayedExplain'));
    return `${lines.join('\n')}\n`;
  }
  lines.push(t('debrief.total', { total: d.total, rating: d.rating }));
  if (d.summary) lines.push('', t('debrief.summary'), `  ${d.summary.text}`, `  — ${t('debrief.summaryBy', { who: d.summary.by === 'facilitator' ? t('setup.facilitator') : role(d.summary.by), time: clock(d.summary.t) })}`);
  if (d.awaitingRating.length) lines.push('', t('debrief.awaitingRating', { tasks: d.awaitingRating.map(task).join(t('debrief.listSeparator')) }));
  if (d.cutShort.length) lines.push('', t('debrief.cutShort', { phases: d.cutShort.map(phase).join(t('debrief.listSeparator')) }));
  lines.push('', t('debrief.criteria'));
  for (const c of d.criteria) {
    lines.push(`  ${score(c.score)} ${c.rating ?? '-'}  ${tr(c.title)} (${t('debrief.weight', { weight: c.weight })})`);
    for (const e of c.evidence) lines.push(`         · ${evidence(e)}`);
  }
  lines.push('', t('debrief.phases'));
  for (const p of d.phases) lines.push(`  ${score(p.score)}  ${tr(s.phases.find((x) => x.id === p.id)?.title)}`);
  lines.push('', t('debrief.roles'));
  for (const r of d.roles) lines.push(`  ${score(r.score)}  ${role(r.id)}`);
  const section = (title: string, items: Feedback[]) => {
    lines.push('', title);
    if (items.length === 0) lines.push(`  ${t('debrief.none')}`);
    for (const f of items) lines.push(feedback(f));
  };
  section(t('debrief.strengths'), d.strengths);
  section(t('debrief.shortfalls'), d.shortfalls);
  section(t('debrief.improvements'), d.improvements);
  if (d.overrides.length) {
    lines.push('', t('debrief.overrides'));
    for (const o of d.overrides) lines.push(`  - [${clock(o.t)}] #${o.seq} ${phase(o.phase)}: ${o.reason}`);
  }
  if (d.observations.length) {
    lines.push('', t('debrief.observations'));
    for (const o of d.observations)
      lines.push(`  - [${clock(o.t)}] ${t(o.good ? 'debrief.observationGood' : 'debrief.observationProhibited')}: ${observation(o.observation)}${o.role ? ` (${role(o.role)})` : ''}${o.note ? ` — ${o.note}` : ''}${o.by ? t('timeline.by', { by: o.by }) : ''}`);
  }
  if (d.notes.length) {
    lines.push('', t('debrief.notes'));
    for (const n of d.notes) lines.push(`  - [${clock(n.t)}] ${n.role ? `${role(n.role)}: ` : ''}${n.text}${n.by ? t('timeline.by', { by: n.by }) : ''}`);
  }
  // Rated three ways: shown once the facilitator or peers have rated.
  const rated = d.judgements.filter((j) => j.facilitator || j.peers.length);
  if (rated.length) {
    lines.push('', t('debriefText.judgements'));
    for (const j of rated) {
      const peers = j.peer ? t('debriefText.peers', { rating: j.peer, count: j.peers.length }) : '–';
      lines.push(`  ${tr(j.title)}: ${t('debriefText.judgement', { engine: j.engine ?? '–', facilitator: j.facilitator?.rating ?? '–', peers })}${j.spread > 0 ? ` ${t('debriefText.differ', { steps: j.spread })}` : ''}`);
      for (const p of j.peers) if (p.comment) lines.push(`         · ${p.group} · ${p.reviewer}: ${p.comment}`);
      if (j.facilitator?.comment) lines.push(`         · ${t('setup.facilitator')}: ${j.facilitator.comment}`);
    }
  }
  if (d.lessons.length) {
    lines.push('', t('debriefText.lessons'));
    for (const l of d.lessons) lines.push(`  - ${l.text}`);
  }
  return `${lines.join('\n')}\n`;
}
