/** A transcript's broken record (the engine's problem codes) in the reader's language: the one place they become words. */
import type { TFunction } from 'i18next';
import type { TranscriptProblem } from '../engine';

export function transcriptProblemText(t: TFunction, p: TranscriptProblem): string {
  if (p.code === 'countAfterSigning') {
    return p.signed > p.holds
      ? t('verify.problem.cutAfterSigning', { missing: p.signed - p.holds, signed: p.signed, holds: p.holds })
      : t('verify.problem.addedAfterSigning', { added: p.holds - p.signed, signed: p.signed, holds: p.holds });
  }
  const { code, ...params } = p;
  return t(`verify.problem.${code}`, params);
}
