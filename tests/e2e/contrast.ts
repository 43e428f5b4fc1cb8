/**
 * A small stand-in for axe-core's colour-contrast rule (axe-core is not installed): every
 * visible text on the page against the background it sits on, ≥ 4.5:1, or ≥ 3:1 for large text
 * (24px, or 18.66px bold). Disabled controls are exempt, as in WCAG. Returns what fails.
 */
import type { Page } from 'playwright-core';

export function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Rgba = { r: number; g: number; b: number; a: number };
    const parse = (css: string): Rgba => {
      const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
      return { r, g, b, a: css.startsWith('rgba') ? a : 1 };
    };
    const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    const luminance = (c: Rgba) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const over = (top: Rgba, below: Rgba): Rgba => ({ r: top.r * top.a + below.r * (1 - top.a), g: top.g * top.a + below.g * (1 - top.a), b: top.b * top.a + below.b * (1 - top.a), a: 1 });
    /** The background an element's text is drawn on: its own and its ancestors' colours, blended. */
    const background = (el: Element): Rgba => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        // A table's background is painted under its rows, not under its caption.
        if (e.tagName === 'TABLE' && el.closest('caption')) continue;
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c.a > 0) layers.push(c);
        if (c.a >= 1) break;
      }
      return layers.reduceRight<Rgba>((below, top) => over(top, below), { r: 255, g: 255, b: 255, a: 1 });
    };
    const ratio = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const failures: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (!own || el.closest('[disabled], [aria-hidden="true"], option') || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      const bg = background(el);
      const value = ratio(over(parse(style.color), bg), bg);
      if (value < (large ? 3 : 4.5)) failures.push(`${value.toFixed(2)}:1 “${(el.textContent ?? '').trim().slice(0, 30)}” (${el.tagName.toLowerCase()}.${[...el.classList].join('.')})`);
    }
    return failures;
  });
}

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
