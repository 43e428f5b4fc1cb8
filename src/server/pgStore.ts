/**
 * DrillStore on PostgreSQL (the `pg` client, a pool of connections), selected with
 * DATABASE_URL=postgres://…. Every write is committed before its promise resolves (PostgreSQL's
 * default synchronous_commit: on disk); appends are group-committed as on SQLite.
 */
import pg from 'pg';
import type { DrillEvent, Scenario } from '../engine';
import { GroupCommit } from './groupCommit';
import { migrationsOf } from './migrations';
import { exerciseData, firstSummary, toExercise } from './sqliteStore';
import { NotOwnerError, type DrillStore, type ScenarioRevisionRecord, type SeatRecord, type SessionRecord, type SessionSummary, type SignInRecord, type TrainerRecord } from './store';

type TrainerRow = { id: string; name: string; password_hash: string; created_at: string };
type SignInRow = { token_hash: string; trainer_id: string; expires_at: string };
type SessionRow = { id: string; code: string; scenario: string; info: string; clock: string; created_at: string; plan: string; joining: boolean; scenario_revision: number | null };
type SeatRow = { id: string; session_id: string; kind: SeatRecord['kind']; name: string; role: string | null; token_hash: string; venue: string | null };
type ExerciseRow = Parameters<typeof toExercise>[0];
type RevisionRow = { scenario_id: string; revision: number; scenario: string; published_by: string; published_at: string };

const toTrainer = (r: TrainerRow): TrainerRecord => ({ id: r.id, name: r.name, passwordHash: r.password_hash, createdAt: r.created_at });
const toSignIn = (r: SignInRow): SignInRecord => ({ tokenHash: r.token_hash, trainerId: r.trainer_id, expiresAt: r.expires_at });
const toSession = (r: SessionRow): SessionRecord => ({
  id: r.id,
  code: r.code,
  scenario: JSON.parse(r.scenario),
  info: JSON.parse(r.info),
  clock: JSON.parse(r.clock),
  createdAt: r.created_at,
  plan: JSON.parse(r.plan),
  joining: r.joining,
  ...(r.scenario_revision !== null ? { scenarioRevision: r.scenario_revision } : {}),
});
const toSeat = (r: SeatRow): SeatRecord => ({ id: r.id, sessionId: r.session_id, kind: r.kind, name: r.name, role: r.role, tokenHash: r.token_hash, ...(r.venue !== null ? { venue: r.venue } : {}) });
const toRevision = (r: RevisionRow): ScenarioRevisionRecord => ({ id: r.scenario_id, revision: r.revision, scenario: JSON.parse(r.scenario) as Scenario, publishedBy: r.published_by, publishedAt: r.published_at });

/** Whether a URL names a PostgreSQL database (DATABASE_URL). */
export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export type PgStoreOptions = {
  /** How long an append waits for others to share its commit (ms; default 0: those of the same turn of the event loop). */
  groupCommitMs?: number;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Told of a connection lost while idle (the pool makes a new one when needed). */
  onError?: (error: Error) => void;
};

/** Two server processes starting at once do not both migrate: they take turns on this lock. */
const MIGRATION_LOCK = 7_205_174_231;

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      const applied = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
      for (const m of migrationsOf('postgres')) {
        if (applied.has(m.id)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [m.id, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${m.id} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Connects, brings the schema up to date (migrations) and returns the store. */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<DrillStore> {
  // A database that does not answer fails the request (after 10 s) rather than holding it for good.
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
  // A connection that dies while idle must not take the server down.
  pool.on('error', (error) => (options.onError ?? ((e: Error) => console.error(`postgres: ${e.message}`)))(error));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }

  const one = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R | undefined> => (await pool.query<R>(sql, params)).rows[0];
  const all = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> => (await pool.query<R>(sql, params)).rows;
  const exec = async (sql: string, params: unknown[] = []): Promise<void> => void (await pool.query(sql, params));
  /** Runs `f` in one transaction on one connection. */
  const tx = async <T>(f: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await f(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  const saveSummary = (c: pg.Pool | pg.PoolClient, s: SessionSummary) =>
    c.query('INSERT INTO summaries (session_id, created_at, scenario_id, team, summary) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_id) DO UPDATE SET summary = excluded.summary, team = excluded.team', [
      s.id,
      s.date,
      s.scenario.id,
      s.team,
      JSON.stringify(s),
    ]);
  const insertSeat = 'INSERT INTO seats (id, session_id, kind, name, role, token_hash, venue) VALUES ($1, $2, $3, $4, $5, $6, $7)';
  const seatParams = (s: SeatRecord) => [s.id, s.sessionId, s.kind, s.name, s.role, s.tokenHash, s.venue ?? null];

  /** The process this store writes for (`fenceWrites`), if any. */
  let fencedBy: string | null = null;
  type Append = { sessionId: string; event: DrillEvent; seat: string | null };
  const appends = new GroupCommit<Append>({
    windowMs: options.groupCommitMs ?? 0,
    // One statement is one transaction (all rows or none): one round trip per group. Fenced, each
    // row first checks (and locks until the commit) its session's owner: see migration 004.
    commitAll: async (items) => {
      try {
        await exec(
          'INSERT INTO events (session_id, seq, command_id, event, seat_id) SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS u(session_id, seq, command_id, event, seat_id) WHERE $6::text IS NULL OR drillroom_owned_by(u.session_id, $6)',
          [items.map((a) => a.sessionId), items.map((a) => a.event.seq), items.map((a) => a.event.id ?? null), items.map((a) => JSON.stringify(a.event)), items.map((a) => a.seat), fencedBy],
        );
      } catch (error) {
        const only = items.length === 1 ? items[0] : undefined;
        if (only && (error as { code?: unknown }).code === 'DR409') throw new NotOwnerError(only.sessionId);
        throw error;
      }
    },
  });
  let closed = false;
  /** Only the fencing process's sessions (all, unfenced). */
  const owned = (idColumn: string, param: string) => `(${param}::text IS NULL OR EXISTS (SELECT 1 FROM session_owners o WHERE o.session_id = ${idColumn} AND o.process_id = ${param}))`;

  return {
    kind: 'postgres',
    createSession: (s, seats) =>
      tx(async (c) => {
        await c.query('INSERT INTO sessions (id, code, scenario, info, clock, created_at, plan, joining, scenario_revision) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [
          s.id,
          s.code,
          JSON.stringify(s.scenario),
          JSON.stringify(s.info),
          JSON.stringify(s.clock),
          s.createdAt,
          JSON.stringify(s.plan),
          s.joining,
          s.scenarioRevision ?? null,
        ]);
        for (const seat of seats) await c.query(insertSeat, seatParams(seat));
        await saveSummary(c, firstSummary(s));
        // The process that made it serves it.
        if (fencedBy) await c.query('INSERT INTO session_owners (session_id, process_id) VALUES ($1, $2)', [s.id, fencedBy]);
      }),
    session: async (id) => {
      const r = await one<SessionRow>('SELECT * FROM sessions WHERE id = $1', [id]);
      return r && toSession(r);
    },
    sessionByCode: async (code) => {
      const r = await one<SessionRow>('SELECT * FROM sessions WHERE code = $1', [code]);
      return r && toSession(r);
    },
    history: async ({ scenario, team, limit }) =>
      (
        await all<{ summary: string }>(
          'SELECT summary FROM summaries WHERE ($1::text IS NULL OR scenario_id = $1) AND ($2::text IS NULL OR strpos(lower(team), lower($2)) > 0) ORDER BY created_at DESC, n DESC LIMIT $3',
          [scenario || null, team || null, limit],
        )
      ).map((r) => JSON.parse(r.summary) as SessionSummary),
    saveSummary: async (s) => void (await saveSummary(pool, s)),
    purge: (rule) =>
      tx(async (c) => {
        const stale = await c.query<{ session_id: string }>(
          "SELECT session_id FROM summaries WHERE (((summary::json->>'status') = 'briefing' AND created_at < $2) OR ($1::text IS NOT NULL AND (summary::json->>'status') = 'ended' AND created_at < $1)) AND ($3::text IS NULL OR NOT EXISTS (SELECT 1 FROM session_owners o JOIN processes p ON p.id = o.process_id WHERE o.session_id = summaries.session_id AND p.id <> $3 AND p.seen_at > clock_timestamp() - $4 * interval '1 millisecond'))",
          [rule.endedBefore ?? null, rule.unstartedBefore, rule.keepOthers?.me ?? null, rule.keepOthers?.staleMs ?? 0],
        );
        const ids = stale.rows.map((r) => r.session_id).filter((id) => !rule.keep.has(id));
        if (ids.length) {
          for (const table of ['events', 'seats', 'summaries', 'session_owners']) await c.query(`DELETE FROM ${table} WHERE session_id = ANY($1::text[])`, [ids]);
          await c.query('DELETE FROM sessions WHERE id = ANY($1::text[])', [ids]);
        }
        return ids;
      }),
    unsummarised: async () => (await all<{ id: string }>('SELECT id FROM sessions WHERE id NOT IN (SELECT session_id FROM summaries) ORDER BY created_at')).map((r) => r.id),
    // A clock written by a process that lost the session is dropped: the new owner's stands.
    setClock: (id, clock) => exec(`UPDATE sessions SET clock = $1 WHERE id = $2 AND ${owned('$2', '$3')}`, [JSON.stringify(clock), id, fencedBy]),
    setClocks: async (clocks) => {
      if (clocks.length === 0) return;
      await exec(`UPDATE sessions SET clock = c.clock FROM unnest($1::text[], $2::text[]) AS c(id, clock) WHERE sessions.id = c.id AND ${owned('c.id', '$3')}`, [
        clocks.map((c) => c.sessionId),
        clocks.map((c) => JSON.stringify(c.clock)),
        fencedBy,
      ]);
    },
    setPlan: (id, plan) => exec('UPDATE sessions SET plan = $1 WHERE id = $2', [JSON.stringify(plan), id]),
    appendEvent: (id, e, seat) => (closed ? Promise.reject(new Error('the store is closed')) : appends.add({ sessionId: id, event: e, seat: seat ?? null })),
    events: async (id, afterSeq = 0) => (await all<{ event: string }>('SELECT event FROM events WHERE session_id = $1 AND seq > $2 ORDER BY seq', [id, afterSeq])).map((r) => JSON.parse(r.event) as DrillEvent),
    command: async (id, commandId) => {
      const r = await one<{ seq: number; seat_id: string | null; event: string }>('SELECT seq, seat_id, event FROM events WHERE session_id = $1 AND command_id = $2', [id, commandId]);
      return r && { seq: r.seq, seat: r.seat_id, event: JSON.parse(r.event) as DrillEvent };
    },
    addSeat: (s) => exec(insertSeat, seatParams(s)),
    seatByToken: async (hash) => {
      const r = await one<SeatRow>('SELECT * FROM seats WHERE token_hash = $1', [hash]);
      return r && toSeat(r);
    },
    seats: async (id) => (await all<SeatRow>('SELECT * FROM seats WHERE session_id = $1 ORDER BY n', [id])).map(toSeat),
    setSeatRole: (seatId, role) => exec('UPDATE seats SET role = $1 WHERE id = $2', [role, seatId]),
    removeSeat: (seatId) => exec('DELETE FROM seats WHERE id = $1', [seatId]),
    setJoining: (id, open) => exec('UPDATE sessions SET joining = $1 WHERE id = $2', [open, id]),
    addTrainer: (t) => exec('INSERT INTO trainers (id, name, password_hash, created_at) VALUES ($1, $2, $3, $4)', [t.id, t.name, t.passwordHash, t.createdAt]),
    trainerByName: async (name) => {
      const r = await one<TrainerRow>('SELECT * FROM trainers WHERE lower(name) = lower($1)', [name]);
      return r && toTrainer(r);
    },
    trainerById: async (id) => {
      const r = await one<TrainerRow>('SELECT * FROM trainers WHERE id = $1', [id]);
      return r && toTrainer(r);
    },
    trainers: async () => (await all<TrainerRow>('SELECT * FROM trainers ORDER BY created_at, n')).map(toTrainer),
    setTrainerPassword: (id, hash) => exec('UPDATE trainers SET password_hash = $1 WHERE id = $2', [hash, id]),
    addSignIn: (s) => exec('INSERT INTO trainer_sign_ins (token_hash, trainer_id, expires_at) VALUES ($1, $2, $3)', [s.tokenHash, s.trainerId, s.expiresAt]),
    signIn: async (hash) => {
      const r = await one<SignInRow>('SELECT * FROM trainer_sign_ins WHERE token_hash = $1', [hash]);
      return r && toSignIn(r);
    },
    setSignInExpiry: (hash, expiresAt) => exec('UPDATE trainer_sign_ins SET expires_at = $1 WHERE token_hash = $2', [expiresAt, hash]),
    removeSignIns: (which) => {
      if ('tokenHash' in which) return exec('DELETE FROM trainer_sign_ins WHERE token_hash = $1', [which.tokenHash]);
      if ('trainerId' in which) return exec('DELETE FROM trainer_sign_ins WHERE trainer_id = $1 AND token_hash <> $2', [which.trainerId, which.except ?? '']);
      return exec('DELETE FROM trainer_sign_ins WHERE expires_at < $1', [which.expiredBefore]);
    },
    publishScenario: (scenario, by, at) =>
      tx(async (c) => {
        // Publications of one id take turns (until the commit), so each gets the next revision.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scenario:${scenario.id}`]);
        const last = await c.query<{ revision: number | null }>('SELECT max(revision) AS revision FROM scenario_revisions WHERE scenario_id = $1', [scenario.id]);
        const revision = (last.rows[0]?.revision ?? 0) + 1;
        await c.query('INSERT INTO scenario_revisions (scenario_id, revision, scenario, published_by, published_at) VALUES ($1, $2, $3, $4, $5)', [scenario.id, revision, JSON.stringify(scenario), by, at]);
        return revision;
      }),
    scenarioRevision: async (id, revision) => {
      const r =
        revision === undefined
          ? await one<RevisionRow>('SELECT * FROM scenario_revisions WHERE scenario_id = $1 ORDER BY revision DESC LIMIT 1', [id])
          : await one<RevisionRow>('SELECT * FROM scenario_revisions WHERE scenario_id = $1 AND revision = $2', [id, revision]);
      return r && toRevision(r);
    },
    bankScenarios: async () => (await all<RevisionRow>('SELECT DISTINCT ON (scenario_id) * FROM scenario_revisions ORDER BY scenario_id, revision DESC')).map(toRevision),
    createExercise: (e) => exec('INSERT INTO exercises (id, created_at, created_by, data, playing, reviewing) VALUES ($1, $2, $3, $4, $5, $6)', [e.id, e.createdAt, e.createdBy, exerciseData(e), e.playing, e.reviewing]),
    exercise: async (id) => {
      const r = await one<ExerciseRow>('SELECT * FROM exercises WHERE id = $1', [id]);
      return r && toExercise(r);
    },
    exercises: async (limit) => (await all<ExerciseRow>('SELECT * FROM exercises ORDER BY created_at DESC, id DESC LIMIT $1', [limit])).map(toExercise),
    setExerciseState: (id, state) => exec('UPDATE exercises SET playing = $1, reviewing = $2 WHERE id = $3', [state.playing, state.reviewing, id]),
    heartbeat: (p) => exec('INSERT INTO processes (id, url, seen_at) VALUES ($1, $2, clock_timestamp()) ON CONFLICT (id) DO UPDATE SET url = excluded.url, seen_at = excluded.seen_at', [p.id, p.url]),
    retireProcesses: (rule) =>
      tx(async (c) => {
        await c.query("UPDATE processes SET seen_at = '-infinity' WHERE ($1::text IS NULL OR url = $1) AND id <> $2", [rule.url ?? null, rule.except]);
        await c.query("DELETE FROM processes WHERE seen_at < clock_timestamp() - interval '1 day' AND id <> $1 AND NOT EXISTS (SELECT 1 FROM session_owners o WHERE o.process_id = processes.id)", [rule.except]);
      }),
    liveProcesses: async (staleMs) =>
      (await all<{ id: string; url: string }>("SELECT id, url FROM processes WHERE seen_at > clock_timestamp() - $1 * interval '1 millisecond' ORDER BY id", [staleMs])).map((r) => ({ id: r.id, url: r.url })),
    sessionOwner: async (sessionId, staleMs) => {
      const r = await one<{ id: string; url: string | null; alive: boolean | null }>(
        "SELECT o.process_id AS id, p.url, p.seen_at > clock_timestamp() - $2 * interval '1 millisecond' AS alive FROM session_owners o LEFT JOIN processes p ON p.id = o.process_id WHERE o.session_id = $1",
        [sessionId, staleMs],
      );
      return r && { id: r.id, url: r.url ?? '', alive: r.alive === true };
    },
    claimSession: async (sessionId, processId, from) =>
      // The row's lock makes two takeovers take turns: the second finds the owner changed.
      (
        await all(
          'INSERT INTO session_owners (session_id, process_id) SELECT $1::text, $2::text WHERE EXISTS (SELECT 1 FROM sessions WHERE id = $1::text) ON CONFLICT (session_id) DO UPDATE SET process_id = excluded.process_id WHERE session_owners.process_id = $2::text OR session_owners.process_id = $3::text RETURNING process_id',
          [sessionId, processId, from],
        )
      ).length === 1,
    ownedSessions: async (processId, ids) => (await all<{ session_id: string }>('SELECT session_id FROM session_owners WHERE process_id = $1 AND session_id = ANY($2::text[])', [processId, ids])).map((r) => r.session_id),
    fenceWrites: (processId) => void (fencedBy = processId),
    migrations: async () => (await all<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id),
    close: async () => {
      if (closed) return;
      closed = true;
      await appends.flush();
      await pool.end();
    },
  };
}
