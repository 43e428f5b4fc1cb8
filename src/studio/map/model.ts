/**
 * The map of a drill as data: the four phases as lanes along a time axis, injects and tasks as
 * cards placed by their time or their trigger, and arrows for what leads to what — triggers,
 * effects (an inject, an option or a submitted task firing or cancelling an inject),
 * contingencies (a missed deadline), conditions that open a task, `unless` conditions, and
 * sign-offs (what waits for a task that needs approvals). Cards and lanes carry marks for what
 * can never happen (see ./reach.ts). Pure: no React, no layout.
 */
import { PHASES, type Condition, type LocalText, type PhaseId, type ScenarioInput } from '../../engine';
import { optionKey, reachable, type Reach } from './reach';

export type MapMark = 'never-fires' | 'never-opens' | 'exit-never';
export type ItemKind = 'inject' | 'task' | 'phase';
type Amount = number | { param: string };

/** How a card is placed: at a time (from its phase's start or the drill's), or by what triggers it. */
export type Placement =
  | { type: 'time'; at: Amount; from: 'phase' | 'drill' }
  | { type: 'condition'; delay?: Amount }
  | { type: 'missed'; task: string }
  | { type: 'manual' }
  | { type: 'opens' }
  | { type: 'when' };

export type MapCard = {
  /** The node's key: `inject:id` or `task:id`. */
  key: string;
  kind: 'inject' | 'task';
  id: string;
  phase: PhaseId;
  title: LocalText;
  place: Placement;
  /** Order along the lane's time axis (0 first); cards with the same order stand in one column. */
  order: number;
  marks: MapMark[];
  /** Injects: where it comes from and who receives it (role ids; 'all'). */
  channel?: string;
  from?: string;
  to?: 'all' | string[];
  /** Observations whose recording fires this inject. */
  observations?: LocalText[];
  /** Tasks: who takes it, who signs it off, its deadline in minutes (when a number). */
  roles?: string[];
  signoff?: string[];
  deadline?: Amount | 'end' | { within: Amount; from: 'drill' };
  /** Tasks that can open: their options that can never be offered. */
  neverOffered?: { id: string; label: LocalText }[];
};

export type MapLane = { key: string; id: PhaseId; title: LocalText; timebox?: number; marks: MapMark[]; hasExit: boolean };
export type EdgeKind = 'trigger' | 'unless' | 'fire' | 'cancel' | 'missed' | 'opens' | 'signoff';
export type MapEdge = { key: string; source: string; target: string; kind: EdgeKind; label?: LocalText; delay?: Amount };
export type DrillMapModel = { lanes: MapLane[]; cards: MapCard[]; edges: MapEdge[]; reach: Reach };

export const cardKey = (kind: 'inject' | 'task', id: string) => `${kind}:${id}`;
export const laneKey = (phase: PhaseId) => `phase:${phase}`;
/** The item a node stands for. */
export function itemOfKey(key: string): { kind: ItemKind; id: string } | null {
  const m = /^(inject|task|phase):(.+)$/.exec(key);
  return m ? { kind: m[1] as ItemKind, id: m[2] as string } : null;
}

type Refs = { injects: string[]; tasks: string[]; flags: string[]; vars: string[] };
/** The injects, tasks, flags and variables a condition waits for. */
export function conditionRefs(c: Condition | undefined, out: Refs = { injects: [], tasks: [], flags: [], vars: [] }): Refs {
  if (!c) return out;
  if (c.type === 'all' || c.type === 'any') c.of.forEach((x) => conditionRefs(x, out));
  else if (c.type === 'not') conditionRefs(c.of, out);
  else if (c.type === 'fired') out.injects.push(c.inject);
  else if (c.type === 'done' || c.type === 'on-time' || c.type === 'chose' || c.type === 'rated') out.tasks.push(c.task);
  else if (c.type === 'flag') out.flags.push(c.flag);
  else if (c.type === 'var') out.vars.push(c.var);
  return out;
}

/** A variable changed by more cards than this gets no arrows from them (a gauge most injects move). */
const VAR_SOURCES_SHOWN = 4;

const DEFAULT_TIMEBOX = 15;

/** The map of `s` (a draft may be incomplete: arrows to items it lacks are left out). */
export function drillMap(s: ScenarioInput): DrillMapModel {
  const reach = reachable(s);
  const params = new Map((s.parameters ?? []).map((p) => [p.id, p.value]));
  const minutes = (a: Amount) => (typeof a === 'number' ? a : (params.get(a.param) ?? 0));
  const injectIds = new Set(s.injects.map((i) => i.id));
  const taskById = new Map(s.tasks.map((t) => [t.id, t]));
  const phaseStart = new Map<PhaseId, number>();
  PHASES.reduce((start, p) => {
    phaseStart.set(p, start);
    return start + (s.phases.find((ph) => ph.id === p)?.timebox ?? DEFAULT_TIMEBOX);
  }, 0);

  const edges = new Map<string, MapEdge>();
  const edge = (source: string, target: string, kind: EdgeKind, extra: { label?: LocalText; delay?: Amount } = {}) => {
    const key = `${kind}:${source}->${target}${extra.label ? `:${extra.label.en}` : ''}`;
    if (!edges.has(key)) edges.set(key, { key, source, target, kind, ...extra });
  };
  type Eff = { type: string; inject?: string; delay?: Amount; flag?: string; var?: string; value?: unknown };
  // the cards whose effects set each flag or change each variable
  const setters = { flag: new Map<string, Set<string>>(), var: new Map<string, Set<string>>() };
  const noteSetters = (source: string, effects: readonly Eff[] | undefined) => {
    for (const e of effects ?? []) {
      if (e.type === 'flag' && e.flag && e.value !== false) setters.flag.set(e.flag, (setters.flag.get(e.flag) ?? new Set()).add(source));
      if ((e.type === 'add' || e.type === 'set') && e.var) setters.var.set(e.var, (setters.var.get(e.var) ?? new Set()).add(source));
    }
  };
  for (const inj of s.injects) noteSetters(cardKey('inject', inj.id), inj.effects);
  for (const t of s.tasks) {
    if (t.kind === 'single' || t.kind === 'multiple') for (const o of t.options) noteSetters(cardKey('task', t.id), o.effects);
    else noteSetters(cardKey('task', t.id), t.effects);
  }
  /** Arrows from what a condition waits for (and from what sets the flags and variables it reads); from a task needing sign-off they are sign-off arrows. */
  const dependsOn = (c: unknown, target: string, kind: 'trigger' | 'unless' | 'opens') => {
    const refs = conditionRefs(c as Condition | undefined);
    const fromTask = (t: string) => {
      const task = taskById.get(t);
      if (task) edge(cardKey('task', t), target, task.signoff?.length && kind !== 'unless' ? 'signoff' : kind);
    };
    for (const i of refs.injects) if (injectIds.has(i)) edge(cardKey('inject', i), target, kind);
    for (const t of refs.tasks) fromTask(t);
    const viaState = [...refs.flags.map((f) => setters.flag.get(f)), ...refs.vars.map((v) => setters.var.get(v))];
    for (const sources of viaState) {
      if (!sources || sources.size > VAR_SOURCES_SHOWN) continue;
      for (const source of sources) {
        if (source === target) continue;
        const item = itemOfKey(source);
        if (item?.kind === 'task') fromTask(item.id);
        else edge(source, target, kind);
      }
    }
  };
  const effectEdges = (source: string, effects: readonly Eff[] | undefined, label?: LocalText) => {
    for (const e of effects ?? []) {
      if (!e.inject || !injectIds.has(e.inject)) continue;
      const target = cardKey('inject', e.inject);
      if (e.type === 'fire') edge(source, target, 'fire', { ...(label ? { label } : {}), ...(e.delay !== undefined && minutes(e.delay) !== 0 ? { delay: e.delay } : {}) });
      if (e.type === 'cancel') edge(source, target, 'cancel', label ? { label } : {});
    }
  };

  const cards: MapCard[] = [];
  for (const inj of s.injects) {
    const key = cardKey('inject', inj.id);
    const t = inj.trigger;
    const place: Placement =
      t.type === 'time'
        ? { type: 'time', at: t.at, from: t.from ?? 'phase' }
        : t.type === 'condition'
          ? { type: 'condition', ...(t.delay !== undefined && minutes(t.delay) !== 0 ? { delay: t.delay } : {}) }
          : t.type === 'missed'
            ? { type: 'missed', task: t.task }
            : { type: 'manual' };
    if (t.type === 'condition') dependsOn(t.when, key, 'trigger');
    if (t.type === 'missed' && taskById.has(t.task)) edge(cardKey('task', t.task), key, 'missed');
    if (t.unless) dependsOn(t.unless, key, 'unless');
    effectEdges(key, inj.effects);
    const observations = (s.observations ?? []).filter((o) => (o.effects ?? []).some((e) => e.type === 'fire' && e.inject === inj.id)).map((o) => o.label);
    cards.push({
      key,
      kind: 'inject',
      id: inj.id,
      phase: inj.phase,
      title: inj.title,
      place,
      order: 0,
      marks: reach.injects.has(inj.id) ? [] : ['never-fires'],
      channel: inj.channel,
      from: inj.from,
      to: inj.to,
      ...(observations.length ? { observations } : {}),
    });
  }
  for (const task of s.tasks) {
    const key = cardKey('task', task.id);
    if (task.availableWhen) dependsOn(task.availableWhen, key, 'opens');
    if (task.kind === 'single' || task.kind === 'multiple') for (const o of task.options) effectEdges(key, o.effects, o.label);
    else effectEdges(key, task.effects);
    const neverOffered = task.kind === 'single' || task.kind === 'multiple' ? task.options.filter((o) => !reach.options.has(optionKey(task.id, o.id))).map((o) => ({ id: o.id, label: o.label })) : [];
    const d = task.deadline;
    cards.push({
      key,
      kind: 'task',
      id: task.id,
      phase: task.phase,
      title: task.title,
      place: task.availableWhen ? { type: 'when' } : { type: 'opens' },
      order: 0,
      marks: reach.tasks.has(task.id) ? [] : ['never-opens'],
      roles: task.roles,
      ...(task.signoff?.length ? { signoff: task.signoff } : {}),
      ...(d === undefined ? {} : { deadline: typeof d === 'object' && 'by' in d ? ('end' as const) : (d as Amount | { within: Amount; from: 'drill' }) }),
      ...(reach.tasks.has(task.id) && neverOffered.length ? { neverOffered } : {}),
    });
  }

  // order along each lane's time axis: a timed card by its time; a triggered one just after what
  // triggers it in the same lane (or after the lane's timed cards when nothing in the lane does)
  const byKey = new Map(cards.map((c) => [c.key, c]));
  const time = new Map<string, number>();
  for (const c of cards) {
    if (c.place.type === 'time') time.set(c.key, minutes(c.place.at) - (c.place.from === 'drill' ? (phaseStart.get(c.phase) ?? 0) : 0));
    if (c.place.type === 'opens') time.set(c.key, 0);
  }
  const lastTimed = new Map<PhaseId, number>();
  for (const c of cards) if (time.has(c.key)) lastTimed.set(c.phase, Math.max(lastTimed.get(c.phase) ?? 0, time.get(c.key) ?? 0));
  const incoming = new Map<string, string[]>();
  for (const e of edges.values()) if (e.kind !== 'unless' && e.kind !== 'cancel') incoming.set(e.target, [...(incoming.get(e.target) ?? []), e.source]);
  const timeOf = (key: string, seen: Set<string>): number => {
    const known = time.get(key);
    if (known !== undefined) return known;
    const c = byKey.get(key);
    if (!c) return 0;
    const sources = (incoming.get(key) ?? []).filter((k) => byKey.get(k)?.phase === c.phase && !seen.has(k));
    const t = sources.length ? Math.max(...sources.map((k) => timeOf(k, new Set([...seen, key])))) + 0.001 : (lastTimed.get(c.phase) ?? 0) + 1;
    time.set(key, t);
    return t;
  };
  for (const c of cards) timeOf(c.key, new Set());
  for (const p of PHASES) {
    const lane = cards.filter((c) => c.phase === p);
    const distinct = [...new Set(lane.map((c) => time.get(c.key) ?? 0))].sort((a, b) => a - b);
    for (const c of lane) c.order = distinct.indexOf(time.get(c.key) ?? 0);
  }

  const lanes: MapLane[] = PHASES.map((p) => {
    const ph = s.phases.find((x) => x.id === p);
    return {
      key: laneKey(p),
      id: p,
      title: ph?.title ?? { 'zh-CN': p, en: p },
      ...(ph?.timebox !== undefined ? { timebox: ph.timebox } : {}),
      marks: ph?.exit?.when && !reach.exits.has(p) ? ['exit-never'] : [],
      hasExit: ph?.exit?.when !== undefined,
    };
  });
  return { lanes, cards, edges: [...edges.values()], reach };
}
