/**
 * MSEL spreadsheets as files: XLSX (exceljs) and CSV (papaparse, UTF-8 with a BOM so Excel
 * opens Chinese text correctly), written from rows and read back into a grid of cells.
 * Reading never throws: a file that cannot be read comes back as a problem.
 */
import Papa from 'papaparse';
import type { Lang, LocalText } from '../../engine';
import { MSEL_FIELDS, mselTable, type MselRow } from './rows';
import { MSEL_WORDS, problemText } from './words';

/** A cell as read: text, a number, an Excel date or time, or nothing. */
export type Cell = string | number | Date | null;
/** A sheet as read: `rows[i]` is the sheet's row i + 1. */
export type SheetGrid = { rows: Cell[][] };
export type FileRead = { ok: true; grid: SheetGrid } | { ok: false; message: LocalText };

const BOM = '\uFEFF';
export const CSV_MIME = 'text/csv;charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type ExcelModule = typeof import('exceljs');
/** exceljs, loaded when first needed (it is large): its CommonJS build in Node, its browser build in the app. */
async function excel(): Promise<ExcelModule> {
  const mod = (await import('exceljs')) as ExcelModule & { default?: ExcelModule };
  return mod.Workbook ? mod : (mod.default as ExcelModule);
}

/** The rows as CSV text, starting with a byte-order mark. */
export function mselToCsv(rows: MselRow[], lang: Lang): string {
  const [fields = [], ...data] = mselTable(rows, lang);
  return BOM + Papa.unparse({ fields, data }, { newline: '\r\n', quotes: true });
}

/** The rows as an XLSX workbook (one sheet; headers bold and frozen; long texts wrapped). Every cell is text, so times stay as written. */
export async function mselToXlsx(rows: MselRow[], lang: Lang): Promise<Uint8Array> {
  const { Workbook } = await excel();
  const book = new Workbook();
  book.creator = 'drillroom';
  const sheet = book.addWorksheet(MSEL_WORDS[lang].sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths: Record<(typeof MSEL_FIELDS)[number], number> = { id: 18, time: 10, phase: 12, channel: 12, from: 16, to: 24, title: 36, content: 60, expectedAction: 48, objective: 36 };
  const table = mselTable(rows, lang);
  sheet.columns = MSEL_FIELDS.map((f) => ({ key: f, width: widths[f], style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } } }));
  for (const line of table) sheet.addRow(line);
  sheet.getRow(1).font = { bold: true };
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Strips a byte-order mark and reads the CSV into cells. */
export function readCsv(text: string): FileRead {
  try {
    const parsed = Papa.parse<string[]>(text.startsWith(BOM) ? text.slice(1) : text, { skipEmptyLines: false });
    const fatal = parsed.errors.find((e) => e.type === 'Quotes' || e.type === 'Delimiter');
    if (fatal) return { ok: false, message: problemText('file-unreadable', { detail: `${fatal.message} (${fatal.row !== undefined ? fatal.row + 1 : '?'})` }) };
    return { ok: true, grid: { rows: parsed.data.map((r) => r.map((c) => (c === '' ? null : c))) } };
  } catch (error) {
    return { ok: false, message: problemText('file-unreadable', { detail: error instanceof Error ? error.message : String(error) }) };
  }
}

/** The value a cell shows: rich text joined, a formula's result, a hyperlink's text. */
function cellValue(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result);
    if (typeof v.text === 'string' || (v.text && typeof v.text === 'object')) return cellValue(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/** Reads the first worksheet that has any cells. */
export async function readXlsx(data: ArrayBuffer | Uint8Array): Promise<FileRead> {
  try {
    const { Workbook } = await excel();
    const book = new Workbook();
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = book.worksheets.find((s) => s.actualRowCount > 0);
    if (!sheet) return { ok: true, grid: { rows: [] } };
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellValue(cell.value);
      });
      rows[number - 1] = Array.from(cells, (c) => c ?? null);
    });
    return { ok: true, grid: { rows: Array.from(rows, (r) => r ?? []) } };
  } catch (error) {
    return { ok: false, message: problemText('file-unreadable', { detail: error instanceof Error ? error.message : String(error) }) };
  }
}

/** Reads a file by its name: `.csv` as CSV, anything else as XLSX. */
export async function readSheetFile(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<FileRead> {
  const buffer = await file.arrayBuffer().catch(() => null);
  if (!buffer) return { ok: false, message: problemText('file-unreadable', { detail: file.name }) };
  return /\.csv$/i.test(file.name) ? readCsv(new TextDecoder('utf-8').decode(buffer)) : readXlsx(buffer);
}
