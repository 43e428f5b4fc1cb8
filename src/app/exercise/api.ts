/** The drill server's exercise API, as the trainer's pages call it. */
import type { LocalText } from '../../engine';
import type { ExerciseMode } from '../../protocol/messages';
import { keepVenueProjectors, tokenKey } from '../remote/tokens';

export type NewExercise = { scenarioId: string; revision?: number; mode: ExerciseMode; groups: string[]; venues?: string[]; facilitator?: string };

export type CreatedGroup = { name: string; sessionId: string; code: string; facilitatorToken: string; projectorToken: string; projectors?: { venue: string; token: string }[] };

export type Exercise = {
  id: string;
  createdAt: string;
  mode: ExerciseMode;
  scenario: { id: string; title: LocalText; revision?: number };
  venues: string[];
  groups: { name: string; sessionId: string; code: string }[];
  playing: number | null;
  reviewing: number | null;
};

export type ExerciseSummary = { id: string; createdAt: string; mode: ExerciseMode; scenario: { id: string; title: LocalText }; groups: string[] };

/** A refused call: the server's code when it gave one (a 409's `code`), and the HTTP status (401: signed out). */
export class ExerciseError extends Error {
  constructor(
    readonly status: number,
    readonly code?: string,
  ) {
    super(code ?? `HTTP ${status}`);
  }
}

const json = { 'content-type': 'application/json' };

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { code?: string };
    throw new ExerciseError(res.status, body.code);
  }
  return (await res.json()) as T;
}

/**
 * Creates the exercise and keeps each group's facilitator and projector tokens in this browser,
 * as a single drill's creation does: each group's console and projector routes then just work.
 */
export async function createExercise(input: NewExercise): Promise<{ id: string; groups: CreatedGroup[] }> {
  const created = await call<{ id: string; groups: CreatedGroup[] }>('/api/exercises', { method: 'POST', headers: json, body: JSON.stringify(input) });
  for (const g of created.groups) {
    localStorage.setItem(tokenKey('facilitator', g.sessionId), g.facilitatorToken);
    localStorage.setItem(tokenKey('projector', g.sessionId), g.projectorToken);
    if (g.projectors?.length) keepVenueProjectors(g.sessionId, g.projectors);
  }
  return created;
}

export const getExercise = (id: string) => call<Exercise>(`/api/exercises/${encodeURIComponent(id)}`);

export const listExercises = () => call<ExerciseSummary[]>('/api/exercises');

/** Starts or ends a round (`playing`), opens or closes a peer review (`reviewing`). */
export const setExerciseState = (id: string, change: { playing?: number | null; reviewing?: number | null }) =>
  call<Exercise>(`/api/exercises/${encodeURIComponent(id)}/state`, { method: 'POST', headers: json, body: JSON.stringify(change) });

/** The projector's address for a group (with its token, taken out of the address bar once opened). */
export const projectorHref = (sessionId: string, token: string | null) => `${window.location.pathname}${token ? `?t=${encodeURIComponent(token)}` : ''}#/session/${sessionId}/projector`;
