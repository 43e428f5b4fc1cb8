/**
 * Automatic layout of the drill map with ELK (elkjs). Each phase's lane is laid out by ELK's
 * layered algorithm from left to right, its cards kept in the order of their time (ELK
 * partitions) and triggered cards after what triggers them; the lanes are stacked top to bottom
 * in phase order, all as wide as the widest.
 *
 * Where the page can start workers (the browser), ELK runs in its web worker (elkjs's
 * `elk-worker.min.js`, which Vite serves as a file of the app: same origin, so the drill
 * server's CSP allows it), off the main thread; elsewhere (Node, jsdom), or if the worker
 * cannot start, the bundled build (`elk.bundled.js`) runs in place. Both are loaded only when
 * a map is first laid out.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
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

type Engine = { layout(graph: ElkNode): Promise<ElkNode> };
let engine: Promise<Engine> | null = null;

async function bundledEngine(): Promise<Engine> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
  return new ELK();
}

/** ELK in a web worker; a worker that fails rejects every layout waiting for it. */
async function workerEngine(): Promise<Engine> {
  const [{ default: ElkApi }, { default: workerUrl }] = await Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]);
  const pending = new Set<(e: Error) => void>();
  let failed = false;
  const fail = () => {
    failed = true;
    for (const reject of pending) reject(new Error('the ELK worker could not run'));
    pending.clear();
  };
  const elk = new ElkApi({
    workerUrl,
    workerFactory: (url) => {
      const worker = new Worker(url ?? workerUrl);
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        fail();
      });
      return worker;
    },
  });
  return {
    layout: (graph) =>
      failed
        ? Promise.reject(new Error('the ELK worker could not run'))
        : new Promise<ElkNode>((resolve, reject) => {
            pending.add(reject);
            elk.layout(graph).then(resolve, reject).finally(() => pending.delete(reject));
          }),
  };
}

const canUseWorker = () => typeof Worker !== 'undefined' && typeof window !== 'undefined' && !/jsdom/i.test(navigator.userAgent);

/** Lays out one graph, falling back to the bundled ELK once if the worker fails. */
async function layoutGraph(graph: ElkNode): Promise<ElkNode> {
  engine ??= canUseWorker() ? workerEngine() : bundledEngine();
  try {
    return await (await engine).layout(graph);
  } catch (error) {
    if (!canUseWorker()) throw error;
    engine = bundledEngine();
    return (await engine).layout(graph);
  }
}

/** What the layout depends on: the cards' lanes and order and the arrows inside a lane (not titles or marks). */
export function layoutShape(model: DrillMapModel): string {
  const lane = new Map(model.cards.map((c) => [c.key, c.phase]));
  return JSON.stringify([
    model.cards.map((c) => [c.key, c.phase, c.order]),
    model.edges.filter((e) => lane.get(e.source) !== undefined && lane.get(e.source) === lane.get(e.target)).map((e) => [e.source, e.target]),
  ]);
}

/** Layouts of recent shapes: editing a title or a text lays nothing out again. */
const recent = new Map<string, Promise<MapLayout>>();
const RECENT_KEPT = 16;

/** Places every lane and card of the model. */
export function layoutDrillMap(model: DrillMapModel): Promise<MapLayout> {
  const shape = layoutShape(model);
  const known = recent.get(shape);
  if (known) return known;
  const made = computeLayout(model);
  recent.set(shape, made);
  made.catch(() => recent.delete(shape));
  if (recent.size > RECENT_KEPT) recent.delete(recent.keys().next().value as string);
  return made;
}

async function computeLayout(model: DrillMapModel): Promise<MapLayout> {
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
      return { lane, result: await layoutGraph(graph) };
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
