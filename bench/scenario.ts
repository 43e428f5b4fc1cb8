/** A scenario made for load: many player roles, each with many decisions open at once. */
import type { ScenarioInput } from '../src/engine';

const L = (en: string) => ({ 'zh-CN': en, en });

export function benchScenario(players: number, tasksPerRole: number): ScenarioInput {
  const roles = Array.from({ length: players }, (_, i) => `p${i + 1}`);
  const tasks = roles.flatMap((role) =>
    Array.from({ length: tasksPerRole }, (_, j) => ({
      id: `${role}-t${j + 1}`,
      kind: 'single' as const,
      title: L(`Decision ${j + 1}`),
      prompt: L('Choose'),
      roles: [role],
      phase: 'report' as const,
      missedFeedback: L('Missed'),
      options: [
        { id: 'a', label: L('A'), score: 1, feedback: L('Good') },
        { id: 'b', label: L('B'), score: 0, feedback: L('Poor'), effects: [{ type: 'add' as const, var: 'heat', value: 1 }] },
      ],
    })),
  );
  const criterion = (id: string, measures: unknown[]) => ({ id, title: L(id), description: L(id), weight: 20, measures, improvement: L('Practise') });
  return {
    id: 'bench-load',
    version: '1.0.0',
    category: 'other',
    title: L('Load benchmark'),
    summary: L('Many roles deciding at once.'),
    objectives: [L('Measure')],
    durationMinutes: 60,
    difficulty: 'basic',
    roles: [
      ...roles.map((id) => ({ id, kind: 'player' as const, name: L(id), department: L('Branch'), level: 'sub-branch' as const, briefing: { public: L('A player'), private: L('Secret') } })),
      { id: 'crowd', kind: 'simulated' as const, name: L('Crowd'), department: L('Public'), level: 'sub-branch' as const, briefing: { public: L('Customers') } },
    ],
    variables: [{ id: 'heat', label: L('Heat'), initial: 0, min: 0, max: 1_000_000, public: true }],
    phases: (['report', 'assess', 'escalate', 'resolve'] as const).map((id) => ({ id, title: L(id), objectives: [L(id)], exit: {} })),
    injects: [{ id: 'start', phase: 'report', trigger: { type: 'time', at: 0 }, channel: 'walk-in', from: 'crowd', to: 'all', public: true, title: L('Start'), content: L('Go') }],
    tasks,
    rubric: [
      criterion('quality', [{ type: 'quality', tasks: tasks.slice(0, 10).map((t) => t.id) }]),
      criterion('heat', [{ type: 'variable', var: 'heat', best: 0, worst: 100 }]),
      criterion('coverage', [{ type: 'coverage' }]),
      criterion('calm', [{ type: 'avoided', injects: ['start'] }]),
      criterion('done', [{ type: 'condition', when: { type: 'done', task: tasks[0]?.id ?? 'x' } }]),
    ],
  } as ScenarioInput;
}
