/** The debrief's facts in words, shared by the app and the command line. */
import type { TFunction } from 'i18next';
import type { Evidence, Feedback, Lang, LocalText, Scenario } from '../engine';
import { clock } from './format';

export function debriefWords(t: TFunction, s: Scenario, lang: Lang) {
  const tr = (x: LocalText | undefined) => (x ? x[lang] : '');
  const task = (id: string) => `“${tr(s.tasks.find((x) => x.id === id)?.title) || id}”`;
  const inject = (id: string) => `“${tr(s.injects.find((i) => i.id === id)?.title) || id}”`;
  const role = (id: string) => tr(s.roles.find((r) => r.id === id)?.name) || id;
  const variable = (id: string) => tr(s.variables.find((v) => v.id === id)?.label) || id;
  const phase = (id: string) => tr(s.phases.find((p) => p.id === id)?.title) || id;
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

  /** One strength, shortfall or improvement: when, about what, and the scenario's words. */
  const feedback = (f: Feedback) => ({
    when: f.t !== undefined ? clock(f.t) : '',
    about: f.kind === 'contingency' || !f.task ? '' : task(f.task),
    text: f.kind === 'contingency' ? t('debrief.contingency', { inject: inject(f.inject ?? '') }) : f.kind === 'complete' ? t('debrief.complete') : tr(f.text),
  });

  return { tr, task, inject, role, variable, phase, evidence, feedback };
}
