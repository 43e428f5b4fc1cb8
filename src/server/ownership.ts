/**
 * Several server processes on one PostgreSQL database: each session is served by exactly one
 * process, its owner (the one that created it), recorded in the database. A process heartbeats
 * its row every second; one unseen for `staleMs` is dead, and the first process asked about one
 * of its sessions takes it over (atomically: one process wins). The store's write fence
 * (`fenceWrites`) makes sure that a process appends only to sessions it owns, so a process
 * thought dead that is merely slow cannot fork a transcript.
 *
 * With SQLite there is one process: at start it retires every other recorded in the database
 * and so serves every session, as before.
 */
import type { Logger } from './log';
import { notifyPeer } from './proxy';
import type { DrillStore } from './store';
import { newId } from './tokens';

/** How often a process says it is alive. */
export const HEARTBEAT_MS = 1000;
/** A process unseen this long is dead: its sessions are taken over. */
export const STALE_MS = 5000;

/** The least time between two reads of the live processes for a request from an unknown one. */
const PEER_READ_MS = 250;

/** Where a session is served: here (owned, or just taken over), by another live process, or nowhere (no such session). */
export type Route = { at: 'here'; takenOver?: true } | { at: 'elsewhere'; url: string } | { at: 'unreachable' } | { at: 'nowhere' };

export type OwnershipOptions = {
  /** The URL other processes reach this one at (PROCESS_URL). */
  url: string;
  /** Whether other processes may share the database (PostgreSQL); false: this process is the only one (SQLite). */
  shared: boolean;
  staleMs?: number;
  heartbeatMs?: number;
  /** Told of sessions this process no longer owns (taken over by another while this one was unseen). */
  onLost?: (sessionIds: string[]) => void;
  /** The sessions open in this process, checked at every heartbeat. */
  open?: () => string[];
};

export class Ownership {
  /** New at every start: a restarted process is a new owner, and its predecessor's sessions are taken over. */
  readonly id = newId();
  readonly url: string;
  private readonly staleMs: number;
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  /** Ids of the other processes alive at the last heartbeat: a request forwarded by one of them is trusted (see `peer`). */
  private peers = new Set<string>();
  /** Reads of the live processes begun, and the newest of them finished (its answer is `peers`): counted, not timed, so a clock set back changes nothing. */
  private readsBegun = 0;
  private readDone = 0;
  private lastReadAt = 0;
  private peersReading: Promise<void> | undefined;

  constructor(
    private readonly store: DrillStore,
    private readonly log: Logger,
    private readonly options: OwnershipOptions,
  ) {
    this.url = options.url.replace(/\/+$/, '');
    this.staleMs = options.staleMs ?? STALE_MS;
  }

  /** Records this process, retires its predecessors, fences the store's writes and starts the heartbeat. */
  async start(): Promise<void> {
    await this.store.heartbeat({ id: this.id, url: this.url });
    // A predecessor at this address is gone (this process listens there now); with SQLite, every other is.
    if (!this.options.shared) await this.store.retireProcesses({ except: this.id });
    else if (this.url) await this.store.retireProcesses({ url: this.url, except: this.id });
    this.store.fenceWrites(this.id);
    if (this.options.shared) await this.refreshPeers();
    this.timer = setInterval(() => {
      this.beating ??= this.beat().finally(() => (this.beating = undefined));
    }, this.options.heartbeatMs ?? HEARTBEAT_MS);
    this.timer.unref();
  }

  /** Stops the heartbeat; `retire`: this process is gone (a clean stop), its sessions are taken over at once rather than after `staleMs`. */
  async stop(retire: boolean): Promise<void> {
    clearInterval(this.timer);
    await this.beating;
    if (retire && this.options.shared && this.url) await this.store.retireProcesses({ url: this.url, except: '' });
  }

  /**
   * Whether `processId` (from a forwarded request's header) is another live process of this
   * database. One not known yet (started since the last heartbeat) is looked up.
   */
  async peer(processId: string | undefined): Promise<boolean> {
    if (!this.options.shared || processId === undefined || processId === this.id) return false;
    if (this.peers.has(processId)) return true;
    // A process started since the last read is found by a read begun after this request arrived
    // (it recorded itself before it could forward anything); whatever ids clients make up, the
    // database is read at most every PEER_READ_MS, the requests waiting for the next read.
    const asked = this.readsBegun;
    while (this.readDone <= asked) await (this.peersReading ??= this.nextPeersRead().finally(() => (this.peersReading = undefined)));
    return this.peers.has(processId);
  }

  private async nextPeersRead(): Promise<void> {
    const wait = Math.min(PEER_READ_MS, this.lastReadAt + PEER_READ_MS - Date.now());
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.refreshPeers();
  }

  private async refreshPeers(): Promise<void> {
    const read = ++this.readsBegun;
    this.lastReadAt = Date.now();
    const live = await this.store.liveProcesses(this.staleMs);
    // A read that began earlier (the heartbeat's) and ends later does not replace a newer answer.
    if (read <= this.readDone) return;
    this.readDone = read;
    this.peers = new Set(live.map((p) => p.id).filter((id) => id !== this.id));
  }

  private async beat(): Promise<void> {
    try {
      await this.store.heartbeat({ id: this.id, url: this.url });
      if (!this.options.shared) return;
      await this.refreshPeers();
      // Sessions taken over while this process was unseen (a long stall): no longer served here.
      const open = this.options.open?.() ?? [];
      if (open.length === 0) return;
      const owned = new Set(await this.store.ownedSessions(this.id, open));
      const lost = open.filter((id) => !owned.has(id));
      if (lost.length) {
        this.log.warn({ sessions: lost }, 'sessions taken over by another process: no longer served here');
        this.options.onLost?.(lost);
      }
    } catch (error) {
      this.log.error({ err: error instanceof Error ? error.message : String(error) }, 'heartbeat failed');
    }
  }

  /** POSTs `path` to every other live process (see server.ts, /api/peer/…); those that cannot be reached are skipped. */
  async tellPeers(path: string): Promise<void> {
    if (!this.options.shared) return;
    const peers = (await this.store.liveProcesses(this.staleMs)).filter((p) => p.id !== this.id && p.url && p.url !== this.url);
    let missed = await this.notify(peers.map((p) => p.url), path);
    // Once more a heartbeat later: a process that was busy or just starting.
    if (missed.length) {
      await new Promise((resolve) => setTimeout(resolve, this.options.heartbeatMs ?? HEARTBEAT_MS));
      missed = await this.notify(missed, path);
    }
    if (missed.length) this.log.warn({ path, missed }, 'could not tell some server processes');
  }

  /** The URLs of those that did not take it. */
  private async notify(urls: string[], path: string): Promise<string[]> {
    const told = await Promise.all(urls.map((url) => notifyPeer(url, path, this.id)));
    return urls.filter((_, i) => !told[i]);
  }

  /** Where the session is served; a session without a live owner is taken over by this process. */
  async route(sessionId: string): Promise<Route> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const owner = await this.store.sessionOwner(sessionId, this.staleMs);
      if (owner?.id === this.id) return { at: 'here' };
      if (owner?.alive) {
        // A live process serves it. One without a URL, or at this process's own (two processes given the
        // same PROCESS_URL), cannot be forwarded to: that would loop.
        return owner.url && owner.url !== this.url ? { at: 'elsewhere', url: owner.url } : { at: 'unreachable' };
      }
      if (await this.store.claimSession(sessionId, this.id, owner?.id ?? null)) {
        if (!owner) return { at: 'here' };
        this.log.warn({ session: sessionId, from: owner.id }, 'session taken over from a process that stopped');
        return { at: 'here', takenOver: true };
      }
      // No such session, or another process took it over first: asked again once.
      if (!owner && !(await this.store.session(sessionId))) return { at: 'nowhere' };
    }
    // The owner changed under us twice: the client tries again shortly.
    return { at: 'unreachable' };
  }
}
