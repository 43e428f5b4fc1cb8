/**
 * The transcript file: one self-contained JSON document holding the scenario a drill ran,
 * the session's details and every event. `npm run simulate` writes it, the server serves it,
 * the app exports it, and replay and review read it.
 */
import { z } from 'zod';
import type { CompiledScenario } from '../drill/compile';
import { compileScenario } from '../scenario/validate';
import { compile } from '../drill/compile';
import { eventSchema, type DrillEvent } from '../drill/events';
import { scenarioSchema, type Scenario } from '../scenario/schema';
import { parseShape, type Issue } from '../scenario/validate';
import { checkIntegrity, integrityOf, type Integrity } from './integrity';
import type { FormatProblem, TranscriptProblem } from './problems';
import { checkSignature, fingerprint, signatureSchema, type TranscriptSignature } from './seal';

export const TRANSCRIPT_FORMAT = 'drillroom-transcript';
/** 1: the first files (no integrity record); 2: a hash chain and an improvement plan. */
export const TRANSCRIPT_VERSION = 2;
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
  /** The scenario's parameters as the trainer set them up (by id); the start event records the values the drill used. */
  parameters: z.record(z.string().max(64), z.number().finite()).optional(),
  /** The venues the drill was played in (a county sub-branch and its city branch, linked by video); seats name theirs. */
  venues: z.array(z.string().trim().min(1).max(60)).max(8).optional(),
  /** The exercise the drill was one group's part of: its id, and the group's name. */
  exercise: z.strictObject({ id: z.string().max(100), group: z.string().max(60) }).optional(),
});
export type SessionInfo = z.output<typeof sessionSchema>;

/** One corrective action of the improvement plan: what, who, by when (YYYY-MM-DD). */
export const planItemSchema = z.strictObject({
  id: z.string().min(1).max(64),
  action: z.string().max(2000),
  owner: z.string().max(200),
  due: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]),
  criterion: z.string().max(64).optional(),
});
export type PlanItem = z.output<typeof planItemSchema>;
export const planSchema = z.array(planItemSchema).max(200);

const integritySchema = z.strictObject({
  algorithm: z.literal('sha-256'),
  genesis: z.string().regex(/^[0-9a-f]{64}$/),
  count: z.number().int().min(0),
  hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(MAX_EVENTS),
});

const header = {
  format: z.literal(TRANSCRIPT_FORMAT),
  scenario: z.record(z.string(), z.unknown()),
  session: sessionSchema,
  events: z.array(eventSchema).max(MAX_EVENTS),
};
const fileSchemas = {
  1: z.strictObject({ ...header, version: z.literal(1) }),
  2: z.strictObject({ ...header, version: z.literal(2), plan: planSchema.default([]), integrity: integritySchema, signature: signatureSchema.optional() }),
};

export type TranscriptFile = {
  format: typeof TRANSCRIPT_FORMAT;
  version: typeof TRANSCRIPT_VERSION;
  scenario: Scenario;
  session: SessionInfo;
  events: DrillEvent[];
  plan: PlanItem[];
  integrity: Integrity;
  /** The server's signature of the chain's head (files from the server only). */
  signature?: TranscriptSignature;
};

export function makeTranscript(scenario: Scenario, session: SessionInfo, events: DrillEvent[], plan: PlanItem[] = []): TranscriptFile {
  const integrity = integrityOf({ format: TRANSCRIPT_FORMAT, scenario, session }, events);
  return { format: TRANSCRIPT_FORMAT, version: TRANSCRIPT_VERSION, scenario, session, events, plan, integrity };
}

/**
 * What a file's record proves, once its chain holds. `signed`: a key signed this chain's head,
 * so nothing was cut off or added at the end (whether the key is trusted is the reader's
 * decision); `planChanged`: the improvement plan was edited after signing. `unsigned`: the
 * chain holds but nothing proves the file is complete. `noChain`: a version-1 file.
 */
export type Seal =
  | { status: 'signed'; publicKey: string; fingerprint: string; planChanged: boolean }
  | { status: 'unsigned' }
  | { status: 'noChain' };

export type LoadedTranscript = { file: TranscriptFile; compiled: CompiledScenario; seal: Seal; sourceVersion: number };

/** `problem`: the first thing wrong, as data (for words in the reader's language); `issues`: every place, in English. */
export type ParsedTranscript = { ok: true; value: LoadedTranscript } | { ok: false; issues: Issue[]; problem: TranscriptProblem };

/**
 * A transcript whose shape, record and event order are checked, its scenario not yet compiled:
 * plain data, so a Web Worker can check a long file and hand it over.
 */
export type CheckedTranscript = { file: Shaped; seal: Seal };

/** Progress of a check: `done` of `total` events hashed. */
export type CheckProgress = (done: number, total: number) => void;

/** Checks a parsed transcript file: its shape, its record (chain and signature), the scenario it carries, and the order of its events. */
export function parseTranscript(value: unknown): ParsedTranscript {
  const checked = checkTranscript(value);
  return checked.ok ? loadTranscript(checked.value) : checked;
}

type Shaped = z.output<(typeof fileSchemas)[1 | 2]>;

/** A file's shape: a drillroom transcript of a version this build reads, with well-formed fields. */
function shapeOf(value: unknown): { ok: true; value: Shaped } | { ok: false; issues: Issue[]; problem: TranscriptProblem } {
  const format = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { format?: unknown }).format : undefined;
  if (format !== TRANSCRIPT_FORMAT) {
    return fail('$.format', format === undefined ? 'this is not a drillroom transcript (it has no "format" field)' : `this is not a drillroom transcript (format ${JSON.stringify(format)})`, { code: 'notTranscript' });
  }
  if (typeof value === 'object' && value !== null && 'version' in value && typeof (value as { version: unknown }).version === 'number' && (value as { version: number }).version > TRANSCRIPT_VERSION) {
    const newer = (value as { version: number }).version;
    return fail('$.version', `made by a newer drillroom (transcript version ${newer}); this one reads up to version ${TRANSCRIPT_VERSION}`, { code: 'newerVersion', version: newer, supported: TRANSCRIPT_VERSION });
  }
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (version !== 1 && version !== 2) return fail('$.version', version === undefined ? 'is missing' : `unknown transcript version ${JSON.stringify(version)}`, { code: 'badVersion' });
  const shaped = parseShape(fileSchemas[version], value);
  return shaped.ok ? shaped : { ok: false, issues: shaped.issues, problem: firstOf('shape', shaped.issues) };
}

/** What a replay reads of a file: the scenario and the events, shaped as the full check shapes them; other fields are the check's. */
const replaySchema = z.object({ scenario: scenarioSchema, events: header.events });

/**
 * What a replay needs of a file, read without checking its record or the scenario's references:
 * its scenario built into a machine and its events as the check reads them. A second worker
 * replays while the first checks (`checkTranscriptAndScenario`), and the replay is only used once
 * that check passes, which makes its scenario the one validated there. Null when the file cannot
 * be read; the check says why.
 */
export function replayable(value: unknown): { events: DrillEvent[]; compiled: CompiledScenario } | null {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if ((value as { format?: unknown } | null)?.format !== TRANSCRIPT_FORMAT || (version !== 1 && version !== 2)) return null;
  const shaped = parseShape(replaySchema, value);
  if (!shaped.ok) return null;
  try {
    return { events: shaped.value.events, compiled: compile(shaped.value.scenario) };
  } catch {
    return null;
  }
}

/** The slow part of reading a transcript (a Web Worker's work): shape, hash chain, signature, event order. */
export function checkTranscript(value: unknown, onProgress?: CheckProgress): { ok: true; value: CheckedTranscript } | { ok: false; issues: Issue[]; problem: TranscriptProblem } {
  const shaped = shapeOf(value);
  if (!shaped.ok) return shaped;
  const raw = value as { scenario: unknown; session: unknown; events: unknown[] };
  let seal: Seal = { status: 'noChain' };
  if (shaped.value.version === 2) {
    const { integrity, signature, plan } = shaped.value;
    const broken = checkIntegrity({ format: TRANSCRIPT_FORMAT, scenario: raw.scenario, session: raw.session }, raw.events, integrity, onProgress);
    if (broken) return { ok: false, issues: [], problem: broken };
    seal = { status: 'unsigned' };
    if (signature) {
      const problem = checkSignature(signature, integrity, plan);
      if (problem && problem.code !== 'plan') return { ok: false, issues: [], problem };
      seal = { status: 'signed', publicKey: signature.publicKey, fingerprint: fingerprint(signature.publicKey), planChanged: problem !== null };
    }
  }
  const events = shaped.value.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    const prev = events[i - 1];
    if (!e) continue;
    if (e.seq !== i + 1) return fail(`$.events[${i}].seq`, `expected event number ${i + 1}, found ${e.seq}: events are missing or out of order`, { code: 'eventOrder', seq: i + 1, found: e.seq });
    if (prev && e.t < prev.t) return fail(`$.events[${i}].t`, `drill time goes backwards (${e.t}s after ${prev.t}s)`, { code: 'timeBackwards', seq: i + 1 });
  }
  return { ok: true, value: { file: shaped.value, seal } };
}

/**
 * Everything `parseTranscript` checks, as plain data a Web Worker hands over: `checkTranscript`,
 * then the scenario the file carries, validated (and brought up to the current format) as
 * `loadTranscript` would, so the page only builds it into a machine.
 */
export function checkTranscriptAndScenario(value: unknown, onProgress?: CheckProgress): { ok: true; value: CheckedTranscript } | { ok: false; issues: Issue[]; problem: TranscriptProblem } {
  const checked = checkTranscript(value, onProgress);
  if (!checked.ok) return checked;
  const compiled = scenarioOf(checked.value.file.scenario);
  return compiled.ok ? { ok: true, value: { file: { ...checked.value.file, scenario: compiled.value.scenario }, seal: checked.value.seal } } : compiled;
}

/** The scenario a file carries, validated and built into a machine, or its first problem (paths from the file's root). */
function scenarioOf(scenario: unknown): { ok: true; value: CompiledScenario } | { ok: false; issues: Issue[]; problem: FormatProblem } {
  const compiled = compileScenario(scenario);
  if (compiled.ok) return compiled;
  const issues = compiled.issues.map((i) => ({ path: i.path.replace(/^\$/, '$.scenario'), message: i.message }));
  return { ok: false, issues, problem: firstOf('scenario', issues) };
}

/**
 * The quick part: the scenario the checked file carries, compiled. `scenarioValid`: the scenario
 * is one `checkTranscriptAndScenario` already validated (in the worker that checked the file),
 * built into a machine here without checking it again.
 */
export function loadTranscript({ file: shaped, seal }: CheckedTranscript, scenarioValid = false): ParsedTranscript {
  const compiled = scenarioValid ? { ok: true as const, value: compile(shaped.scenario as Scenario) } : scenarioOf(shaped.scenario);
  if (!compiled.ok) return compiled;
  const file: TranscriptFile =
    shaped.version === 2
      ? { ...shaped, version: TRANSCRIPT_VERSION, scenario: compiled.value.scenario }
      : // An older file is read as the current version; its chain is made now, for re-export.
        makeTranscript(compiled.value.scenario, shaped.session, shaped.events);
  return { ok: true, value: { file, compiled: compiled.value, seal, sourceVersion: shaped.version } };
}

function fail(path: string, message: string, problem: FormatProblem): { ok: false; issues: Issue[]; problem: FormatProblem } {
  return { ok: false, issues: [{ path, message }], problem };
}

function firstOf(code: 'shape' | 'scenario', issues: Issue[]): FormatProblem {
  return { code, path: issues[0]?.path ?? '$', detail: issues[0]?.message ?? '', more: Math.max(0, issues.length - 1) };
}
