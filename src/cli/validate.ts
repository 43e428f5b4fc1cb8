/**
 * npm run validate -- [--strict] FILE... : exit 0 when every file is a valid scenario, else 1
 * with `FILE: PATH: message` lines. The quality check's findings are printed as warnings
 * (`FILE: warning: PATH: message`); with --strict they fail the file too.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkQuality } from '../engine';
import { loadScenarioFile } from '../node/scenarioFiles';
import { runCli } from './run';

const USAGE = 'usage: npm run validate -- [--strict] FILE...';

runCli(() => {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { strict: { type: 'boolean', default: false } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  // `scenarios/*.json` also matches the generated schema, which is not a scenario.
  const files = args.positionals.filter((f) => basename(f) !== 'schema.json');
  if (files.length === 0) {
    console.error(USAGE);
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const result = loadScenarioFile(file);
    if (!result.ok) {
      failed++;
      for (const issue of result.issues) console.error(`${file}: ${issue.path}: ${issue.message}`);
      continue;
    }
    const warnings = checkQuality(result.scenario);
    for (const w of warnings) console.error(`${file}: ${args.values.strict ? 'error' : 'warning'}: ${w.path}: ${w.message}`);
    if (args.values.strict && warnings.length) failed++;
    else console.log(`${file}: ok (${result.scenario.id} ${result.scenario.version})${warnings.length ? `, ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''}`);
  }
  return failed ? 1 : 0;
});
