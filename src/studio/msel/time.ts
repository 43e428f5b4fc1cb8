/** Reading an MSEL's time cell. */
import type { Lang } from '../../engine';
import type { Cell } from './files';
import { MSEL_WORDS } from './words';

export type TimeCell =
  | { kind: 'time'; at: number | { param: string }; from: 'phase' | 'drill' }
  | { kind: 'condition' | 'missed' | 'manual'; empty: boolean }
  | { kind: 'bad' };

/** Excel's day zero (serial 0), as exceljs dates count from it. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 24 * 60 * 60 * 1000;
const TRIGGER_KINDS = ['condition', 'missed', 'manual'] as const;
const LANGS: Lang[] = ['zh-CN', 'en'];

const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A time cell's meaning. Accepted: `mm:ss` (minutes may pass 59), `h:mm:ss`, a number of
 * minutes (`5`, `5.5`, `5分钟`, `5 min`), any of these after `T+` (counted from the drill's
 * start instead of the phase's), `{param:id}`, an Excel time cell (read as a duration:
 * `0:05:00` is five minutes), a trigger's name (`按需` / `on demand`, …), or nothing (on demand).
 */
export function readTime(cell: Cell): TimeCell {
  if (cell === null) return { kind: 'manual', empty: true };
  if (cell instanceof Date) {
    const ms = cell.getTime() - EXCEL_EPOCH;
    if (!Number.isFinite(ms) || ms < 0 || ms >= DAY) return { kind: 'bad' };
    return { kind: 'time', at: Math.round(ms / 1000) / 60, from: 'phase' };
  }
  if (typeof cell === 'number') return Number.isFinite(cell) && cell >= 0 ? { kind: 'time', at: cell, from: 'phase' } : { kind: 'bad' };
  const text = normal(cell.replace(/：/g, ':').replace(/＋/g, '+'));
  if (text === '') return { kind: 'manual', empty: true };
  for (const kind of TRIGGER_KINDS) if (LANGS.some((l) => normal(MSEL_WORDS[l].trigger[kind]) === text || kind === text)) return { kind, empty: false };
  const drill = /^t\s*\+\s*/.exec(text);
  const rest = drill ? text.slice(drill[0].length) : text;
  const from = drill ? 'drill' : 'phase';
  const param = /^\{param:([a-z0-9][a-z0-9-]{0,63})\}$/.exec(rest);
  if (param?.[1]) return { kind: 'time', at: { param: param[1] }, from };
  const minutes = /^(\d+(?:\.\d+)?)\s*(?:分钟|分|min|mins|minutes?|m)?$/.exec(rest);
  if (minutes?.[1]) return { kind: 'time', at: Number(minutes[1]), from };
  const clock = /^(?:(\d+):)?(\d+):(\d{1,2})$/.exec(rest);
  if (clock) {
    const [h, m, s] = [Number(clock[1] ?? 0), Number(clock[2]), Number(clock[3])];
    if (s >= 60 || (clock[1] !== undefined && m >= 60)) return { kind: 'bad' };
    return { kind: 'time', at: (h * 3600 + m * 60 + s) / 60, from };
  }
  return { kind: 'bad' };
}
