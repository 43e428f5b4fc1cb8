/** npm run simulate -- FILE --policy ideal|negligent|random|idle|rush|testwise --seed N [--lang zh-CN|en] --out TRANSCRIPT.json */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compile, LANGS, makeTranscript, type Lang } from '../engine';
import { loadScenarioFile } from '../node/scenarioFiles';
import { POLICIES, type Policy } from '../sim/policies';
import { simulate } from '../sim/simulate';
import { clock } from '../i18n/format';
import { createI18n } from '../i18n';
import { runCli } from './run';

const USAGE = `usage: npm run simulate -- SCENARIO.json --policy ${POLICIES.join('|')} [--seed N] [--lang zh-CN|en] --out TRANSCRIPT.json`;

runCli(() => {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { policy: { type: 'string' }, seed: { type: 'string', default: '1' }, out: { type: 'string' }, lang: { type: 'string', default: 'zh-CN' } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = args;
  const policy = values.policy as Policy;
  const seed = Number(values.seed);
  const lang = values.lang as Lang;
  if (positionals.length !== 1 || !values.out || !POLICIES.includes(policy) || !Number.isSafeInteger(seed) || !LANGS.includes(lang)) {
    console.error(USAGE);
    return 2;
  }
  const file = positionals[0] as string;
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) {
    for (const issue of loaded.issues) console.error(`${file}: ${issue.path}: ${issue.message}`);
    return 1;
  }
  const events = simulate(compile(loaded.scenario), policy, seed, { lang });
  const transcript = makeTranscript(loaded.scenario, { source: 'simulate', simulation: { policy, seed }, team: createI18n(lang).t('simulate.team', { policy: createI18n(lang).t(`simulate.policy.${policy}`) }) }, events);
  writeFileSync(values.out, `${JSON.stringify(transcript, null, 1)}\n`);
  const last = events[events.length - 1];
  console.log(`wrote ${values.out}: ${events.length} events, drill time ${clock(last?.t ?? 0)}`);
  return 0;
});
