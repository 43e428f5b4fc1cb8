/**
 * The built app bundles the shipped scenarios (with their answer keys) as lazy chunks for the
 * one-laptop mode. Served by the drill server, those chunks are for signed-in trainers only.
 * They are found in Vite's manifest (`build.manifest`): every chunk whose source is under
 * scenarios/. Without a manifest (an older build), every built script containing the title
 * of a scenario is withheld instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';

type ManifestChunk = { file: string; src?: string; isDynamicEntry?: boolean };

export const MANIFEST = '.vite/manifest.json';

/** URL paths (`/assets/…`) of the chunks built from scenarios/, with their source maps and precompressed copies. */
export function scenarioChunks(distDir: string, scenarioTitles: string[] = []): Set<string> {
  const paths = new Set<string>();
  const add = (file: string) => {
    for (const suffix of ['', '.map', '.gz', '.br']) paths.add(`/${file}${suffix}`);
  };
  const manifestFile = join(distDir, MANIFEST);
  if (existsSync(manifestFile)) {
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
    for (const [key, chunk] of Object.entries(manifest)) {
      const src = (chunk.src ?? key).replace(/\\/g, '/');
      if (/^(?:\.\/)?scenarios\//.test(src)) add(chunk.file);
    }
    return paths;
  }
  // An older build without a manifest: withhold every script that contains a scenario's title.
  const assets = join(distDir, 'assets');
  if (!existsSync(assets)) return paths;
  for (const file of readdirSync(assets)) {
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(join(assets, file), 'utf8');
    if (scenarioTitles.some((title) => title.length >= 8 && text.includes(title))) add(`assets/${file}`);
  }
  return paths;
}

/** The path the static file server will look up for a request (sirv decodes `%` escapes the same way). */
export function staticPath(req: IncomingMessage): string {
  let path = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
  if (path.includes('%')) {
    try {
      path = decodeURI(path);
    } catch {
      // a malformed escape: sirv keeps it as it is too
    }
  }
  // sirv also finds a file asked for with trailing slashes or doubled ones
  return path.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
}
