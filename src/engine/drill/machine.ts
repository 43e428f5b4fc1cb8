/**
 * The XState machine built from a scenario: briefing → the four phases, each with a clock that
 * is ticking or paused → ended. The machine's state is the drill's mode, kept nowhere else: each
 * state handles only the events its mode allows, and hands its mode to the rules (./rules) as
 * the params of their guards and actions. Drill time comes only from the events, so the machine
 * has no timers of its own.
 */
import { assign, setup } from 'xstate';
import type { PhaseId } from '../scenario/schema';
import { PHASES } from '../scenario/constants';
import type { ScenarioIndex } from './compile';
import { initialContext, type DrillContext, type DrillState, type Mode } from './context';
import type { DrillEvent, EventType } from './events';
import { apply, applyAnswer, applyApproval, applyCriterionRating, applyLesson, applyPeerReview, applyStart, applyCast, applyFire, applyObservation, applyRating, applySummary, autoExit, draft, enterPhase, exitAllowed, leavePhase, log, refusalIn } from './rules';
import { contextOf, modeOf, withMode } from './state';

/** An action's change to the drill, kept as the machine's context (the mode stays the state's). */
type Change = (ix: ScenarioIndex, context: DrillContext, event: DrillEvent, mode: Mode) => DrillState;

/** Start, pause and resume: the timeline says so (only a start opens anything). */
const clockChange =
  (kind: 'start' | 'pause' | 'resume'): Change =>
  (ix, context, event, mode) =>
    apply(ix, context, mode, event, (d) => {
      if (event.type === 'DRILL.START') applyStart(ix, d, event);
      // From here on the drill runs (or stands still): what settles after a start sees it running.
      d.status = kind === 'pause' ? 'paused' : 'running';
      log(d, { t: d.now, seq: event.seq, kind });
    }, kind === 'start');

/** What each event does to the drill; the machine says when it may happen. */
const CHANGES: Record<EventType, Change> = {
  'DRILL.START': clockChange('start'),
  'DRILL.PAUSE': clockChange('pause'),
  'DRILL.RESUME': clockChange('resume'),
  'CLOCK.TICK': (ix, c, e, m) => apply(ix, c, m, e),
  'PHASE.ADVANCE': (ix, c, e, m) => apply(ix, c, m, e),
  'DRILL.END': (ix, c, e, m) => apply(ix, c, m, e),
  'TASK.ANSWER': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'TASK.ANSWER' && applyAnswer(ix, d, e)),
  'TASK.RATE': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'TASK.RATE' && applyRating(d, e)),
  'INJECT.FIRE': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'INJECT.FIRE' && applyFire(ix, d, e)),
  'NOTE.ADD': (ix, c, e, m) =>
    apply(ix, c, m, e, (d) => e.type === 'NOTE.ADD' && log(d, { t: d.now, seq: e.seq, kind: 'note', text: e.payload.text, ...(e.payload.role ? { role: e.payload.role } : {}), ...(e.payload.by ? { by: e.payload.by } : {}) }), false),
  'OBSERVATION.RECORD': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'OBSERVATION.RECORD' && applyObservation(ix, d, e)),
  'SUMMARY.SET': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'SUMMARY.SET' && applySummary(d, e), false),
  'ROLE.CAST': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'ROLE.CAST' && applyCast(d, e), false),
  'TASK.APPROVE': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'TASK.APPROVE' && applyApproval(ix, d, e)),
  'CRITERION.RATE': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'CRITERION.RATE' && applyCriterionRating(d, e), false),
  'PEER.REVIEW': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'PEER.REVIEW' && applyPeerReview(d, e), false),
  'LESSON.ADD': (ix, c, e, m) => apply(ix, c, m, e, (d) => e.type === 'LESSON.ADD' && applyLesson(d, e), false),
};

/** Taken during play and at the hot wash after it (a seat changes only until the end). */
const ANY_TIME: EventType[] = ['NOTE.ADD', 'OBSERVATION.RECORD', 'SUMMARY.SET', 'TASK.RATE', 'CRITERION.RATE', 'LESSON.ADD'];
/** Each mode's events besides those that change it. */
const STAYING: Record<'briefing' | 'running' | 'paused' | 'ended', EventType[]> = {
  briefing: ['NOTE.ADD', 'ROLE.CAST'],
  running: [...ANY_TIME, 'ROLE.CAST', 'CLOCK.TICK', 'TASK.ANSWER', 'TASK.APPROVE', 'INJECT.FIRE'],
  // Paused, the clock stands still: a tick or a fired inject at the same second is still taken, answers wait.
  paused: [...ANY_TIME, 'ROLE.CAST', 'CLOCK.TICK', 'INJECT.FIRE'],
  // Peers review a round once it is over.
  ended: [...ANY_TIME, 'PEER.REVIEW'],
};

export function buildMachine(ix: ScenarioIndex) {
  const accepted = (mode: Mode) => ({ type: 'accepted' as const, params: mode });
  const record = (mode: Mode) => ({ type: 'record' as const, params: mode });
  const enter = (from: PhaseId | null, to: PhaseId) => ({ type: 'enter' as const, params: { from, to } });
  const finish = (mode: Mode) => ({ type: 'finish' as const, params: mode });
  const staying = (mode: Mode, status: keyof typeof STAYING) =>
    Object.fromEntries(STAYING[status].map((type) => [type, { guard: accepted(mode), actions: record(mode) }]));

  /** Leaving a phase: into the next one, or (from the last) to the end. */
  const onward = (phase: PhaseId) => {
    const next = PHASES[PHASES.indexOf(phase) + 1];
    const mode: Mode = { status: 'running', phase };
    return next ? { target: `#drill.${next}`, actions: enter(phase, next) } : { target: '#drill.ended', actions: finish(mode) };
  };

  const phaseState = (phase: PhaseId) => {
    const ticking: Mode = { status: 'running', phase };
    const paused: Mode = { status: 'paused', phase };
    const leave = onward(phase);
    const end = (mode: Mode) => ({ guard: accepted(mode), target: '#drill.ended', actions: [record(mode), finish(mode)] });
    return {
      initial: 'ticking' as const,
      states: {
        ticking: {
          always: { guard: { type: 'autoExit' as const, params: ticking }, ...leave },
          on: {
            ...staying(ticking, 'running'),
            'DRILL.PAUSE': { guard: accepted(ticking), target: 'paused', actions: record(ticking) },
            'PHASE.ADVANCE': { guard: accepted(ticking), target: leave.target, actions: [record(ticking), leave.actions] },
            'DRILL.END': end(ticking),
          },
        },
        paused: {
          on: {
            ...staying(paused, 'paused'),
            'DRILL.RESUME': { guard: accepted(paused), target: 'ticking', actions: record(paused) },
            'DRILL.END': end(paused),
          },
        },
      },
    };
  };

  /** An ended drill's phase is the last one played, which the static params cannot know. */
  const modeIn = (context: DrillContext, mode: Mode): Mode => (mode.status === 'ended' ? modeOf('ended', context) : mode);

  /** Run while still in the phase being left: an advance its exit rule did not allow is an override. */
  const overrideReason = (state: DrillState, event: DrillEvent) => (event.type === 'PHASE.ADVANCE' && !exitAllowed(ix, state) ? event.payload.reason : undefined);

  return setup({
    types: { context: {} as DrillContext, events: {} as DrillEvent },
    guards: {
      accepted: ({ context, event }, mode: Mode) => refusalIn(ix, context, modeIn(context, mode), event) === null,
      // Asked after every event: most phases have no automatic exit, which needs no copy of the state to say.
      autoExit: ({ context }, mode: Mode) => mode.phase !== null && ix.phases.get(mode.phase)?.exit.auto === true && autoExit(ix, withMode(context, mode)),
    },
    actions: {
      record: assign(({ context, event }, mode: Mode) => contextOf(CHANGES[event.type](ix, context, event, modeIn(context, mode)))),
      enter: assign(({ context, event }, { from, to }: { from: PhaseId | null; to: PhaseId }) => {
        const d = draft(context, { status: 'running', phase: from });
        const override = overrideReason(d, event);
        leavePhase(ix, d);
        enterPhase(ix, d, to, event.seq, override);
        return contextOf(d);
      }),
      finish: assign(({ context, event }, mode: Mode) => {
        const d = draft(context, mode);
        const override = overrideReason(d, event);
        const reason = event.type === 'DRILL.END' ? event.payload.reason : undefined;
        leavePhase(ix, d);
        d.endedAt = d.now;
        if (d.scheduled.length) d.pendingAtEnd = d.scheduled.map((s) => ({ inject: s.inject, at: s.at }));
        d.scheduled = [];
        log(d, { t: d.now, seq: event.seq, kind: 'end', ...(override ? { override } : {}), ...(reason ? { reason } : {}) });
        return contextOf(d);
      }),
    },
  }).createMachine({
    id: 'drill',
    context: initialContext(ix.scenario),
    initial: 'briefing',
    states: {
      briefing: {
        on: {
          ...staying({ status: 'briefing', phase: null }, 'briefing'),
          'DRILL.START': { guard: accepted({ status: 'briefing', phase: null }), target: 'report', actions: [record({ status: 'briefing', phase: null }), enter(null, 'report')] },
        },
      },
      report: phaseState('report'),
      assess: phaseState('assess'),
      escalate: phaseState('escalate'),
      resolve: phaseState('resolve'),
      // Not a final state: notes, observations, ratings and the leader's summary come at the hot wash too.
      ended: { on: staying({ status: 'ended', phase: null }, 'ended') },
    },
  });
}

export type DrillMachine = ReturnType<typeof buildMachine>;
