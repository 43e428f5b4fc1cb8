/** The debrief as plain text for the terminal, in English or Chinese. */
import type { Debrief, Evidence, Feedback, Lang, LocalText, Scenario } from '../engine';

/** Drill seconds as mm:ss (or h:mm:ss). */
export function clock(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function debriefText(s: Scenario, d: Debrief, lang: Lang, eventCount: number): string {
  const tr = (t: LocalText | undefined) => (t ? t[lang] : '');
  const task = (id: string) => `"${tr(s.tasks.find((t) => t.id === id)?.title) || id}"`;
  const inject = (id: string) => `"${tr(s.injects.find((i) => i.id === id)?.title) || id}"`;
  const role = (id: string) => tr(s.roles.find((r) => r.id === id)?.name) || id;
  const variable = (id: string) => tr(s.variables.find((v) => v.id === id)?.label) || id;
  const score = (x: number | null) => (x === null ? '  –' : String(x).padStart(3));

  const evidence = (e: Evidence): string => {
    switch (e.kind) {
      case 'answered':
        return `${clock(e.t)} #${e.seq} ${task(e.task)} answered by ${role(e.by)}, quality ${Math.round(e.quality * 100)}%${e.late ? ', late' : ''}`;
      case 'not-done':
        return `${task(e.task)} not done${e.dueAt !== undefined ? ` (due ${clock(e.dueAt)})` : ''}`;
      case 'on-time':
        return `${clock(e.t)} #${e.seq} ${task(e.task)} done on time (due ${clock(e.dueAt)})`;
      case 'late':
        return `${clock(e.t)} #${e.seq} ${task(e.task)} done late (due ${clock(e.dueAt)})`;
      case 'missed':
        return `${clock(e.dueAt)} ${task(e.task)} deadline missed`;
      case 'fired':
        return `${clock(e.t)} #${e.seq} ${inject(e.inject)} fired`;
      case 'not-fired':
        return `${inject(e.inject)} avoided`;
      case 'variable':
        return `${variable(e.var)} ended at ${e.value}`;
      case 'condition':
        return e.holds ? 'condition met at the end' : 'condition not met at the end';
      case 'covered':
        return `${role(e.role)} did all required tasks`;
      case 'not-covered':
        return `${role(e.role)} left ${e.tasks.map(task).join(', ')}`;
    }
  };
  const feedback = (f: Feedback): string => {
    const when = f.t !== undefined ? `[${clock(f.t)}] ` : '';
    const about = f.task ? `${task(f.task)}: ` : f.inject ? `${inject(f.inject)}: ` : '';
    const text =
      f.kind === 'complete'
        ? 'complete and on time'
        : f.kind === 'contingency'
          ? `contingency inject ${inject(f.inject ?? '')} fired`
          : tr(f.text);
    return `  - ${when}${f.kind === 'contingency' ? '' : about}${text}`;
  };

  const lines: string[] = [];
  lines.push(`Debrief: ${tr(s.title)} (${s.id} ${s.version})`);
  lines.push(`${d.ended ? 'Drill ended' : 'Drill still running'} at drill time ${clock(d.durationSeconds)}; ${eventCount} events.`);
  lines.push(`Total ${d.total}/100, rating ${d.rating}`);
  lines.push('', 'Criteria');
  for (const c of d.criteria) {
    lines.push(`  ${score(c.score)} ${c.rating ?? '-'}  ${tr(c.title)} (weight ${c.weight})`);
    for (const m of c.measures) for (const e of m.evidence) lines.push(`         · ${evidence(e)}`);
  }
  lines.push('', 'Phases');
  for (const p of d.phases) lines.push(`  ${score(p.score)}  ${tr(s.phases.find((x) => x.id === p.id)?.title)}`);
  lines.push('', 'Roles');
  for (const r of d.roles) lines.push(`  ${score(r.score)}  ${role(r.id)}`);
  const section = (title: string, items: Feedback[]) => {
    lines.push('', title);
    if (items.length === 0) lines.push('  (none)');
    for (const f of items) lines.push(feedback(f));
  };
  section('Strengths', d.strengths);
  section('Shortfalls', d.shortfalls);
  section('Improvements', d.improvements);
  if (d.overrides.length) {
    lines.push('', 'Facilitator overrides');
    for (const o of d.overrides) lines.push(`  - [${clock(o.t)}] #${o.seq} ${o.phase}: ${o.reason}`);
  }
  if (d.notes.length) {
    lines.push('', 'Facilitator notes');
    for (const n of d.notes) lines.push(`  - [${clock(n.t)}] ${n.role ? `${role(n.role)}: ` : ''}${n.text}`);
  }
  return `${lines.join('\n')}\n`;
}
