/** MSEL spreadsheets in and out of the studio (issue 15, item 6). */
export { MSEL_FIELDS, SHEET_INJECT_FIELDS, scenarioToMsel, mselTable, headersOf, headerOf, timeCell, formatMinutes, type MselRow, type MselField } from './rows';
export { mselToCsv, mselToXlsx, readCsv, readXlsx, readSheetFile, CSV_MIME, XLSX_MIME, type Cell, type SheetGrid, type FileRead } from './files';
export { importMsel, columnLetter, type MselImport, type MselImportOptions, type MselPreviewRow, type MselProblem, type Severity } from './merge';
export { readTime, type TimeCell } from './time';
export { problemText, type ProblemCode } from './words';
