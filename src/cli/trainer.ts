/**
 * npm run trainer -- add NAME | passwd NAME | list : trainer accounts in DATA_DIR (default ./data),
 * or in the PostgreSQL database DATABASE_URL names.
 * The password is read from standard input (its first line), so scripts and CI can pipe it:
 *   printf 'a-long-password\n' | npm run trainer -- add wang
 * At a terminal it is asked for twice, without echo. Exits 0 on success, 1 otherwise.
 */
import { join, resolve } from 'node:path';
import { PROJECT_ROOT } from '../node/scenarioFiles';
import { addTrainer, checkPassword, checkTrainerName, MIN_PASSWORD, setPassword } from '../server/auth';
import { describeStore, openStore } from '../server/openStore';
import { runCli } from './run';

const USAGE = `usage: npm run trainer -- add NAME      (password from standard input, at least ${MIN_PASSWORD} characters)
       npm run trainer -- passwd NAME   (new password from standard input; signs the trainer out everywhere)
       npm run trainer -- list`;

/** The first line of piped standard input. */
async function readLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (Buffer.concat(chunks).includes(10) || Buffer.concat(chunks).length > 4096) break;
  }
  return (Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '').replace(/\r$/, '');
}

/** A password typed at a terminal, not echoed. */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolvePassword, reject) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let typed = '';
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolvePassword(typed);
        }
        if (ch === '\u0003') {
          done();
          return reject(new Error('cancelled'));
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readLine();
  const first = await askHidden(`password (at least ${MIN_PASSWORD} characters): `);
  const again = await askHidden('the same password again: ');
  if (first !== again) throw new Error('the two passwords differ');
  return first;
}

runCli(async () => {
  const [command, name, ...rest] = process.argv.slice(2);
  if (!command || rest.length > 0 || (command === 'list' ? name !== undefined : !name || !['add', 'passwd'].includes(command))) {
    console.error(USAGE);
    return 1;
  }
  const dataDir = describeStore(process.env.DATABASE_URL, resolve(process.env.DATA_DIR ?? join(PROJECT_ROOT, 'data')));
  if (command !== 'list') {
    const problem = checkTrainerName(name ?? '');
    if (problem) {
      console.error(`error: ${problem}`);
      return 1;
    }
  }
  const store = await openStore(process.env.DATABASE_URL, resolve(process.env.DATA_DIR ?? join(PROJECT_ROOT, 'data')));
  try {
    if (command === 'list') {
      const trainers = await store.trainers();
      if (trainers.length === 0) console.log(`no trainer accounts in ${dataDir}`);
      for (const t of trainers) console.log(`${t.name}\t(since ${t.createdAt.slice(0, 10)})`);
      return 0;
    }
    const trainerName = name as string;
    const existing = await store.trainerByName(trainerName);
    if (command === 'add' && existing) {
      console.error(`error: a trainer named "${existing.name}" already exists (use passwd to change the password)`);
      return 1;
    }
    if (command === 'passwd' && !existing) {
      console.error(`error: no trainer named "${trainerName}" in ${dataDir}`);
      return 1;
    }
    const password = await readPassword();
    const problem = checkPassword(password);
    if (problem) {
      console.error(`error: ${problem}`);
      return 1;
    }
    if (existing) {
      await setPassword(store, existing, password);
      console.log(`password changed for "${existing.name}"; their sign-ins have ended`);
    } else {
      const trainer = await addTrainer(store, trainerName, password);
      console.log(`trainer "${trainer.name}" added to ${dataDir}`);
    }
    return 0;
  } finally {
    await store.close();
  }
});
