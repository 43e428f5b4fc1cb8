/**
 * The server's signing key and the keys a reader trusts, on disk. The key pair is made on the
 * server's first start and kept in DATA_DIR: `signing-key.pem` (private, readable by its owner
 * only) and `signing-key.pub` (public, to hand to reviewers). `DATA_DIR/trusted-keys` lists
 * other installations' public keys that `npm run verify` trusts, one per line (hex, then a note).
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SIGNING_KEY_FILE = 'signing-key.pem';
export const PUBLIC_KEY_FILE = 'signing-key.pub';
export const TRUSTED_KEYS_FILE = 'trusted-keys';

/** An Ed25519 public key as the transcript holds it: the raw 32 bytes in hex. */
export function publicKeyHex(key: KeyObject): string {
  const x = key.export({ format: 'jwk' }).x;
  if (!x) throw new Error('not an Ed25519 key');
  return Buffer.from(x, 'base64url').toString('hex');
}

/** The server's private key from DATA_DIR, made (with its public half beside it) when there is none yet. */
export function loadOrCreateSigningKey(dataDir: string): KeyObject {
  const file = join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) {
    const key = createPrivateKey(readFileSync(file));
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
    return key;
  }
  mkdirSync(dataDir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  // 'wx': never overwrite a key another process has just written.
  writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(join(dataDir, PUBLIC_KEY_FILE), publicKey.export({ format: 'pem', type: 'spki' }));
  return privateKey;
}

/** A public key file (PEM, as `signing-key.pub`) as hex, or a sentence saying why not. */
export function readPublicKeyFile(file: string): { ok: true; key: string } | { ok: false; message: string } {
  let text: Buffer;
  try {
    text = readFileSync(file);
  } catch (error) {
    return { ok: false, message: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read' };
  }
  try {
    const key = createPublicKey(text);
    if (key.asymmetricKeyType !== 'ed25519') return { ok: false, message: 'is not an Ed25519 public key' };
    return { ok: true, key: publicKeyHex(key) };
  } catch {
    return { ok: false, message: 'is not a public key file (PEM, like DATA_DIR/signing-key.pub)' };
  }
}

/** The keys `npm run verify` trusts: this installation's own, and those listed in DATA_DIR/trusted-keys. */
export function trustedKeys(dataDir: string): string[] {
  const keys: string[] = [];
  const own = join(dataDir, PUBLIC_KEY_FILE);
  if (existsSync(own)) {
    const read = readPublicKeyFile(own);
    if (read.ok) keys.push(read.key);
  }
  const list = join(dataDir, TRUSTED_KEYS_FILE);
  if (existsSync(list)) {
    for (const line of readFileSync(list, 'utf8').split('\n')) {
      const key = /^([0-9a-f]{64})\b/.exec(line.trim())?.[1];
      if (key) keys.push(key);
    }
  }
  return keys;
}

export function addTrustedKey(dataDir: string, key: string, note: string): void {
  if (trustedKeys(dataDir).includes(key)) return;
  mkdirSync(dataDir, { recursive: true });
  appendFileSync(join(dataDir, TRUSTED_KEYS_FILE), `${key} ${note.replace(/\s+/g, ' ')}\n`);
}
