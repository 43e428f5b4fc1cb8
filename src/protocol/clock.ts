/** Drill time from the wall clock: the one formula the server, the console and the projector share. */
export const SPEEDS = [1, 2, 5] as const;
export type Speed = (typeof SPEEDS)[number];

/** Drill time `drill` (seconds) at wall time `wall` (ms), running at `speed`. */
export type ClockBase = { wall: number; drill: number; speed: Speed };

/** Drill time (seconds, fractional) at wall time `wallMs`; it stands still unless the drill runs. */
export function drillTimeAt(clock: ClockBase, running: boolean, now: number, wallMs: number): number {
  return running ? Math.max(now, clock.drill + ((wallMs - clock.wall) / 1000) * clock.speed) : now;
}

/** The clock after the drill starts, pauses, resumes or ends: drill time carries on from `now`. */
export const restarted = (clock: ClockBase, now: number, wallMs: number): ClockBase => ({ ...clock, wall: wallMs, drill: now });

/** The clock at another speed, carrying on from the drill time reached. */
export const atSpeed = (drillTime: number, speed: Speed, wallMs: number): ClockBase => ({ wall: wallMs, drill: drillTime, speed });

/** The clock moved straight on to `due`, the next inject or deadline. */
export const jumpedTo = (clock: ClockBase, due: number, drillTime: number, wallMs: number): ClockBase => ({ ...clock, wall: wallMs, drill: Math.max(due, drillTime) });

/** Whether a host must append a clock event now: the drill runs and its time has reached what falls due next. */
export const tickDue = (due: number | undefined, running: boolean, drillTime: number): boolean => due !== undefined && running && drillTime >= due;
