/** The draft kept in this browser (a reload loses nothing), a draft saved as a file, and a file opened as a draft. */
import { parseJsonText, type ReadProblem } from '../../engine';
import { download } from '../download';

export const DRAFT_KEY = 'drillroom.studio.draft';

export type Published = { id: string; revision: number };
export type Kept = { draft: unknown; published?: Published };

export function loadKept(): Kept | null {
  try {
    const text = localStorage.getItem(DRAFT_KEY);
    if (!text) return null;
    const kept = JSON.parse(text) as Kept;
    return kept && typeof kept === 'object' && 'draft' in kept ? kept : null;
  } catch {
    return null;
  }
}

/** False when the browser refuses (storage full or switched off): the trainer is told to save a file. */
export function keep(kept: Kept | null): boolean {
  try {
    if (kept) localStorage.setItem(DRAFT_KEY, JSON.stringify(kept));
    else localStorage.removeItem(DRAFT_KEY);
    return true;
  } catch {
    return false;
  }
}

export const draftFileName = (draft: unknown): string => {
  const id = draft && typeof draft === 'object' ? (draft as { id?: unknown }).id : undefined;
  return `${typeof id === 'string' && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id) ? id : 'scenario'}.json`;
};

/** The draft as a JSON file, downloaded by the browser. */
export function saveDraftFile(draft: unknown): string {
  const name = draftFileName(draft);
  download(name, `${JSON.stringify(draft, null, 2)}\n`, 'application/json');
  return name;
}

export type Opened = { ok: true; draft: unknown } | { ok: false; problem: ReadProblem | { code: 'notScenario' } };

export async function openDraftFile(file: File): Promise<Opened> {
  const parsed = parseJsonText(await file.text());
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  return parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value) ? { ok: true, draft: parsed.value } : { ok: false, problem: { code: 'notScenario' } };
}
