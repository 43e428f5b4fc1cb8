/** Drill seconds as mm:ss (or h:mm:ss); negative values (overdue) get a minus sign. */
export function clock(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `${sign}${h ? `${h}:` : ''}${mm}:${ss}`;
}
