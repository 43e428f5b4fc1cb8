/** The debrief's facts in words, shared by the app and the command line. */
import type { TFunction } from 'i18next';
import type { Amount, Condition, Evidence, Feedback, Glossary, Lang, LocalText } from '../engine';
import { clock } from './format';

const CMP = { '<': '<', '<=': '≤', '==': '=', '!=': '≠', '>=': '≥', '>': '>' } as const;

/** `s`: the names of things (a scenario, or the glossary the room's debrief carries). */
export function debriefWords(t: TFunction, s: Glossary, lang: Lang) {
  const tr = (x: LocalText | undefined) => (x ? x[lang] : '');
  // Names in curly quotes, with no spaces around them in Chinese (the translations place them).
  const quote = (text: string) => `“${text}”`;
  const task = (id: string) => quote(tr(s.tasks.find((x) => x.id === id)?.title) || id);
  const inject = (id: string) => quote(tr(s.injects.find((i) => i.id === id)?.title) || id);
  const observation = (id: string) => quote(tr(s.observations.find((o) => o.id === id)?.label) || id);
  const role = (id: string) => tr(s.roles.find((r) => r.id === id)?.name) || id;
  const variable = (id: string) => tr(s.variables.find((v) => v.id === id)?.label) || id;
  const flag = (id: string) => quote(tr(s.flags.find((f) => f.id === id)?.label) || id);
  const phase = (id: string) => tr(s.phases.find((p) => p.id === id)?.title) || id;
  const criterion = (id: string) => quote(tr(s.rubric?.find((c) => c.id === id)?.title) || id);
  const option = (taskId: string, optionId: string) => {
    const x = s.tasks.find((x) => x.id === taskId);
    const o = x && (x.kind === 'single' || x.kind === 'multiple') ? x.options?.find((o) => o.id === optionId) : undefined;
    return quote(tr(o?.label) || optionId);
  };
  // A parameter by its name: the debrief reads conditions as written, not with one drill's values.
  const amount = (a: Amount) => (typeof a === 'number' ? String(a) : quote(tr(s.parameters?.find((p) => p.id === a.param)?.label) || a.param));
  const at = (time: number, seq?: number) => `${clock(time)}${seq !== undefined ? ` #${seq}` : ''} `;

  /** A scenario condition in words. */
  const condition = (c: Condition): string => {
    switch (c.type) {
      case 'all':
      case 'any':
        return c.of.map((x) => (x.type === 'all' || x.type === 'any' ? t('condition.group', { text: condition(x) }) : condition(x))).join(t(`condition.${c.type}`));
      case 'not':
        return t('condition.not', { text: condition(c.of) });
      case 'var':
        return t('condition.var', { name: variable(c.var), cmp: CMP[c.cmp], value: amount(c.value) });
      case 'flag':
        return t('condition.flag', { flag: flag(c.flag) });
      case 'done':
        return t('condition.done', { task: task(c.task) });
      case 'on-time':
        return t('condition.onTime', { task: task(c.task) });
      case 'chose':
        return t('condition.chose', { task: task(c.task), option: option(c.task, c.option) });
      case 'fired':
        return t('condition.fired', { inject: inject(c.inject) });
      case 'phase':
        return t('condition.phase', { phase: phase(c.atLeast) });
      case 'rated':
        return t('condition.rated', { task: task(c.task), rating: c.atLeast });
      case 'time':
        return t(c.from === 'drill' ? 'condition.timeDrill' : 'condition.timePhase', { minutes: amount(c.atLeast) });
    }
  };

  /** Who signed an answer off, and when. */
  const signed = (list?: { role: string; t: number }[]) =>
    list?.length ? t('debrief.evidence.signed', { list: list.map((s) => t('debrief.evidence.signature', { role: role(s.role), time: clock(s.t) })).join(t('debrief.listSeparator')) }) : '';
  const who = (r?: string) => (r ? t('debrief.evidence.who', { role: role(r) }) : '');

  const evidence = (e: Evidence): string => {
    switch (e.kind) {
      case 'answered':
        return at(e.t, e.seq) + t(e.late ? 'debrief.evidence.answeredLate' : 'debrief.evidence.answered', { task: task(e.task), role: role(e.by), quality: Math.round(e.quality * 100) }) + signed(e.signed);
      case 'awaiting-rating':
        return at(e.t, e.seq) + t('debrief.evidence.awaitingRating', { task: task(e.task), role: role(e.by) }) + signed(e.signed);
      case 'not-done':
        return e.dueAt !== undefined ? at(e.dueAt) + t('debrief.evidence.notDoneDue', { task: task(e.task), due: clock(e.dueAt) }) : t('debrief.evidence.notDone', { task: task(e.task) });
      case 'never-opened':
        return t('debrief.evidence.neverOpened', { task: task(e.task), phase: phase(e.phase) });
      case 'on-time':
      case 'late':
        return at(e.t, e.seq) + t(e.kind === 'late' ? 'debrief.evidence.late' : 'debrief.evidence.onTime', { task: task(e.task), due: clock(e.dueAt) });
      case 'missed':
        return at(e.dueAt) + t('debrief.evidence.missed', { task: task(e.task) });
      case 'fired':
        return at(e.t, e.seq) + t('debrief.evidence.fired', { inject: inject(e.inject) });
      case 'avoided':
        return t('debrief.evidence.avoided', { inject: inject(e.inject) });
      case 'not-tested':
        return t('debrief.evidence.notTested', { inject: inject(e.inject), phase: phase(e.phase) });
      case 'variable':
        return t('debrief.evidence.variable', { name: variable(e.var), value: e.value, best: e.best, worst: e.worst });
      case 'condition':
        return t(e.holds ? 'debrief.evidence.conditionMet' : 'debrief.evidence.conditionNotMet', { condition: condition(e.when) });
      case 'outcome-not-reached':
        return t('debrief.evidence.outcomeNotReached', { what: variable(e.var) });
      case 'condition-not-reached':
        return t('debrief.evidence.outcomeNotReached', { what: condition(e.when) });
      case 'pending-at-end':
        return t('debrief.evidence.pendingAtEnd', { inject: inject(e.inject), at: clock(e.at) });
      case 'covered':
        return t('debrief.evidence.covered', { role: role(e.role) });
      case 'not-covered':
        return t('debrief.evidence.notCovered', { role: role(e.role), tasks: e.tasks.map(task).join(t('debrief.listSeparator')) });
      case 'observed':
        return (
          at(e.t, e.seq) +
          t(e.good ? 'debrief.evidence.observedGood' : 'debrief.evidence.observedProhibited', { observation: observation(e.observation), who: who(e.role) }) +
          (e.note ? t('debrief.evidence.observedNote', { note: e.note }) : '')
        );
      case 'capped':
        return at(e.t, e.seq) + t('debrief.evidence.capped', { observation: observation(e.observation), cap: e.cap });
    }
  };

  /** One strength, shortfall or improvement: when, about what, and the scenario's words. */
  const feedback = (f: Feedback) => ({
    when: f.t !== undefined ? clock(f.t) : '',
    about:
      f.kind === 'contingency' || f.kind === 'criterion'
        ? ''
        : f.kind === 'observation'
          ? `${observation(f.observation ?? '')}${who(f.role)}`
          : f.task
            ? task(f.task)
            : '',
    text:
      f.kind === 'contingency'
        ? t('debrief.contingency', { inject: inject(f.inject ?? '') })
        : f.kind === 'complete'
          ? t('debrief.complete')
          : f.kind === 'never-opened'
            ? `${t('debrief.neverOpenedPrefix')}${tr(f.text)}`
            : tr(f.text),
  });

  return { tr, task, inject, observation, role, variable, phase, criterion, condition, evidence, feedback };
}
