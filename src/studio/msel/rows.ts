/**
 * A scenario's MSEL (master scenario events list) as spreadsheet rows, in one language:
 * one row per inject, in the order the drill meets them.
 */
import { CHANNELS, PHASES, type Inject, type Lang, type PhaseId, type ScenarioInput, type Trigger } from '../../engine';
import { APP_EN, APP_ZH, MSEL_WORDS } from './words';

/** The sheet's columns, in the order they are written. */
export const MSEL_FIELDS = ['id', 'time', 'phase', 'channel', 'from', 'to', 'title', 'content', 'expectedAction', 'objective'] as const;
export type MselField = (typeof MSEL_FIELDS)[number];
/** One row as the sheet shows it: a text per column. */
export type MselRow = Record<MselField, string>;

/** The inject fields a sheet holds (per language for texts); everything else comes from the draft. */
export const SHEET_INJECT_FIELDS = ['id', 'phase', 'channel', 'from', 'to', 'title', 'content', 'expectedAction', 'trigger (time: at and from)'] as const;

export type Channel = (typeof CHANNELS)[number];
export type InjectInput = ScenarioInput['injects'][number];
export type TriggerInput = InjectInput['trigger'];

export const headerOf = (field: MselField, lang: Lang): string => MSEL_WORDS[lang].header[field];
export const headersOf = (lang: Lang): string[] => MSEL_FIELDS.map((f) => headerOf(f, lang));

const app = (lang: Lang) => (lang === 'zh-CN' ? APP_ZH : APP_EN);
export const phaseName = (phase: PhaseId, lang: Lang): string => app(lang).phase[phase];
export const channelName = (channel: Channel, lang: Lang): string => app(lang).channel[channel];
export const triggerName = (type: Exclude<Trigger['type'], 'time'>, lang: Lang): string => MSEL_WORDS[lang].trigger[type];

/** `mm:ss` (minutes may pass 59: `75:00`) for a number of minutes. */
export function formatMinutes(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  const mm = Math.floor(seconds / 60);
  const ss = seconds % 60;
  return `${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

/**
 * The time cell: `05:00` counted from the inject's phase, `T+25:00` from the drill's start,
 * `{param:id}` for a parameter's minutes, or the trigger's name when it is not timed.
 */
export function timeCell(trigger: TriggerInput, lang: Lang): string {
  if (trigger.type !== 'time') return triggerName(trigger.type, lang);
  const at = typeof trigger.at === 'number' ? formatMinutes(trigger.at) : `{param:${trigger.at.param}}`;
  return trigger.from === 'drill' ? `T+${at}` : at;
}

/** Where a row stands: phase, then timed before untimed, then its time, then the file's order. */
function sortKey(inj: InjectInput, index: number): [number, number, number, number] {
  const t = inj.trigger;
  const timed = t.type === 'time' && typeof t.at === 'number';
  return [PHASES.indexOf(inj.phase), timed ? 0 : 1, timed ? (t.from === 'drill' ? -1 : 0) + (t.at as number) : 0, index];
}
const compareKeys = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/** The scenario's injects as MSEL rows in `lang`. */
export function scenarioToMsel(scenario: ScenarioInput, lang: Lang): MselRow[] {
  const roleName = new Map(scenario.roles.map((r) => [r.id, r.name[lang]]));
  const name = (id: string) => roleName.get(id) ?? id;
  const sep = lang === 'zh-CN' ? '、' : '; ';
  const objectives = new Map(scenario.phases.map((p) => [p.id, p.objectives.map((o) => o[lang]).join(lang === 'zh-CN' ? '；' : '; ')]));
  return scenario.injects
    .map((inj, i) => ({ inj, key: sortKey(inj, i) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ inj }) => ({
      id: inj.id,
      time: timeCell(inj.trigger, lang),
      phase: phaseName(inj.phase, lang),
      channel: channelName(inj.channel, lang),
      from: name(inj.from),
      to: inj.to === 'all' ? MSEL_WORDS[lang].everyone : inj.to.map(name).join(sep),
      title: inj.title[lang],
      content: inj.content[lang],
      expectedAction: inj.expectedAction?.[lang] ?? '',
      objective: objectives.get(inj.phase) ?? '',
    }));
}

/** The rows as a table of texts, headers first. */
export const mselTable = (rows: MselRow[], lang: Lang): string[][] => [headersOf(lang), ...rows.map((r) => MSEL_FIELDS.map((f) => r[f]))];

export const isChannel = (x: string): x is Channel => (CHANNELS as readonly string[]).includes(x);
export type { Inject };
