/**
 * npm run verify -- TRANSCRIPT.json [--lang en|zh-CN] : whether a transcript is complete and
 * unchanged, and who signed it. Exits 0 only for an intact file signed by a trusted key;
 * 1 otherwise (unsigned, an unknown key, broken, unreadable); 2 for a wrong command line.
 * npm run verify -- --trust KEY.pub : trusts a server's public key (DATA_DIR/signing-key.pub there).
 * Trusted: this installation's own key (DATA_DIR/signing-key.pub) and those in DATA_DIR/trusted-keys.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fingerprint, LANGS, parseTranscript, type Lang, type LoadedTranscript } from '../engine';
import { createI18n } from '../i18n';
import { fileProblemLine } from '../i18n/transcriptProblems';
import { readJsonFile } from '../node/files';
import { addTrustedKey, readPublicKeyFile, TRUSTED_KEYS_FILE, trustedKeys } from '../node/keys';
import { PROJECT_ROOT } from '../node/scenarioFiles';
import { runCli } from './run';

const USAGE = 'usage: npm run verify -- TRANSCRIPT.json [--lang en|zh-CN]\n       npm run verify -- --trust KEY.pub';

runCli(() => {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { trust: { type: 'string' }, lang: { type: 'string', default: 'en' } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = args;
  const lang = values.lang as Lang;
  if (!LANGS.includes(lang) || (values.trust === undefined ? positionals.length !== 1 : positionals.length !== 0)) {
    console.error(USAGE);
    return 2;
  }
  const t = createI18n(lang).t;
  const dataDir = resolve(process.env.DATA_DIR ?? join(PROJECT_ROOT, 'data'));

  if (values.trust !== undefined) {
    const key = readPublicKeyFile(values.trust);
    if (!key.ok) {
      console.error(`${values.trust}: ${key.message}`);
      return 1;
    }
    addTrustedKey(dataDir, key.key, `from ${values.trust}, ${new Date().toISOString()}`);
    console.log(t('verify.cli.trustedNow', { fingerprint: fingerprint(key.key), file: join(dataDir, TRUSTED_KEYS_FILE) }));
    return 0;
  }

  const file = positionals[0] as string;
  const json = readJsonFile(file, 64 * 1024 * 1024);
  if (!json.ok) {
    console.log(`${file}: ${json.problem ? fileProblemLine(t, json.problem) : `$: ${json.message}`}`);
    return 1;
  }
  const parsed = parseTranscript(json.value);
  if (!parsed.ok) {
    console.log(`${file}: ${fileProblemLine(t, parsed.problem)}`);
    return 1;
  }
  const { line, trusted } = verdict(parsed.value, trustedKeys(dataDir), t);
  console.log(`${file}: ${line}`);
  return trusted ? 0 : 1;
});

function verdict({ seal, file }: LoadedTranscript, trusted: string[], t: ReturnType<typeof createI18n>['t']): { line: string; trusted: boolean } {
  const count = file.events.length;
  switch (seal.status) {
    case 'signed':
      if (seal.planChanged) return { line: t('verify.cli.planChanged', { fingerprint: seal.fingerprint }), trusted: false };
      if (trusted.includes(seal.publicKey)) return { line: t('verify.cli.trusted', { fingerprint: seal.fingerprint, count }), trusted: true };
      return { line: t('verify.cli.unknown', { fingerprint: seal.fingerprint }), trusted: false };
    case 'unsigned':
      return { line: t(file.session.source === 'browser' ? 'verify.cli.unsignedLaptop' : 'verify.cli.unsigned', { count }), trusted: false };
    case 'noChain':
      return { line: t('verify.cli.noChain'), trusted: false };
  }
}
