/**
 * What a participant's device may receive. The engine there still needs every id, trigger,
 * condition and effect to follow the drill, but not the answer key or other roles' secrets:
 * option scores and all debrief texts are blanked, other roles' private briefings removed,
 * and injects addressed only to other roles keep their place but lose their words.
 */
import type { LocalText, Scenario } from './schema';

const HIDDEN: LocalText = { 'zh-CN': '—', en: '—' };

export function redactScenario(s: Scenario, role: string | null): Scenario {
  const mine = (to: 'all' | string[]) => to === 'all' || (role !== null && to.includes(role));
  return {
    ...s,
    roles: s.roles.map((r) => (r.id === role || !r.briefing.private ? r : { ...r, briefing: { public: r.briefing.public } })),
    injects: s.injects.map((i) => {
      const { expectedAction: _hidden, ...rest } = i;
      return i.public || mine(i.to) ? rest : { ...rest, title: HIDDEN, content: HIDDEN, image: undefined };
    }),
    tasks: s.tasks.map((t) => {
      const common = { ...t, missedFeedback: HIDDEN, rule: t.rule };
      switch (t.kind) {
        case 'single':
        case 'multiple':
          return { ...common, kind: t.kind, options: t.options.map((o) => ({ ...o, score: 0, feedback: HIDDEN })) } as typeof t;
        case 'checklist':
          // Every item looks right: which are wrong is the answer key.
          return { ...common, kind: t.kind, items: t.items.map((i) => ({ ...i, weight: 1, feedback: HIDDEN })) } as typeof t;
        case 'text':
          return { ...common, kind: t.kind, guidance: HIDDEN, feedback: { P: HIDDEN, S: HIDDEN, M: HIDDEN, U: HIDDEN } } as typeof t;
      }
    }),
    rubric: s.rubric.map((c) => ({ ...c, description: HIDDEN, improvement: HIDDEN, measures: [] })),
    // What the facilitator may record seeing: kept for their effects on the drill, without their words.
    observations: s.observations.map((o) => ({ ...o, label: HIDDEN, feedback: HIDDEN })),
  };
}
