// Opens the database (SQLite file by default, PostgreSQL with DATABASE_URL) and runs the migrations.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import { isMemory, SqlitePoolDialect, type SqliteRole } from './sqlite-pool.js';
import { withNamedStatements } from './named-statements.js';

export type Db = Kysely<Database>;
export type DbKind = 'sqlite' | 'postgres';

export interface DbHandle {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** a postgres:// URL; otherwise SQLite */
  databaseUrl?: string;
  /** SQLite file path, or ':memory:' */
  sqliteFile?: string;
  poolSize?: number;
  /** SQLite read-only connections beside the writer (a file only; ':memory:' has none) */
  sqliteReaders?: number;
}

/**
 * Every SQLite connection is set up here, the readers as the writer: a user function or extension added later
 * must be registered for both, or a read that uses it would fail on a reader only.
 */
function setupSqlite(connection: SQLite.Database, role: SqliteRole) {
  // WAL lets the readers see the last commit beside the writer; it is stored in the file, and only the writer may set it
  if (role === 'writer') connection.pragma('journal_mode = WAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('synchronous = NORMAL');
}

export function openDatabase(opts: OpenOptions): DbHandle {
  if (opts.databaseUrl) {
    // a connection attempt that gets no answer fails after 10 s instead of waiting forever
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, connectionTimeoutMillis: 10_000 });
    // A connection that breaks (PostgreSQL restarted, the network cut) is dropped by the pool and the next query
    // opens a new one. Without these listeners its 'error' event would end the process: the pool's, for an idle
    // connection; the connection's own, for one just taken from the pool when the break arrives (its query fails).
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  // better-sqlite3 answers synchronously, so one reader serves every read statement; the second is there for a stream
  const readers = isMemory(file) ? 0 : (opts.sqliteReaders ?? 2);
  const db = new Kysely<Database>({ dialect: new SqlitePoolDialect({ file, readers, setup: setupSqlite }) });
  return { db, kind: 'sqlite', close: () => db.destroy() };
}

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Reads the hand-written migrations folder; names sort by their timestamp prefix. */
class FolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const f of fs.readdirSync(migrationsDir).sort()) {
      if (!/\.(ts|js)$/.test(f) || f.endsWith('.d.ts')) continue;
      out[f.replace(/\.(ts|js)$/, '')] = (await import(path.join(migrationsDir, f))) as Migration;
    }
    return out;
  }
}

export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new FolderProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The migrations this code knows that the database has not applied (readiness). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const known = Object.keys(await new FolderProvider().getMigrations());
  // Kysely's own table (its getMigrations introspects every table and column: too heavy for a probe run every few seconds)
  const rows = await sql<{ name: string }>`select name from kysely_migration`
    .execute(db)
    .then((r) => r.rows)
    .catch((err) => {
      // no table yet: nothing applied (any other error is the database's and goes up)
      if (/kysely_migration/.test(String((err as Error)?.message)) && /exist|no such table/i.test(String((err as Error)?.message))) return [];
      throw err;
    });
  const applied = new Set(rows.map((r) => r.name));
  return known.filter((name) => !applied.has(name));
}

/** Recognises a unique-constraint violation on both databases, optionally of one constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23505') return !constraint || e.constraint === constraint;
  if (e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return !constraint || (e.message ?? '').includes(constraint) || constraintColumns[constraint]?.some((c) => (e.message ?? '').includes(c)) === true;
  }
  return false;
}

/** A row still referenced elsewhere (a plan with subscriptions): the database refused the delete, on both kinds. */
export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23503' || e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

// SQLite names the columns, not the constraint, in its message.
const constraintColumns: Record<string, string[]> = {
  customers_location_user_key: ['customers.location_id, customers.user_id'],
  users_email_key: ['users.email'],
};

/**
 * A scope column (`organization_id`, `location_id`) in a condition that SQLite's planner must not use as an index:
 * it has no statistics, and beside a list of ids (`organization_id = ? AND id IN (…1,000 ids)`) it would rather read
 * every row of the location through a scope index than look the ids up. The condition stays the same; only the index
 * choice changes (PostgreSQL, which keeps statistics, plans the same either way).
 */
export const unindexed = (column: string) => sql<string>`${sql.ref(column)} || ''`;

export { sql };
