/**
 * What each seat may see of a drill, as plain data computed from the scenario and the drill's
 * state: the room's view (projector, observers) and a participant's view (the room's, plus its
 * own role's briefing, tasks and messages). The server sends these instead of the scenario and
 * the transcript; the one-laptop projector and role screens and the review render the same
 * views, so no screen outside the console is ever drawn from the answer key. What the room may
 * see of each event comes from the table of rights.
 */
import type { Debrief, Evidence } from '../debrief/types';
import type { Inject, LocalText, PhaseId, Scenario, Task } from '../scenario/schema';
import type { ScenarioIndex } from './compile';
import { logEntries, type DrillState, type FiredInject, type LogEntry, type Status, type TaskState } from './context';
import type { Answer } from './events';
import { holds } from './conditions';
import { fillLocal, fillParams } from './parameters';
import { RIGHTS } from './rights';

/** A player role as everyone may know it. */
export type RoleCard = { id: string; name: LocalText; department: LocalText; briefing: LocalText };

/** A fired inject as its audience reads it. */
export type InjectView = { id: string; at: number; seq: number; channel: Inject['channel']; from: LocalText | null; title: LocalText; content: LocalText; image?: string };

/** A choice of a task: its words only. */
export type Choice = { id: string; label: LocalText };

/** A task as the role that answers it sees it: the question, never the answer key. Choices are in display order. */
export type TaskBrief = { id: string; kind: Task['kind']; title: LocalText; prompt: LocalText; rule?: LocalText; choices: Choice[] };
/**
 * `signoff`: the task needs sign-off and an answer was proposed: who proposed it, the answer
 * (only to the role that gave it) and the roles whose approval it still waits for.
 */
export type OpenTask = TaskBrief & { openedAt: number; dueAt?: number; signoff?: { by: string; answer?: Answer; waiting: string[] } };
/** An answer waiting for this role's sign-off: the question, the answer proposed, who proposed it, and who else must still approve. */
export type ApprovalTask = TaskBrief & { by: string; answer: Answer; waiting: string[]; dueAt?: number };
/** An inject a participant seated in a simulated role may send (the customer's call): its words, and whether it was sent. */
export type PlayableInject = { id: string; channel: Inject['channel']; title: LocalText; content: LocalText; sent: boolean };
/** A task of this role that has been answered (the answer only when this role gave it). */
export type DoneTask = { id: string; title: LocalText; answeredAt: number; by: string; answer?: Answer };

/**
 * A question put to the room: an open task as everyone may know it, its title (as this drill
 * words it), the roles it is for and when it opened and falls due. Never its choices, scores or
 * who answered what.
 */
export type RoomQuestion = { id: string; title: LocalText; roles: string[]; openedAt: number; dueAt?: number };

/** The role board: per player role, its tasks done and open, and when the open ones fall due. */
export type BoardRow = { role: string; done: number; open: number; dueAts: number[] };
export type GaugeView = { id: string; label: LocalText; min: number; max: number; value: number };

/** The words the debrief names things with: titles and labels only. */
export type Glossary = {
  tasks: { id: string; title: LocalText; kind: Task['kind']; options?: Choice[] }[];
  injects: { id: string; title: LocalText }[];
  observations: { id: string; label: LocalText }[];
  /** The rubric's criteria (the facilitator's and peers' ratings name them). */
  rubric?: { id: string; title: LocalText }[];
  roles: { id: string; name: LocalText }[];
  variables: { id: string; label: LocalText }[];
  flags: { id: string; label: LocalText }[];
  phases: { id: PhaseId; title: LocalText }[];
  /** The parameters' names (a condition in the debrief may name one). */
  parameters?: { id: string; label: LocalText }[];
};

/** The debrief as the room sees it at the end: without the facilitator's notes, reasons and ratings. */
export type RoomDebrief = { debrief: Debrief; glossary: Glossary; timeline: LogEntry[]; events: number };

export type PublicView = {
  scenario: { id: string; version: string; title: LocalText; summary: LocalText };
  roles: RoleCard[];
  /** Simulated parties a participant may be seated in (the customers, the reporter): their names, for the seats shown. */
  simulatedRoles?: { id: string; name: LocalText }[];
  status: Status;
  phase: PhaseId | null;
  /** Drill time of the last event; the clock carries it on. */
  now: number;
  /** The story's time of day at the drill's start ("09:20"), when the scenario keeps one: story time is this plus drill time (`storyTime`). */
  storyClock?: string;
  /** Public injects fired, newest first. */
  injects: InjectView[];
  gauges: GaugeView[];
  board: BoardRow[];
  /** The open tasks as the room may know them (title, roles, deadline): the ROOM_QUESTIONS soonest due, in that order. */
  questions: RoomQuestion[];
  /** How many tasks are open in all (the room is told how many more there are). */
  questionsOpen: number;
  /** Who plays each role, as seats were taken (names by role id). */
  cast: Record<string, string>;
  summary?: { text: string; by: string; t: number };
  /** Once the drill has ended. */
  debrief?: RoomDebrief;
};

export type ParticipantView = PublicView & {
  role: { id: string; name: LocalText; department: LocalText; briefing: { public: LocalText; private?: LocalText } };
  /** This role gives the leader's summary at the hot wash. */
  leader: boolean;
  tasks: OpenTask[];
  done: DoneTask[];
  /** Injects addressed to this role or to everyone, newest first. */
  messages: InjectView[];
  /** Answers waiting for this role's sign-off. */
  approvals: ApprovalTask[];
  /** A seated simulated role: the injects it may send. */
  playable: PlayableInject[];
};

/** Who plays each role: the names given at setup, then as seats were taken and freed during the drill. */
export const castOf = (info: { participants?: Record<string, string> | undefined }, cast: Record<string, string>): Record<string, string> => ({ ...info.participants, ...cast });

/**
 * The order choices are shown in: fixed for a task, but unrelated to the order in the file, so
 * that where the right answer stands (first, last) tells a team nothing.
 */
export function displayOrder<T extends { id: string }>(taskId: string, choices: readonly T[]): T[] {
  const rank = (id: string) => {
    let h = 0x811c9dc5; // FNV-1a
    for (const ch of `${taskId}:${id}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193) >>> 0;
    return h;
  };
  return [...choices].sort((a, b) => rank(a.id) - rank(b.id));
}

const choicesOf = (task: Task): Choice[] =>
  displayOrder(task.id, (task.kind === 'single' || task.kind === 'multiple' ? task.options : task.kind === 'checklist' ? task.items : []).map((c) => ({ id: c.id, label: c.label })));

/** A task's question and choices, without scores, effects or feedback; `offered`: the options offered now (all, without it). */
export function taskBrief(task: Task, offered?: (id: string) => boolean): TaskBrief {
  const choices = choicesOf(task);
  return { id: task.id, kind: task.kind, title: task.title, prompt: task.prompt, ...(task.rule ? { rule: task.rule } : {}), choices: offered ? choices.filter((c) => offered(c.id)) : choices };
}

/** The options of a task not offered now (their `availableWhen` no longer holds), as a key: an open task's brief is remade when it changes. */
function unavailable(task: Task, ctx: DrillState): string {
  if (task.kind !== 'single' && task.kind !== 'multiple') return '';
  return task.options.filter((o) => o.availableWhen && !holds(o.availableWhen, ctx)).map((o) => o.id).join(',');
}

/**
 * An inject in the words it is (or would be) read in at drill time `at`: the variant shown when
 * it fired (if any), with story time and the drill's parameters filled in.
 */
export function injectWords(s: Scenario, ctx: DrillState, inject: Inject, at: number, variant?: number): Inject {
  const fill = (text: LocalText) => fillLocal(text, s, at, ctx.params);
  const words = (variant !== undefined ? inject.variants?.[variant] : undefined) ?? inject;
  return { ...inject, title: fill(words.title), content: fill(words.content), ...(inject.expectedAction ? { expectedAction: fill(inject.expectedAction) } : {}) };
}

/** A fired inject's card. */
function injectView(s: Scenario, ctx: DrillState, inject: Inject, f: FiredInject): InjectView {
  const from = s.roles.find((r) => r.id === inject.from)?.name ?? null;
  const words = injectWords(s, ctx, inject, f.at, f.variant);
  return { id: inject.id, at: f.at, seq: f.seq, channel: inject.channel, from, title: words.title, content: words.content, ...(inject.image ? { image: inject.image } : {}) };
}

/** Fired injects that pass `show`, newest first. */
/**
 * Views are made for every seat after every event, and a host sends only what changed: parts
 * that did not change are kept as the same objects (a fired inject's card, an open task's brief,
 * a list whose items are all the same), so they are compared and serialised once. The drill's
 * state is copied on write, so an unchanged task or inject keeps its state object.
 */
const injectCards = new WeakMap<FiredInject, InjectView>();
const openTasks = new WeakMap<TaskState, Map<string, OpenTask>>();
const approvalCards = new WeakMap<TaskState, ApprovalTask>();
const questionCards = new WeakMap<TaskState, RoomQuestion>();
const doneTasks = new WeakMap<TaskState, Map<string, DoneTask>>();
const roleCards = new WeakMap<ScenarioIndex, Map<string, ParticipantView['role']>>();
const lists = new WeakMap<ScenarioIndex, Map<string, readonly unknown[]>>();

/** `list`, or the list made last time under `key` when it holds the same items. */
function kept<T>(c: ScenarioIndex, key: string, list: T[]): T[] {
  let byKey = lists.get(c);
  if (!byKey) lists.set(c, (byKey = new Map()));
  const before = byKey.get(key) as T[] | undefined;
  if (before && before.length === list.length && before.every((x, i) => x === list[i])) return before;
  byKey.set(key, list);
  return list;
}

function fired(c: ScenarioIndex, ctx: DrillState, key: string, show: (i: Inject) => boolean): InjectView[] {
  const order = (id: string) => c.scenario.injects.findIndex((i) => i.id === id);
  const views = Object.entries(ctx.injects)
    .flatMap(([id, f]) => {
      const inject = c.injects.get(id);
      if (!inject || !show(inject)) return [];
      let view = injectCards.get(f);
      if (!view) injectCards.set(f, (view = injectView(c.scenario, ctx, inject, f)));
      return [{ view, order: order(id) }];
    })
    .sort((a, b) => b.view.at - a.view.at || b.view.seq - a.view.seq || b.order - a.order)
    .map((x) => x.view);
  return kept(c, key, views);
}

/** What of a scenario every view shares, made once per scenario: views are made for every seat after every event. */
type Fixed = { scenario: PublicView['scenario']; roles: RoleCard[]; simulatedRoles: { id: string; name: LocalText }[]; tasksOf: Map<string, Task[]>; signsOf: Map<string, Task[]>; playableOf: Map<string, Inject[]> };
const fixedParts = new WeakMap<ScenarioIndex, Fixed>();

function fixed(c: ScenarioIndex): Fixed {
  let f = fixedParts.get(c);
  if (!f) {
    const s = c.scenario;
    const tasksOf = new Map<string, Task[]>(c.playerRoles.map((r) => [r, s.tasks.filter((t) => t.roles.includes(r))]));
    f = {
      scenario: { id: s.id, version: s.version, title: s.title, summary: s.summary },
      roles: s.roles.filter((r) => r.kind === 'player').map((r) => ({ id: r.id, name: r.name, department: r.department, briefing: r.briefing.public })),
      simulatedRoles: s.roles.filter((r) => r.kind === 'simulated' && c.seatRoles.includes(r.id)).map((r) => ({ id: r.id, name: r.name })),
      tasksOf,
      signsOf: new Map(c.playerRoles.map((r) => [r, s.tasks.filter((t) => t.signoff?.includes(r))])),
      playableOf: new Map(c.seatRoles.map((r) => [r, s.injects.filter((i) => i.playable && i.from === r)])),
    };
    fixedParts.set(c, f);
  }
  return f;
}

/** In one pass over the tasks: each one counts for its owner (its first role). */
function board(c: ScenarioIndex, ctx: DrillState): BoardRow[] {
  const rows = new Map<string, BoardRow>(c.playerRoles.map((role) => [role, { role, done: 0, open: 0, dueAts: [] }]));
  for (const t of c.scenario.tasks) {
    const state = ctx.tasks[t.id];
    const row = state && rows.get(t.roles[0] ?? '');
    if (!state || !row) continue;
    if (state.answer !== undefined) row.done++;
    else {
      row.open++;
      if (state.dueAt !== undefined) row.dueAts.push(state.dueAt);
    }
  }
  return [...rows.values()];
}

/**
 * How many open questions the room is shown. Only these travel to every seat with each change:
 * a drill with hundreds of open tasks would otherwise send them all to every laptop after every answer.
 */
export const ROOM_QUESTIONS = 4;

/** Which of two open tasks the room sees first: the sooner due, then the sooner opened (then the scenario's order). */
const sooner = (a: TaskState, b: TaskState) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.openedAt - b.openedAt;

/** The open tasks as the room may know them, the soonest due first: a card per task kept while its state is the same. */
function questions(c: ScenarioIndex, ctx: DrillState): { shown: RoomQuestion[]; open: number } {
  // One pass keeping the ROOM_QUESTIONS soonest: no list of every open task, no sort of it.
  const top: { task: Task; state: TaskState }[] = [];
  let open = 0;
  for (const task of c.scenario.tasks) {
    const state = ctx.tasks[task.id];
    if (!state || state.answer !== undefined) continue;
    open++;
    const last = top[top.length - 1];
    if (top.length === ROOM_QUESTIONS && last && sooner(state, last.state) >= 0) continue;
    let at = top.length;
    while (at > 0 && sooner(state, (top[at - 1] as { state: TaskState }).state) < 0) at--;
    top.splice(at, 0, { task, state });
    if (top.length > ROOM_QUESTIONS) top.pop();
  }
  const shown = top.map(({ task, state }) => {
    let card = questionCards.get(state);
    if (!card) {
      const title = fillLocal(task.title, c.scenario, state.openedAt, ctx.params);
      card = { id: task.id, title, roles: [...task.roles], openedAt: state.openedAt, ...(state.dueAt !== undefined ? { dueAt: state.dueAt } : {}) };
      questionCards.set(state, card);
    }
    return card;
  });
  return { shown: kept(c, 'questions', shown), open };
}

/** What the room sees: phase, clock, public injects and gauges, the role board, the questions open to the room, and the debrief once it has ended. */
export function publicView(c: ScenarioIndex, ctx: DrillState, debrief?: () => Debrief): PublicView {
  const s = c.scenario;
  const { scenario, roles, simulatedRoles } = fixed(c);
  const open = questions(c, ctx);
  const view: PublicView = {
    scenario,
    roles,
    ...(simulatedRoles.length ? { simulatedRoles } : {}),
    status: ctx.status,
    phase: ctx.phase,
    now: ctx.now,
    ...(s.storyClock ? { storyClock: s.storyClock } : {}),
    injects: fired(c, ctx, 'injects', (i) => i.public),
    gauges: s.variables.filter((v) => v.public).map((v) => ({ id: v.id, label: v.label, min: v.min, max: v.max, value: ctx.vars[v.id] ?? v.initial })),
    board: board(c, ctx),
    questions: open.shown,
    questionsOpen: open.open,
    cast: ctx.cast,
  };
  if (ctx.summary && RIGHTS['SUMMARY.SET'].see === 'everyone') view.summary = { text: ctx.summary.text, by: ctx.summary.by, t: ctx.summary.t };
  if (ctx.status === 'ended' && debrief) view.debrief = roomDebrief(c, ctx, debrief());
  return view;
}

function roleCard(c: ScenarioIndex, role: Scenario['roles'][number]): ParticipantView['role'] {
  let cards = roleCards.get(c);
  if (!cards) roleCards.set(c, (cards = new Map()));
  let card = cards.get(role.id);
  if (!card) cards.set(role.id, (card = { id: role.id, name: role.name, department: role.department, briefing: role.briefing }));
  return card;
}

/** The words of a task as this drill says them (parameters and story time filled in). */
function filledBrief(c: ScenarioIndex, ctx: DrillState, task: Task, at: number, offered?: (id: string) => boolean): TaskBrief {
  const brief = taskBrief(task, offered);
  const fill = (text: LocalText) => fillLocal(text, c.scenario, at, ctx.params);
  return { ...brief, title: fill(brief.title), prompt: fill(brief.prompt), ...(brief.rule ? { rule: fill(brief.rule) } : {}) };
}

/** Signers a proposed answer still waits for. */
export const waitingFor = (task: Task, state: TaskState) => (task.signoff ?? []).filter((r) => !state.approvals?.some((a) => a.role === r));

/** An open task as its role sees it; kept while its state and the options offered stay the same. */
function openTask(c: ScenarioIndex, ctx: DrillState, task: Task, state: TaskState, roleId: string): OpenTask {
  const off = unavailable(task, ctx);
  const key = `${roleId}|${off}`;
  let byKey = openTasks.get(state);
  if (!byKey) openTasks.set(state, (byKey = new Map()));
  let open = byKey.get(key);
  if (!open) {
    const hidden = new Set(off ? off.split(',') : []);
    const p = state.proposal;
    open = {
      ...filledBrief(c, ctx, task, state.openedAt, hidden.size ? (id) => !hidden.has(id) : undefined),
      openedAt: state.openedAt,
      ...(state.dueAt !== undefined ? { dueAt: state.dueAt } : {}),
      ...(p ? { signoff: { by: p.by, ...(p.by === roleId ? { answer: p.answer } : {}), waiting: waitingFor(task, state) } } : {}),
    };
    byKey.set(key, open);
  }
  return open;
}

/** The answers waiting for this role's sign-off. */
function approvalsFor(c: ScenarioIndex, ctx: DrillState, roleId: string): ApprovalTask[] {
  const out: ApprovalTask[] = [];
  for (const task of fixed(c).signsOf.get(roleId) ?? []) {
    const state = ctx.tasks[task.id];
    const p = state?.proposal;
    if (!state || !p || state.answer !== undefined || state.approvals?.some((a) => a.role === roleId)) continue;
    let item = approvalCards.get(state);
    if (!item) {
      item = { ...filledBrief(c, ctx, task, state.openedAt), by: p.by, answer: p.answer, waiting: waitingFor(task, state), ...(state.dueAt !== undefined ? { dueAt: state.dueAt } : {}) };
      approvalCards.set(state, item);
    }
    out.push(item);
  }
  return kept(c, `approvals:${roleId}`, out);
}

/** What a seated simulated role may send, and whether it was sent. */
function playableFor(c: ScenarioIndex, ctx: DrillState, roleId: string): PlayableInject[] {
  const list = (fixed(c).playableOf.get(roleId) ?? []).map((i) => {
    const fill = (text: LocalText) => fillLocal(text, c.scenario, ctx.now, ctx.params);
    return { id: i.id, channel: i.channel, title: fill(i.title), content: fill(i.content), sent: ctx.injects[i.id] !== undefined };
  });
  const before = lists.get(c)?.get(`playable:${roleId}`) as PlayableInject[] | undefined;
  // The words change only with story time; what a seat needs to follow is whether each was sent.
  if (before && before.length === list.length && before.every((x, i) => x.sent === list[i]?.sent)) return before;
  return kept(c, `playable:${roleId}`, list);
}

/**
 * What one role's participant sees: the room's view, its briefing, its open and answered tasks,
 * the answers waiting for its sign-off, and its messages; a participant seated in a simulated
 * role sees its briefing, its messages and the injects it may send. `room`: the room's view at
 * this moment, when already made (a host making views for every role shares it).
 */
export function participantView(c: ScenarioIndex, ctx: DrillState, roleId: string, debrief?: () => Debrief, room?: PublicView): ParticipantView | null {
  const role = c.scenario.roles.find((r) => r.id === roleId && c.seatRoles.includes(r.id));
  if (!role) return null;
  return { ...(room ?? publicView(c, ctx, debrief)), ...roleParts(c, ctx, role) };
}

type RoleParts = Omit<ParticipantView, keyof PublicView>;
/** A role's own parts of its view, with what they were made from: made again only when that changed. */
const madeParts = new WeakMap<ScenarioIndex, Map<string, { from: readonly unknown[]; parts: RoleParts }>>();

/**
 * What a role's own parts are made from: the states of its tasks (open, answered, proposed,
 * signed) and of the tasks it signs off, and the injects fired (its messages, what it may send).
 * An open task whose options come and go with a condition depends on the whole drill: no reuse then.
 */
function madeFrom(c: ScenarioIndex, ctx: DrillState, roleId: string): readonly unknown[] | null {
  const f = fixed(c);
  const from: unknown[] = [ctx.injects, ctx.params];
  for (const list of [f.tasksOf.get(roleId), f.signsOf.get(roleId)]) {
    for (const task of list ?? []) {
      const state = ctx.tasks[task.id];
      if (state && state.answer === undefined && (task.kind === 'single' || task.kind === 'multiple') && task.options.some((o) => o.availableWhen)) return null;
      from.push(state);
    }
  }
  return from;
}

function roleParts(c: ScenarioIndex, ctx: DrillState, role: Scenario['roles'][number]): RoleParts {
  const roleId = role.id;
  const from = madeFrom(c, ctx, roleId);
  let byRole = madeParts.get(c);
  if (!byRole) madeParts.set(c, (byRole = new Map()));
  const before = byRole.get(roleId);
  // Views are made for every seat after every event: most events leave most roles' own parts as they were.
  if (from && before && before.from.length === from.length && before.from.every((x, i) => x === from[i])) return before.parts;
  const tasks: OpenTask[] = [];
  const done: DoneTask[] = [];
  for (const task of fixed(c).tasksOf.get(roleId) ?? []) {
    const state = ctx.tasks[task.id];
    if (!state) continue;
    if (state.answer && state.answeredAt !== undefined) {
      let byRoleDone = doneTasks.get(state);
      if (!byRoleDone) doneTasks.set(state, (byRoleDone = new Map()));
      let item = byRoleDone.get(roleId);
      if (!item) {
        const by = state.answeredBy ?? '';
        // A colleague's answer to a shared task: that it was done, never what it said.
        item = { id: task.id, title: task.title, answeredAt: state.answeredAt, by, ...(by === roleId ? { answer: state.answer } : {}) };
        byRoleDone.set(roleId, item);
      }
      done.push(item);
    } else tasks.push(openTask(c, ctx, task, state, roleId));
  }
  tasks.sort((a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity));
  const parts: RoleParts = {
    role: roleCard(c, role),
    leader: c.scenario.leader === roleId,
    tasks: kept(c, `tasks:${roleId}`, tasks),
    done: kept(c, `done:${roleId}`, done),
    messages: fired(c, ctx, `messages:${roleId}`, (i) => i.to === 'all' || i.to.includes(roleId)),
    approvals: approvalsFor(c, ctx, roleId),
    playable: playableFor(c, ctx, roleId),
  };
  if (from) byRole.set(roleId, { from, parts });
  else byRole.delete(roleId);
  return parts;
}

/** The ids a value mentions, by kind: every `task`, `inject`, … field (and list) anywhere inside it. */
function mentioned(value: unknown): Record<'task' | 'inject' | 'observation' | 'role' | 'var' | 'flag' | 'phase' | 'option', Set<string>> {
  const found = { task: new Set<string>(), inject: new Set<string>(), observation: new Set<string>(), role: new Set<string>(), var: new Set<string>(), flag: new Set<string>(), phase: new Set<string>(), option: new Set<string>() };
  const FIELDS: Record<string, keyof typeof found> = { task: 'task', tasks: 'task', inject: 'inject', injects: 'inject', observation: 'observation', role: 'role', by: 'role', owner: 'role', var: 'var', flag: 'flag', phase: 'phase', atLeast: 'phase', cutShort: 'phase', option: 'option' };
  const walk = (x: unknown, kind?: keyof typeof found): void => {
    if (typeof x === 'string') {
      if (kind) found[kind].add(x);
    } else if (Array.isArray(x)) for (const item of x) walk(item, kind);
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, FIELDS[k]);
  };
  walk(value);
  return found;
}

/** Names of what `about` mentions (a debrief and its timeline), and nothing else of the scenario. */
export function glossaryOf(s: Scenario, about?: unknown): Glossary {
  const m = about === undefined ? null : mentioned(about);
  const keep = (kind: keyof ReturnType<typeof mentioned>) => (x: { id: string }) => m === null || m[kind].has(x.id);
  return {
    tasks: s.tasks.filter(keep('task')).map((t) => ({
      id: t.id,
      title: t.title,
      kind: t.kind,
      ...(t.kind === 'single' || t.kind === 'multiple' ? { options: t.options.filter(keep('option')).map((o) => ({ id: o.id, label: o.label })) } : {}),
    })),
    injects: s.injects.filter(keep('inject')).map((i) => ({ id: i.id, title: i.title })),
    observations: s.observations.filter(keep('observation')).map((o) => ({ id: o.id, label: o.label })),
    roles: s.roles.filter(keep('role')).map((r) => ({ id: r.id, name: r.name })),
    variables: s.variables.filter(keep('var')).map((v) => ({ id: v.id, label: v.label })),
    flags: s.flags.filter(keep('flag')).map((f) => ({ id: f.id, label: f.label })),
    phases: s.phases.map((p) => ({ id: p.id, title: p.title })),
    rubric: s.rubric.map((r) => ({ id: r.id, title: r.title })),
    ...(s.parameters.length ? { parameters: s.parameters.map((p) => ({ id: p.id, label: p.label })) } : {}),
  };
}

/** The event type behind each kind of timeline entry, to ask the table of rights what the room may see of it. */
const ENTRY_EVENT: Record<LogEntry['kind'], keyof typeof RIGHTS> = {
  start: 'DRILL.START',
  pause: 'DRILL.PAUSE',
  resume: 'DRILL.RESUME',
  end: 'DRILL.END',
  phase: 'PHASE.ADVANCE',
  inject: 'INJECT.FIRE',
  'task-open': 'CLOCK.TICK',
  answer: 'TASK.ANSWER',
  propose: 'TASK.ANSWER',
  approve: 'TASK.APPROVE',
  rating: 'TASK.RATE',
  'deadline-missed': 'CLOCK.TICK',
  cancel: 'CLOCK.TICK',
  note: 'NOTE.ADD',
  observation: 'OBSERVATION.RECORD',
  summary: 'SUMMARY.SET',
  cast: 'ROLE.CAST',
  'criterion-rating': 'CRITERION.RATE',
  'peer-review': 'PEER.REVIEW',
  lesson: 'LESSON.ADD',
};

/** The timeline as the room's debrief shows it: entries the room may see, without the facilitator's words. */
export function roomTimeline(entries: readonly LogEntry[]): LogEntry[] {
  return entries.flatMap((e) => {
    const rights = RIGHTS[ENTRY_EVENT[e.kind]];
    if (!rights.debrief) return [];
    const copy: Record<string, unknown> = { ...e };
    for (const field of rights.private ?? []) delete copy[field];
    return [copy as LogEntry];
  });
}

const withoutNote = (e: Evidence): Evidence => {
  if (e.kind !== 'observed' || e.note === undefined) return e;
  const { note: _private, ...rest } = e;
  return rest;
};

/** The debrief for the room: scores, evidence and feedback, without notes, override reasons or observers' remarks. */
export function roomDebrief(c: ScenarioIndex, ctx: DrillState, d: Debrief): RoomDebrief {
  const debrief: Debrief = {
    ...d,
    criteria: d.criteria.map((cr) => ({ ...cr, evidence: cr.evidence.map(withoutNote), measures: cr.measures.map((m) => ({ ...m, evidence: m.evidence.map(withoutNote) })) })),
    notes: [],
    overrides: [],
    observations: d.observations.map(({ note: _private, ...o }) => o),
  };
  const timeline = roomTimeline(logEntries(ctx));
  return { debrief, glossary: fillParams(glossaryOf(c.scenario, [debrief, timeline]), ctx.params), timeline, events: ctx.lastSeq };
}
