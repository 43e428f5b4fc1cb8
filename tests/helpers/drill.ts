/** Test helpers: the mini scenario fixture and a tiny host that stamps events. */
import { resolve } from 'node:path';
import { stateOf, compile, FACILITATOR, startDrill, submit, SYSTEM, validateScenario, type Command, type CompiledScenario, type DrillEvent, type DrillSnapshot, type Submitted } from '../../src/engine';

import miniScenario from '../fixtures/mini-scenario.json';
import format2Scenario from '../fixtures/format2-scenario.json';

/** The fixture's path, for tests that hand it to the command line (they run from the project root). */
export const MINI_FILE = resolve('tests/fixtures/mini-scenario.json');

/** The mini scenario as raw JSON (a fresh copy each call), optionally changed by `edit`. */
export function miniJson(edit?: (s: Record<string, any>) => void): Record<string, any> {
  const json = structuredClone(miniScenario) as Record<string, any>;
  edit?.(json);
  return json;
}

export function mini(edit?: (s: Record<string, any>) => void): CompiledScenario {
  const result = validateScenario(miniJson(edit));
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return compile(result.value);
}

/** The format 2 fixture (the mini scenario with every construct format 2 added), optionally changed by `edit`. */
export const FORMAT2_FILE = resolve('tests/fixtures/format2-scenario.json');
export function format2Json(edit?: (s: Record<string, any>) => void): Record<string, any> {
  const json = structuredClone(format2Scenario) as Record<string, any>;
  edit?.(json);
  return json;
}
export function format2(edit?: (s: Record<string, any>) => void): CompiledScenario {
  const result = validateScenario(format2Json(edit));
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return compile(result.value);
}

export { FACILITATOR, SYSTEM };

/** A host in miniature: stamps seq and time, keeps accepted events. */
export class Host {
  events: DrillEvent[] = [];
  snapshot: DrillSnapshot;
  constructor(readonly c: CompiledScenario) {
    this.snapshot = startDrill(c);
  }
  get ctx() {
    return stateOf(this.snapshot);
  }
  send(minutes: number, actor: string, command: Command): Submitted {
    const result = submit(this.c, this.snapshot, command, { seq: this.events.length + 1, t: Math.round(minutes * 60), actor });
    if (result.ok) {
      this.snapshot = result.snapshot;
      this.events.push(result.event);
    }
    return result;
  }
  /** Sends and fails the test when the engine refuses. */
  ok(minutes: number, actor: string, command: Command): this {
    const result = this.send(minutes, actor, command);
    if (!result.ok) throw new Error(`refused ${command.type}: ${JSON.stringify(result.refusal)}`);
    return this;
  }
  start() {
    return this.ok(0, FACILITATOR, { type: 'DRILL.START', payload: {} });
  }
  tick(minutes: number) {
    return this.ok(minutes, SYSTEM, { type: 'CLOCK.TICK', payload: {} });
  }
  answer(minutes: number, role: string, task: string, answer: Extract<Command, { type: 'TASK.ANSWER' }>['payload']['answer']) {
    return this.ok(minutes, role, { type: 'TASK.ANSWER', payload: { task, role, answer } });
  }
  advance(minutes: number, reason?: string) {
    return this.ok(minutes, FACILITATOR, { type: 'PHASE.ADVANCE', payload: reason ? { reason } : {} });
  }
}
