/**
 * Group commit: writes that arrive within a few milliseconds of each other (from any drill) are
 * committed together in one transaction, and each writer's promise resolves only after that
 * commit. One write that the database refuses does not fail the others: the group is then
 * committed again one write at a time, and only the refused one rejects.
 */
type Pending<T> = { item: T; resolve: () => void; reject: (error: unknown) => void };

export type GroupCommitOptions<T> = {
  /** Commits all the items in one transaction (all or none). */
  commitAll: (items: T[]) => Promise<void> | void;
  /**
   * How long the first write of a group waits for others (ms). 0: until the end of the event
   * loop's current turn (every write that arrived with it, e.g. all the messages read from the
   * network at once, shares the commit; no timer delay).
   */
  windowMs: number;
  /** A group never holds more than this many writes (the rest go in the next). */
  maxGroup?: number;
};

export class GroupCommit<T> {
  private pending: Pending<T>[] = [];
  private timer: { cancel: () => void } | undefined;
  /** The commit in progress, if any: the next group waits for it. */
  private running: Promise<void> | undefined;
  private readonly maxGroup: number;

  constructor(private readonly options: GroupCommitOptions<T>) {
    this.maxGroup = options.maxGroup ?? 500;
  }

  /** Resolves once `item` is committed; rejects if the database refused it. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxGroup) this.kick(0);
      else this.kick(this.options.windowMs);
    });
  }

  /** Commits whatever waits now, and waits for every commit under way. */
  async flush(): Promise<void> {
    while (this.pending.length || this.running) {
      if (this.running) await this.running;
      else this.start();
    }
  }

  private kick(delay: number): void {
    if (this.running) return; // the commit under way starts the next group when it ends
    if (this.timer && delay > 0) return;
    this.timer?.cancel();
    if (delay > 0) {
      const timeout = setTimeout(() => this.start(), delay);
      this.timer = { cancel: () => clearTimeout(timeout) };
    } else {
      const immediate = setImmediate(() => this.start());
      this.timer = { cancel: () => clearImmediate(immediate) };
    }
  }

  private start(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.running || this.pending.length === 0) return;
    const group = this.pending.splice(0, this.maxGroup);
    this.running = this.commit(group).finally(() => {
      this.running = undefined;
      // Writes that came while this group committed have waited long enough: they go now.
      if (this.pending.length) this.kick(0);
    });
  }

  private async commit(group: Pending<T>[]): Promise<void> {
    try {
      await this.options.commitAll(group.map((p) => p.item));
      for (const p of group) p.resolve();
      return;
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
    }
    // Something in the group was refused: each write on its own, so only that one fails.
    for (const p of group) {
      try {
        await this.options.commitAll([p.item]);
        p.resolve();
      } catch (error) {
        p.reject(error);
      }
    }
  }
}
