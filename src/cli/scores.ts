/**
 * npm run scores -- FILE... : every automatic player's total on each scenario (seeds 1–3), against
 * the targets a scenario must meet, so an author sees at once whether the score can be gamed.
 */
import { stateOf, compile, replay, scoreDrill } from '../engine';
import { loadScenarioFile } from '../node/scenarioFiles';
import { POLICIES, type Policy } from '../sim/policies';
import { simulate } from '../sim/simulate';
import { runCli } from './run';

const SEEDS = [1, 2, 3];
/** The targets `npm test` checks for every shipped scenario (docs/scenario-format.md). */
const TARGET: Record<Policy, string> = { ideal: '≥ 85', negligent: '≤ 40', random: 'between', idle: '≤ 10', rush: '≤ 15', testwise: '≤ 55, M or U' };

runCli(() => {
  const files = process.argv.slice(2).filter((f) => !f.endsWith('schema.json'));
  if (files.length === 0) {
    console.error('usage: npm run scores -- FILE...');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const loaded = loadScenarioFile(file);
    if (!loaded.ok) {
      failed++;
      for (const issue of loaded.issues) console.error(`${file}: ${issue.path}: ${issue.message}`);
      continue;
    }
    const c = compile(loaded.scenario);
    console.log(`${file} (${loaded.scenario.id} ${loaded.scenario.version})`);
    for (const policy of POLICIES) {
      const runs = SEEDS.map((seed) => scoreDrill(c, stateOf(replay(c, simulate(c, policy, seed)).final)));
      console.log(`  ${policy.padEnd(10)} ${runs.map((d) => `${String(d.total ?? '–').padStart(3)} ${d.rating ?? '-'}`).join('   ')}   target ${TARGET[policy]}`);
    }
  }
  return failed ? 1 : 0;
});
