/** Drill time from the wall clock: the one formula the server, the console and the projector share. */
export const SPEEDS = [1, 2, 5] as const;
export type Speed = (typeof SPEEDS)[number];

/** Drill time `drill` (seconds) at wall time `wall` (ms), running at `speed`. */
export type ClockBase = { wall: number; drill: number; speed: Speed };

/** Drill time (seconds, fractional) at wall time `wallMs`; it stands still unless the drill runs. */
export function drillTimeAt(clock: ClockBase, running: boolean, now: number, wallMs: number): number {
  return running ? Math.max(now, clock.drill + ((wallMs - clock.wall) / 1000) * clock.speed) : now;
}
