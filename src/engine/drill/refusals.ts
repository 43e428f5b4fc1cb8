/**
 * Why the engine refuses an event: data, never a sentence. Each code is translated in
 * src/i18n (`refusal.<code>`), so a Chinese screen never shows an English reason.
 */
export const REFUSAL_CODES = [
  'out-of-order',
  'time-backwards',
  'paused-time',
  'not-allowed',
  'not-started',
  'already-started',
  'ended',
  'already-paused',
  'not-paused',
  'paused',
  'exit-rule',
  'unknown-inject',
  'inject-fired',
  'unknown-task',
  'rate-free-text-only',
  'nothing-to-rate',
  'not-your-role',
  'not-role-task',
  'task-not-open',
  'already-answered',
  'wrong-kind',
  'unknown-option',
  'unknown-role',
  'unknown-observation',
  'bad-parameter',
  'option-unavailable',
  'not-signer',
  'nothing-to-approve',
  'already-approved',
  'not-playable',
  'unknown-criterion',
  'not-ended',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export type Refusal = { code: RefusalCode; params?: Record<string, string | number> };

export const refuse = (code: RefusalCode, params?: Record<string, string | number>): Refusal => (params ? { code, params } : { code });
