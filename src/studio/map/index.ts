/**
 * The map of a drill (issue 15, item 2): the model, its reachability analysis, its automatic
 * layout and problem marks — no React here; the component is ./DrillMap (it imports React Flow and CSS).
 */
export { drillMap, cardKey, laneKey, itemOfKey, conditionRefs, type DrillMapModel, type MapCard, type MapLane, type MapEdge, type EdgeKind, type MapMark, type ItemKind, type Placement } from './model';
export { reachable, optionKey, type Reach } from './reach';
export { layoutDrillMap, layoutShape, CARD_WIDTH, CARD_HEIGHT, LANE_HEADER, type MapLayout, type Box } from './layout';
export { simulatedCoverage, DEFAULT_RUNS, type Coverage, type Run } from './coverage';
export { DRILL_MAP_READY } from './selectors';
export { mapProblems, itemOfPath, type ItemProblem } from './problems';
