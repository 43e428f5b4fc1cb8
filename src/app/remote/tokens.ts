/** Where this browser keeps its tokens for a session. */
export const tokenKey = (kind: 'facilitator' | 'projector' | 'seat' | 'evaluator', sessionId: string) => `drillroom.${kind}.${sessionId}`;

/** A venue's projector seat, as the server makes one per venue when the session is created. */
export type VenueProjector = { venue: string; token: string };

const venueProjectorsKey = (sessionId: string) => `drillroom.projectors.${sessionId}`;

/** Keeps the venues' projector tokens the session was created with (the console links to each). */
export function keepVenueProjectors(sessionId: string, projectors: VenueProjector[]): void {
  localStorage.setItem(venueProjectorsKey(sessionId), JSON.stringify(projectors));
}

/** The venues' projector tokens kept in this browser (none when the session was created elsewhere, or the entry is damaged). */
export function venueProjectors(sessionId: string): VenueProjector[] {
  try {
    const kept: unknown = JSON.parse(localStorage.getItem(venueProjectorsKey(sessionId)) ?? '[]');
    return Array.isArray(kept) ? kept.filter((p): p is VenueProjector => typeof p?.venue === 'string' && typeof p?.token === 'string') : [];
  } catch {
    return [];
  }
}
