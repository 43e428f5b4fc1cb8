/**
 * The server's log: one JSON line per entry (pino) with time, level and, where they apply,
 * session and seat. Refusals from one connection are summarised, not repeated: a client that
 * sends thousands of bad messages costs a few lines.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** LOG_LEVEL (default info) to stdout; tests pass their own destination. */
export function createLogger(destination?: { write: (line: string) => void }, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label: string) => ({ level: label }) } };
  return destination ? pino(options, destination) : pino(options);
}

/** Errors a client causes by going away (a closed tab, a lost Wi-Fi): normal, not the server's fault. */
export function isClientAbort(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED' || code === 'ERR_STREAM_PREMATURE_CLOSE' || message === 'aborted';
}

/** Per connection: the first few refusals each minute are logged in full, then counted and summarised every 10 s and at the end. */
export class RefusalLog {
  private window = 0;
  private inWindow = 0;
  private suppressed = 0;
  private lastReason = '';
  private lastSummary = 0;

  constructor(
    private readonly log: () => Logger,
    private readonly full = 5,
  ) {}

  refused(reason: string, now = Date.now()): void {
    if (now - this.window >= 60_000) [this.window, this.inWindow] = [now, 0];
    if (this.inWindow < this.full) {
      this.inWindow++;
      this.log().info({ reason }, 'refused');
      return;
    }
    this.suppressed++;
    this.lastReason = reason;
    if (now - this.lastSummary >= 10_000) this.flush(now);
  }

  /** Logs the refusals counted since the last summary, if any. */
  flush(now = Date.now()): void {
    this.lastSummary = now;
    if (this.suppressed === 0) return;
    this.log().warn({ refusals: this.suppressed, lastReason: this.lastReason }, 'refused repeatedly');
    this.suppressed = 0;
  }
}
