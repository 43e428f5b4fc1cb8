/** Files a reviewer takes away: the transcript, and CSV tables of scores and decisions. */
import type { Debrief, Lang, TranscriptFile } from '../../engine';
import { clock } from '../../i18n/format';

/** One CSV field, quoted when it must be (RFC 4180). */
const field = (v: string | number | null | undefined) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
/** CSV with a byte-order mark, so spreadsheet programs read the Chinese text as UTF-8. */
export const csv = (rows: (string | number | null | undefined)[][]) => `\ufeff${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;

export function scoresCsv(file: TranscriptFile, d: Debrief, lang: Lang, headings: { kind: string; id: string; name: string; weight: string; score: string; rating: string }): string {
  const s = file.scenario;
  const rows: (string | number | null)[][] = [[headings.kind, headings.id, headings.name, headings.weight, headings.score, headings.rating]];
  rows.push(['total', s.id, s.title[lang], 100, d.total, d.rating]);
  for (const c of d.criteria) rows.push(['criterion', c.id, c.title[lang], c.weight, c.score, c.rating]);
  for (const p of d.phases) rows.push(['phase', p.id, s.phases.find((x) => x.id === p.id)?.title[lang] ?? p.id, null, p.score, null]);
  for (const r of d.roles) rows.push(['role', r.id, s.roles.find((x) => x.id === r.id)?.name[lang] ?? r.id, null, r.score, null]);
  return csv(rows);
}

export function decisionsCsv(file: TranscriptFile, lang: Lang, headings: { time: string; seq: string; role: string; task: string; answer: string; by: string }): string {
  const s = file.scenario;
  const rows: (string | number)[][] = [[headings.time, headings.seq, headings.role, headings.task, headings.answer, headings.by]];
  for (const e of file.events) {
    if (e.type !== 'TASK.ANSWER') continue;
    const task = s.tasks.find((t) => t.id === e.payload.task);
    const a = e.payload.answer;
    const label = (id: string) =>
      (task && (task.kind === 'single' || task.kind === 'multiple') ? task.options.find((o) => o.id === id)?.label[lang] : task?.kind === 'checklist' ? task.items.find((i) => i.id === id)?.label[lang] : undefined) ?? id;
    const answer = a.kind === 'single' ? label(a.option) : a.kind === 'multiple' ? a.options.map(label).join('; ') : a.kind === 'checklist' ? a.items.map(label).join('; ') : a.text;
    rows.push([clock(e.t), e.seq, s.roles.find((r) => r.id === e.payload.role)?.name[lang] ?? e.payload.role, task?.title[lang] ?? e.payload.task, answer, e.actor]);
  }
  return csv(rows);
}

export { download } from '../download';

export function fileBaseName(file: TranscriptFile): string {
  const date = (file.session.date ?? '').slice(0, 10) || 'drill';
  return `drillroom-${file.scenario.id}-${date}`;
}
