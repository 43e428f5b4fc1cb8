/**
 * The XState machine built from a scenario: briefing → running (four phases, with a clock
 * that can pause) → ended. Guards and actions are the pure rules in ./rules; drill time comes
 * only from the events, so the machine has no timers of its own.
 */
import { assign, setup } from 'xstate';
import type { PhaseId } from '../scenario/schema';
import type { ScenarioIndex } from './compiled';
import { initialContext, type DrillContext } from './context';
import type { DrillEvent } from './events';
import { apply, applyAnswer, applyStart, applyCast, applyFire, applyObservation, applyRating, applySummary, autoExit, draft, enterPhase, exitAllowed, leavePhase, log, refusal } from './rules';

export function buildMachine(ix: ScenarioIndex) {
  const phaseState = (phase: PhaseId, next: PhaseId | null) => {
    const target = next ?? '#drill.ended';
    return {
      entry: { type: 'enterPhase' as const, params: { phase } },
      always: { guard: 'autoExit' as const, target },
      on: { 'PHASE.ADVANCE': { guard: 'accepted' as const, target, actions: 'record' as const } },
    };
  };

  /** Start, pause and resume: the status changes and the timeline says so (only a start opens anything). */
  const setStatus = (context: DrillContext, event: DrillEvent, status: 'running' | 'paused', kind: 'start' | 'pause' | 'resume') =>
    apply(
      ix,
      context,
      event,
      (d) => {
        if (event.type === 'DRILL.START') applyStart(ix, d, event);
        d.status = status;
        log(d, { t: d.now, seq: event.seq, kind });
      },
      kind === 'start',
    );

  /** Run while still in the phase being left: an advance its exit rule did not allow is an override. */
  const overrideReason = (context: DrillContext, event: DrillEvent) =>
    event.type === 'PHASE.ADVANCE' && !exitAllowed(ix, context) ? event.payload.reason : undefined;

  return setup({
    types: { context: {} as DrillContext, events: {} as DrillEvent },
    guards: {
      accepted: ({ context, event }) => refusal(ix, context, event) === null,
      autoExit: ({ context }) => autoExit(ix, context),
    },
    actions: {
      record: assign(({ context, event }) => apply(ix, context, event)),
      start: assign(({ context, event }) => setStatus(context, event, 'running', 'start')),
      pause: assign(({ context, event }) => setStatus(context, event, 'paused', 'pause')),
      resume: assign(({ context, event }) => setStatus(context, event, 'running', 'resume')),
      answer: assign(({ context, event }) => (event.type === 'TASK.ANSWER' ? apply(ix, context, event, (d) => applyAnswer(ix, d, event)) : context)),
      rate: assign(({ context, event }) => (event.type === 'TASK.RATE' ? apply(ix, context, event, (d) => applyRating(d, event)) : context)),
      fire: assign(({ context, event }) => (event.type === 'INJECT.FIRE' ? apply(ix, context, event, (d) => applyFire(ix, d, event)) : context)),
      note: assign(({ context, event }) =>
        event.type === 'NOTE.ADD'
          ? apply(ix, context, event, (d) => log(d, { t: d.now, seq: event.seq, kind: 'note', text: event.payload.text, ...(event.payload.role ? { role: event.payload.role } : {}) }), false)
          : context,
      ),
      observe: assign(({ context, event }) => (event.type === 'OBSERVATION.RECORD' ? apply(ix, context, event, (d) => applyObservation(ix, d, event)) : context)),
      summarise: assign(({ context, event }) => (event.type === 'SUMMARY.SET' ? apply(ix, context, event, (d) => applySummary(d, event), false) : context)),
      cast: assign(({ context, event }) => (event.type === 'ROLE.CAST' ? apply(ix, context, event, (d) => applyCast(d, event), false) : context)),
      enterPhase: assign(({ context, event }, params: { phase: PhaseId }) => {
        const d = draft(context);
        leavePhase(ix, d);
        enterPhase(ix, d, params.phase, event.seq, overrideReason(context, event));
        return d;
      }),
      finish: assign(({ context, event }) => {
        const d = draft(context);
        const override = overrideReason(context, event);
        const reason = event.type === 'DRILL.END' ? event.payload.reason : undefined;
        leavePhase(ix, d);
        d.status = 'ended';
        d.endedAt = d.now;
        if (d.scheduled.length) d.pendingAtEnd = d.scheduled.map((s) => ({ inject: s.inject, at: s.at }));
        d.scheduled = [];
        log(d, { t: d.now, seq: event.seq, kind: 'end', ...(override ? { override } : {}), ...(reason ? { reason } : {}) });
        return d;
      }),
    },
  }).createMachine({
    id: 'drill',
    context: initialContext(ix.scenario),
    initial: 'briefing',
    // Notes, observations, ratings and the leader's summary are taken during play and at the hot wash after it; seats change before and during play.
    on: {
      'NOTE.ADD': { guard: 'accepted', actions: 'note' },
      'OBSERVATION.RECORD': { guard: 'accepted', actions: 'observe' },
      'SUMMARY.SET': { guard: 'accepted', actions: 'summarise' },
      'TASK.RATE': { guard: 'accepted', actions: 'rate' },
      'ROLE.CAST': { guard: 'accepted', actions: 'cast' },
    },
    states: {
      briefing: { on: { 'DRILL.START': { guard: 'accepted', target: 'running', actions: 'start' } } },
      running: {
        type: 'parallel',
        on: {
          'CLOCK.TICK': { guard: 'accepted', actions: 'record' },
          'TASK.ANSWER': { guard: 'accepted', actions: 'answer' },
          'INJECT.FIRE': { guard: 'accepted', actions: 'fire' },
          'DRILL.END': { guard: 'accepted', target: 'ended', actions: 'record' },
        },
        states: {
          clock: {
            initial: 'ticking',
            states: {
              ticking: { on: { 'DRILL.PAUSE': { guard: 'accepted', target: 'paused', actions: 'pause' } } },
              paused: { on: { 'DRILL.RESUME': { guard: 'accepted', target: 'ticking', actions: 'resume' } } },
            },
          },
          phase: {
            initial: 'report',
            states: {
              report: phaseState('report', 'assess'),
              assess: phaseState('assess', 'escalate'),
              escalate: phaseState('escalate', 'resolve'),
              resolve: phaseState('resolve', null),
            },
          },
        },
      },
      // Not a final state: the facilitator may still add notes during the hot wash.
      ended: { entry: 'finish' },
    },
  });
}

export type DrillMachine = ReturnType<typeof buildMachine>;
