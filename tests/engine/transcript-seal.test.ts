/** The transcript's record: what its hash chain finds, what the server's signature adds, and the Ed25519 check behind it. */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, integrityOf, makeTranscript, parseTranscript, TRANSCRIPT_FORMAT, type TranscriptFile } from '../../src/engine';
import { D, D2, SQRT_M1, verifyEd25519 } from '../../src/engine/transcript/ed25519';
import { sha256HexOf } from '../../src/engine/transcript/sha256';
import { createSigner } from '../../src/server/signer';
import { simulate } from '../../src/sim/simulate';
import { mini } from '../helpers/drill';

const c = mini();
const events = simulate(c, 'random', 2);
const plain = makeTranscript(c.scenario, { team: 'Qinghe', source: 'server' }, events, [{ id: 'a1', action: '复盘客户安抚话术', owner: '网点负责人', due: '' }]);
const signer = createSigner();
const signed = signer.sign(plain);

const copy = (f: TranscriptFile) => JSON.parse(JSON.stringify(f)) as any;
/** Recomputes the chain after an edit, as someone who knows the format would. */
const rehash = (f: any) => {
  f.integrity = integrityOf({ format: TRANSCRIPT_FORMAT, scenario: f.scenario, session: f.session }, f.events);
  return f;
};
const broken = (f: unknown) => {
  const r = parseTranscript(f);
  if (r.ok) throw new Error('expected a broken file');
  return r.problem;
};

describe('the hash chain names the first change and what kind it is', () => {
  it.each([
    ['an altered event', (f: any) => (f.events[3].t += 60), { code: 'altered', seq: 4 }],
    ['a removed middle event', (f: any) => f.events.splice(3, 1), { code: 'removed', seq: 4, count: 1 }],
    ['two removed middle events', (f: any) => f.events.splice(3, 2), { code: 'removed', seq: 4, count: 2 }],
    ['two swapped events', (f: any) => f.events.splice(3, 2, f.events[4], f.events[3]), { code: 'reordered', seq: 4 }],
    ['a copied event', (f: any) => f.events.splice(3, 0, f.events[2]), { code: 'added', seq: 4, count: 1 }],
    ['an event added at the end', (f: any) => f.events.push({ ...f.events.at(-1), seq: f.events.length + 1 }), { code: 'added', seq: events.length + 1, count: 1 }],
    ['the last events cut off (record left)', (f: any) => f.events.splice(-3), { code: 'truncated', count: events.length, holds: events.length - 3 }],
    ['changed session details', (f: any) => (f.session.team = 'Elsewhere'), { code: 'header' }],
  ])('%s', (_name, edit, problem) => {
    const f = copy(plain);
    edit(f);
    expect(broken(f)).toEqual(problem);
  });

  it('an intact unsigned file opens as unsigned: nothing proves it complete', () => {
    const r = parseTranscript(copy(plain));
    expect(r.ok && r.value.seal).toEqual({ status: 'unsigned' });
  });
});

describe("the server's signature covers the chain's head and the plan", () => {
  it('a signed file opens as signed, with the key and its fingerprint', () => {
    const r = parseTranscript(copy(signed));
    expect(r.ok && r.value.seal).toEqual({ status: 'signed', publicKey: signer.publicKey, fingerprint: signer.fingerprint, planChanged: false });
    expect(signer.fingerprint).toMatch(/^([0-9a-f]{4} ){7}[0-9a-f]{4}$/);
  });

  it('a file cut short with its hashes and count cut too no longer passes', () => {
    const f = copy(signed);
    f.events.splice(-10);
    f.integrity.hashes.splice(-10);
    f.integrity.count -= 10;
    expect(parseTranscript(copy({ ...f, signature: undefined })).ok).toBe(true); // without the signature nothing could tell
    expect(broken(f)).toEqual({ code: 'countAfterSigning', signed: events.length, holds: events.length - 10 });
    f.signature.head.count -= 10;
    expect(broken(f)).toEqual({ code: 'signature' });
  });

  it('events changed and hashed again after signing are found', () => {
    const f = copy(signed);
    f.events[2].t += 1;
    expect(broken(rehash(f))).toEqual({ code: 'rehashed' });
  });

  it('a plan edited after signing opens, and says so', () => {
    const f = copy(signed);
    f.plan[0].owner = '另一个人';
    const r = parseTranscript(f);
    expect(r.ok && r.value.seal).toMatchObject({ status: 'signed', planChanged: true });
  });

  it("another key's signature is that key's: the reader decides whether to trust it", () => {
    const foreign = createSigner().sign(plain);
    const r = parseTranscript(copy(foreign));
    expect(r.ok && r.value.seal).toMatchObject({ status: 'signed', planChanged: false });
    expect(r.ok && r.value.seal.status === 'signed' && r.value.seal.publicKey).not.toBe(signer.publicKey);
    // a signature moved onto another file does not sign it
    const moved = copy(plain);
    moved.events.pop();
    rehash(moved);
    moved.signature = foreign.signature;
    expect(broken(moved)).toEqual({ code: 'countAfterSigning', signed: events.length, holds: events.length - 1 });
  });
});

describe('Ed25519 verification in plain TypeScript', () => {
  it('accepts node:crypto signatures and refuses any change to key, message or signature', () => {
    for (let i = 0; i < 5; i++) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
      const message = Buffer.from(`演练记录 ${i}`);
      const signature = sign(null, message, privateKey);
      expect(verifyEd25519(raw, message, signature)).toBe(true);
      const flipped = Buffer.from(signature);
      flipped[i * 7] = (flipped[i * 7] ?? 0) ^ 1;
      expect(verifyEd25519(raw, message, flipped)).toBe(false);
      expect(verifyEd25519(raw, Buffer.from(`演练记录 ${i + 1}`), signature)).toBe(false);
      const otherKey = Buffer.from(raw);
      otherKey[3] = (otherKey[3] ?? 0) ^ 1;
      expect(verifyEd25519(otherKey, message, signature)).toBe(false);
    }
  });

  it('has the curve constants RFC 8032 defines (written out, not worked out at load)', () => {
    const P = 2n ** 255n - 19n;
    const mod = (a: bigint) => ((a % P) + P) % P;
    const pow = (base: bigint, exponent: bigint) => {
      let result = 1n;
      for (let b = mod(base), e = exponent; e > 0n; e >>= 1n, b = mod(b * b)) if (e & 1n) result = mod(result * b);
      return result;
    };
    expect(D).toBe(mod(-121665n * pow(121666n, P - 2n)));
    expect(D2).toBe(mod(2n * D));
    expect(SQRT_M1).toBe(pow(2n, (P - 1n) / 4n));
    expect(mod(SQRT_M1 * SQRT_M1)).toBe(P - 1n);
  });

  it('passes RFC 8032 test 1', () => {
    const hex = (s: string) => Buffer.from(s, 'hex');
    const key = hex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    const sig = hex('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
    expect(verifyEd25519(key, new Uint8Array(), sig)).toBe(true);
  });
});

describe('canonical JSON (what every hash is over)', () => {
  /** The first, obviously right form: every file ever signed was hashed over what it gives. */
  const reference = (value: unknown): string => {
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    if (value && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    }
    return JSON.stringify(value);
  };

  it('gives the same text as the reference for any JSON value, and for values with undefined in them', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => canonicalJson(v) === reference(v)), { numRuns: 2000 });
    fc.assert(fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true }), (v) => canonicalJson(v) === reference(v)), { numRuns: 2000 });
    expect(canonicalJson({ b: 1, a: [2, { d: undefined, c: 'x' }], é: null, '10': true, '9': false })).toBe('{"10":true,"9":false,"a":[2,{"c":"x"}],"b":1,"é":null}');
  });
});

describe('SHA-256 of a string (what every link of the chain is)', () => {
  const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

  it('gives node:crypto’s digest of the UTF-8 bytes for any text, lone surrogates and block boundaries included', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => sha256HexOf(s) === reference(s)), { numRuns: 2000 });
    // every length around the 55/56/64-byte padding boundaries, one and two blocks
    for (let n = 0; n < 200; n++) expect(sha256HexOf('x'.repeat(n))).toBe(reference('x'.repeat(n)));
    for (const s of ['', 'abc', '\ud800', '\udc00x', 'a\ud83d', '😀中é', `${'é'.repeat(40)}\n{"seq":1}`]) expect(sha256HexOf(s)).toBe(reference(s));
    expect(sha256HexOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // a text longer than its reused buffer
    const long = '中'.repeat(100_000);
    expect(sha256HexOf(long)).toBe(reference(long));
    expect(sha256HexOf('abc')).toBe(reference('abc'));
  });
});
