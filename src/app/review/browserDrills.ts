/**
 * One-laptop drills kept in this browser once they end (IndexedDB: a drill's events outgrow
 * localStorage), for the history and its review. They stay until the browser's data is cleared;
 * the history says so, and each can be exported as a transcript from its review.
 */
import type { DrillEvent, DrillState, Scenario, SessionInfo } from '../../engine';
import type { SessionSummary } from '../../protocol/messages';

const DB = 'drillroom';
const STORE = 'drills';

/** An ended drill as this browser keeps it: everything its review needs, and its line in the history. */
export type BrowserDrill = { id: string; scenario: Scenario; info: SessionInfo; events: DrillEvent[]; summary: SessionSummary };

type Scored = { total: number | null; rating?: SessionSummary['rating'] | undefined; criteria: { id: string; title: SessionSummary['scenario']['title']; score: number | null }[] };

/** The drill's line in the history, in the form the drill server lists its own. */
export function summaryOfDrill(id: string, scenario: Scenario, info: SessionInfo, ctx: DrillState, debrief: () => Scored): SessionSummary {
  const d = ctx.status === 'ended' ? debrief() : null;
  const total = d?.total ?? null;
  return {
    id,
    date: info.date ?? new Date().toISOString(),
    scenario: { id: scenario.id, version: scenario.version, title: scenario.title },
    team: info.team ?? '',
    status: ctx.status,
    total,
    rating: total === null ? null : (d?.rating ?? null),
    criteria: d ? d.criteria.map((c) => ({ id: c.id, title: c.title, score: c.score })) : [],
  };
}

let opening: Promise<IDBDatabase> | null = null;
/** The factory `opening` came from (tests give each case a fresh one). */
let openedFrom: IDBFactory | null = null;

function db(): Promise<IDBDatabase> {
  if (typeof indexedDB === 'undefined') return Promise.reject(new Error('no IndexedDB'));
  if (openedFrom !== indexedDB) opening = null;
  openedFrom = indexedDB;
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      // Another tab upgrading later: let it, and open again next time.
      req.result.onversionchange = () => {
        req.result.close();
        opening = null;
      };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB refused'));
    req.onblocked = () => reject(new Error('IndexedDB blocked'));
  }).catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return db().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const tx = d.transaction(STORE, mode);
        const req = use(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result);
        tx.onerror = () => reject(tx.error ?? req.error ?? new Error('IndexedDB failed'));
        tx.onabort = () => reject(tx.error ?? new Error('IndexedDB aborted'));
      }),
  );
}

/** Keeps (or replaces) an ended drill; false when the browser refused (private mode, storage full). */
export function keepBrowserDrill(drill: BrowserDrill): Promise<boolean> {
  // Plain data only: structured clone would refuse anything else.
  const plain = JSON.parse(JSON.stringify(drill)) as BrowserDrill;
  return run('readwrite', (s) => s.put(plain)).then(
    () => true,
    () => false,
  );
}

/** Every drill kept here, newest first; none when the browser has no IndexedDB or refuses it. */
export function browserDrills(): Promise<BrowserDrill[]> {
  return run('readonly', (s) => s.getAll() as IDBRequest<BrowserDrill[]>).then(
    (all) => all.sort((a, b) => b.summary.date.localeCompare(a.summary.date)),
    () => [],
  );
}

export function browserDrill(id: string): Promise<BrowserDrill | null> {
  return run('readonly', (s) => s.get(id) as IDBRequest<BrowserDrill | undefined>).then(
    (d) => d ?? null,
    () => null,
  );
}

export function forgetBrowserDrill(id: string): Promise<boolean> {
  return run('readwrite', (s) => s.delete(id)).then(
    () => true,
    () => false,
  );
}
