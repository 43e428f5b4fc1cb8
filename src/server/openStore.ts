/** The store the environment asks for: PostgreSQL when DATABASE_URL names one, SQLite in DATA_DIR otherwise. */
import { isPostgresUrl, openPgStore, type PgStoreOptions } from './pgStore';
import { openSqliteStore } from './sqliteStore';
import type { DrillStore } from './store';

/** Where the data is, for people: the database URL without its password, or the SQLite directory. */
export function describeStore(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return dataDir;
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres (DATABASE_URL)';
  }
}

/** `onError`: told of a PostgreSQL connection lost while idle (the pool reconnects when needed). */
export async function openStore(databaseUrl: string | undefined, dataDir: string, onError?: PgStoreOptions['onError']): Promise<DrillStore> {
  if (databaseUrl === undefined || databaseUrl === '') return openSqliteStore(dataDir);
  if (!isPostgresUrl(databaseUrl)) throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for SQLite in DATA_DIR)');
  return openPgStore(databaseUrl, onError ? { onError } : {});
}
