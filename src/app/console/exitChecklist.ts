/**
 * A phase's exit rule as a checklist: each part of its condition (the parts of an "all"), whether
 * it holds now, and the tasks it names, so the console can say what is still missing.
 */
import { holds, type CompiledScenario, type Condition, type DrillState, type PhaseId, type Task } from '../../engine';

export type ExitItem = { condition: Condition; met: boolean; task?: Task };

export function exitChecklist(c: CompiledScenario, ctx: DrillState, phase: PhaseId): ExitItem[] {
  const when = c.phases.get(phase)?.exit.when;
  if (!when) return [];
  const parts = when.type === 'all' ? when.of : [when];
  return parts.map((condition) => {
    const taskId = condition.type === 'done' || condition.type === 'on-time' || condition.type === 'chose' ? condition.task : undefined;
    const task = taskId ? c.tasks.get(taskId) : undefined;
    return { condition, met: holds(condition, ctx), ...(task ? { task } : {}) };
  });
}
