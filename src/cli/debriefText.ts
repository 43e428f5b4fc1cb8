/** The debrief as plain text for the terminal, in English or Chinese. */
import type { Debrief, Evidence, Feedback, Lang, LocalText, Scenario } from '../engine';
import { createI18n } from '../i18n';
import { clock } from '../i18n/format';

export { clock };

export function debriefText(s: Scenario, d: Debrief, lang: Lang, eventCount: number): string {
  const t = createI18n(lang).t;
  const tr = (x: LocalText | undefined) => (x ? x[lang] : '');
  const task = (id: string) => `"${tr(s.tasks.find((x) => x.id === id)?.title) || id}"`;
  const inject = (id: string) => `"${tr(s.injects.find((i) => i.id === id)?.title) || id}"`;
  const role = (id: string) => tr(s.roles.find((r) => r.id === id)?.name) || id;
  const variable = (id: string) => tr(s.variables.find((v) => v.id === id)?.label) || id;
  const score = (x: number | null) => (x === null ? '  –' : String(x).padStart(3));
  const at = (time: number, seq?: number) => `${clock(time)}${seq !== undefined ? ` #${seq}` : ''} `;

  const evidence = (e: Evidence): string => {
    switch (e.kind) {
      case 'answered':
        return at(e.t, e.seq) + t(e.late ? 'debrief.evidence.answeredLate' : 'debrief.evidence.answered', { task: task(e.task), role: role(e.by), quality: Math.round(e.quality * 100) });
      case 'not-done':
        return e.dueAt !== undefined ? t('debrief.evidence.notDoneDue', { task: task(e.task), due: clock(e.dueAt) }) : t('debrief.evidence.notDone', { task: task(e.task) });
      case 'on-time':
      case 'late':
        return at(e.t, e.seq) + t(e.kind === 'late' ? 'debrief.evidence.late' : 'debrief.evidence.onTime', { task: task(e.task), due: clock(e.dueAt) });
      case 'missed':
        return at(e.dueAt) + t('debrief.evidence.missed', { task: task(e.task) });
      case 'fired':
        return at(e.t, e.seq) + t('debrief.evidence.fired', { inject: inject(e.inject) });
      case 'not-fired':
        return t('debrief.evidence.notFired', { inject: inject(e.inject) });
      case 'variable':
        return t('debrief.evidence.variable', { name: variable(e.var), value: e.value });
      case 'condition':
        return t(e.holds ? 'debrief.evidence.conditionMet' : 'debrief.evidence.conditionNotMet');
      case 'covered':
        return t('debrief.evidence.covered', { role: role(e.role) });
      case 'not-covered':
        return t('debrief.evidence.notCovered', { role: role(e.role), tasks: e.tasks.map(task).join(', ') });
    }
  };
  const feedback = (f: Feedback): string => {
    const when = f.t !== undefined ? `[${clock(f.t)}] ` : '';
    if (f.kind === 'contingency') return `  - ${when}${t('debrief.contingency', { inject: inject(f.inject ?? '') })}`;
    const about = f.task ? `${task(f.task)}: ` : '';
    return `  - ${when}${about}${f.kind === 'complete' ? t('debrief.complete') : tr(f.text)}`;
  };

  const lines: string[] = [];
  lines.push(t('debrief.heading', { title: tr(s.title), id: s.id, version: s.version }));
  lines.push(t(d.ended ? 'debrief.ended' : 'debrief.running', { time: clock(d.durationSeconds), count: eventCount }));
  lines.push(t('debrief.total', { total: d.total, rating: d.rating }));
  lines.push('', t('debrief.criteria'));
  for (const c of d.criteria) {
    lines.push(`  ${score(c.score)} ${c.rating ?? '-'}  ${tr(c.title)} (${t('debrief.weight', { weight: c.weight })})`);
    for (const m of c.measures) for (const e of m.evidence) lines.push(`         · ${evidence(e)}`);
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
    for (const o of d.overrides) lines.push(`  - [${clock(o.t)}] #${o.seq} ${tr(s.phases.find((x) => x.id === o.phase)?.title)}: ${o.reason}`);
  }
  if (d.notes.length) {
    lines.push('', t('debrief.notes'));
    for (const n of d.notes) lines.push(`  - [${clock(n.t)}] ${n.role ? `${role(n.role)}: ` : ''}${n.text}`);
  }
  return `${lines.join('\n')}\n`;
}
