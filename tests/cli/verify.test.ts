/** npm run verify: who signed a transcript, and whether it is complete and unchanged; exit 0 only for a trusted, intact file. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTranscript, type TranscriptFile } from '../../src/engine';
import { loadOrCreateSigningKey, PUBLIC_KEY_FILE, SIGNING_KEY_FILE } from '../../src/node/keys';
import { createSigner } from '../../src/server/signer';
import { simulate } from '../../src/sim/simulate';
import { mini } from '../helpers/drill';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'drillroom-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The drill server's data folder, with the key made as on its first start; and a reviewer's, with none. */
const serverData = join(dir, 'server-data');
const reviewerData = join(dir, 'reviewer-data');
const serverKey = createSigner(loadOrCreateSigningKey(serverData));

const c = mini();
const events = simulate(c, 'random', 5);
const plan = [{ id: 'a1', action: '开展个人信息泄露报告流程培训', owner: '消保部', due: '2026-12-31' }];
const unsigned = makeTranscript(c.scenario, { team: 'Qinghe', source: 'server' }, events, plan);
const signed = serverKey.sign(unsigned);

function write(name: string, file: TranscriptFile | object, edit?: (f: any) => void): string {
  const f = JSON.parse(JSON.stringify(file));
  edit?.(f);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(f));
  return path;
}

function verify(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/verify.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run verify', () => {
  it('the server keeps its key in DATA_DIR: made once, private half readable by its owner only', () => {
    expect(statSync(join(serverData, SIGNING_KEY_FILE)).mode & 0o077).toBe(0);
    expect(readFileSync(join(serverData, PUBLIC_KEY_FILE), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(createSigner(loadOrCreateSigningKey(serverData)).publicKey).toBe(serverKey.publicKey);
  });

  it('exits 0 for an intact file signed by a trusted key (the installation’s own)', () => {
    const file = write('signed.json', signed);
    const r = verify(serverData, file);
    expect(r.out).toBe(`${file}: signed by a trusted key (fingerprint ${serverKey.fingerprint}); ${events.length} events, complete and unchanged\n`);
    expect(r.code).toBe(0);
    expect(verify(serverData, file, '--lang', 'zh-CN').out).toBe(`${file}: 已由可信密钥签名（指纹 ${serverKey.fingerprint}）；共${events.length}条记录，完整、未被改动\n`);
  });

  it('an unknown key shows its fingerprint and fails until the reviewer trusts it with --trust', () => {
    const file = write('signed.json', signed);
    const before = verify(reviewerData, file);
    expect(before.code).toBe(1);
    expect(before.out).toContain(`signed by an unknown key (fingerprint ${serverKey.fingerprint})`);
    const trusted = verify(reviewerData, '--trust', join(serverData, PUBLIC_KEY_FILE));
    expect(trusted.code).toBe(0);
    expect(trusted.out).toBe(`trusted from now on: ${serverKey.fingerprint} (kept in ${join(reviewerData, 'trusted-keys')})\n`);
    expect(verify(reviewerData, file).code).toBe(0);
  });

  it('a file signed by a foreign key is not trusted', () => {
    const foreign = createSigner();
    const r = verify(serverData, write('foreign.json', foreign.sign(unsigned)));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`signed by an unknown key (fingerprint ${foreign.fingerprint})`);
  });

  it('unsigned files say plainly that nothing proves them complete', () => {
    const server = verify(serverData, write('unsigned.json', unsigned));
    expect(server.code).toBe(1);
    expect(server.out).toContain(`unsigned: the chain of ${events.length} events holds, but nothing proves the file is complete`);
    const laptop = verify(serverData, write('laptop.json', makeTranscript(c.scenario, { source: 'browser' }, events)));
    expect(laptop.code).toBe(1);
    expect(laptop.out).toContain('unsigned: exported from a single laptop (no drill server), which cannot sign');
  });

  it.each([
    [
      'truncated, with hashes and count cut too',
      (f: any) => {
        f.events.splice(-10);
        f.integrity.hashes.splice(-10);
        f.integrity.count -= 10;
      },
      `Broken: the last 10 events were removed with their hashes after signing (signed with ${events.length} events, the file holds ${events.length - 10}).`,
    ],
    ['reordered', (f: any) => f.events.splice(5, 2, f.events[6], f.events[5]), 'Broken: events were reordered: event 6 is out of place.'],
    ['a removed middle event', (f: any) => f.events.splice(5, 1), 'Broken: events were removed: 1 missing from event 6 on.'],
    ['an altered event', (f: any) => (f.events[5].t += 30), 'Broken: event 6 was altered.'],
    ['plan-edited', (f: any) => (f.plan[0].due = '2027-06-30'), `Broken: the improvement plan was changed after signing (the events are as signed by ${serverKey.fingerprint}).`],
    ['a forged signature record', (f: any) => (f.signature.head.count -= 1), 'Broken: the signature does not match what it signs'],
  ])('exits 1 for a signed file %s, naming what changed', (name, edit, message) => {
    const file = write(`${name.replace(/\W+/g, '-')}.json`, signed, edit);
    const r = verify(serverData, file);
    expect(r.out).toContain(`${file}: ${message}`);
    expect(r.code).toBe(1);
  });

  it('refuses what it cannot use with one line and a non-zero exit', () => {
    expect(verify(serverData, join(dir, 'missing.json'))).toMatchObject({ code: 1, out: `${join(dir, 'missing.json')}: $: no such file\n` });
    const prose = join(dir, 'prose.json');
    writeFileSync(prose, 'Drill of 12 March');
    expect(verify(serverData, prose, '--lang', 'zh-CN')).toMatchObject({ code: 1, out: `${prose}: 文件内容无法解析：第1行第1列有误。\n` });
    const notTranscript = write('other.json', { hello: 'world' });
    expect(verify(serverData, notTranscript, '--lang', 'zh-CN')).toMatchObject({ code: 1, out: `${notTranscript}: 这不是本系统的演练记录文件。\n` });
    const notKey = write('not-a-key.pub', { hello: 1 });
    expect(verify(reviewerData, '--trust', notKey)).toMatchObject({ code: 1, err: `${notKey}: is not a public key file (PEM, like DATA_DIR/signing-key.pub)\n` });
    expect(verify(serverData).code).toBe(2);
  });
});
