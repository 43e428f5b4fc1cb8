/**
 * Automatic layout of the drill map with ELK (elkjs, its bundled build: no worker file to serve,
 * it runs the same in the browser, in Node and in jsdom). Each phase's lane is laid out by ELK's
 * layered algorithm from left to right, its cards kept in the order of their time (ELK
 * partitions) and triggered cards after what triggers them; the lanes are stacked top to bottom
 * in phase order, all as wide as the widest.
 */
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { DrillMapModel } from './model';

export const CARD_WIDTH = 300;
export const CARD_HEIGHT = 150;
/** Room at a lane's left for its title. */
export const LANE_HEADER = 220;
const LANE_PADDING = 24;
const LANE_GAP = 32;

export type Box = { x: number; y: number; width: number; height: number };
export type MapLayout = {
  /** Lanes, in the map's coordinates. */
  lanes: Record<string, Box>;
  /** Cards, relative to their lane. */
  cards: Record<string, Box>;
  width: number;
  height: number;
};

let elk: InstanceType<typeof ELK> | null = null;

/** Places every lane and card of the model. */
export async function layoutDrillMap(model: DrillMapModel): Promise<MapLayout> {
  elk ??= new ELK();
  const engine = elk;
  const laid = await Promise.all(
    model.lanes.map(async (lane) => {
      const cards = model.cards.filter((c) => c.phase === lane.id);
      const inLane = new Set(cards.map((c) => c.key));
      const graph: ElkNode = {
        id: lane.key,
        layoutOptions: {
          'elk.algorithm': 'layered',
          'elk.direction': 'RIGHT',
          'elk.partitioning.activate': 'true',
          'elk.separateConnectedComponents': 'false',
          'elk.spacing.nodeNode': '24',
          'elk.layered.spacing.nodeNodeBetweenLayers': '56',
          'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
          'elk.padding': `[top=${LANE_PADDING},left=${LANE_PADDING},bottom=${LANE_PADDING},right=${LANE_PADDING}]`,
        },
        children: cards.map((c) => ({ id: c.key, width: CARD_WIDTH, height: CARD_HEIGHT, layoutOptions: { 'elk.partitioning.partition': String(c.order) } })),
        edges: model.edges
          .filter((e) => inLane.has(e.source) && inLane.has(e.target) && e.source !== e.target)
          .map((e) => ({ id: e.key, sources: [e.source], targets: [e.target] })),
      };
      return { lane, result: await engine.layout(graph) };
    }),
  );
  const layout: MapLayout = { lanes: {}, cards: {}, width: 0, height: 0 };
  const width = Math.max(...laid.map(({ result }) => LANE_HEADER + (result.width ?? 0)), LANE_HEADER + CARD_WIDTH + 2 * LANE_PADDING);
  let y = 0;
  for (const { lane, result } of laid) {
    const height = Math.max(result.height ?? 0, CARD_HEIGHT + 2 * LANE_PADDING);
    layout.lanes[lane.key] = { x: 0, y, width, height };
    for (const child of result.children ?? []) layout.cards[child.id] = { x: LANE_HEADER + (child.x ?? 0), y: child.y ?? 0, width: child.width ?? CARD_WIDTH, height: child.height ?? CARD_HEIGHT };
    y += height + LANE_GAP;
  }
  layout.width = width;
  layout.height = Math.max(0, y - LANE_GAP);
  return layout;
}
