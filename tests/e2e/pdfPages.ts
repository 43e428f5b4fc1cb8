/** Reading a PDF Chromium printed, without a PDF library: how much text each page draws, to find a near-empty page. */
import { inflateSync } from 'node:zlib';

/** The number of text-drawing operations on each page, in page order. */
export function textPerPage(pdf: Buffer): number[] {
  const text = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream?: Buffer }>();
  const re = /(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = /stream\r?\n/.exec(body);
    if (!streamAt) {
      objects.set(Number(m[1]), { dict: body });
      continue;
    }
    const dataStart = start + streamAt.index + streamAt[0].length;
    objects.set(Number(m[1]), { dict: body.slice(0, streamAt.index), stream: pdf.subarray(dataStart, text.indexOf('endstream', dataStart)) });
  }
  const pagesRoot = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && !/\/Parent/.test(o.dict));
  const kids = (dict: string) => [...(/\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((k) => Number(k[1]));
  const pages: number[] = [];
  const walk = (num: number) => {
    const o = objects.get(num);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) kids(o.dict).forEach(walk);
    else pages.push(num);
  };
  if (pagesRoot) kids(pagesRoot.dict).forEach(walk);
  return pages.map((num) => {
    const contents = /\/Contents\s+(\d+) 0 R/.exec(objects.get(num)?.dict ?? '')?.[1];
    const stream = contents ? objects.get(Number(contents))?.stream : undefined;
    if (!stream) return 0;
    let body: string;
    try {
      body = inflateSync(stream).toString('latin1');
    } catch {
      body = stream.toString('latin1');
    }
    return body.match(/\bT[Jj]\b/g)?.length ?? 0;
  });
}
