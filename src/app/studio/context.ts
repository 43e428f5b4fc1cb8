/** What every form of the studio reads and writes: the draft, its problems, which item of each list is open. */
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from '../../engine';
import { STUDIO_NS } from './i18n';
import { getAt, type Path } from './paths';

export type StudioContext = {
  draft: unknown;
  set: (path: Path, value: unknown) => void;
  lang: Lang;
  /** The problems (in the trainer's language) found exactly at a path, by its text. */
  problemsAt: (path: Path) => string[];
  selected: Record<string, number>;
  select: (list: string, index: number) => void;
};

export const Ctx = createContext<StudioContext | null>(null);

export function useStudio(): StudioContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useStudio outside the studio');
  return c;
}

export const useStudioT = () => useTranslation(STUDIO_NS);

/** The value at a path of the draft. */
export function useAt<T = unknown>(path: Path): T | undefined {
  return getAt(useStudio().draft, path) as T | undefined;
}

/** The items of a list of the draft (roles, tasks, …) as choices: id and name in the trainer's language. */
export function useChoices(list: Path, filter?: (item: Record<string, unknown>) => boolean): { value: string; label: string }[] {
  const { draft, lang } = useStudio();
  const items = getAt(draft, list);
  if (!Array.isArray(items)) return [];
  return (items as Record<string, unknown>[])
    .filter((x) => x && typeof x === 'object' && typeof x.id === 'string' && x.id && (!filter || filter(x)))
    .map((x) => {
      const named = (x.title ?? x.name ?? x.label) as Record<string, unknown> | undefined;
      const text = named && typeof named[lang] === 'string' ? (named[lang] as string) : '';
      return { value: x.id as string, label: text ? (lang === 'zh-CN' ? `${text}（${x.id as string}）` : `${text} (${x.id as string})`) : (x.id as string) };
    });
}

/** An id not yet used in a list: `inject-2`, `inject-3`, … */
export function freshId(items: unknown, prefix: string): string {
  const used = new Set(Array.isArray(items) ? (items as { id?: unknown }[]).map((x) => x?.id) : []);
  for (let n = (Array.isArray(items) ? items.length : 0) + 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}
