/** What is wrong with a transcript file (the engine's problem codes) in the reader's language: the one place they become words. */
import type { TFunction } from 'i18next';
import { isBroken, type FileProblem } from '../engine';

/** A broken record as a clause ("event 4 was altered"); any other problem as a sentence. */
export function fileProblemText(t: TFunction, p: FileProblem): string {
  switch (p.code) {
    case 'countAfterSigning':
      return p.signed > p.holds
        ? t('verify.problem.cutAfterSigning', { missing: p.signed - p.holds, signed: p.signed, holds: p.holds })
        : t('verify.problem.addedAfterSigning', { added: p.holds - p.signed, signed: p.signed, holds: p.holds });
    case 'notJson':
      return p.line === undefined ? t('verify.problem.notJsonAnywhere') : t('verify.problem.notJson', { line: p.line, column: p.column });
    case 'shape':
    case 'scenario': {
      const text = t(`verify.problem.${p.code}`, { path: p.path, detail: p.detail });
      return p.more ? `${text}${t('verify.problem.more', { count: p.more })}` : text;
    }
    default: {
      const { code, ...params } = p;
      return t(`verify.problem.${code}`, params);
    }
  }
}

/** The line the review page and `npm run verify` show: a broken record says so first. */
export function fileProblemLine(t: TFunction, p: FileProblem): string {
  return isBroken(p) ? t('verify.broken', { problem: fileProblemText(t, p) }) : fileProblemText(t, p);
}
