/**
 * The server's signature on a transcript: an Ed25519 signature over the chain's head — the
 * genesis hash (scenario and session), the number of events, the last event's hash and the
 * improvement plan's hash. The chain proves each event follows the one before; the signature
 * proves where the chain ends and which plan goes with it, so a file cut short (hashes and
 * count cut too) or a plan edited afterwards no longer passes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import { verifyEd25519 } from './ed25519';
import { canonicalJson, sha256Hex, type Integrity } from './integrity';
import type { TranscriptProblem } from './problems';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const signatureSchema = z.strictObject({
  algorithm: z.literal('ed25519'),
  /** The signing key, raw 32 bytes in hex. */
  publicKey: hex(32),
  head: z.strictObject({ count: z.number().int().min(0), last: hex(32), plan: hex(32) }),
  value: hex(64),
});
export type TranscriptSignature = z.output<typeof signatureSchema>;
export type SignedHead = TranscriptSignature['head'];

export const planHash = (plan: unknown) => sha256Hex(canonicalJson(plan));

/** The head of a file's chain with its plan: what a signature covers. */
export function headOf(integrity: Integrity, plan: unknown): SignedHead {
  return { count: integrity.count, last: integrity.hashes[integrity.count - 1] ?? integrity.genesis, plan: planHash(plan) };
}

/** The bytes signed: the head and the genesis hash it grows from, labelled so they mean nothing else. */
export function headMessage(genesis: string, head: SignedHead): Uint8Array {
  return utf8ToBytes(canonicalJson({ purpose: 'drillroom transcript head', genesis, ...head }));
}

const grouped = (hex: string) => hex.slice(0, 32).match(/.{4}/g)?.join(' ') ?? hex;

/** A key's fingerprint to read aloud or compare: the first 16 bytes of its SHA-256, in groups of four hex digits. */
export function fingerprint(publicKeyHex: string): string {
  return grouped(bytesToHex(sha256(hexToBytes(publicKeyHex))));
}

/** A transcript's fingerprint, printed on its report: the head of its chain (the last event's hash), grouped like a key's. */
export function transcriptFingerprint(integrity: Integrity): string {
  return grouped(integrity.hashes[integrity.count - 1] ?? integrity.genesis);
}

/** Checks a signature against a file whose chain already holds: null when it signs exactly this file. */
export function checkSignature(signature: TranscriptSignature, integrity: Integrity, plan: unknown): TranscriptProblem | null {
  if (!verifyEd25519(hexToBytes(signature.publicKey), headMessage(integrity.genesis, signature.head), hexToBytes(signature.value))) return { code: 'signature' };
  const actual = headOf(integrity, plan);
  if (signature.head.count !== actual.count) return { code: 'countAfterSigning', signed: signature.head.count, holds: actual.count };
  if (signature.head.last !== actual.last) return { code: 'rehashed' };
  if (signature.head.plan !== actual.plan) return { code: 'plan' };
  return null;
}
