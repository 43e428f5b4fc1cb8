/**
 * What a seat other than the facilitator's is shown, and how a change to it travels. Kept apart
 * from the message schemas so that a participant's page needs no validator.
 */
import type { ParticipantView, PublicView } from '../engine';

/** The room's view, or a participant's with its role. */
export type ScreenView = PublicView | ParticipantView;

/** What changed in a seat's view: the fields that changed, null for a field gone. */
export type ScreenPatch = { [K in keyof ParticipantView]?: ParticipantView[K] | null };

/** A seat's view after a change. */
export function patched(screen: ScreenView, patch: ScreenPatch): ScreenView {
  const next: Record<string, unknown> = { ...screen };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next as ScreenView;
}
