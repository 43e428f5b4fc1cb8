/** `npm start` and the tests' and bench's server (ServerProcess) run the server with the same Node flags. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/node/serverProcess';

it('npm start passes every server flag to Node, as the tested server runs', () => {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
  for (const flag of SERVER_NODE_FLAGS) expect(start.split(/\s+/)).toContain(flag);
  expect(start).toMatch(/^tsx .*src\/server\/main\.ts$/);
});
