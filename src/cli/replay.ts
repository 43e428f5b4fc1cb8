/** npm run replay -- TRANSCRIPT.json [--json] [--lang en|zh-CN] : the debrief recomputed from a transcript. */
import { parseArgs } from 'node:util';
import { stateOf, isBroken, LANGS, parseTranscript, replay, scoreDrill, type Lang } from '../engine';
import { readJsonFile } from '../node/files';
import { debriefText } from './debriefText';
import { createI18n } from '../i18n';
import { refusalText } from '../i18n/refusals';
import { fileProblemLine } from '../i18n/transcriptProblems';
import { runCli } from './run';

const USAGE = 'usage: npm run replay -- TRANSCRIPT.json [--json] [--lang en|zh-CN]';

runCli(() => {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean', default: false }, lang: { type: 'string', default: 'en' } } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = args;
  const lang = values.lang as Lang;
  if (positionals.length !== 1 || !LANGS.includes(lang)) {
    console.error(USAGE);
    return 2;
  }
  const file = positionals[0] as string;
  const json = readJsonFile(file, 64 * 1024 * 1024);
  if (!json.ok) {
    console.error(`${file}: $: ${json.message}`);
    return 1;
  }
  const loaded = parseTranscript(json.value);
  if (!loaded.ok) {
    // A broken record is said in words; a file of the wrong shape is listed place by place.
    if (isBroken(loaded.problem)) console.error(`${file}: ${fileProblemLine(createI18n(lang).t, loaded.problem)}`);
    for (const issue of loaded.issues) console.error(`${file}: ${issue.path}: ${issue.message}`);
    return 1;
  }
  const { file: transcript, compiled } = loaded.value;
  const { steps, final } = replay(compiled, transcript.events);
  const refused = steps.filter((s) => s.refusal);
  const t = createI18n(lang).t;
  for (const s of refused) if (s.refusal) console.error(`${file}: event ${s.event.seq} (${s.event.type}) was refused: ${refusalText(t, s.refusal)}`);
  const debrief = scoreDrill(compiled, stateOf(final));
  process.stdout.write(values.json ? `${JSON.stringify(debrief, null, 2)}\n` : debriefText(transcript.scenario, debrief, lang, transcript.events.length));
  return refused.length ? 1 : 0;
});
