/** npm run validate -- FILE... : exit 0 when every file is a valid scenario, else 1 with `FILE: PATH: message` lines. */
import { loadScenarioFile } from '../node/scenarioFiles';
import { runCli } from './run';

runCli(() => {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: npm run validate -- FILE...');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const result = loadScenarioFile(file);
    if (result.ok) {
      console.log(`${file}: ok (${result.scenario.id} ${result.scenario.version})`);
    } else {
      failed++;
      for (const issue of result.issues) console.error(`${file}: ${issue.path}: ${issue.message}`);
    }
  }
  return failed ? 1 : 0;
});
