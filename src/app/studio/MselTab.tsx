/**
 * The "MSEL" tab: the master scenario events list of the draft, one row per inject. The
 * spreadsheet import and export (src/studio/msel: XLSX and CSV, with a preview of each row's
 * errors) mount here once that module is merged; `onImport` takes the draft the import makes.
 */
import type { Lang, Scenario } from '../../engine';
import { useStudioT } from './context';

export type MselTabProps = { scenario: Scenario; lang: Lang; onImport: (draft: unknown) => void };

export function MselTab({ scenario, lang }: MselTabProps) {
  const { t: ts } = useStudioT();
  const roleName = (id: string) => scenario.roles.find((r) => r.id === id)?.name[lang] ?? id;
  const when = (inj: Scenario['injects'][number]) => {
    const tr = inj.trigger;
    if (tr.type === 'time') return ts(tr.from === 'drill' ? 'msel.atDrill' : 'msel.atPhase', { at: typeof tr.at === 'number' ? tr.at : `{${tr.at.param}}` });
    if (tr.type === 'missed') return ts('msel.missed', { task: scenario.tasks.find((x) => x.id === tr.task)?.title[lang] ?? tr.task });
    return ts(`trigger.${tr.type}`);
  };
  return (
    <section aria-labelledby="studio-msel-title" className="studio-msel">
      <h3 id="studio-msel-title">{ts('msel.title')}</h3>
      <div className="table-scroll">
        <table>
          <caption>{ts('msel.caption', { count: scenario.injects.length })}</caption>
          <thead>
            <tr>
              {(['time', 'phase', 'channel', 'from', 'to', 'title', 'expectedAction'] as const).map((c) => (
                <th key={c} scope="col">
                  {ts(`msel.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scenario.injects.map((inj) => (
              <tr key={inj.id}>
                <td>{when(inj)}</td>
                <td>{ts(`phase.${inj.phase}`)}</td>
                <td>{ts(`channel.${inj.channel}`)}</td>
                <td>{roleName(inj.from)}</td>
                <td>{inj.to === 'all' ? ts('msel.all') : inj.to.map(roleName).join(lang === 'zh-CN' ? '、' : ', ')}</td>
                <th scope="row">{inj.title[lang]}</th>
                <td>{inj.expectedAction?.[lang] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
