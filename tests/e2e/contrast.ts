/** Focus rings (which axe-core does not measure): the ring of the focused element against what is around it. */
import type { Page } from 'playwright-core';

/** The focus ring of the focused element against the background around it (≥ 3:1), or null when nothing has the focus. */
export function focusRingContrast(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const parse = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as [number, number, number];
    const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    let around = el.parentElement;
    while (around && getComputedStyle(around).backgroundColor.startsWith('rgba(0, 0, 0, 0)')) around = around.parentElement;
    const style = getComputedStyle(el);
    if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) return 0;
    const ring = luminance(parse(style.outlineColor));
    const bg = luminance(parse(around ? getComputedStyle(around).backgroundColor : 'rgb(255, 255, 255)'));
    return (Math.max(ring, bg) + 0.05) / (Math.min(ring, bg) + 0.05);
  });
}
