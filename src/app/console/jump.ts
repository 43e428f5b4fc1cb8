/**
 * Where "Jump" lands: the next inject, and the deadlines it passes on the way (they count as
 * missed). Worked out on a copy of the drill with the engine's own rules, so the console can
 * say it before anything is sent; the host then jumps `steps` times (each host jump stops at
 * the next due time, inject or deadline).
 */
import { nextDueAt, stateOf, submit, SYSTEM, type CompiledScenario, type DrillSnapshot, type Inject, type Task } from '../../engine';

export type JumpPlan = {
  /** Drill time the jump ends at. */
  at: number;
  /** How many host jumps reach it. */
  steps: number;
  /** The injects that fire there (none when only deadlines lie ahead). */
  injects: Inject[];
  /** Deadlines passed on the way, with the time each one was due. */
  passes: { task: Task; dueAt: number }[];
};

/** Enough for any scenario: a jump never passes more deadlines than a scenario has tasks. */
const MAX_STEPS = 200;

export function jumpPlan(c: CompiledScenario, snapshot: DrillSnapshot): JumpPlan | null {
  let current = snapshot;
  const passes: JumpPlan['passes'] = [];
  for (let steps = 1; steps <= MAX_STEPS; steps++) {
    const due = nextDueAt(stateOf(current));
    if (due === undefined) return null;
    const before = stateOf(current);
    const result = submit(c, current, { type: 'CLOCK.TICK', payload: {} }, { seq: before.lastSeq + 1, t: due, actor: SYSTEM });
    if (!result.ok) return null;
    current = result.snapshot;
    const after = stateOf(current);
    const fired = Object.keys(after.injects).filter((id) => !before.injects[id]);
    for (const [id, state] of Object.entries(after.tasks)) {
      const task = c.tasks.get(id);
      if (task && state.missedAt !== undefined && before.tasks[id]?.missedAt === undefined && state.dueAt !== undefined) passes.push({ task, dueAt: state.dueAt });
    }
    const injects = fired.flatMap((id) => c.injects.get(id) ?? []);
    // Stop at the first inject; with none ahead, at the next deadline (as far as time can usefully go).
    if (injects.length > 0 || after.scheduled.length === 0) return { at: due, steps, injects, passes };
  }
  return null;
}
