/**
 * The "Map" tab. The drill map (src/studio/map, `DrillMap`: phases as lanes, injects and tasks
 * as cards laid out by elkjs) mounts here once that module is merged, with these same props;
 * until then the tab lists the injects and tasks of each phase, each a button that opens its
 * form, those with a problem marked.
 */
import type { Lang, Scenario } from '../../engine';
import { PHASES } from '../../engine';
import type { Problem } from './check';
import { useStudioT } from './context';

export type MapSelection = { kind: 'inject' | 'task' | 'phase'; id: string };
export type MapTabProps = { scenario: Scenario; lang: Lang; onSelect: (s: MapSelection) => void; problems?: Problem[] };

export function MapTab({ scenario, lang, onSelect, problems = [] }: MapTabProps) {
  const { t: ts } = useStudioT();
  const flagged = (list: 'injects' | 'tasks', index: number) => problems.some((p) => p.path[0] === list && p.path[1] === index);
  return (
    <section aria-labelledby="studio-map-title" className="studio-map">
      <h3 id="studio-map-title">{ts('map.title')}</h3>
      <div className="map-lanes">
        {scenario.phases.map((phase, pi) => (
          <section key={phase.id} className="map-lane" aria-labelledby={`lane-${phase.id}`}>
            <h4 id={`lane-${phase.id}`}>
              <button type="button" className="link" onClick={() => onSelect({ kind: 'phase', id: phase.id })}>
                {pi + 1}. {phase.title[lang]}
              </button>
            </h4>
            <h5>{ts('map.injects')}</h5>
            <ul>
              {scenario.injects.map((inj, i) =>
                inj.phase === PHASES[pi] ? (
                  <li key={inj.id}>
                    <button type="button" className={flagged('injects', i) ? 'map-card flagged' : 'map-card'} onClick={() => onSelect({ kind: 'inject', id: inj.id })}>
                      {inj.trigger.type === 'time' ? `T+${typeof inj.trigger.at === 'number' ? inj.trigger.at : inj.trigger.at.param} · ` : `${ts(`trigger.${inj.trigger.type}`)} · `}
                      {inj.title[lang]}
                      {flagged('injects', i) ? ` · ${ts('map.hasProblem')}` : ''}
                    </button>
                  </li>
                ) : null,
              )}
            </ul>
            <h5>{ts('map.tasks')}</h5>
            <ul>
              {scenario.tasks.map((task, i) =>
                task.phase === PHASES[pi] ? (
                  <li key={task.id}>
                    <button type="button" className={flagged('tasks', i) ? 'map-card flagged' : 'map-card'} onClick={() => onSelect({ kind: 'task', id: task.id })}>
                      {task.title[lang]}
                      {flagged('tasks', i) ? ` · ${ts('map.hasProblem')}` : ''}
                    </button>
                  </li>
                ) : null,
              )}
            </ul>
          </section>
        ))}
      </div>
    </section>
  );
}
