/** Refusals (the engine's and the server's codes) in the reader's language: the one place they become words. */
import type { TFunction } from 'i18next';
import type { AnyRefusal } from '../protocol/messages';

export function refusalText(t: TFunction, r: AnyRefusal): string {
  const params = { ...r.params };
  // An event type is a code too: say what it does.
  if (typeof params.type === 'string') params.type = t(`eventType.${params.type}`);
  return t(`refusal.${r.code}`, params);
}
