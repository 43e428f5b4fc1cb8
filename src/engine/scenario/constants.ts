/**
 * The closed vocabularies of the format, without zod: the drill code (machine, rules, scoring)
 * imports these, so a participant's browser runs drills without downloading the validator.
 */
/** Versions of the scenario file format (`format` in the file; without it, 1). Older files are upgraded in code (./upgrade.ts). */
export const FORMATS = [1, 2] as const;
export const CURRENT_FORMAT = 2;
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const CATEGORIES = ['group-complaint', 'data-leak', 'product-loss', 'service', 'policy', 'public-opinion', 'other'] as const;
export const LEVELS = ['sub-branch', 'city-branch', 'head-office'] as const;
export const PHASES = ['report', 'assess', 'escalate', 'resolve'] as const;
export type PhaseId = (typeof PHASES)[number];
/** Where a phase stands in the order (-1 before the first). */
export const phaseIndex = (p: PhaseId | null): number => (p === null ? -1 : PHASES.indexOf(p));
/** Drill minutes (as scenarios write them) in the drill's whole seconds. */
export const minutesToSeconds = (m: number) => Math.round(m * 60);
export const CHANNELS = ['walk-in', 'phone', 'hotline', 'social-media', 'news', 'regulator', 'internal', 'email'] as const;
export const RATINGS = ['P', 'S', 'M', 'U'] as const;
export type Rating = (typeof RATINGS)[number];

/** Who sends events besides player roles: the facilitator, and the host's clock. */
export const FACILITATOR = 'facilitator';
export const SYSTEM = 'system';
/** An evaluator's seat (a department head, the regulator's observer): it records notes and observations, signed with its name. */
export const EVALUATOR = 'evaluator';
/** Ids no role may take: they name who sends besides the roles. */
export const RESERVED_ACTORS: readonly string[] = [FACILITATOR, SYSTEM, EVALUATOR];

/** Every kind of transcript event. */
export const EVENT_TYPES = ['DRILL.START', 'CLOCK.TICK', 'DRILL.PAUSE', 'DRILL.RESUME', 'PHASE.ADVANCE', 'TASK.ANSWER', 'TASK.RATE', 'INJECT.FIRE', 'NOTE.ADD', 'DRILL.END', 'OBSERVATION.RECORD', 'SUMMARY.SET', 'ROLE.CAST', 'TASK.APPROVE', 'CRITERION.RATE', 'PEER.REVIEW', 'LESSON.ADD'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
