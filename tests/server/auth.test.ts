/**
 * Trainer sign-in: what needs it, the cookie, password changes, limits on failed sign-ins,
 * the first-run link, the scenario chunks of the built app, and `npm run trainer`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioFile, scenarioFiles } from '../../src/node/scenarioFiles';
import { freePort, ServerProcess } from '../../src/node/serverProcess';
import { MANIFEST } from '../../src/server/protectedAssets';
import { startTestServer, TestClient, TRAINER } from './harness';

type TestServer = Awaited<ReturnType<typeof startTestServer>>;
const servers: TestServer[] = [];
const start = async (...args: Parameters<typeof startTestServer>) => {
  const s = await startTestServer(...args);
  servers.push(s);
  return s;
};
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe('what needs a signed-in trainer', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await start();
  });

  it('answers 401 without the cookie for sessions, history, transcripts, plans and scenario contents', async () => {
    const created = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const anonymous = { cookie: null } as const;
    const forged = { cookie: 'drillroom_trainer=Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2Vk' };
    for (const who of [anonymous, forged]) {
      const refused = [
        await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' }, ...who }),
        await srv.api('/api/sessions', who),
        await srv.api('/api/sessions?scenario=mini-drill', who),
        await srv.api('/api/scenarios/mini-drill', who),
        await srv.api(`/api/sessions/${id}/transcript`, { ...who, token: created.json.facilitatorToken }),
        await srv.api(`/api/sessions/${id}/plan`, { method: 'PUT', body: [], ...who, token: created.json.facilitatorToken }),
        await srv.api('/api/me', who),
        await srv.api('/api/password', { body: { oldPassword: TRAINER.password, newPassword: 'another-password' }, ...who }),
      ];
      expect(refused.map((r) => r.status)).toEqual(refused.map(() => 401));
      for (const r of refused) expect(r.json.error).toBe('sign in as a trainer first');
    }
  });

  it('lists only ids and titles of scenarios without sign-in, and everything with it', async () => {
    const open = await srv.api('/api/scenarios', { cookie: null });
    expect(open.status).toBe(200);
    expect(open.json.length).toBeGreaterThan(1);
    for (const s of open.json) expect(Object.keys(s).sort()).toEqual(['id', 'title']);
    const full = await srv.api('/api/scenarios');
    expect(full.json[0]).toMatchObject({ id: expect.any(String), version: expect.any(String), summary: expect.any(Object), difficulty: expect.any(String) });
    const scenario = await srv.api('/api/scenarios/mini-drill');
    expect(scenario.status).toBe(200);
    expect(scenario.json).toMatchObject({ id: 'mini-drill', tasks: expect.any(Array), roles: expect.any(Array) });
    expect(JSON.stringify(scenario.json)).toContain('"score"');
  });

  it('leaves joining to participants: a join code is all they need', async () => {
    const created = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' } });
    expect(await srv.api('/api/join', { body: { code: created.json.code, name: 'Li Na' }, cookie: null })).toMatchObject({ status: 201, json: { token: expect.any(String) } });
  });
});

describe('signing in and out', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await start();
  });

  it('sets an HttpOnly, SameSite=Strict cookie on sign-in (Secure behind https), and ends it on sign-out', async () => {
    const bad = await srv.api('/api/login', { body: { name: TRAINER.name, password: 'wrong password!' }, cookie: null });
    expect(bad).toMatchObject({ status: 401, json: { error: 'wrong name or password' } });
    expect(bad.headers.get('set-cookie')).toBeNull();
    const unknown = await srv.api('/api/login', { body: { name: 'nobody', password: TRAINER.password }, cookie: null });
    expect(unknown).toMatchObject({ status: 401, json: { error: 'wrong name or password' } });
    expect(srv.logs.map((l) => l.msg).filter((l) => l.startsWith('sign-in failed'))).toEqual([
      `sign-in failed: "${TRAINER.name}" from 127.0.0.1: wrong password`,
      'sign-in failed: "nobody" from 127.0.0.1: no such trainer',
    ]);

    const good = await srv.api('/api/login', { body: { name: TRAINER.name.toUpperCase(), password: TRAINER.password }, cookie: null });
    expect(good).toMatchObject({ status: 200, json: { name: TRAINER.name } });
    const setCookie = good.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^drillroom_trainer=[\w-]{20,}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    const cookie = setCookie.split(';')[0] as string;
    expect(await srv.api('/api/me', { cookie })).toMatchObject({ status: 200, json: { name: TRAINER.name } });

    const https = await fetch(`${srv.base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify(TRAINER) });
    expect(https.headers.get('set-cookie')).toMatch(/; Secure$/);

    const out = await srv.api('/api/logout', { method: 'POST', cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/^drillroom_trainer=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    expect((await srv.api('/api/me', { cookie })).status).toBe(401);
    expect((await srv.api('/api/sessions', { cookie })).status).toBe(401);
    // other sign-ins of the same trainer carry on
    expect((await srv.api('/api/me')).status).toBe(200);
  });

  it('ends the console\'s seat when its trainer signs out: the open WebSocket stops taking commands', async () => {
    const cookie = (await srv.login()) ?? '';
    const { json: session } = await srv.api('/api/sessions', { body: { scenarioId: 'mini-drill' }, cookie });
    const fac = new TestClient(srv.port, { cookie });
    await fac.opened();
    fac.send({ type: 'hello', sessionId: session.id, token: session.facilitatorToken, lastSeq: 0 });
    await fac.next('welcome');
    fac.send({ type: 'command', id: 'n1', command: { type: 'NOTE.ADD', payload: { text: 'before' } } });
    await fac.next('ack', (a) => a.id === 'n1');
    expect((await srv.api('/api/logout', { method: 'POST', cookie })).status).toBe(200);
    fac.send({ type: 'command', id: 'n2', command: { type: 'NOTE.ADD', payload: { text: 'after sign-out' } } });
    expect((await fac.next('refused')).refusal).toEqual({ code: 'trainer-only' });
    expect(await fac.waitClosed()).toBe(1008);
    const transcript = await srv.api(`/api/sessions/${session.id}/transcript`);
    expect(transcript.json.events.map((e: { payload: { text?: string } }) => e.payload.text)).toEqual(['before']);
  });

  it('changes the password with the old one, at least 10 characters, and ends the other sign-ins', async () => {
    const here = (await srv.login()) as string;
    const elsewhere = (await srv.login()) as string;
    const change = (oldPassword: string, newPassword: string) => srv.api('/api/password', { body: { oldPassword, newPassword }, cookie: here });
    expect(await change(TRAINER.password, 'too short')).toMatchObject({ status: 400, json: { error: 'the password has at least 10 characters' } });
    expect(await change('not the password', 'a brand new password')).toMatchObject({ status: 403, json: { error: 'the current password is wrong' } });
    expect(await change(TRAINER.password, 'a brand new password')).toMatchObject({ status: 200 });
    expect((await srv.api('/api/me', { cookie: here })).status).toBe(200);
    expect((await srv.api('/api/me', { cookie: elsewhere })).status).toBe(401);
    expect(await srv.login()).toBeNull();
    expect(await srv.login(TRAINER.name, 'a brand new password')).toEqual(expect.stringMatching(/^drillroom_trainer=/));
  });
});

describe('failed sign-ins', () => {
  it('are limited per address and per name, and logged', async () => {
    const srv = await start(undefined, { auth: { perAddress: [5, 1], perName: [3, 1] } });
    const { addTrainer } = await import('../../src/server/auth');
    const { openSqliteStore } = await import('../../src/server/sqliteStore');
    const store = openSqliteStore(srv.dataDir);
    await addTrainer(store, 'Li Qiang', 'li-qiang-password');
    await store.close();

    for (let i = 0; i < 3; i++) expect(await srv.api('/api/login', { body: { name: TRAINER.name, password: `guess number ${i}` }, cookie: null })).toMatchObject({ status: 401 });
    // that name is locked for now, even with the right password; another name is not
    expect(await srv.api('/api/login', { body: TRAINER, cookie: null })).toMatchObject({ status: 429, json: { error: expect.stringMatching(/too many failed sign-ins/) } });
    expect(await srv.login('Li Qiang', 'li-qiang-password')).toEqual(expect.stringMatching(/^drillroom_trainer=/));
    // the address has two failures left, then it is locked for every name
    for (let i = 0; i < 2; i++) expect((await srv.api('/api/login', { body: { name: 'Li Qiang', password: `guess number ${i}` }, cookie: null })).status).toBe(401);
    expect((await srv.api('/api/login', { body: { name: 'Li Qiang', password: 'li-qiang-password' }, cookie: null })).status).toBe(429);
    expect((await srv.api('/api/login', { body: { name: 'someone else', password: 'whatever-whatever' }, cookie: null })).status).toBe(429);
    expect(srv.logs.map((l) => l.msg).filter((l) => l.startsWith('sign-in failed'))).toHaveLength(5);
    expect(srv.logs.map((l) => l.msg).filter((l) => l.startsWith('sign-in refused (too many failures)'))).toHaveLength(3);
  });

  it('are limited also when sent all at once, while the password check is still running', async () => {
    const srv = await start(undefined, { auth: { perAddress: [50, 1], perName: [3, 1] } });
    // sixty guesses at once, the right password among them: no more than three are even checked
    const guesses = Array.from({ length: 60 }, (_, i) => (i === 45 ? TRAINER.password : `parallel guess ${i}`));
    const answers = await Promise.all(guesses.map((password) => srv.api('/api/login', { body: { name: TRAINER.name, password }, cookie: null })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(57);
    expect(statuses[45]).toBe(429);
  });
});

describe('the first run', () => {
  it('offers a one-time code to create the first trainer, which works once', async () => {
    const srv = await start(undefined, { trainer: false });
    const code = await srv.firstRunCode();
    expect(code).toEqual(expect.stringMatching(/^[\w-]{20,}$/));
    expect(await srv.api('/api/first-trainer', { cookie: null })).toMatchObject({ status: 200, json: { open: true } });
    const create = (body: object) => srv.api('/api/first-trainer', { body, cookie: null });
    expect(await create({ code: 'wrong-code', name: 'Zhao Min', password: 'zhao-min-password' })).toMatchObject({ status: 403, json: { error: expect.stringMatching(/not valid/) } });
    // a code of the right length in other characters is just wrong, not a server error
    expect(await create({ code: 'é'.repeat(code?.length ?? 32), name: 'Zhao Min', password: 'zhao-min-password' })).toMatchObject({ status: 403 });
    expect(await create({ code, name: 'Zhao Min', password: 'short' })).toMatchObject({ status: 400, json: { error: 'the password has at least 10 characters' } });
    expect(await create({ code, name: '', password: 'zhao-min-password' })).toMatchObject({ status: 400 });
    const made = await create({ code, name: ' Zhao Min ', password: 'zhao-min-password' });
    expect(made).toMatchObject({ status: 201, json: { name: 'Zhao Min' } });
    const cookie = (made.headers.get('set-cookie') ?? '').split(';')[0] as string;
    expect(await srv.api('/api/me', { cookie })).toMatchObject({ status: 200, json: { name: 'Zhao Min' } });
    // used: the same code (or any other) creates nobody else
    expect(await create({ code, name: 'Intruder', password: 'intruder-password' })).toMatchObject({ status: 409 });
    expect(await srv.firstRunCode()).toBeUndefined();
    expect(await srv.api('/api/first-trainer', { cookie: null })).toMatchObject({ status: 200, json: { open: false } });
    expect(await srv.login('Zhao Min', 'zhao-min-password')).toEqual(expect.stringMatching(/^drillroom_trainer=/));
  });

  it('is printed by npm start as a link, a new one on each start until a trainer exists', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-first-run-'));
    const server = new ServerProcess(await freePort(), dataDir, { DRILLROOM_SKIP_BUILD: '1' });
    try {
      const printed = async () => {
        await server.start();
        await expect.poll(() => /#\/first-trainer\/([\w-]+)/.exec(server.output)?.[1]).toBeDefined();
        const code = /#\/first-trainer\/([\w-]+)/.exec(server.output)?.[1] as string;
        expect(server.output).toContain(`http://127.0.0.1:${server.port}/#/first-trainer/${code}`);
        server.output = '';
        return code;
      };
      const create = (code: string) =>
        fetch(`${server.url}api/first-trainer`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'Sun Li', password: 'sun-li-password' }) });
      const first = await printed();
      await server.stop();
      const second = await printed();
      expect(second).not.toBe(first);
      expect((await create(first)).status).toBe(403);
      expect((await create(second)).status).toBe(201);
      await server.stop();
      await server.start();
      await expect.poll(() => server.output).toContain('drillroom is running');
      expect(server.output).not.toContain('first-trainer');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('offers no code once a trainer exists', async () => {
    const srv = await start();
    expect(await srv.firstRunCode()).toBeUndefined();
    expect(await srv.api('/api/first-trainer', { body: { code: 'x', name: 'X Y', password: 'xxxxxxxxxxxx' }, cookie: null })).toMatchObject({ status: 409 });
  });
});

describe('the built app', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'drillroom-dist-auth-'));
  let srv: TestServer;
  beforeAll(async () => {
    await build({ logLevel: 'error', build: { outDir, emptyOutDir: true } });
    srv = await start(undefined, { distDir: outDir });
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('serves the chunks holding scenarios to signed-in trainers only, and every other file to anyone', async () => {
    const manifest = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8')) as Record<string, { file: string; src?: string }>;
    const chunks = Object.values(manifest)
      .filter((c) => c.src?.startsWith('scenarios/'))
      .map((c) => `/${c.file}`);
    const shipped = scenarioFiles().flatMap((f) => {
      const l = loadScenarioFile(f);
      return l.ok ? [l.scenario] : [];
    });
    expect(chunks).toHaveLength(shipped.length);
    for (const path of chunks) {
      expect((await srv.api(path, { cookie: null })).status, path).toBe(404);
      expect((await srv.api(path, { cookie: 'drillroom_trainer=forged-forged-forged-forged' })).status, path).toBe(404);
      expect((await fetch(`${srv.base}${path.replace('/assets/', '/%61ssets/')}`)).status, path).toBe(404);
      expect((await fetch(`${srv.base}${path}?v=1`)).status, path).toBe(404);
      for (const variant of [`${path}/`, `${path}//`, path.replace('/assets/', '//assets/'), path.replace('/assets/', '/assets//')]) expect((await fetch(`${srv.base}${variant}`)).status, variant).toBe(404);
      expect((await fetch(`${srv.base}${path}`, { method: 'HEAD' })).status, path).toBe(404);
      const res = await srv.api(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-cache');
    }
    // a reversed byte range (sirv would throw) is no way to take the server down
    const range = await fetch(`${srv.base}/index.html`, { headers: { range: 'bytes=100-50' } });
    expect(range.status).toBe(200);
    expect((await srv.api('/api/health')).status).toBe(200);
    // no other file holds a scenario's words, and each is served without sign-in
    const assets = readdirSync(join(outDir, 'assets')).map((f) => `/assets/${f}`);
    for (const path of ['/', '/index.html', ...assets.filter((a) => !chunks.includes(a))]) {
      const res = await srv.api(path, { cookie: null });
      expect(res.status, path).toBe(200);
      for (const s of shipped) expect(res.text.includes(s.title['zh-CN']), `${path} holds ${s.id}`).toBe(false);
    }
    for (const s of shipped) expect(chunks.some((c) => readFileSync(join(outDir, c)).toString().includes(s.title['zh-CN']))).toBe(true);
  });
});

describe('npm run trainer', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-trainer-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const trainer = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/trainer.ts', ...args], { input, encoding: 'utf8', env: { ...process.env, DATA_DIR: dataDir } });

  it('adds trainers, changes passwords and lists them, reading passwords from standard input', async () => {
    expect(trainer(['list'])).toMatchObject({ status: 0, stdout: `no trainer accounts in ${dataDir}\n` });
    expect(trainer(['add', 'wang'], 'secret-pass\n')).toMatchObject({ status: 0, stdout: `trainer "wang" added to ${dataDir}\n` });
    expect(trainer(['add', '李娜'], 'li-na-password')).toMatchObject({ status: 0 });
    expect(trainer(['add', 'zhao'], 'short\n')).toMatchObject({ status: 1, stderr: 'error: the password has at least 10 characters\n' });
    expect(trainer(['add', 'WANG'], 'secret-pass-2\n')).toMatchObject({ status: 1, stderr: expect.stringMatching(/already exists/) });
    expect(trainer(['passwd', 'nobody'], 'secret-pass-2\n')).toMatchObject({ status: 1, stderr: expect.stringMatching(/no trainer named "nobody"/) });
    expect(trainer(['delete', 'wang']).status).toBe(1);
    expect(trainer([]).stderr).toMatch(/^usage: npm run trainer -- add NAME/);
    const list = trainer(['list']);
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0])).toEqual(['wang', '李娜']);

    const srv = await start(dataDir, { trainer: false });
    expect(await srv.firstRunCode()).toBeUndefined();
    const cookie = await srv.login('wang', 'secret-pass');
    expect(cookie).toEqual(expect.stringMatching(/^drillroom_trainer=/));
    expect(await srv.login('李娜', 'li-na-password')).not.toBeNull();
    expect(trainer(['passwd', 'wang'], 'a-new-secret-pass\n')).toMatchObject({ status: 0, stdout: 'password changed for "wang"; their sign-ins have ended\n' });
    expect((await srv.api('/api/me', { cookie })).status).toBe(401);
    expect(await srv.login('wang', 'secret-pass')).toBeNull();
    expect(await srv.login('wang', 'a-new-secret-pass')).not.toBeNull();
  });
});
