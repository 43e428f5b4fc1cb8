import { useLayoutEffect, useState, type RefObject } from 'react';

/** An element that must show whole: its content is no taller or wider than its box (by more than a pixel). */
const overflows = (el: Element) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;

/**
 * Scales a screen's type down until it fits its window: the projector has one screen and no
 * scroll bar, so a long role board or a long list must fit, whatever the language and the
 * projector's resolution. The root sets `--fit` (1 down to `min`) and its font size follows it;
 * the root and every element in it marked `data-fit` must show whole. `keys` change when the
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
    const fits = (scale: number) => {
      root.style.setProperty('--fit', String(scale));
      return ![root, ...root.querySelectorAll('[data-fit]')].some(overflows);
    };
    if (fits(1)) return;
    // the largest scale that fits, to a hundredth
    let lo = min;
    let hi = 1;
    while (hi - lo > 0.01) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
    fits(lo);
  }, [ref, generation, size, min]);
}
