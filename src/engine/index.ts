/** The drill engine: pure TypeScript, no React, DOM or Node imports. */
export * from './scenario/schema';
export * from './scenario/jsonText';
export { validateScenario, parseShape, jsonPath, type Issue, type Validated } from './scenario/validate';
export { redactScenario } from './scenario/redact';
export { checkQuality, LONGEST_BEST_LIMIT, WRONG_ITEMS_MIN } from './scenario/quality';
export * from './drill/events';
export type { DrillContext, TaskState, LogEntry, Log, FiredInject, InjectCause, Status, RecordedObservation, PhaseOutcome } from './drill/context';
export { logEntries } from './drill/context';
export { compileScenario } from './drill/compile';
export { compile, type CompiledScenario } from './drill/build';
export type { DrillMachine } from './drill/machine';
export { startDrill, step, replay, type DrillSnapshot, type StepResult, type ReplayStep } from './drill/replay';
export { nextDueAt, refusal, exitAllowed } from './drill/rules';
export { holds } from './drill/conditions';
export * from './debrief/types';
export { scoreDrill, answerQuality, rate, evidenceTime, RATING_QUALITY } from './debrief/score';
export * from './transcript/format';
export { canonicalJson, checkIntegrity, integrityOf, type Integrity } from './transcript/integrity';
