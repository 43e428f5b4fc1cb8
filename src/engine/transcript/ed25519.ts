/**
 * Ed25519 signature verification (RFC 8032), in plain TypeScript with BigInt: the review page
 * runs from a plain-http LAN address, where the browser's crypto.subtle is missing, and the
 * engine may not import Node. Only verification: the server signs with node:crypto.
 */
import { sha512 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';

const P = 2n ** 255n - 19n;
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const mod = (a: bigint, m = P) => ((a % m) + m) % m;

function pow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = mod(result * b);
    b = mod(b * b);
  }
  return result;
}
// The curve's constants written out, not worked out when the module loads: that took each of the
// review's workers (and the page) about a tenth of a second of BigInt arithmetic on a slow laptop.
// -121665/121666 mod P, twice that, and the square root of -1 (2^((P-1)/4)); the tests check them.
export const D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;
export const D2 = 16295367250680780974490674513165176452449235426866156013048779062215315747161n;
export const SQRT_M1 = 19681161376707505956807079304988542015446066515923890162744021073123829784752n;

/** A point in extended coordinates (x = X/Z, y = Y/Z, xy = T/Z). */
type Point = { X: bigint; Y: bigint; Z: bigint; T: bigint };
const ZERO: Point = { X: 0n, Y: 1n, Z: 1n, T: 0n };
const BX = 15112221349535400772501151409588531511454012693041857206046113283949847762202n;
const BY = 46316835694926478169428394003475163141307993866256225615783033603165251855960n;
const BASE: Point = { X: BX, Y: BY, Z: 1n, T: mod(BX * BY) };

/** The complete addition law for a = -1 twisted Edwards curves (also used for doubling). */
function add(p: Point, q: Point): Point {
  const a = mod((p.Y - p.X) * (q.Y - q.X));
  const b = mod((p.Y + p.X) * (q.Y + q.X));
  const c = mod(p.T * D2 * q.T);
  const d = mod(2n * p.Z * q.Z);
  const e = b - a;
  const f = d - c;
  const g = d + c;
  const h = b + a;
  return { X: mod(e * f), Y: mod(g * h), T: mod(e * h), Z: mod(f * g) };
}

function multiply(p: Point, scalar: bigint): Point {
  let result = ZERO;
  let addend = p;
  for (let n = scalar; n > 0n; n >>= 1n) {
    if (n & 1n) result = add(result, addend);
    addend = add(addend, addend);
  }
  return result;
}

const same = (p: Point, q: Point) => mod(p.X * q.Z) === mod(q.X * p.Z) && mod(p.Y * q.Z) === mod(q.Y * p.Z);

function littleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] ?? 0);
  return n;
}

/** RFC 8032 §5.1.3: a point from its 32-byte encoding, or null when it is not on the curve. */
function decode(bytes: Uint8Array): Point | null {
  if (bytes.length !== 32) return null;
  const last = bytes[31] ?? 0;
  const xOdd = (last & 0x80) !== 0;
  const y = littleEndian(Uint8Array.from([...bytes.subarray(0, 31), last & 0x7f]));
  if (y >= P) return null;
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = mod(u * pow(v, 3n) * pow(u * pow(v, 7n), (P - 5n) / 8n));
  const vx2 = mod(v * x * x);
  if (vx2 === mod(-u)) x = mod(x * SQRT_M1);
  else if (vx2 !== u) return null;
  if (x === 0n && xOdd) return null;
  if ((x & 1n) === 1n) {
    if (!xOdd) x = P - x;
  } else if (xOdd) x = P - x;
  return { X: x, Y: y, Z: 1n, T: mod(x * y) };
}

/** Whether `signature` (64 bytes) is `publicKey`'s (32 bytes) Ed25519 signature of `message`. */
export function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  const a = decode(publicKey);
  const r = decode(signature.subarray(0, 32));
  const s = littleEndian(signature.subarray(32));
  if (!a || !r || s >= L) return false;
  const k = mod(littleEndian(sha512(concatBytes(signature.subarray(0, 32), publicKey, message))), L);
  return same(multiply(BASE, s), add(r, multiply(a, k)));
}
