/**
 * Reading back a PDF Chromium printed, without a PDF library: the text of each page, decoded
 * through each font's ToUnicode map (NFKC, as fonts map some ideographs to radicals).
 */
import { inflateSync } from 'node:zlib';

type PdfObject = { dict: string; stream?: string };

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const body = text.slice(start, text.indexOf('endobj', start));
    const streamAt = /stream\r?\n/.exec(body);
    if (!streamAt) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dataStart = start + streamAt.index + streamAt[0].length;
    const raw = pdf.subarray(dataStart, text.indexOf('endstream', dataStart));
    let stream: Buffer;
    try {
      stream = inflateSync(raw);
    } catch {
      stream = raw;
    }
    objects.set(Number(m[1]), { dict: body.slice(0, streamAt.index), stream: stream.toString('latin1') });
  }
  return objects;
}

function unicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const section of cmap.match(/beginbfchar[\s\S]*?endbfchar/g) ?? []) {
    for (const [, code, uni] of section.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(code as string, 16), String.fromCharCode(parseInt((uni as string).slice(0, 4), 16)));
  }
  for (const section of cmap.match(/beginbfrange[\s\S]*?endbfrange/g) ?? []) {
    for (const [, from, to, uni] of section.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const start = parseInt(from as string, 16);
      for (let c = start; c <= parseInt(to as string, 16); c++) map.set(c, String.fromCharCode(parseInt(uni as string, 16) + c - start));
    }
  }
  return map;
}

/** The text each page draws, in page order. */
export function pageTexts(pdf: Buffer): string[] {
  const objects = objectsOf(pdf);
  const kids = (dict: string) => [...(/\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  const root = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !o.dict.includes('/Parent'));
  const pages: number[] = [];
  const walk = (num: number) => {
    const o = objects.get(num);
    if (o && /\/Type\s*\/Pages\b/.test(o.dict)) kids(o.dict).forEach(walk);
    else if (o) pages.push(num);
  };
  if (root) kids(root.dict).forEach(walk);
  return pages.map((num) => {
    const dict = objects.get(num)?.dict ?? '';
    const fonts = new Map([...dict.matchAll(/\/(F\d+) (\d+) 0 R/g)].map(([, name, obj]) => [name as string, Number(obj)]));
    const content = objects.get(Number(/\/Contents (\d+) 0 R/.exec(dict)?.[1]))?.stream ?? '';
    let map = new Map<number, string>();
    let out = '';
    for (const [, font, array, single] of content.matchAll(/\/(F\d+)\s+[\d.]+\s+Tf|\[([\s\S]*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj/g)) {
      if (font) {
        const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fonts.get(font) ?? -1)?.dict ?? '')?.[1];
        map = unicodeMap(objects.get(Number(cmapRef))?.stream ?? '');
        continue;
      }
      const hexes = array !== undefined ? [...array.matchAll(/<([0-9A-Fa-f]*)>/g)].map((h) => h[1] as string) : [single ?? ''];
      for (const hex of hexes) for (let i = 0; i < hex.length; i += 4) out += map.get(parseInt(hex.slice(i, i + 4), 16)) ?? '';
    }
    return out.normalize('NFKC');
  });
}
