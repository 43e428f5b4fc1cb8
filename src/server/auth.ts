/**
 * Trainer accounts and sign-in. Passwords are hashed with scrypt (random salt, compared in
 * constant time); a sign-in is a random token in an HttpOnly, SameSite=Strict cookie, kept in
 * the store only as a hash, with a sliding expiry. Failed sign-ins are limited per client
 * address and per trainer name, and logged.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { DrillStore, TrainerRecord } from './store';
import { hashToken, newId, newToken } from './tokens';

export const COOKIE = 'drillroom_trainer';
/** How long a sign-in lasts without use; every use extends it (sliding). */
export const SIGN_IN_HOURS = 12;
export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 200;

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of no one's password: an unknown name costs as much time as a wrong password. */
let decoy: Promise<string> | undefined;

/** A name a trainer signs in with: 1–60 characters, no control characters, no leading or trailing space. */
export function checkTrainerName(name: string): string | null {
  if (name.length < 1 || name.length > 60) return 'the name has 1 to 60 characters';
  if (name.trim() !== name) return 'the name has no leading or trailing spaces';
  if (/\p{Cc}/u.test(name)) return 'the name has no control characters';
  return null;
}

export function checkPassword(password: string): string | null {
  if (password.length < MIN_PASSWORD) return `the password has at least ${MIN_PASSWORD} characters`;
  if (password.length > MAX_PASSWORD) return `the password has at most ${MAX_PASSWORD} characters`;
  return null;
}

/** Creates a trainer account; throws an Error with a readable message when the name or password will not do. */
export async function addTrainer(store: DrillStore, name: string, password: string): Promise<TrainerRecord> {
  const problem = checkTrainerName(name) ?? checkPassword(password);
  if (problem) throw new Error(problem);
  if (await store.trainerByName(name)) throw new Error(`a trainer named "${name}" already exists`);
  const trainer = { id: newId(), name, passwordHash: await hashPassword(password), createdAt: new Date().toISOString() };
  await store.addTrainer(trainer);
  return trainer;
}

/** Sets a trainer's password and ends their other sign-ins. */
export async function setPassword(store: DrillStore, trainer: TrainerRecord, password: string, keepSignIn?: string): Promise<void> {
  const problem = checkPassword(password);
  if (problem) throw new Error(problem);
  await store.setTrainerPassword(trainer.id, await hashPassword(password));
  await store.removeSignIns({ trainerId: trainer.id, ...(keepSignIn ? { except: keepSignIn } : {}) });
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** Served over https (directly, or behind a proxy that says so): the cookie is then marked Secure. */
const isHttps = (req: IncomingMessage) => (req.socket as TLSSocket).encrypted === true || req.headers['x-forwarded-proto'] === 'https';

/**
 * Failures per key (client address, trainer name): a burst, then a steady trickle. Only
 * failures count, so a trainer who types the password right is never slowed down.
 */
export class FailureLimit {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
  ) {}

  private bucket(key: string, now: number) {
    const b = this.buckets.get(key) ?? { tokens: this.burst, last: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.last) / 60_000) * this.perMinute);
    b.last = now;
    if (this.buckets.size > 10_000) this.buckets.clear(); // bounded memory under a flood of keys
    this.buckets.set(key, b);
    return b;
  }

  allowed(key: string, now = Date.now()): boolean {
    return this.bucket(key, now).tokens >= 1;
  }

  /** Takes one try now (given back if it succeeds): tries made at once cannot outrun the limit. */
  take(key: string, now = Date.now()): void {
    this.bucket(key, now).tokens -= 1;
  }

  giveBack(key: string, now = Date.now()): void {
    const b = this.bucket(key, now);
    b.tokens = Math.min(this.burst, b.tokens + 1);
  }
}

export type Trainer = { trainer: TrainerRecord; tokenHash: string };
export type AuthOptions = {
  log?: (m: string) => void;
  /** Failed sign-ins tolerated per client address (burst, then per minute). */
  perAddress?: [number, number];
  /** Failed sign-ins tolerated per trainer name (burst, then per minute). */
  perName?: [number, number];
};

export class Auth {
  private readonly byAddress: FailureLimit;
  private readonly byName: FailureLimit;
  private readonly log: (m: string) => void;
  /** The one-time code for creating the first trainer; none once a trainer exists. */
  private firstRun: string | undefined;

  constructor(
    private readonly store: DrillStore,
    options: AuthOptions = {},
  ) {
    this.log = options.log ?? ((m) => console.warn(m));
    this.byAddress = new FailureLimit(...(options.perAddress ?? [10, 5]));
    this.byName = new FailureLimit(...(options.perName ?? [20, 10]));
  }

  /** At the server's start: a first-run code while no trainer exists; expired sign-ins go. */
  async start(): Promise<void> {
    if ((await this.store.trainers()).length === 0) this.firstRun = newToken();
    await this.store.removeSignIns({ expiredBefore: new Date().toISOString() });
  }

  /** The code for the first-trainer page while no trainer exists (a new one on every start). */
  async firstRunCode(): Promise<string | undefined> {
    if (this.firstRun && (await this.store.trainers()).length > 0) this.firstRun = undefined; // e.g. added with `npm run trainer`
    return this.firstRun;
  }

  /** Whether a sign-in (by its token's hash) is still valid: not ended, not expired. */
  async signedIn(tokenHash: string, now = Date.now()): Promise<boolean> {
    const signIn = await this.store.signIn(tokenHash);
    return signIn !== undefined && Date.parse(signIn.expiresAt) > now;
  }

  /** The signed-in trainer of a request (HTTP or WebSocket upgrade), extending the sign-in. */
  async trainerOf(req: IncomingMessage, now = Date.now()): Promise<Trainer | undefined> {
    const token = parseCookies(req.headers.cookie).get(COOKIE);
    if (!token || token.length > 100) return undefined;
    const tokenHash = hashToken(token);
    const signIn = await this.store.signIn(tokenHash);
    if (!signIn) return undefined;
    const expires = Date.parse(signIn.expiresAt);
    if (!(expires > now)) {
      await this.store.removeSignIns({ tokenHash });
      return undefined;
    }
    const trainer = await this.store.trainerById(signIn.trainerId);
    if (!trainer) return undefined;
    // Sliding: extend when more than a minute has passed since the last extension (not a write per request).
    const renewed = now + SIGN_IN_HOURS * 3600_000;
    if (renewed - expires > 60_000) await this.store.setSignInExpiry(tokenHash, new Date(renewed).toISOString());
    return { trainer, tokenHash };
  }

  /**
   * Whether this address or name may try a password now; logs when not. A try is counted as a
   * failure from the moment it starts (a success gives it back), so that many tries sent at
   * once, while the slow password check runs, are limited too.
   */
  mayTry(ip: string, name: string): boolean {
    const ok = this.byAddress.allowed(ip) && this.byName.allowed(name.toLowerCase());
    if (!ok) this.log(`sign-in refused (too many failures): "${name}" from ${ip}`);
    else {
      this.byAddress.take(ip);
      this.byName.take(name.toLowerCase());
    }
    return ok;
  }

  private failed(ip: string, name: string, why: string): void {
    this.log(`sign-in failed: "${name}" from ${ip}: ${why}`);
  }

  private succeeded(ip: string, name: string): void {
    this.byAddress.giveBack(ip);
    this.byName.giveBack(name.toLowerCase());
  }

  /** Checks a name and password; undefined (and a failure counted) when they do not match. */
  async check(ip: string, name: string, password: string): Promise<TrainerRecord | undefined> {
    const trainer = await this.store.trainerByName(name);
    if (!trainer) {
      await verifyPassword(password, await (decoy ??= hashPassword(newToken())));
      this.failed(ip, name, 'no such trainer');
      return undefined;
    }
    if (!(await verifyPassword(password, trainer.passwordHash))) {
      this.failed(ip, name, 'wrong password');
      return undefined;
    }
    this.succeeded(ip, name);
    return trainer;
  }

  /** Whether a first-run code is right (a wrong one counts as a failure of this address). */
  async checkFirstRunCode(ip: string, code: string): Promise<boolean> {
    const expected = await this.firstRunCode();
    // Compared as digests: equal lengths whatever the characters, and no timing to learn from.
    const digest = (x: string) => createHash('sha256').update(x).digest();
    const ok = !!expected && timingSafeEqual(digest(code), digest(expected));
    if (!ok) this.failed(ip, '(first trainer)', 'wrong or used first-run code');
    else this.succeeded(ip, '(first trainer)');
    return ok;
  }

  /**
   * Uses up the first-run code if `code` is it (true), at once and without waiting: of two
   * requests racing with the same code, only one gets it.
   */
  takeFirstRunCode(code: string): boolean {
    const expected = this.firstRun;
    const digest = (x: string) => createHash('sha256').update(x).digest();
    if (!expected || !timingSafeEqual(digest(code), digest(expected))) return false;
    this.firstRun = undefined;
    return true;
  }

  /** Signs a trainer in: a new sign-in and its cookie. */
  async signIn(req: IncomingMessage, res: ServerResponse, trainer: TrainerRecord, now = Date.now()): Promise<void> {
    const token = newToken();
    await this.store.addSignIn({ tokenHash: hashToken(token), trainerId: trainer.id, expiresAt: new Date(now + SIGN_IN_HOURS * 3600_000).toISOString() });
    this.setCookie(req, res, token, SIGN_IN_HOURS * 3600);
    this.log(`signed in: "${trainer.name}" from ${req.socket.remoteAddress ?? '?'}`);
  }

  async signOut(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = parseCookies(req.headers.cookie).get(COOKIE);
    if (token) await this.store.removeSignIns({ tokenHash: hashToken(token) });
    this.setCookie(req, res, '', 0);
  }

  /** Sends the cookie again with a fresh lifetime (the browser's copy slides with the server's). */
  refreshCookie(req: IncomingMessage, res: ServerResponse): void {
    const token = parseCookies(req.headers.cookie).get(COOKIE);
    if (token) this.setCookie(req, res, token, SIGN_IN_HOURS * 3600);
  }

  private setCookie(req: IncomingMessage, res: ServerResponse, value: string, maxAge: number): void {
    res.setHeader('set-cookie', `${COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${isHttps(req) ? '; Secure' : ''}`);
  }
}
