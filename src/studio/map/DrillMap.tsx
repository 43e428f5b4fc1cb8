/**
 * The map of a drill in the studio: the phases as lanes, injects and tasks as cards laid out by
 * ELK (./layout.ts), arrows for what leads to what, and marks on what can never happen (./reach.ts)
 * or has a problem. Every card and lane title is a button: click it (or Tab to it and press
 * Enter) to edit the item. Marks and problems are said in words and shapes, not by colour alone.
 */
import { Background, Controls, Handle, MarkerType, Panel, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Ban, CircleX, Clock, Hand, ListChecks, MessageSquare, TriangleAlert, Zap } from 'lucide-react';
import { createContext, useContext, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang, LocalText, ScenarioInput } from '../../engine';
import { channelName, formatMinutes } from '../msel/rows';
import { layoutDrillMap, type MapLayout } from './layout';
import { drillMap, type DrillMapModel, type EdgeKind, type ItemKind, type MapCard, type MapLane, type MapMark, type Placement } from './model';
import { mapKey } from './keys';
import './map.css';
export { DRILL_MAP_READY } from './selectors';

export type MapSelection = { kind: ItemKind; id: string };
export type MapProblem = { id: string; severity: 'error' | 'warning'; kind?: ItemKind };
export type DrillMapProps = {
  scenario: ScenarioInput;
  lang: Lang;
  onSelect(item: MapSelection): void;
  /** Problems found by the validator or the quality check, by the id of the inject, task or phase. */
  problems?: MapProblem[];
  /** The item being edited, outlined on the map. */
  selected?: MapSelection | null;
};

type Ctx = {
  lang: Lang;
  onSelect(item: MapSelection): void;
  problemOf(kind: ItemKind, id: string): 'error' | 'warning' | undefined;
  roleName(id: string): string;
  selected: MapSelection | null;
};
const MapContext = createContext<Ctx | null>(null);
const useMap = (): Ctx => {
  const ctx = useContext(MapContext);
  if (!ctx) throw new Error('DrillMap nodes render inside DrillMap');
  return ctx;
};

type Amount = number | { param: string };
const amountText = (a: Amount) => (typeof a === 'number' ? formatMinutes(a) : `{param:${a.param}}`);

type CardData = { card: MapCard };
type LaneData = { lane: MapLane };
type CardNode = Node<CardData, 'card'>;
type LaneNode = Node<LaneData, 'lane'>;

const MARK_ICON: Record<MapMark, typeof Ban> = { 'never-fires': Ban, 'never-opens': Ban, 'exit-never': Ban };

function Marks({ marks, problem }: { marks: MapMark[]; problem: 'error' | 'warning' | undefined }) {
  const { lang } = useMap();
  const { t } = useTranslation('studio', { lng: lang });
  if (!marks.length && !problem) return null;
  return (
    <span className="dm-marks">
      {marks.map((m) => {
        const Icon = MARK_ICON[m];
        return (
          <span key={m} className="dm-mark" title={t(mapKey(`mark.${m}-detail`))}>
            <Icon aria-hidden="true" size={18} /> {t(mapKey(`mark.${m}`))}
          </span>
        );
      })}
      {problem && (
        <span className={`dm-problem dm-problem-${problem}`}>
          {problem === 'error' ? <CircleX aria-hidden="true" size={18} /> : <TriangleAlert aria-hidden="true" size={18} />} {t(mapKey(`mark.${problem}`))}
        </span>
      )}
    </span>
  );
}

function placeText(place: Placement, t: (k: string, o?: Record<string, unknown>) => string): string {
  switch (place.type) {
    case 'time':
      return place.from === 'drill' ? `T+${amountText(place.at)}` : amountText(place.at);
    case 'condition':
      return place.delay !== undefined ? `${t(mapKey('trigger.condition'))} +${amountText(place.delay)}` : t(mapKey('trigger.condition'));
    default:
      return t(mapKey(`trigger.${place.type}`));
  }
}

const PLACE_ICON: Record<Placement['type'], typeof Clock> = { time: Clock, condition: Zap, missed: TriangleAlert, manual: Hand, opens: Clock, when: Zap };

function CardView({ data }: NodeProps<CardNode>) {
  const { card } = data;
  const { lang, onSelect, problemOf, roleName, selected } = useMap();
  const { t } = useTranslation('studio', { lng: lang });
  const problem = problemOf(card.kind, card.id);
  const PlaceIcon = PLACE_ICON[card.place.type];
  const KindIcon = card.kind === 'inject' ? MessageSquare : ListChecks;
  const who =
    card.kind === 'inject'
      ? t(mapKey('from'), { from: roleName(card.from ?? ''), to: card.to === 'all' ? t(mapKey('all')) : (card.to ?? []).map(roleName).join(lang === 'zh-CN' ? '、' : ', ') })
      : t(mapKey('roles'), { roles: (card.roles ?? []).map(roleName).join(lang === 'zh-CN' ? '、' : ', ') });
  const isSelected = selected?.kind === card.kind && selected.id === card.id;
  const neverOffered = card.neverOffered ? t(mapKey('neverOffered'), { options: card.neverOffered.map((o) => o.label[lang]).join(lang === 'zh-CN' ? '、' : ', ') }) : '';
  const channel = card.channel ? channelName(card.channel as Parameters<typeof channelName>[0], lang) : '';
  const signoff = card.signoff ? t(mapKey('signoff'), { roles: card.signoff.map(roleName).join(lang === 'zh-CN' ? '、' : ', ') }) : '';
  const classes = ['dm-card', `dm-${card.kind}`, card.marks.length ? 'dm-never' : '', problem ? `dm-has-${problem}` : '', isSelected ? 'dm-selected' : ''].filter(Boolean).join(' ');
  // The name says everything the card shows, in the same order (WCAG 2.5.3, label in name): the
  // kind and title first, so the DOM holds them first and the CSS grid puts the time and channel above.
  const name = [`${t(mapKey(`kind.${card.kind}`))}${lang === 'zh-CN' ? '：' : ': '}${card.title[lang]}`, placeText(card.place, t), channel, who, signoff, neverOffered, ...card.marks.map((m) => t(mapKey(`mark.${m}`))), problem ? t(mapKey(`mark.${problem}`)) : ''];
  return (
    <div className={classes}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <button type="button" className="dm-card-button nodrag nopan" aria-pressed={isSelected} aria-label={name.filter(Boolean).join(lang === 'zh-CN' ? '，' : ', ')} onClick={() => onSelect({ kind: card.kind, id: card.id })}>
        <span className="dm-kind">
          <KindIcon aria-hidden="true" size={18} /> {t(mapKey(`kind.${card.kind}`))}
        </span>{' '}
        <span className="dm-title">{card.title[lang]}</span>{' '}
        <span className="dm-place">
          <PlaceIcon aria-hidden="true" size={16} /> {placeText(card.place, t)}
        </span>{' '}
        {channel && <span className="dm-channel">{channel}</span>}{' '}
        <span className="dm-who">{who}</span>{' '}
        {signoff && <span className="dm-who">{signoff}</span>}{' '}
        {neverOffered && (
          <span className="dm-who dm-never-offered">
            <Ban aria-hidden="true" size={14} /> {neverOffered}
          </span>
        )}{' '}
        <Marks marks={card.marks} problem={problem} />
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

function LaneView({ data }: NodeProps<LaneNode>) {
  const { lane } = data;
  const { lang, onSelect, problemOf, selected } = useMap();
  const { t } = useTranslation('studio', { lng: lang });
  const problem = problemOf('phase', lane.id);
  const isSelected = selected?.kind === 'phase' && selected.id === lane.id;
  return (
    <div className={`dm-lane${lane.marks.length ? ' dm-never' : ''}${problem ? ` dm-has-${problem}` : ''}${isSelected ? ' dm-selected' : ''}`}>
      <button
        type="button"
        className="dm-lane-button nodrag nopan"
        aria-pressed={isSelected}
        aria-label={[`${t(mapKey('kind.phase'))}${lang === 'zh-CN' ? '：' : ': '}${lane.title[lang]}`, lane.timebox !== undefined ? formatMinutes(lane.timebox) : '', ...lane.marks.map((m) => t(mapKey(`mark.${m}`))), problem ? t(mapKey(`mark.${problem}`)) : ''].filter(Boolean).join(lang === 'zh-CN' ? '，' : ', ')}
        onClick={() => onSelect({ kind: 'phase', id: lane.id })}
      >
        <span className="dm-kind">{t(mapKey('kind.phase'))}</span>{' '}
        <span className="dm-lane-title">{lane.title[lang]}</span>{' '}
        {lane.timebox !== undefined && <span className="dm-who">{formatMinutes(lane.timebox)}</span>}{' '}
        <Marks marks={lane.marks} problem={problem} />
      </button>
    </div>
  );
}

const NODE_TYPES = { card: CardView, lane: LaneView };
const NO_PROBLEMS: MapProblem[] = [];

/** How each kind of arrow is drawn: a dash pattern and a label, so none is told apart by colour alone. */
const EDGE_STYLE: Record<EdgeKind, { dash?: string; color: string }> = {
  trigger: { color: '#1d4ed8' },
  opens: { dash: '2 6', color: '#1d4ed8' },
  fire: { color: '#b45309' },
  missed: { dash: '10 5', color: '#b91c1c' },
  cancel: { dash: '3 3', color: '#4b5563' },
  unless: { dash: '3 3', color: '#4b5563' },
  signoff: { dash: '12 4 2 4', color: '#047857' },
};

/** Nodes neither selectable nor draggable get no pointer events from React Flow; their buttons need them. */
const INTERACTIVE = { pointerEvents: 'all' as const };

function toFlow(model: DrillMapModel, layout: MapLayout, lang: Lang, t: (k: string) => string): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [];
  for (const lane of model.lanes) {
    const box = layout.lanes[lane.key];
    if (!box) continue;
    nodes.push({ id: lane.key, type: 'lane', position: { x: box.x, y: box.y }, width: box.width, height: box.height, data: { lane }, selectable: false, draggable: false, zIndex: 0, style: INTERACTIVE });
  }
  for (const card of model.cards) {
    const box = layout.cards[card.key];
    if (!box) continue;
    nodes.push({ id: card.key, type: 'card', parentId: `phase:${card.phase}`, extent: 'parent', position: { x: box.x, y: box.y }, width: box.width, height: box.height, data: { card }, selectable: false, draggable: false, zIndex: 1, style: INTERACTIVE });
  }
  const edges: Edge[] = model.edges.map((e) => {
    const style = EDGE_STYLE[e.kind];
    const extra = [e.label?.[lang], e.delay !== undefined ? `+${amountText(e.delay)}` : ''].filter(Boolean).join(' ');
    return {
      id: e.key,
      source: e.source,
      target: e.target,
      label: extra ? `${t(mapKey(`edge.${e.kind}`))}${lang === 'zh-CN' ? '：' : ': '}${truncate(extra, 18)}` : t(mapKey(`edge.${e.kind}`)),
      labelStyle: { fontSize: 15, fontWeight: 600, fontFamily: 'inherit' },
      labelBgPadding: [6, 3] as [number, number],
      labelBgStyle: { fill: '#ffffff', fillOpacity: 0.92 },
      style: { stroke: style.color, strokeWidth: 2.5, ...(style.dash ? { strokeDasharray: style.dash } : {}) },
      markerEnd: { type: MarkerType.ArrowClosed, color: style.color, width: 18, height: 18 },
      zIndex: 2,
      className: `dm-edge dm-edge-${e.kind}`,
    };
  });
  return { nodes, edges };
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function Legend({ lang }: { lang: Lang }) {
  const { t } = useTranslation('studio', { lng: lang });
  return (
    <details className="dm-legend">
      <summary>{t(mapKey('legend'))}</summary>
      <ul>
        {(Object.keys(EDGE_STYLE) as EdgeKind[]).map((k) => (
          <li key={k}>
            <svg width="48" height="12" aria-hidden="true">
              <line x1="0" y1="6" x2="48" y2="6" stroke={EDGE_STYLE[k].color} strokeWidth="3" strokeDasharray={EDGE_STYLE[k].dash} />
            </svg>{' '}
            {t(mapKey(`edge.${k}`))}
          </li>
        ))}
        {(['never-fires', 'never-opens', 'exit-never'] as const).map((m) => (
          <li key={m}>
            <Ban aria-hidden="true" size={16} /> {t(mapKey(`mark.${m}`))}
            {lang === 'zh-CN' ? '：' : ': '}
            {t(mapKey(`mark.${m}-detail`))}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The map of `scenario`, laid out automatically; selecting a card or a lane calls `onSelect`. */
export function DrillMap({ scenario, lang, onSelect, problems = NO_PROBLEMS, selected = null }: DrillMapProps) {
  const { t } = useTranslation('studio', { lng: lang });
  // a draft being edited may lack whole parts (a list, a trigger): then there is no map until it is fixed
  const model = useMemo(() => {
    try {
      return drillMap(scenario);
    } catch {
      return null;
    }
  }, [scenario]);
  // the last layout stays on screen while a changed map is laid out (cards it lacks wait for the next)
  const [layout, setLayout] = useState<MapLayout | null>(null);
  useEffect(() => {
    if (!model) return;
    let current = true;
    layoutDrillMap(model).then(
      (made) => current && setLayout(made),
      () => current && setLayout(null),
    );
    return () => {
      current = false;
    };
  }, [model]);
  const ctx = useMemo<Ctx>(() => {
    const roles = new Map((Array.isArray(scenario.roles) ? scenario.roles : []).map((r) => [r.id, r.name]));
    const severity = new Map<string, 'error' | 'warning'>();
    for (const p of problems) {
      for (const kind of p.kind ? [p.kind] : (['inject', 'task', 'phase'] as const)) {
        const key = `${kind}:${p.id}`;
        if (severity.get(key) !== 'error') severity.set(key, p.severity);
      }
    }
    return {
      lang,
      onSelect,
      selected,
      problemOf: (kind, id) => severity.get(`${kind}:${id}`),
      roleName: (id) => (roles.get(id) as LocalText | undefined)?.[lang] ?? id,
    };
  }, [scenario.roles, problems, lang, onSelect, selected]);
  const flow = useMemo(() => (layout && model ? toFlow(model, layout, lang, t) : null), [model, layout, lang, t]);
  return (
    <MapContext.Provider value={ctx}>
      <section className="dm-map" aria-label={t(mapKey('label'))} aria-busy={model !== null && flow === null}>
        {!model && <p className="dm-unavailable">{t(mapKey('unavailable'))}</p>}
        {model && flow && (
          <ReactFlow
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={NODE_TYPES}
            fitView
            minZoom={0.1}
            maxZoom={2}
            nodesDraggable={false}
            nodesConnectable={false}
            nodesFocusable={false}
            edgesFocusable={false}
            elementsSelectable={false}
            zoomOnDoubleClick={false}
            proOptions={{ hideAttribution: false }}
          >
            <Background gap={32} />
            <Controls showInteractive={false} />
            <Panel position="top-right">
              <Legend lang={lang} />
            </Panel>
          </ReactFlow>
        )}
      </section>
    </MapContext.Provider>
  );
}
