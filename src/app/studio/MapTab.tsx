/**
 * The "Map" tab: the drill map (src/studio/map, `DrillMap`: phases as lanes, injects and tasks
 * as cards laid out by ELK, arrows for what leads to what). Clicking a card or a lane opens its
 * form; the studio's live problems are marked on the cards they belong to. React Flow and ELK
 * are large, so the map is its own chunk, loaded when this tab is first opened.
 */
import { Component, lazy, Suspense, useMemo, type ReactNode } from 'react';
import type { Lang, ScenarioInput } from '../../engine';
import { PHASES } from '../../engine';
import { mapProblems } from '../../studio/map/problems';
import { asIssues, type Problem } from './check';
import { useStudioT } from './context';

const DrillMap = lazy(() => import('../../studio/map/DrillMap').then((m) => ({ default: m.DrillMap })));

export type MapSelection = { kind: 'inject' | 'task' | 'phase'; id: string };
export type MapTabProps = {
  /** The draft as checked (it may still have errors: they are what the map marks). */
  draft: unknown;
  lang: Lang;
  onSelect: (s: MapSelection) => void;
  problems?: Problem[];
  selected?: MapSelection | null;
};

const isDraft = (d: unknown): d is ScenarioInput => d !== null && typeof d === 'object' && !Array.isArray(d);

export function MapTab({ draft, lang, onSelect, problems = [], selected = null }: MapTabProps) {
  const { t: ts } = useStudioT();
  const marks = useMemo(() => (isDraft(draft) ? mapProblems(draft, asIssues(problems)) : []), [draft, problems]);
  return (
    <section aria-labelledby="studio-map-title" className="studio-map">
      <h3 id="studio-map-title">{ts('map.title')}</h3>
      <p className="muted">{ts('map.hint')}</p>
      {!isDraft(draft) ? (
        <p role="alert">{ts('drillMap.unavailable')}</p>
      ) : (
        // The text list is there for when the map cannot be drawn at all: its chunk failed to
        // load (a static copy updated underneath an open page, a dropped connection) or React
        // Flow threw in this browser. Every item can still be opened from it.
        <MapBoundary fallback={<ItemList draft={draft} lang={lang} onSelect={onSelect} marks={marks} />}>
          <Suspense fallback={<p role="status">{ts('loading')}</p>}>
            <div className="studio-map-frame">
              <DrillMap scenario={draft} lang={lang} onSelect={onSelect} problems={marks} selected={selected} />
            </div>
          </Suspense>
        </MapBoundary>
      )}
    </section>
  );
}

class MapBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

type Marked = { kind: MapSelection['kind']; id: string; severity: 'error' | 'warning' }[];
type Named = { id?: unknown; phase?: unknown; title?: Partial<Record<Lang, unknown>> };

/** The injects and tasks of each phase as buttons, those with a problem said so: the map's stand-in. */
function ItemList({ draft, lang, onSelect, marks }: { draft: ScenarioInput; lang: Lang; onSelect: (s: MapSelection) => void; marks: Marked }) {
  const { t: ts } = useStudioT();
  const items = (list: unknown): Named[] => (Array.isArray(list) ? (list as unknown[]).filter((x): x is Named => x !== null && typeof x === 'object' && typeof (x as Named).id === 'string') : []);
  const name = (x: Named) => (typeof x.title?.[lang] === 'string' && x.title[lang] ? (x.title[lang] as string) : String(x.id));
  const flagged = (kind: MapSelection['kind'], id: string) => marks.some((m) => m.kind === kind && m.id === id);
  const card = (kind: 'inject' | 'task', x: Named) => {
    const id = String(x.id);
    return (
      <li key={id}>
        <button type="button" className={flagged(kind, id) ? 'map-card flagged' : 'map-card'} onClick={() => onSelect({ kind, id })}>
          {name(x)}
          {flagged(kind, id) ? ` · ${ts('map.hasProblem')}` : ''}
        </button>
      </li>
    );
  };
  const phases = items(draft.phases);
  return (
    <div>
      <p role="alert">{ts('map.fallback')}</p>
      <div className="map-lanes">
        {PHASES.map((phaseId, pi) => {
          const phase = phases.find((p) => p.id === phaseId);
          return (
            <section key={phaseId} className="map-lane" aria-labelledby={`lane-${phaseId}`}>
              <h4 id={`lane-${phaseId}`}>
                <button type="button" className="link" onClick={() => onSelect({ kind: 'phase', id: phaseId })}>
                  {pi + 1}. {phase ? name(phase) : ts(`phase.${phaseId}`)}
                </button>
              </h4>
              <h5>{ts('map.injects')}</h5>
              <ul>{items(draft.injects).flatMap((x) => (x.phase === phaseId ? [card('inject', x)] : []))}</ul>
              <h5>{ts('map.tasks')}</h5>
              <ul>{items(draft.tasks).flatMap((x) => (x.phase === phaseId ? [card('task', x)] : []))}</ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
