/**
 * Forwarding to the process that serves a session (see ownership.ts): an HTTP request (method,
 * path, headers and body, then the answer), or a WebSocket upgrade piped as raw bytes both ways.
 * The original Host and Origin headers are kept, so the owner's checks see what the client sent;
 * two headers say which process forwarded it and for which client address (trusted only from a
 * live process of the same database: its id is never shown to clients).
 */
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { sendJson } from './http';

/** The process that forwarded a request (its id). */
export const VIA_HEADER = 'x-drillroom-via';
/** The client's address, as the forwarding process saw it. */
export const CLIENT_HEADER = 'x-drillroom-client';

/** A forwarded request's headers: the client's, with hop-by-hop headers dropped (except an upgrade's) and the forwarding marks set. */
function forwardedHeaders(headers: IncomingHttpHeaders, via: string, client: string, upgrade: boolean): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const hopByHop = new Set(['proxy-connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', ...(upgrade ? [] : ['connection', 'upgrade'])]);
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !hopByHop.has(name) && name !== VIA_HEADER && name !== CLIENT_HEADER) out[name] = value;
  out[VIA_HEADER] = via;
  out[CLIENT_HEADER] = client;
  return out;
}

/**
 * Forwards `req` to `target` (a process's base URL) and pipes the answer back. `body`: the body
 * already read from `req` (else it is piped as it comes). An owner that cannot be reached is a
 * 503: the client retries, and once the owner is seen dead its sessions are taken over.
 */
export function proxyRequest(req: IncomingMessage, res: ServerResponse, target: string, via: string, client: string, body?: Buffer): void {
  const url = new URL(req.url ?? '/', target);
  const headers = forwardedHeaders(req.headers, via, client, false);
  if (body) {
    headers['content-length'] = String(body.length);
    delete headers['transfer-encoding'];
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const out = send(url, { method: req.method ?? 'GET', headers }, (answer) => {
    // This connection's framing is this process's own (Node sets it): not the owner's.
    const { connection: _connection, 'keep-alive': _keepAlive, 'transfer-encoding': _encoding, ...answerHeaders } = answer.headers;
    res.writeHead(answer.statusCode ?? 502, answerHeaders);
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  out.on('error', () => {
    if (!res.headersSent) sendJson(res, 503, { error: 'the server process running this drill cannot be reached; try again in a few seconds' });
    else res.destroy();
  });
  // A client that goes away stops the forwarded request too.
  res.on('close', () => {
    if (!res.writableFinished) out.destroy();
  });
  if (body) out.end(body);
  else req.pipe(out);
}

/** Forwards a WebSocket upgrade to `target`: the request as it came, then the bytes of both directions. */
export function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, target: string, via: string, client: string): void {
  const url = new URL(target);
  const tls = url.protocol === 'https:';
  const port = Number(url.port || (tls ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const upstream: Socket = tls ? tlsConnect({ host, port, servername: host }) : netConnect({ host, port });
  const lines = [`${req.method ?? 'GET'} ${req.url ?? '/ws'} HTTP/1.1`];
  for (const [name, value] of Object.entries(forwardedHeaders(req.headers, via, client, true))) for (const v of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${v.replace(/[\r\n]/g, '')}`);
  let connected = false;
  upstream.once(tls ? 'secureConnect' : 'connect', () => {
    connected = true;
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => {
    if (!connected && !socket.destroyed) socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  upstream.on('close', () => connected && socket.destroy());
  socket.on('error', () => upstream.destroy());
  socket.on('close', () => upstream.destroy());
}

/** Tells another process something (a POST without a body to `path`), marked as coming from process `via`; whether it answered 2xx. */
export function notifyPeer(target: string, path: string, via: string): Promise<boolean> {
  return new Promise((resolve) => {
    const url = new URL(path, target);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const out = send(url, { method: 'POST', headers: { [VIA_HEADER]: via, 'content-length': '0' }, timeout: 10_000 }, (answer) => {
      answer.resume();
      resolve((answer.statusCode ?? 500) < 300);
    });
    out.on('timeout', () => out.destroy());
    out.on('error', () => resolve(false));
    out.end();
  });
}
