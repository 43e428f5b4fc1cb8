/**
 * Publishing to the drill server's library: `POST /api/scenarios` (trainers only) stores the
 * scenario as a new revision (a published revision never changes) and answers 201
 * `{id, revision}`; 400 with the problems the server's validator found; 409 when the id is one
 * of the shipped scenarios'; 401 when the sign-in has ended.
 */
import type { Issue } from '../../engine';

export type PublishResult =
  | { ok: true; id: string; revision: number }
  | { ok: false; reason: 'problems'; problems: Issue[] }
  | { ok: false; reason: 'shipped' | 'signedOut' | 'failed' };

export async function publishScenario(scenario: unknown, fetcher: typeof fetch = fetch): Promise<PublishResult> {
  let res: Response;
  try {
    res = await fetcher('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(scenario) });
  } catch {
    return { ok: false, reason: 'failed' };
  }
  if (res.status === 201 || res.status === 200) {
    const body = (await res.json().catch(() => null)) as { id?: unknown; revision?: unknown } | null;
    if (body && typeof body.id === 'string' && typeof body.revision === 'number') return { ok: true, id: body.id, revision: body.revision };
    return { ok: false, reason: 'failed' };
  }
  if (res.status === 400) {
    const body = (await res.json().catch(() => null)) as { problems?: unknown; issues?: unknown } | null;
    const list = Array.isArray(body?.problems) ? body.problems : Array.isArray(body?.issues) ? body.issues : [];
    const problems = list.filter((p): p is Issue => !!p && typeof p === 'object' && typeof (p as Issue).path === 'string' && typeof (p as Issue).message === 'string');
    return { ok: false, reason: 'problems', problems };
  }
  if (res.status === 409) return { ok: false, reason: 'shipped' };
  if (res.status === 401 || res.status === 403) return { ok: false, reason: 'signedOut' };
  return { ok: false, reason: 'failed' };
}
