/**
 * Who may talk to the server: requests must name this server in their Host header (no DNS
 * rebinding), WebSocket upgrades must come from a page of this server (no cross-site
 * WebSocket), and every answer carries headers that keep the app out of frames and scripts
 * out of the page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname, networkInterfaces } from 'node:os';

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

/** The host names this server answers to: loopback, the machine's own addresses and name, and `extra` (ALLOWED_HOSTS). `*` allows any. */
export function allowedHosts(extra: string[] = []): Set<string> {
  const own = Object.values(networkInterfaces())
    .flat()
    .flatMap((a) => (a ? [a.address.replace(/%.*$/, '')] : []));
  const name = hostname().toLowerCase();
  return new Set([...LOOPBACK, ...own, name, `${name}.local`, ...extra.map((h) => h.trim().toLowerCase()).filter(Boolean)].map((h) => h.toLowerCase()));
}

/** The host name of a Host header or URL authority, without port or IPv6 brackets. */
export function hostOf(authority: string | undefined): string | undefined {
  if (!authority) return undefined;
  const a = authority.trim().toLowerCase();
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (v6) return v6[1];
  const m = /^([^:[\]]+)(?::\d+)?$/.exec(a);
  return m?.[1]?.replace(/\.$/, '');
}

export function hostAllowed(allowed: Set<string>, hostHeader: string | undefined): boolean {
  if (allowed.has('*')) return true;
  const host = hostOf(hostHeader);
  return !!host && allowed.has(host);
}

/**
 * A WebSocket upgrade is accepted from a page of this server (its Origin names the host the
 * request was sent to) or from a client that is not a browser (no Origin: scripts and tests,
 * which a web page cannot pretend to be).
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === (req.headers.host ?? '').toLowerCase();
  } catch {
    return false;
  }
}

/**
 * The policy for the built app: its own scripts only (Vite's module scripts, no inline
 * script), its own styles plus React's style attributes, images from itself and data: (the
 * QR code is drawn locally), connections to itself (the API and the WebSocket), no frames.
 */
export function contentSecurityPolicy(host: string | undefined): string {
  const ws = host && /^[a-z0-9.\-[\]:]{1,300}$/i.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${ws}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', contentSecurityPolicy(req.headers.host));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // Projector links carry a token in the query: never pass the address on.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}
