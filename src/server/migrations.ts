/**
 * Versioned migrations: SQL files under migrations/<database>/, named NNN_what.sql, applied in
 * the order of their names, each once; the table schema_migrations records which have run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Migration = { id: string; sql: string };

const MIGRATION_FILE = /^(\d{3}_[a-z0-9_]+)\.sql$/;

/** The migrations of one database, in order. */
export function migrationsOf(database: 'sqlite' | 'postgres'): Migration[] {
  const dir = fileURLToPath(new URL(`./migrations/${database}/`, import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((file) => {
    const id = MIGRATION_FILE.exec(file)?.[1];
    if (!id) throw new Error(`migration file ${dir}${file} is not named NNN_what.sql`);
    return { id, sql: readFileSync(dir + file, 'utf8') };
  });
}
