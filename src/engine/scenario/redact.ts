/** What a participant's device may receive: only its own role's private briefing. */
import type { Scenario } from './schema';

export function redactScenario(s: Scenario, role: string | null): Scenario {
  return {
    ...s,
    roles: s.roles.map((r) => (r.id === role || !r.briefing.private ? r : { ...r, briefing: { public: r.briefing.public } })),
  };
}
