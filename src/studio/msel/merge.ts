/**
 * Importing an MSEL sheet: its rows become injects merged into a draft scenario (a new one,
 * from the studio's blank template, or one being edited). Nothing here throws on bad input:
 * every problem is reported with its sheet row and column, and a row with an error is left out
 * of the draft (the preview still shows it). A row whose ID (or, without an ID, whose title in
 * the sheet's language) names an inject of the draft updates that inject, keeping what the sheet
 * does not hold (effects, variants, images, the other language's texts, a condition trigger);
 * any other row adds an inject.
 */
import { CHANNELS, CURRENT_FORMAT, PHASES, type Lang, type LocalText, type PhaseId, type ScenarioInput } from '../../engine';
import type { Cell, FileRead, SheetGrid } from './files';
import { MSEL_FIELDS, channelName, phaseName, type Channel, type InjectInput, type MselField, type TriggerInput } from './rows';
import { readTime } from './time';
import { MSEL_WORDS, otherLang, problemText, type Params, type ProblemCode } from './words';

export type Severity = 'error' | 'warning';
export type MselProblem = {
  severity: Severity;
  code: ProblemCode;
  /** The sheet's row (1 is the first row of the sheet); absent for a problem of the whole file. */
  row?: number;
  /** The sheet's column letter (A, B, …). */
  column?: string;
  /** The column's header as the sheet writes it. */
  header?: string;
  field?: MselField;
  message: LocalText;
};
export type MselPreviewRow = {
  row: number;
  /** The row's cells as text, by column. */
  cells: Partial<Record<MselField, string>>;
  /** The inject it adds or updates ('' when the row is skipped before an id was found). */
  id: string;
  action: 'add' | 'update' | 'skip';
  problems: MselProblem[];
};
export type MselImport = {
  /** The sheet's language: its texts replace this language's texts. */
  lang: Lang;
  /** The draft with every row free of errors merged in (the draft given is not changed). */
  draft: ScenarioInput;
  rows: MselPreviewRow[];
  /** Every problem: the file's, then each row's. */
  problems: MselProblem[];
  added: string[];
  updated: string[];
  /** Roles added for names the draft did not have (with `addMissingRoles`). */
  addedRoles: string[];
};
export type MselImportOptions = {
  /** The sheet's language; by default Chinese when its titles contain Chinese characters, else English. */
  lang?: Lang;
  /** Add a role for each name the draft does not know (for a new draft) instead of reporting it. */
  addMissingRoles?: boolean;
};

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_TEXT = 4000;
const REQUIRED: MselField[] = ['time', 'phase', 'channel', 'from', 'to', 'title', 'content'];
const LANGS: Lang[] = ['zh-CN', 'en'];

/** Header words accepted for each column, compared without case, spaces, punctuation or a bracketed note ("时间（分:秒）"). */
const ALIASES: Record<MselField, string[]> = {
  id: ['id', 'injectid', 'ref', '编号', '事件编号', '注入编号'],
  time: ['time', 'at', 'when', '时间', '触发时间', '时点'],
  phase: ['phase', 'stage', '阶段'],
  channel: ['channel', 'medium', '渠道', '方式'],
  from: ['from', 'sender', 'source', '发送方', '来源', '发出方'],
  to: ['to', 'recipient', 'recipients', 'receiver', '接收方', '接收人', '接收对象'],
  title: ['title', 'subject', 'headline', '标题', '事件'],
  content: ['content', 'description', 'text', 'message', '内容', '事件内容', '描述'],
  expectedAction: ['expectedaction', 'expectedactions', 'expectedresponse', 'expectedplayeraction', '预期行动', '预期动作', '预期响应', '预期处置'],
  objective: ['objective', 'objectives', 'goal', '目标', '演练目标', '考核目标'],
};
const headerKey = (s: string) =>
  s
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '');
const FIELD_OF_HEADER = new Map<string, MselField>(MSEL_FIELDS.flatMap((f) => [...ALIASES[f], ...LANGS.map((l) => headerKey(MSEL_WORDS[l].header[f]))].map((a) => [headerKey(a), f] as const)));

/** A column's letter: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** A cell as the text it shows (an Excel time as h:mm:ss). */
function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    const s = Math.round((cell.getTime() - Date.UTC(1899, 11, 30)) / 1000);
    return s >= 0 && s < 86400 ? `${Math.floor(s / 3600)}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}` : cell.toISOString();
  }
  return String(cell).trim();
}

const normal = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
/**
 * Splits a list of roles at commas, 、, semicolons, slashes or new lines — except where the
 * pieces together make a name `known` knows ("IT / information security" stays one role).
 */
function splitList(s: string, known: (name: string) => boolean): string[] {
  const parts = s.split(/([,，、;；/\n]+)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    let end = i;
    for (let j = parts.length - 1; j > i; j -= 2) {
      if (known(parts.slice(i, j + 1).join(''))) {
        end = j;
        break;
      }
    }
    out.push(parts.slice(i, end + 1).join('').trim());
    i = end;
  }
  return out.filter(Boolean);
}

type Header = { row: number; columns: Map<MselField, number>; problems: MselProblem[] };

/** The header row: the first of the sheet's first ten rows naming at least three known columns. */
function findHeader(grid: SheetGrid): Header | null {
  for (let r = 0; r < Math.min(grid.rows.length, 10); r++) {
    const cells = grid.rows[r] ?? [];
    const known = cells.filter((c) => FIELD_OF_HEADER.has(headerKey(cellText(c)))).length;
    if (known < 3) continue;
    const columns = new Map<MselField, number>();
    const problems: MselProblem[] = [];
    cells.forEach((c, i) => {
      const text = cellText(c);
      if (!text) return;
      const field = FIELD_OF_HEADER.get(headerKey(text));
      const at = { row: r + 1, column: columnLetter(i), header: text };
      if (!field) problems.push({ severity: 'warning', code: 'unknown-column', ...at, message: problemText('unknown-column', { column: text }) });
      else if (columns.has(field)) problems.push({ severity: 'warning', code: 'duplicate-column', ...at, field, message: problemText('duplicate-column', { column: text }) });
      else columns.set(field, i);
    });
    for (const field of REQUIRED)
      if (!columns.has(field)) {
        const column = { 'zh-CN': MSEL_WORDS['zh-CN'].header[field], en: MSEL_WORDS.en.header[field] };
        problems.push({ severity: 'error', code: 'missing-column', row: r + 1, field, message: problemText('missing-column', { column }) });
      }
    return { row: r, columns, problems };
  }
  return null;
}

const hasChinese = (s: string) => /[\u3400-\u9fff]/.test(s);

/** Looks a phase up by id, by the app's phase names or by the draft's phase titles, in either language. */
function phaseOf(text: string, draft: ScenarioInput): PhaseId | undefined {
  const t = normal(text);
  return PHASES.find(
    (p) =>
      p === t ||
      LANGS.some((l) => normal(phaseName(p, l)) === t) ||
      draft.phases.some((ph) => ph.id === p && LANGS.some((l) => normal(ph.title[l]) === t)),
  );
}
function channelOf(text: string): Channel | undefined {
  const t = normal(text);
  return CHANNELS.find((c) => c === t || LANGS.some((l) => normal(channelName(c, l)) === t));
}

type RoleInput = ScenarioInput['roles'][number];

/** Imports a read sheet into a copy of `draft`. */
export function importMsel(sheet: SheetGrid | FileRead, draft: ScenarioInput, options: MselImportOptions = {}): MselImport {
  const out: ScenarioInput = structuredClone(draft);
  const result = (lang: Lang, rows: MselPreviewRow[], fileProblems: MselProblem[], added: string[] = [], updated: string[] = [], addedRoles: string[] = []): MselImport => ({
    lang,
    draft: out,
    rows,
    problems: [...fileProblems, ...rows.flatMap((r) => r.problems)],
    added,
    updated,
    addedRoles,
  });
  const fallbackLang = options.lang ?? 'zh-CN';
  if ('ok' in sheet && !sheet.ok) return result(fallbackLang, [], [{ severity: 'error', code: 'file-unreadable', message: sheet.message }]);
  const grid = 'ok' in sheet ? sheet.grid : sheet;
  const header = findHeader(grid);
  if (!header) return result(fallbackLang, [], [{ severity: 'error', code: 'no-header', message: problemText('no-header') }]);
  if (header.problems.some((p) => p.severity === 'error')) return result(fallbackLang, [], header.problems);

  const col = (field: MselField) => header.columns.get(field);
  const dataRows = grid.rows
    .map((cells, i) => ({ cells, row: i + 1 }))
    .slice(header.row + 1)
    .filter(({ cells }) => cells.some((c) => cellText(c) !== ''));
  const titleCol = col('title');
  const lang: Lang = options.lang ?? (dataRows.some(({ cells }) => titleCol !== undefined && hasChinese(cellText(cells[titleCol]))) ? 'zh-CN' : 'en');
  const other = otherLang(lang);
  const langName = (l: Lang): LocalText => ({ 'zh-CN': MSEL_WORDS['zh-CN'].language[l], en: MSEL_WORDS.en.language[l] });

  const roleByName = new Map<string, string>();
  for (const r of out.roles) for (const key of [r.id, r.name['zh-CN'], r.name.en]) if (!roleByName.has(normal(key))) roleByName.set(normal(key), r.id);
  const everyone = new Set(LANGS.map((l) => normal(MSEL_WORDS[l].everyone)).concat('all'));
  const params = new Set((out.parameters ?? []).map((p) => p.id));
  const usedIds = new Set(out.injects.map((i) => i.id));
  const sheetIds = new Map<string, number>();
  const newRoles: RoleInput[] = [];
  const sendsOnly = new Map<string, boolean>();
  const added: string[] = [];
  const updated: string[] = [];
  const nextId = () => {
    let n = out.injects.length + 1;
    while (usedIds.has(`inject-${n}`) || sheetIds.has(`inject-${n}`)) n++;
    return `inject-${n}`;
  };

  const rows = dataRows.map(({ cells, row }): MselPreviewRow => {
    const problems: MselProblem[] = [];
    const text = (field: MselField) => {
      const i = col(field);
      return i === undefined ? '' : cellText(cells[i]);
    };
    const report = (severity: Severity, field: MselField, code: ProblemCode, params: Params = {}) => {
      const i = col(field);
      problems.push({ severity, code, row, field, ...(i !== undefined ? { column: columnLetter(i), header: cellText(grid.rows[header.row]?.[i]) } : {}), message: problemText(code, params) });
    };
    const shown = Object.fromEntries(MSEL_FIELDS.flatMap((f) => (col(f) === undefined ? [] : [[f, text(f)]]))) as Partial<Record<MselField, string>>;

    // which inject: by ID, else by title in the sheet's language
    const idText = text('id');
    let id = '';
    if (idText) {
      if (!ID.test(idText)) report('error', 'id', 'bad-id', { value: idText });
      else if (sheetIds.has(idText)) report('error', 'id', 'duplicate-id', { value: idText, row: sheetIds.get(idText) ?? '' });
      else id = idText;
    }
    const title = text('title');
    const existing = id ? out.injects.find((i) => i.id === id) : idText ? undefined : out.injects.find((i) => title !== '' && normal(i.title[lang]) === normal(title));
    if (!id && !idText) id = existing?.id ?? nextId();
    if (id) sheetIds.set(id, row);

    // texts
    const checkText = (field: MselField, required: ProblemCode | null): string | undefined => {
      const value = text(field);
      if (!value) {
        if (required) report('error', field, required);
        return undefined;
      }
      if (value.length > MAX_TEXT) report('error', field, 'too-long', { length: value.length });
      return value;
    };
    const titleText = checkText('title', 'missing-title');
    const contentText = checkText('content', 'missing-content');
    const actionText = checkText('expectedAction', null);

    // phase and channel
    const phaseText = text('phase');
    const phase = phaseText ? phaseOf(phaseText, out) : undefined;
    if (!phaseText) report('error', 'phase', 'missing-phase');
    else if (!phase) report('error', 'phase', 'unknown-phase', { value: phaseText });
    const channelText = text('channel');
    const channel = channelText ? channelOf(channelText) : undefined;
    if (!channelText) report('error', 'channel', 'missing-channel');
    else if (!channel) report('error', 'channel', 'unknown-channel', { value: channelText, allowed: { 'zh-CN': CHANNELS.map((c) => channelName(c, 'zh-CN')).join('、'), en: CHANNELS.map((c) => channelName(c, 'en')).join(', ') } });

    // roles
    const roleOf = (name: string, field: 'from' | 'to'): string | undefined => {
      const known = roleByName.get(normal(name));
      if (known) {
        if (field === 'to') sendsOnly.set(known, false);
        return known;
      }
      if (!options.addMissingRoles) {
        report('error', field, 'unknown-role', { value: name });
        return undefined;
      }
      let n = out.roles.length + newRoles.length + 1;
      while (roleByName.has(`role-${n}`)) n++;
      const roleId = `role-${n}`;
      const words: LocalText = { 'zh-CN': name, en: name };
      newRoles.push({ id: roleId, kind: 'simulated', name: words, department: words, level: 'sub-branch', briefing: { public: words } });
      roleByName.set(normal(name), roleId);
      roleByName.set(roleId, roleId);
      sendsOnly.set(roleId, field === 'from');
      report('warning', field, 'role-added', { value: name });
      return roleId;
    };
    const isRole = (name: string) => roleByName.has(normal(name));
    const fromNames = splitList(text('from'), isRole);
    let from: string | undefined;
    if (fromNames.length === 0) report('error', 'from', 'missing-role');
    else if (fromNames.length > 1) report('error', 'from', 'one-sender', { value: text('from') });
    else from = roleOf(fromNames[0] as string, 'from');
    const toNames = splitList(text('to'), isRole);
    let to: 'all' | string[] | undefined;
    if (toNames.length === 0) report('error', 'to', 'missing-role');
    else if (toNames.some((n) => everyone.has(normal(n)))) to = 'all';
    else {
      const ids = toNames.map((n) => roleOf(n, 'to'));
      if (ids.every((x): x is string => x !== undefined)) to = [...new Set(ids)];
    }

    // time
    let trigger: TriggerInput | undefined;
    const time = readTime(col('time') === undefined ? null : (cells[col('time') as number] ?? null));
    const old = existing?.trigger;
    const unless = old?.unless ? { unless: old.unless } : {};
    const timeShown = text('time');
    if (time.kind === 'bad') report('error', 'time', 'bad-time', { value: timeShown });
    else if (time.kind === 'time') {
      const fromDrill = time.from === 'drill' ? { from: 'drill' as const } : {};
      if (typeof time.at === 'object' && !params.has(time.at.param)) report('error', 'time', 'unknown-param', { param: time.at.param });
      else if (typeof time.at === 'number' && time.at > 24 * 60) report('error', 'time', 'time-too-late', { value: timeShown });
      else {
        if (typeof time.at === 'number' && time.at > out.durationMinutes) report('warning', 'time', 'time-after-end', { value: timeShown, minutes: out.durationMinutes });
        trigger = { type: 'time', at: time.at, ...fromDrill, ...unless };
      }
    } else if (old && old.type === time.kind) trigger = old;
    else if (old && old.type !== 'time' && time.empty) trigger = old;
    else {
      if (time.kind !== 'manual') {
        const name = { 'zh-CN': MSEL_WORDS['zh-CN'].trigger[time.kind], en: MSEL_WORDS.en.trigger[time.kind] };
        report('warning', 'time', 'trigger-unset', { trigger: name });
      }
      trigger = { type: 'manual', ...unless };
    }

    const errors = problems.some((p) => p.severity === 'error');
    if (errors || !id || !phase || !channel || !from || !to || !trigger || !titleText || !contentText) return { row, cells: shown, id, action: 'skip', problems };

    const both = (value: string, before: LocalText | undefined, field: MselField): LocalText => {
      if (before) return { ...before, [lang]: value } as LocalText;
      if (!problems.some((p) => p.code === 'untranslated')) report('warning', field, 'untranslated', { other: langName(other) });
      return { 'zh-CN': value, en: value };
    };
    const inject: InjectInput = {
      ...(existing ?? { public: false, effects: [] }),
      id,
      phase,
      trigger,
      channel,
      from,
      to,
      title: both(titleText, existing?.title, 'title'),
      content: both(contentText, existing?.content, 'content'),
    };
    if (actionText) inject.expectedAction = both(actionText, existing?.expectedAction, 'expectedAction');
    else delete inject.expectedAction;
    if (existing) {
      out.injects[out.injects.indexOf(existing)] = inject;
      updated.push(id);
    } else {
      out.injects.push(inject);
      usedIds.add(id);
      added.push(id);
    }
    return { row, cells: shown, id, action: existing ? 'update' : 'add', problems };
  });

  for (const r of newRoles) if (sendsOnly.get(r.id) === false) r.kind = 'player';
  // a time from the drill's start or a parameter's minutes is part of format 2 (format 1 files play the same under it)
  const newer = out.injects.some((i) => i.trigger.type === 'time' && (i.trigger.from !== undefined || typeof i.trigger.at === 'object' || i.trigger.unless !== undefined));
  if (newer && out.format !== CURRENT_FORMAT) out.format = CURRENT_FORMAT;
  out.roles.push(...newRoles);
  return result(lang, rows, header.problems, added, updated, newRoles.map((r) => r.id));
}
