import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { transition } from 'xstate';
import { describe, expect, it } from 'vitest';
import { stateOf, compile, EVALUATOR, FACILITATOR, scoreDrill, REFUSAL_CODES, refusal, replay, RIGHTS, SYSTEM, EVENT_TYPES, type Command, type CompiledScenario, type DrillEvent } from '../../src/engine';
import { SERVER_REFUSAL_CODES } from '../../src/protocol/messages';
import { loadScenarioFile, scenarioFiles } from '../../src/node/scenarioFiles';
import { simulate } from '../../src/sim/simulate';
import { POLICIES } from '../../src/sim/policies';
import en from '../../src/i18n/locales/en.json';
import zh from '../../src/i18n/locales/zh-CN.json';
import { format2, mini } from '../helpers/drill';

/** One command of every type, with payloads that are sometimes acceptable and sometimes not. */
function candidates(c: CompiledScenario, e: { ctx: ReturnType<typeof replay>['final']['context'] }): Command[] {
  const s = c.scenario;
  const open = s.tasks.find((t) => e.ctx.tasks[t.id] && !e.ctx.tasks[t.id]?.answer);
  const closed = s.tasks.find((t) => !e.ctx.tasks[t.id]);
  const proposed = s.tasks.find((t) => e.ctx.tasks[t.id]?.proposal && !e.ctx.tasks[t.id]?.answer);
  const signed = s.tasks.find((t) => t.signoff);
  const text = s.tasks.find((t) => t.kind === 'text');
  const answer = (t: (typeof s.tasks)[number]): Command => ({
    type: 'TASK.ANSWER',
    payload: {
      task: t.id,
      role: t.roles[0] ?? '',
      answer: t.kind === 'single' ? { kind: 'single', option: t.options[0]?.id ?? 'x' } : t.kind === 'multiple' ? { kind: 'multiple', options: [t.options[0]?.id ?? 'x'] } : t.kind === 'checklist' ? { kind: 'checklist', items: [] } : { kind: 'text', text: 'x' },
    },
  });
  return [
    { type: 'DRILL.START', payload: {} },
    { type: 'CLOCK.TICK', payload: {} },
    { type: 'DRILL.PAUSE', payload: {} },
    { type: 'DRILL.RESUME', payload: {} },
    { type: 'PHASE.ADVANCE', payload: {} },
    { type: 'PHASE.ADVANCE', payload: { reason: 'time' } },
    { type: 'DRILL.END', payload: {} },
    { type: 'INJECT.FIRE', payload: { inject: s.injects.find((i) => !e.ctx.injects[i.id])?.id ?? 'none' } },
    { type: 'INJECT.FIRE', payload: { inject: s.injects[0]?.id ?? 'none' } },
    ...(open ? [answer(open)] : []),
    ...(closed ? [answer(closed)] : []),
    ...(text ? [{ type: 'TASK.RATE', payload: { task: text.id, rating: 'P' } } as Command] : []),
    { type: 'NOTE.ADD', payload: { text: 'note' } },
    { type: 'OBSERVATION.RECORD', payload: { observation: s.observations[0]?.id ?? 'none' } },
    { type: 'SUMMARY.SET', payload: { text: 'summary' } },
    { type: 'ROLE.CAST', payload: { role: c.playerRoles[0] ?? 'none', name: 'Li Na' } },
    { type: 'ROLE.CAST', payload: { role: c.playerRoles[0] ?? 'none' } },
    { type: 'ROLE.CAST', payload: { role: 'not-a-role', name: 'Li Na' } },
    ...(proposed?.signoff ? proposed.signoff.map((role): Command => ({ type: 'TASK.APPROVE', payload: { task: proposed.id, role } })) : []),
    ...(signed?.signoff ? [{ type: 'TASK.APPROVE', payload: { task: signed.id, role: signed.signoff[0] ?? '' } } as Command] : []),
    { type: 'TASK.APPROVE', payload: { task: s.tasks[0]?.id ?? 'none', role: c.playerRoles[0] ?? 'none' } },
    ...s.injects.filter((i) => i.playable).map((i): Command => ({ type: 'INJECT.FIRE', payload: { inject: i.id } })),
    { type: 'NOTE.ADD', payload: { text: 'seen from the back', by: 'Wang Fang' } },
    { type: 'OBSERVATION.RECORD', payload: { observation: s.observations[0]?.id ?? 'none', by: 'Wang Fang' } },
    { type: 'CRITERION.RATE', payload: { criterion: s.rubric[0]?.id ?? 'none', rating: 'S' } },
    { type: 'CRITERION.RATE', payload: { criterion: 'not-a-criterion', rating: 'S' } },
    { type: 'PEER.REVIEW', payload: { group: 'Group 2', reviewer: 'Zhao Lei', ratings: [{ criterion: s.rubric[0]?.id ?? 'none', rating: 'M', comment: 'slow to report' }] } },
    { type: 'PEER.REVIEW', payload: { group: 'Group 2', reviewer: 'Zhao Lei', ratings: [{ criterion: 'not-a-criterion', rating: 'M' }] } },
    { type: 'LESSON.ADD', payload: { text: 'Listen first, then explain' } },
    { type: 'ROLE.CAST', payload: { role: c.playerRoles[0] ?? 'none', name: 'Li Na', venue: 'County sub-branch' } },
  ];
}

/** Refusals that say the drill's mode does not allow the event: the statechart's states say the same by not handling it. */
const MODE_CODES = new Set(['not-started', 'already-started', 'ended', 'paused', 'already-paused', 'not-paused', 'not-ended']);

describe('one gate: the refusal check and the statechart agree', () => {
  const scenarios: [string, CompiledScenario][] = [['mini', mini()], ['format2-scenario.json', format2()], ...scenarioFiles().map((f): [string, CompiledScenario] => {
    const l = loadScenarioFile(f);
    if (!l.ok) throw new Error(f);
    return [f.split('/').pop() as string, compile(l.scenario)];
  })];

  const seen = new Set<string>();
  it.each(scenarios)('%s: every event type, every kind of sender, along simulated drills of every policy', (_name, c) => {
    // The statechart alone, without the refusal check as its guard: which events the drill's mode lets through.
    const structure = c.machine.provide({ guards: { accepted: () => true } });
    for (const policy of POLICIES) {
      const { steps } = replay(c, simulate(c, policy, 1));
      const states = [replay(c, []).final, ...steps.map((s) => s.snapshot)];
      states.forEach((snapshot, i) => {
        if (i % 3 !== 0 && i !== states.length - 1) return; // a sample keeps the test quick; the ends are always checked
        const paused = stateOf(snapshot).status === 'running' ? transition(c.machine, snapshot, { type: 'DRILL.PAUSE', payload: {}, seq: stateOf(snapshot).lastSeq + 1, t: stateOf(snapshot).now, actor: FACILITATOR } as DrillEvent)[0] : null;
        for (const state of paused ? [snapshot, paused] : [snapshot]) check(state);
      });
      function check(snapshot: (typeof states)[number]) {
        const ctx = stateOf(snapshot);
        const actors = [FACILITATOR, SYSTEM, EVALUATOR, ...c.playerRoles.slice(0, 2), ...(c.scenario.leader ? [c.scenario.leader] : []), ...c.seatRoles.filter((r) => !c.playerRoles.includes(r)), 'ghost'];
        for (const command of candidates(c, { ctx })) {
          for (const actor of actors) {
            const event = { ...command, seq: ctx.lastSeq + 1, t: ctx.now, actor } as DrillEvent;
            const refused = refusal(c, ctx, event);
            const next = transition(c.machine, snapshot, event)[0];
            const accepted = next.context.lastSeq === event.seq;
            expect(accepted, `${event.type} by ${actor} at #${event.seq}: refusal ${JSON.stringify(refused)}`).toBe(refused === null);
            expect(snapshot.can(event), `${event.type} by ${actor}: can`).toBe(refused === null);
            if (refused?.code !== 'not-allowed') {
              const modeAllows = transition(structure, structure.resolveState({ value: snapshot.value, context: snapshot.context }), event)[0].context.lastSeq === event.seq;
              expect(modeAllows, `${event.type} in ${JSON.stringify(snapshot.value)}: refusal ${JSON.stringify(refused)}`).toBe(!MODE_CODES.has(refused?.code ?? ''));
            }
            seen.add(`${event.type}:${refused === null ? 'ok' : 'refused'}`);
          }
        }
      }
    }
  });

  it('compared both answers, accepted and refused, for every event type', () => {
    for (const type of EVENT_TYPES) expect([...seen].filter((x) => x.startsWith(`${type}:`)).sort(), type).toEqual([`${type}:ok`, `${type}:refused`]);
  });

  it('has a right for every event type and no sender the engine does not know', () => {
    expect(Object.keys(RIGHTS).sort()).toEqual([...EVENT_TYPES].sort());
    for (const r of Object.values(RIGHTS)) for (const sender of r.send) expect(['facilitator', 'system', 'player', 'leader', 'simulated', 'evaluator']).toContain(sender);
  });
});

describe('refusals are codes, translated in one place', () => {
  const codes = [...REFUSAL_CODES, ...SERVER_REFUSAL_CODES];
  it('every code has an English and a Chinese text, the Chinese free of English words', () => {
    for (const code of codes) {
      expect((en.refusal as Record<string, string>)[code], code).toBeTruthy();
      const text = (zh.refusal as Record<string, string>)[code];
      expect(text, code).toBeTruthy();
      expect(text?.replace(/\{\{\w+\}\}|JSON/g, '').match(/[A-Za-z]{2,}/), code).toBeNull();
    }
  });

  it('no refusal sentence is written outside src/i18n', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
    const offenders = files('src')
      .filter((f) => !f.startsWith(join('src', 'i18n')) && /\.tsx?$/.test(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [`${f}:${i + 1}`, line] as const)
          .filter(([, line]) => /\brefuse\((c, )?['`"][^'`"]*\s|refusal: ['`"][^'`"]*\s|\{ code: ['`"][^'`"]*\s/.test(line)), // a code has no spaces; a sentence does
      );
    expect(offenders).toEqual([]);
  });
});

describe('group role-play events: ratings, peer reviews, lessons, evaluators, venues', () => {
  const c = mini();
  const s = c.scenario;
  const criterion = s.rubric[0]?.id ?? '';
  const stamp = (ctx: { lastSeq: number; now: number }, actor: string) => ({ seq: ctx.lastSeq + 1, t: ctx.now, actor });
  const play = (events: { type: DrillEvent['type']; payload: unknown; actor?: string }[]) => {
    let snap = replay(c, []).final;
    for (const e of events) {
      const ctx = stateOf(snap);
      const event = { type: e.type, payload: e.payload, ...stamp(ctx, e.actor ?? FACILITATOR) } as DrillEvent;
      const why = refusal(c, ctx, event);
      if (why) return { refused: why, ctx };
      snap = transition(c.machine, snap, event)[0];
    }
    return { refused: null, ctx: stateOf(snap) };
  };

  it('takes a peer review only once the drill has ended, and a second review by the same reviewer replaces the first', () => {
    const review = (rating: string) => ({ type: 'PEER.REVIEW' as const, actor: SYSTEM, payload: { group: 'Group 2', reviewer: 'Zhao Lei', ratings: [{ criterion, rating }] } });
    expect(play([{ type: 'DRILL.START', payload: {} }, review('M')]).refused?.code).toBe('not-ended');
    const ended = play([{ type: 'DRILL.START', payload: {} }, { type: 'DRILL.END', payload: {} }, review('M'), review('P')]);
    expect(ended.refused).toBeNull();
    expect(ended.ctx.peerReviews).toHaveLength(1);
    expect(ended.ctx.peerReviews[0]?.ratings[0]?.rating).toBe('P');
    // A participant's seat cannot record a review itself: only the host can, on a reviewer's behalf.
    const byRole = play([{ type: 'DRILL.START', payload: {} }, { type: 'DRILL.END', payload: {} }, { ...review('P'), actor: c.playerRoles[0] ?? '' }]);
    expect(byRole.refused?.code).toBe('not-allowed');
  });

  it('scores the engine, the facilitator and the peers side by side, with how far apart they are', () => {
    const { ctx } = play([
      { type: 'DRILL.START', payload: {} },
      { type: 'DRILL.END', payload: {} },
      { type: 'CRITERION.RATE', payload: { criterion, rating: 'P', comment: 'calm and clear' } },
      { type: 'PEER.REVIEW', actor: SYSTEM, payload: { group: 'Group 2', reviewer: 'Zhao Lei', ratings: [{ criterion, rating: 'U' }] } },
      { type: 'PEER.REVIEW', actor: SYSTEM, payload: { group: 'Group 2', reviewer: 'Qian Yu', ratings: [{ criterion, rating: 'M', comment: 'late report' }] } },
      { type: 'LESSON.ADD', payload: { text: 'Listen first' } },
    ]);
    const d = scoreDrill(c, ctx);
    const j = d.judgements.find((x) => x.criterion === criterion);
    expect(j?.facilitator).toEqual({ rating: 'P', comment: 'calm and clear' });
    expect(j?.peers.map((p) => p.rating)).toEqual(['U', 'M']);
    expect(j?.peer).toBe('U'); // the lower middle of an even count
    expect(j?.engine).toBe('U'); // ended at once: nothing earned
    expect(j?.spread).toBe(3);
    expect(d.lessons.map((l) => l.text)).toEqual(['Listen first']);
  });

  it('signs an evaluator\'s notes and observations with its name and records where each role sat', () => {
    const role = c.playerRoles[0] ?? '';
    const { refused, ctx } = play([
      { type: 'ROLE.CAST', payload: { role, name: 'Li Na', venue: 'County sub-branch' } },
      { type: 'DRILL.START', payload: {} },
      { type: 'NOTE.ADD', actor: EVALUATOR, payload: { text: 'the guard stood too close', by: 'Wang Fang' } },
      ...(s.observations[0] ? [{ type: 'OBSERVATION.RECORD' as const, actor: EVALUATOR, payload: { observation: s.observations[0].id, by: 'Wang Fang' } }] : []),
    ]);
    expect(refused).toBeNull();
    expect(ctx.venues[role]).toBe('County sub-branch');
    const d = scoreDrill(c, ctx);
    expect(d.notes.at(-1)).toMatchObject({ text: 'the guard stood too close', by: 'Wang Fang' });
    if (s.observations[0]) expect(d.observations.at(-1)?.by).toBe('Wang Fang');
    // An evaluator cannot steer the drill.
    expect(play([{ type: 'DRILL.START', payload: {} }, { type: 'DRILL.PAUSE', payload: {}, actor: EVALUATOR }]).refused?.code).toBe('not-allowed');
  });
});
