/**
 * `npm start` and `npm run trainer` on PostgreSQL (DATABASE_URL): the real server process, a
 * trainer made with the CLI, a drill whose acknowledged events survive a SIGKILL.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, ServerProcess } from '../../src/node/serverProcess';
import { TestClient } from './harness';
import { startPostgres, type TestPostgres } from './postgres';

let postgres: TestPostgres;
let server: ServerProcess | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'drillroom-pgserver-'));
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await postgres?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe('the server on PostgreSQL', () => {
  it('starts with DATABASE_URL, takes a trainer from npm run trainer, and keeps every acknowledged event across a SIGKILL', async () => {
    const databaseUrl = await postgres.database();
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl };
    const trainer = (args: string[], input = '') => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/trainer.ts', ...args], { input, encoding: 'utf8', env });
    const added = trainer(['add', 'pg-trainer'], 'pg-trainer-password\n');
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/added to postgres:/);
    expect(trainer(['list']).stdout).toMatch(/^pg-trainer\t/m);
    // a URL that is not PostgreSQL's is refused with a reason
    const wrong = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/trainer.ts', 'list'], { encoding: 'utf8', env: { ...env, DATABASE_URL: 'mysql://x' } });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/DATABASE_URL must be a postgres/);

    server = new ServerProcess(await freePort(), dataDir, { DRILLROOM_SKIP_BUILD: '1', DATABASE_URL: databaseUrl });
    await server.start();
    expect(server.output).toMatch(/\(postgres\)/);
    const login = await fetch(`${server.url}api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'pg-trainer', password: 'pg-trainer-password' }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const created = await (await fetch(`${server.url}api/sessions`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ scenarioId: 'group-complaint-branch', team: 'PG' }) })).json();
    const fac = new TestClient(server.port, { cookie });
    await fac.opened();
    fac.send({ type: 'hello', sessionId: created.id, token: created.facilitatorToken, lastSeq: 0 });
    await fac.next('welcome');
    fac.send({ type: 'command', id: 'go', command: { type: 'DRILL.START', payload: {} } });
    await fac.next('ack', (m) => m.id === 'go');
    // many commands at once: each acknowledged only once committed
    for (let i = 0; i < 30; i++) fac.send({ type: 'command', id: `n${i}`, command: { type: 'NOTE.ADD', payload: { text: `note ${i}` } } });
    const acked: number[] = [];
    for (let i = 0; i < 30; i++) acked.push((await fac.next('ack', (m) => m.id === `n${i}`)).seq);
    expect(acked).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    fac.close();
    await server.kill();
    await server.start();
    const transcript = await (await fetch(`${server.url}api/sessions/${created.id}/transcript`, { headers: { cookie } })).json();
    expect(transcript.events.map((e: { id: string }) => e.id)).toEqual(['go', ...Array.from({ length: 30 }, (_, i) => `n${i}`)]);
    // the drill was running at the kill: it comes back paused, and the facilitator is told
    const again = new TestClient(server.port, { cookie });
    await again.opened();
    again.send({ type: 'hello', sessionId: created.id, token: created.facilitatorToken, lastSeq: 0 });
    const welcome = await again.next('welcome');
    expect(welcome.drill?.events.map((e) => e.type).at(-1)).toBe('DRILL.PAUSE');
    expect(welcome.notice).toMatchObject({ kind: 'restored' });
    again.close();
  }, 120_000);
});
