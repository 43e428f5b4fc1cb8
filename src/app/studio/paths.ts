/** Paths into the draft (a JSON value): read, write immutably, name as text and as a form field's id. */
import { jsonPath } from '../../engine';

export type Path = (string | number)[];

export const pathText = (path: Path): string => jsonPath(path);

/** A validator's path (`$.tasks[2] (reply).options[0] (calm)`) as keys and indexes. */
export function parsePath(text: string): Path {
  const plain = text.replace(/ \([a-z0-9][a-z0-9-]*\)/g, '');
  const out: Path = [];
  for (const m of plain.matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return out;
}

export function getAt(value: unknown, path: Path): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/** A copy of `value` with `next` at `path` (undefined removes the key; containers are made as needed). */
export function setAt(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path as [string | number, ...Path];
  const base: unknown = value !== null && typeof value === 'object' ? value : typeof key === 'number' ? [] : {};
  const child = setAt((base as Record<string | number, unknown>)[key], rest, next);
  if (Array.isArray(base)) {
    const copy = [...base] as unknown[];
    if (child === undefined && typeof key === 'number') copy.splice(key, 1);
    else copy[key as number] = child;
    return copy;
  }
  const copy = { ...(base as Record<string, unknown>) };
  if (child === undefined) delete copy[String(key)];
  else copy[String(key)] = child;
  return copy;
}

/** The DOM id of the form field for a path. */
export const fieldId = (path: Path): string => `sf-${path.map(String).join('.')}`;
