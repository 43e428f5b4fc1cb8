/**
 * The transcript file: one self-contained JSON document holding the scenario a drill ran,
 * the session's details and every event. `npm run simulate` writes it, the server serves it,
 * the app exports it, and replay and review read it.
 */
import { z } from 'zod';
import { compileScenario, type CompiledScenario } from '../drill/compile';
import { eventSchema, type DrillEvent } from '../drill/events';
import type { Scenario } from '../scenario/schema';
import { parseShape, type Issue, type Validated } from '../scenario/validate';

export const TRANSCRIPT_FORMAT = 'drillroom-transcript';
export const TRANSCRIPT_VERSION = 1;
export const MAX_EVENTS = 200_000;

export const sessionSchema = z.strictObject({
  id: z.string().max(100).optional(),
  team: z.string().max(200).optional(),
  branch: z.string().max(200).optional(),
  facilitator: z.string().max(200).optional(),
  /** When the drill was run (ISO 8601). */
  date: z.string().max(40).optional(),
  /** Participants' names by role id. */
  participants: z.record(z.string().max(64), z.string().max(200)).optional(),
  source: z.enum(['simulate', 'server', 'browser']).optional(),
  simulation: z.strictObject({ policy: z.string().max(40), seed: z.number().int() }).optional(),
});
export type SessionInfo = z.output<typeof sessionSchema>;

const fileSchema = z.strictObject({
  format: z.literal(TRANSCRIPT_FORMAT),
  version: z.literal(TRANSCRIPT_VERSION),
  scenario: z.record(z.string(), z.unknown()),
  session: sessionSchema,
  events: z.array(eventSchema).max(MAX_EVENTS),
});

export type TranscriptFile = {
  format: typeof TRANSCRIPT_FORMAT;
  version: typeof TRANSCRIPT_VERSION;
  scenario: Scenario;
  session: SessionInfo;
  events: DrillEvent[];
};

export function makeTranscript(scenario: Scenario, session: SessionInfo, events: DrillEvent[]): TranscriptFile {
  return { format: TRANSCRIPT_FORMAT, version: TRANSCRIPT_VERSION, scenario, session, events };
}

export type LoadedTranscript = { file: TranscriptFile; compiled: CompiledScenario };

/** Checks a parsed transcript file: its shape, the scenario it carries, and the order of its events. */
export function parseTranscript(value: unknown): Validated<LoadedTranscript> {
  if (typeof value === 'object' && value !== null && 'format' in value && (value as { format: unknown }).format !== TRANSCRIPT_FORMAT) {
    return fail('$.format', `this is not a drillroom transcript (format ${JSON.stringify((value as { format: unknown }).format)})`);
  }
  if (typeof value === 'object' && value !== null && 'version' in value && typeof (value as { version: unknown }).version === 'number' && (value as { version: number }).version > TRANSCRIPT_VERSION) {
    return fail('$.version', `made by a newer drillroom (transcript version ${(value as { version: number }).version}); this one reads up to version ${TRANSCRIPT_VERSION}`);
  }
  const shaped = parseShape(fileSchema, value);
  if (!shaped.ok) return shaped;
  const compiled = compileScenario(shaped.value.scenario);
  if (!compiled.ok) return { ok: false, issues: compiled.issues.map((i) => ({ path: i.path.replace(/^\$/, '$.scenario'), message: i.message })) };
  const events = shaped.value.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const prev = events[i - 1];
    if (!e) continue;
    if (e.seq !== i + 1) return fail(`$.events[${i}].seq`, `expected event number ${i + 1}, found ${e.seq}: events are missing or out of order`);
    if (prev && e.t < prev.t) return fail(`$.events[${i}].t`, `drill time goes backwards (${e.t}s after ${prev.t}s)`);
  }
  return { ok: true, value: { file: { ...shaped.value, scenario: compiled.value.scenario, events }, compiled: compiled.value } };
}

function fail(path: string, message: string): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [{ path, message }] };
}
