/** One transcript event as the replay names it: who did what, in the reader's language (never the event's code). */
import type { TFunction } from 'i18next';
import { FACILITATOR, SYSTEM, type DrillEvent, type Lang, type Scenario } from '../engine';
import { debriefWords } from './debriefWords';

export function replayLine(t: TFunction, s: Scenario, lang: Lang, e: DrillEvent): string {
  const words = debriefWords(t, s, lang);
  const actor = e.actor === FACILITATOR ? t('replayLine.facilitator') : e.actor === SYSTEM ? t('replayLine.system') : words.role(e.actor);
  const action = t(`eventType.${e.type}`);
  const detail = e.type === 'INJECT.FIRE' ? words.inject(e.payload.inject) : e.type === 'TASK.ANSWER' || e.type === 'TASK.RATE' ? words.task(e.payload.task) : null;
  return t('replayLine.line', { actor, action: detail ? t('replayLine.withDetail', { action, detail }) : action });
}
