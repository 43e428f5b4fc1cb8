/**
 * Improvement plans being edited, kept in this browser per transcript so that a reload or
 * opening another file loses nothing. Bounded: the most recently edited plans only.
 */
import { useEffect } from 'react';
import { canonicalJson, planSchema, transcriptFingerprint, type PlanItem, type TranscriptFile } from '../../engine';

const STORAGE_KEY = 'drillroom.plans';
/** How many transcripts' plans are kept; the least recently edited goes first. */
export const KEPT_PLANS_LIMIT = 30;

type Kept = Record<string, { plan: PlanItem[]; at: number }>;

/** A transcript's identity: its scenario and session (the genesis) and its events (the chain's head). */
export const planKey = (file: TranscriptFile) => `${file.integrity.genesis.slice(0, 16)}:${transcriptFingerprint(file.integrity)}`;

export const samePlan = (a: PlanItem[], b: PlanItem[]) => canonicalJson(a) === canonicalJson(b);

function readKept(): Kept {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Kept) : {};
  } catch {
    return {};
  }
}

/** The plan kept for this transcript, if it is still a valid plan. */
export function keptPlan(key: string): PlanItem[] | null {
  const parsed = planSchema.safeParse(readKept()[key]?.plan);
  return parsed.success ? parsed.data : null;
}

/** Keeps `plan` for this transcript, or forgets it when it is what the file holds. */
export function keepPlan(key: string, plan: PlanItem[], inFile: PlanItem[], now = Date.now()): void {
  const kept = readKept();
  if (samePlan(plan, inFile)) delete kept[key];
  else kept[key] = { plan, at: now };
  const newest = Object.entries(kept)
    .sort(([, a], [, b]) => (b.at ?? 0) - (a.at ?? 0))
    .slice(0, KEPT_PLANS_LIMIT);
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(newest)));
  } catch {
    // Storage full or refused: the warning before leaving still stands.
  }
}

/** Asks before the page is closed or reloaded while `unsaved`. */
export function useLeaveWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
