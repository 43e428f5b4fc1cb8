/**
 * The "MSEL" tab: the master scenario events list of the draft, one row per inject, exported as
 * an XLSX or CSV sheet, and a sheet imported into the draft (src/studio/msel). An import is read
 * into a preview first — each row, what it does (add, update, skip) and its problems by cell, in
 * the screen's language — and changes nothing until it is applied; a row with an error is left
 * out, the others are applied.
 */
import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { LANGS, type Lang, type ScenarioInput } from '../../engine';
import { CSV_MIME, XLSX_MIME, headerOf, importMsel, mselToCsv, mselToXlsx, readSheetFile, scenarioToMsel, type FileRead, type MselField, type MselImport, type MselProblem, type MselRow } from '../../studio/msel';
import { download } from '../download';
import { useStudioT } from './context';

export type MselTabProps = { draft: unknown; lang: Lang; onImport: (draft: unknown) => void };

/** The columns shown for the draft's own rows (content and objective are long: they are in the sheet). */
const SHOWN: MselField[] = ['time', 'phase', 'channel', 'from', 'to', 'title', 'expectedAction'];

const isDraft = (d: unknown): d is ScenarioInput => d !== null && typeof d === 'object' && !Array.isArray(d);

/** The draft's rows, or null when the draft lacks what a row needs (a list, a role's name). */
function rowsOf(draft: unknown, lang: Lang): MselRow[] | null {
  if (!isDraft(draft)) return null;
  try {
    return scenarioToMsel(draft, lang);
  } catch {
    return null;
  }
}

/** The sheet's file name: the scenario's id, "msel" and the sheet's language. */
export function mselFileName(draft: unknown, lang: Lang, ext: 'xlsx' | 'csv'): string {
  const id = isDraft(draft) && typeof draft.id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(draft.id) ? draft.id : 'drill';
  return `${id}-msel-${lang}.${ext}`;
}

export function MselTab({ draft, lang, onImport }: MselTabProps) {
  const { t: ts } = useStudioT();
  const rows = useMemo(() => rowsOf(draft, lang), [draft, lang]);
  return (
    <section aria-labelledby="studio-msel-title" className="studio-msel">
      <h3 id="studio-msel-title">{ts('msel.title')}</h3>
      {rows === null ? (
        <p role="alert">{ts('msel.draftBroken')}</p>
      ) : (
        <>
          <ExportPart draft={draft} lang={lang} />
          <ImportPart draft={draft} lang={lang} onImport={onImport} />
          <h4>{ts('msel.current')}</h4>
          {/* a wide table scrolls sideways on a phone: the scrolling box takes the keyboard's focus */}
          <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="msel-current-caption">
            <table>
              <caption id="msel-current-caption">{ts('msel.caption', { count: rows.length })}</caption>
              <thead>
                <tr>
                  {SHOWN.map((f) => (
                    <th key={f} scope="col">
                      {headerOf(f, lang)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    {SHOWN.map((f) =>
                      f === 'title' ? (
                        <th key={f} scope="row">
                          {r.title}
                        </th>
                      ) : (
                        <td key={f}>{r[f]}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ExportPart({ draft, lang }: { draft: unknown; lang: Lang }) {
  const { t: ts } = useStudioT();
  const [sheetLang, setSheetLang] = useState<Lang>(lang);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async (ext: 'xlsx' | 'csv') => {
    const rows = rowsOf(draft, sheetLang);
    if (!rows) return;
    const name = mselFileName(draft, sheetLang, ext);
    setBusy(true);
    try {
      if (ext === 'csv') download(name, mselToCsv(rows, sheetLang), CSV_MIME);
      else download(name, (await mselToXlsx(rows, sheetLang)) as Uint8Array<ArrayBuffer>, XLSX_MIME);
      setSaved(name);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="msel-export-title" className="msel-part">
      <h4 id="msel-export-title">{ts('msel.export.title')}</h4>
      <p className="muted">{ts('msel.export.hint')}</p>
      <div className="msel-actions">
        <label className="field">
          {ts('msel.export.lang')}
          <select value={sheetLang} onChange={(e) => setSheetLang(e.target.value as Lang)}>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {ts(`lang.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void save('xlsx')} disabled={busy}>
          {ts('msel.export.xlsx')}
        </button>
        <button type="button" onClick={() => void save('csv')} disabled={busy}>
          {ts('msel.export.csv')}
        </button>
      </div>
      <p role="status">{saved ? ts('msel.export.done', { name: saved }) : ''}</p>
    </section>
  );
}

type Sheet = { name: string; read: FileRead };

function ImportPart({ draft, lang, onImport }: { draft: unknown; lang: Lang; onImport: (draft: unknown) => void }) {
  const { t: ts } = useStudioT();
  const input = useRef<HTMLInputElement>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [reading, setReading] = useState(false);
  const [addRoles, setAddRoles] = useState(false);
  const [applied, setApplied] = useState<{ added: number; updated: number } | null>(null);
  const result = useMemo<MselImport | null>(() => {
    if (!sheet || !isDraft(draft)) return null;
    try {
      return importMsel(sheet.read, draft, { addMissingRoles: addRoles });
    } catch {
      return null;
    }
  }, [sheet, draft, addRoles]);

  const open = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setApplied(null);
    setReading(true);
    try {
      setSheet({ name: file.name, read: await readSheetFile(file) });
    } finally {
      setReading(false);
    }
  };
  const close = () => {
    setSheet(null);
    if (input.current) input.current.value = '';
  };
  const apply = () => {
    if (!result) return;
    onImport(result.draft);
    setApplied({ added: result.added.length, updated: result.updated.length });
    close();
  };

  const inRows = new Set(result?.rows.flatMap((r) => r.problems) ?? []);
  const fileProblems = result?.problems.filter((p) => !inRows.has(p)) ?? [];
  const skipped = result?.rows.filter((r) => r.action === 'skip').length ?? 0;
  const blocked = !result || fileProblems.some((p) => p.severity === 'error');
  const changes = result ? result.added.length + result.updated.length : 0;
  const fields = result ? [...new Set(result.rows.flatMap((r) => Object.keys(r.cells) as MselField[]))] : [];
  const say = (p: MselProblem) => `${ts(`check.${p.severity}`)}${lang === 'zh-CN' ? '：' : ': '}${p.message[lang]}`;

  return (
    <section aria-labelledby="msel-import-title" className="msel-part">
      <h4 id="msel-import-title">{ts('msel.import.title')}</h4>
      <p className="muted">{ts('msel.import.hint')}</p>
      <div className="msel-actions">
        <label className="button">
          {ts('msel.import.file')}
          <input ref={input} type="file" accept={`.xlsx,.csv,${XLSX_MIME},text/csv`} className="studio-sr-only" onChange={(e) => void open(e)} />
        </label>
        <label className="tick">
          <input type="checkbox" checked={addRoles} onChange={(e) => setAddRoles(e.target.checked)} />
          {ts('msel.import.addRoles')}
        </label>
      </div>
      <div role="status">
        {reading && <p>{ts('msel.import.reading')}</p>}
        {applied && <p>{ts('msel.import.applied', applied)}</p>}
      </div>
      {sheet && !result && <p role="alert">{ts('msel.draftBroken')}</p>}
      {sheet && result && (
        <div className="msel-preview">
          {fileProblems.length > 0 && (
            <>
              <h5>{ts('msel.import.fileProblems')}</h5>
              <ul>
                {fileProblems.map((p, i) => (
                  <li key={i} className={p.severity}>
                    {p.column ? ts('msel.at', { column: p.column, header: p.header ?? '', message: say(p) }) : say(p)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {!blocked && (
            <p>
              {changes > 0 ? ts('msel.import.summary', { added: result.added.length, updated: result.updated.length, roles: result.addedRoles.length }) : ts('msel.import.nothing')}
              {skipped > 0 ? ` ${ts('msel.import.skipped', { count: skipped })}` : ''}
            </p>
          )}
          {result.rows.length > 0 && (
            <div className="table-scroll" role="region" tabIndex={0} aria-labelledby="msel-preview-caption">
              <table className="msel-preview-table">
                <caption id="msel-preview-caption">{ts('msel.import.caption', { name: sheet.name })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ts('msel.col.row')}</th>
                    <th scope="col">{ts('msel.col.action')}</th>
                    {fields.map((f) => (
                      <th key={f} scope="col">
                        {headerOf(f, lang)}
                      </th>
                    ))}
                    <th scope="col">{ts('msel.col.problems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.rows.map((r) => {
                    const loose = r.problems.filter((p) => !p.field || !fields.includes(p.field));
                    return (
                      <tr key={r.row} className={r.action === 'skip' ? 'msel-skip' : undefined}>
                        <th scope="row">{ts('msel.rowLabel', { row: r.row })}</th>
                        <td>{ts(`msel.action.${r.action}`)}</td>
                        {fields.map((f) => {
                          const here = r.problems.filter((p) => p.field === f);
                          const worst = here.some((p) => p.severity === 'error') ? 'error' : here.length ? 'warning' : '';
                          return (
                            <td key={f} className={worst ? `msel-cell-${worst}` : undefined}>
                              {r.cells[f] ?? ''}
                              {here.map((p, i) => (
                                <span key={i} className={`msel-problem ${p.severity}`}>
                                  {say(p)}
                                </span>
                              ))}
                            </td>
                          );
                        })}
                        <td>
                          {loose.map((p, i) => (
                            <span key={i} className={`msel-problem ${p.severity}`}>
                              {say(p)}
                            </span>
                          ))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <div className="msel-actions">
            <button type="button" className="primary" onClick={apply} disabled={blocked || changes === 0}>
              {ts('msel.import.apply')}
            </button>
            <button type="button" onClick={close}>
              {ts('msel.import.discard')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
