import { compile, replay, scoreDrill } from '../src/engine';
import { loadScenarioFile, scenarioFiles } from '../src/node/scenarioFiles';
import { simulate } from '../src/sim/simulate';
import { POLICIES } from '../src/sim/policies';
const files = process.argv.slice(2).length ? process.argv.slice(2) : scenarioFiles();
for (const f of files) {
  const l = loadScenarioFile(f); if (!l.ok) { console.log(f, l.issues.slice(0,5)); continue; }
  const c = compile(l.scenario);
  const row: string[] = [];
  for (const p of POLICIES) for (const seed of [1,2,3]) {
    if (seed>1 && p!=='random' && p!=='testwise') continue;
    const d = scoreDrill(c, replay(c, simulate(c, p, seed)).final.context);
    row.push(`${p}${seed>1||p==='random'?seed:''}=${d.total}${d.rating}`);
  }
  console.log(f.split('/').pop(), row.join(' '));
}
