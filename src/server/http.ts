/** Small HTTP helpers: JSON replies, bounded JSON bodies, bearer tokens, a per-key rate limit. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** `code`: for answers a participant's screen explains, the app translates it (`message` is for logs and scripts). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: JoinRefusal,
    /** More for the client to act on (the venues to choose from). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Why a join code was not taken, as the join page tells it (translated in src/i18n, `join.refused.<code>`). */
export type JoinRefusal = 'no-drill' | 'joining-closed' | 'drill-ended' | 'too-many-joins' | 'venue-required';

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads a JSON body of at most `limit` bytes, as bytes (to forward it, see proxy.ts). */
export async function readJsonBytes(req: IncomingMessage, limit = 64 * 1024): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/.test(type)) throw new HttpError(415, 'send JSON (Content-Type: application/json)');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, `the body is too large (limit ${limit} bytes)`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `the body is too large (limit ${limit} bytes)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

/** Reads a JSON body of at most `limit` bytes. */
export async function readJson(req: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  return parseJson(await readJsonBytes(req, limit));
}

export function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** A token bucket per key (e.g. per client address): `burst` at once, refilled at `perMinute`. */
export function rateLimiter(burst: number, perMinute: number) {
  const buckets = new Map<string, { tokens: number; last: number }>();
  return (key: string, now = Date.now()): boolean => {
    const b = buckets.get(key) ?? { tokens: burst, last: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.last) / 60_000) * perMinute);
    b.last = now;
    buckets.set(key, b);
    if (buckets.size > 10_000) buckets.clear(); // bounded memory under a flood of addresses
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  };
}
