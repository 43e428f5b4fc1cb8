/**
 * Where this browser keeps the drills it runs (one laptop), so that a reload loses nothing and
 * several drills can be kept at once: each under its own key, `drillroom.drill.<id>`, the one on
 * the console named by `drillroom.active`, and the drill time each has reached (written several
 * times a second) under `drillroom.drill.<id>.clock`. No engine here: the library lists the kept
 * drills without loading it.
 */
import type { LocalText } from '../../engine';
import { newId } from '../ids';

/** The single drill kept by earlier versions; moved to its own key on first read. */
export const OLD_ROOM_KEY = 'drillroom.room';
export const ACTIVE_KEY = 'drillroom.active';
const PREFIX = 'drillroom.drill.';
const CLOCK_SUFFIX = '.clock';

export const drillKey = (id: string) => `${PREFIX}${id}`;
export const drillClockKey = (id: string) => `${PREFIX}${id}${CLOCK_SUFFIX}`;

/** The drill time (seconds) a drill had reached at wall time `wall` (ms). */
export type Reached = { drill: number; wall: number };

/** What the list of drills in progress shows, read without the engine. */
export type KeptDrill = {
  id: string;
  title: LocalText;
  team: string;
  /** When it was set up (ISO). */
  date: string;
  status: 'briefing' | 'running' | 'paused' | 'ended';
  /** Drill time reached, in whole seconds. */
  reached: number;
  active: boolean;
};

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Moves a drill saved by the previous version (one key for the one drill) to a key of its own, as the drill on the console. */
export function migrateOldRoom(): void {
  const s = storage();
  const old = s?.getItem(OLD_ROOM_KEY);
  if (!s || old == null) return;
  try {
    const id = newId();
    s.setItem(drillKey(id), old);
    if (!s.getItem(ACTIVE_KEY)) s.setItem(ACTIVE_KEY, id);
    s.removeItem(OLD_ROOM_KEY);
  } catch {
    // storage full: the old key stays, and is read again next time
  }
}

export function activeDrillId(): string | null {
  migrateOldRoom();
  const s = storage();
  const id = s?.getItem(ACTIVE_KEY) ?? null;
  return id && s?.getItem(drillKey(id)) != null ? id : null;
}

export function setActiveDrill(id: string | null): void {
  const s = storage();
  if (!s) return;
  if (id) s.setItem(ACTIVE_KEY, id);
  else s.removeItem(ACTIVE_KEY);
}

/** Whether a drill is kept here for the console to restore. */
export const hasSavedRoom = (): boolean => activeDrillId() !== null;

export function readReached(id: string): Reached | null {
  try {
    const value = JSON.parse(storage()?.getItem(drillClockKey(id)) ?? 'null') as Reached | null;
    return value && typeof value.drill === 'number' && typeof value.wall === 'number' ? value : null;
  } catch {
    return null;
  }
}

export function forgetDrill(id: string): void {
  const s = storage();
  s?.removeItem(drillKey(id));
  s?.removeItem(drillClockKey(id));
  if (s?.getItem(ACTIVE_KEY) === id) s.removeItem(ACTIVE_KEY);
}

type Saved = {
  scenario?: { title?: LocalText };
  info?: { team?: string; date?: string };
  events?: { type?: string; t?: number }[];
  status?: KeptDrill['status'];
};

/** Every drill kept in this browser, the most recently set up first. */
export function keptDrills(): KeptDrill[] {
  migrateOldRoom();
  const s = storage();
  if (!s) return [];
  const active = s.getItem(ACTIVE_KEY);
  const found: KeptDrill[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(PREFIX) || key.endsWith(CLOCK_SUFFIX)) continue;
    const id = key.slice(PREFIX.length);
    try {
      const saved = JSON.parse(s.getItem(key) ?? 'null') as Saved | null;
      if (!saved?.scenario?.title) continue;
      const events = saved.events ?? [];
      // Saved by earlier versions without a status: started once it has events.
      const status = saved.status ?? (events.length ? 'running' : 'briefing');
      const reached = Math.max(events.at(-1)?.t ?? 0, status === 'ended' ? 0 : (readReached(id)?.drill ?? 0));
      found.push({ id, title: saved.scenario.title, team: saved.info?.team ?? '', date: saved.info?.date ?? '', status, reached: Math.floor(reached), active: id === active });
    } catch {
      // damaged entry: not listed
    }
  }
  return found.sort((a, b) => b.date.localeCompare(a.date));
}
