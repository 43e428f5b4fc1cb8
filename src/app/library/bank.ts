/**
 * The bank's own scenarios on the drill server: `GET /api/scenarios` lists the shipped and the
 * bank's scenarios (`source: 'shipped' | 'bank'`, `revision`), and
 * `GET /api/scenarios/:id/revisions/:n` returns one published revision, which never changes.
 * The library offers them beside the shipped ones; the studio starts drafts from them.
 */
import type { LocalText } from '../../engine';
import { checkScenarios, type LibraryEntry } from './checkScenarios';

export type BankScenario = { id: string; revision: number; title: LocalText | null };

const localText = (v: unknown): LocalText | null =>
  v && typeof v === 'object' && typeof (v as LocalText)['zh-CN'] === 'string' && typeof (v as LocalText).en === 'string' ? (v as LocalText) : null;

/** The bank's scenarios (not the shipped ones, which the studio lists from the app itself); null when the server does not answer. */
export async function listBankScenarios(fetcher: typeof fetch = fetch): Promise<BankScenario[] | null> {
  try {
    const res = await fetcher('/api/scenarios');
    if (!res.ok) return null;
    const body = (await res.json()) as unknown;
    const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { scenarios?: unknown }).scenarios) ? (body as { scenarios: unknown[] }).scenarios : [];
    return list.flatMap((x): BankScenario[] => {
      const e = x as { id?: unknown; source?: unknown; revision?: unknown; title?: unknown; scenario?: { title?: unknown } };
      if (e?.source !== 'bank' || typeof e.id !== 'string' || typeof e.revision !== 'number') return [];
      return [{ id: e.id, revision: e.revision, title: localText(e.title) ?? localText(e.scenario?.title) }];
    });
  } catch {
    return null;
  }
}

/** One published revision's scenario (the body itself, or `{scenario}`); null when it cannot be had. */
export async function loadBankRevision(id: string, revision: number, fetcher: typeof fetch = fetch): Promise<unknown> {
  try {
    const res = await fetcher(`/api/scenarios/${encodeURIComponent(id)}/revisions/${revision}`);
    if (!res.ok) return null;
    const body = (await res.json()) as { scenario?: unknown; id?: unknown } | null;
    if (body && typeof body === 'object' && body.scenario && typeof body.scenario === 'object') return body.scenario;
    return body && typeof body === 'object' && typeof body.id === 'string' ? body : null;
  } catch {
    return null;
  }
}

/** The bank's published scenarios as library entries (each at its latest revision, checked like the shipped ones); none when the server does not answer. */
export async function loadBankEntries(fetcher: typeof fetch = fetch): Promise<LibraryEntry[]> {
  const list = (await listBankScenarios(fetcher)) ?? [];
  const loaded = await Promise.all(list.map(async (b) => [b, await loadBankRevision(b.id, b.revision, fetcher)] as const));
  return loaded.flatMap(([b, json]) => {
    if (json === null) return [];
    const [entry] = checkScenarios({ [`${b.id}.json`]: json });
    return entry ? [{ ...entry, bank: { revision: b.revision } }] : [];
  });
}
