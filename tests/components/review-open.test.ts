/**
 * Opening a transcript for review as the page does it: the check's job (shape, chain, signature,
 * event order, scenario) and the replay's job (which reads the file unchecked), then the page
 * combining them. Here, with no Worker, both jobs run on this thread through the same code the
 * workers run. Every file `parseTranscript` refuses is refused with the same first problem, and
 * a replay of a changed file is never shown.
 */
import { describe, expect, it } from 'vitest';
import { integrityOf, makeTranscript, parseTranscript, replayCheckpoints, stateOf, TRANSCRIPT_FORMAT, type TranscriptFile } from '../../src/engine';
import { openTranscriptBytes } from '../../src/app/review/openFile';
import { replayBytes, verdictOf } from '../../src/app/review/readTranscript';
import { createSigner } from '../../src/server/signer';
import { simulate } from '../../src/sim/simulate';
import { mini } from '../helpers/drill';

const c = mini();
const good = makeTranscript(c.scenario, { team: 'Qinghe', source: 'server' }, simulate(c, 'random', 2));
const signed = createSigner().sign(good);

const copy = (f: TranscriptFile) => JSON.parse(JSON.stringify(f)) as any;
const rehash = (f: any) => {
  f.integrity = integrityOf({ format: TRANSCRIPT_FORMAT, scenario: f.scenario, session: f.session }, f.events);
  return f;
};
const bytesOf = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value)).buffer as ArrayBuffer;
const open = async (value: unknown) => {
  const opened = await openTranscriptBytes('drill.json', bytesOf(value));
  if (!opened) throw new Error('not opened');
  return opened;
};

/** Each file with two or more things wrong names the one the sequential check names first. */
const cases: [string, () => unknown, string][] = [
  ['an altered event', () => tamper((f) => (f.events[2].t += 1)), 'altered'],
  ['events cut off the end (hashes left)', () => tamper((f) => f.events.splice(-2)), 'truncated'],
  ['two events swapped', () => tamper((f) => ([f.events[1], f.events[2]] = [f.events[2], f.events[1]])), 'reordered'],
  ['a signed file cut short with its hashes and count', () => cutSigned(), 'countAfterSigning'],
  ['a signature changed', () => tamperSigned((f) => (f.signature.value = `${f.signature.value.slice(0, -2)}00`)), 'signature'],
  ['an event of no known type, also altered', () => tamper((f) => Object.assign(f.events[1], { type: 'NOPE' })), 'shape'],
  ['a bad hash in the record, and an altered event', () => tamper((f) => ((f.integrity.hashes[0] = 'x'), (f.events[3].t += 1))), 'shape'],
  ['events out of order, hashed again', () => rehash(tamper((f) => (f.events[2].seq = 9))), 'eventOrder'],
  ['a scenario with a broken reference, hashed again', () => rehash(tamper((f) => (f.scenario.injects[0].phase = 'no-such-phase'))), 'scenario'],
  ['a broken scenario and events out of order', () => rehash(tamper((f) => ((f.scenario.injects[0].phase = 'no-such-phase'), (f.events[2].seq = 9)))), 'eventOrder'],
  ['a broken scenario in an altered file', () => tamper((f) => ((f.scenario.injects[0].phase = 'no-such-phase'), (f.events[3].t += 1))), 'header'],
  ['not a transcript', () => ({ format: 'something else' }), 'notTranscript'],
  ['a newer version', () => ({ ...copy(good), version: 99 }), 'newerVersion'],
];

function tamper(edit: (f: any) => void) {
  const f = copy(good);
  edit(f);
  return f;
}
function tamperSigned(edit: (f: any) => void) {
  const f = copy(signed);
  edit(f);
  return f;
}
function cutSigned() {
  const f = copy(signed);
  f.events.splice(-2);
  return rehash(f) && Object.assign(f, { signature: signed.signature });
}

describe('the page combines the check and the replay as the sequential check would', () => {
  it.each(cases)('%s: refused with the same first problem', async (_, make, code) => {
    const value = make();
    const expected = parseTranscript(value);
    if (expected.ok) throw new Error('expected a file parseTranscript refuses');
    expect(expected.problem.code).toBe(code);
    const opened = await open(value);
    expect(opened.ok).toBe(false);
    if (!opened.ok) expect(opened.problem).toEqual(expected.problem);
  });

  it('the replay reads a changed file unchecked, so only the check can pass it', () => {
    const changed = tamper((f) => (f.events[2].t += 1));
    expect(replayBytes(new Uint8Array(bytesOf(changed)))).not.toBeNull();
    expect(verdictOf(new Uint8Array(bytesOf(changed)))).toMatchObject({ ok: false, problem: { code: 'altered' } });
  });

  it('opens a sound file with the replay the engine makes of it, signed or not', async () => {
    for (const [file, status] of [
      [good, 'unsigned'],
      [signed, 'signed'],
    ] as const) {
      const opened = await open(file);
      if (!opened.ok) throw new Error(opened.problem.code);
      expect(opened.loaded.seal.status).toBe(status);
      const expected = parseTranscript(copy(file));
      if (!expected.ok) throw new Error('expected a sound file');
      expect(opened.loaded.file).toEqual(expected.value.file);
      const replayed = replayCheckpoints(expected.value.compiled, expected.value.file.events);
      expect(stateOf(opened.replayed.final)).toEqual(stateOf(replayed.final));
      expect(opened.replayed.refused).toEqual(replayed.refused);
    }
  });

  it('reads a version-1 file (no record) and replays it', async () => {
    const opened = await open({ format: TRANSCRIPT_FORMAT, version: 1, scenario: good.scenario, session: good.session, events: good.events });
    if (!opened.ok) throw new Error(opened.problem.code);
    expect(opened.loaded.seal.status).toBe('noChain');
    expect(opened.loaded.sourceVersion).toBe(1);
    expect(opened.loaded.file.integrity.count).toBe(good.events.length);
  });
});
