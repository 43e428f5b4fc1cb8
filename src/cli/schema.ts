/** Writes (--write) or checks (--check) scenarios/schema.json against the code's schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema } from '../engine';

const target = fileURLToPath(new URL('../../scenarios/schema.json', import.meta.url));

export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'drillroom scenario' }, null, 2)}\n`;
}

const mode = process.argv[2];
const text = scenarioJsonSchema();
if (mode === '--write') {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
} else {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    // reported below
  }
  if (current !== text) {
    console.error('scenarios/schema.json is out of date with src/engine/scenario/schema.ts: run `npm run schema`');
    process.exit(1);
  }
  console.log('scenarios/schema.json is up to date');
}
