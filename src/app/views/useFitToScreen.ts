import { useLayoutEffect, useState, type RefObject } from 'react';

/** An element that must show whole: its content is no taller or wider than its box (by more than a pixel). */
const overflows = (el: Element): boolean => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;

/** The scale each element fitted at last time, by the property that holds it. */
const lastScale = new WeakMap<HTMLElement, Map<string, number>>();

/**
 * Scales a screen's type down until it fits its window: the projector has one screen and no
 * scroll bar, so a long role board or a long list must fit, whatever the language and the
 * projector's resolution. The root sets `--fit` (1 down to `min`) and its font size follows it;
 * then each element in it marked `data-fit` sets its own `--fit-part` until it shows whole. `keys` change when the
 * content does (a new event, another language); the window's size is watched here.
 */
export function useFitToScreen(ref: RefObject<HTMLElement | null>, keys: readonly unknown[], min = 0.45): void {
  // a new generation when any key changes (not on every render: the projector renders every second)
  const [seen, setSeen] = useState({ keys, generation: 0 });
  if (seen.keys.length !== keys.length || seen.keys.some((k, i) => k !== keys[i])) setSeen({ keys, generation: seen.generation + 1 });
  const generation = seen.generation;
  const [size, setSize] = useState(() => (typeof window === 'undefined' ? '' : `${window.innerWidth}x${window.innerHeight}`));
  useLayoutEffect(() => {
    const onResize = () => setSize(`${window.innerWidth}x${window.innerHeight}`);
    window.addEventListener('resize', onResize);
    // web fonts (the CJK ones) may arrive after the first layout and change every width
    let live = true;
    void document.fonts?.ready.then(() => live && setSize((s) => `${s} `));
    return () => {
      live = false;
      window.removeEventListener('resize', onResize);
    };
  }, []);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return;
    /** The largest scale, to a hundredth, at which `el` shows whole, set as `name` on `target`. */
    const fit = (target: HTMLElement, name: string, whole: () => boolean) => {
      const fits = (scale: number) => {
        target.style.setProperty(name, String(scale));
        return whole();
      };
      // Most changes (an event, a step of the review's scrubber) leave the right scale where it
      // was: two layouts confirm it, instead of a search's eight.
      const before = lastScale.get(target)?.get(name);
      if (before !== undefined && before < 1 && fits(before) && !fits(Math.min(1, before + 0.01))) return void fits(before);
      const remember = (scale: number) => {
        let byName = lastScale.get(target);
        if (!byName) lastScale.set(target, (byName = new Map()));
        byName.set(name, scale);
      };
      if (fits(1)) return remember(1);
      let lo = min;
      let hi = 1;
      while (hi - lo > 0.01) {
        const mid = (lo + hi) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid;
      }
      fits(lo);
      remember(lo);
    };
    const parts = [...root.querySelectorAll<HTMLElement>('[data-fit]')];
    for (const part of parts) part.style.setProperty('--fit-part', '1');
    // the screen as a whole (its heading, the phases), then each part on its own: a long list in
    // one column does not shrink the other's type
    fit(root, '--fit', () => !overflows(root));
    for (const part of parts) fit(part, '--fit-part', () => !overflows(part));
  }, [ref, generation, size, min]);
}
