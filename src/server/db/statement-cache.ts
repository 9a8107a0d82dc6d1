// Prepared statements kept per SQLite connection: Kysely's SQLite driver prepares each statement anew,
// and planning a join costs far more than running an indexed lookup, so a hot query reuses its plan.
import type SQLite from 'better-sqlite3';

/** Enough for every distinct statement of the request path; lists of varying length make a tail that is evicted. */
const MAX_STATEMENTS = 500;

const caches = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

/** The connection's statement for this SQL, prepared once (least recently used go first). */
export function cachedPrepare(db: SQLite.Database, sql: string, max = MAX_STATEMENTS): SQLite.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const known = cache.get(sql);
  // a statement still being iterated (a stream not yet finished) cannot run again: prepare another
  if (known && !known.busy) {
    cache.delete(sql);
    cache.set(sql, known);
    return known;
  }
  const stmt = db.prepare(sql);
  cache.set(sql, stmt);
  if (cache.size > max) cache.delete(cache.keys().next().value as string);
  return stmt;
}

/** A connection as Kysely's SqliteDialect takes it, its statements prepared once each (the pool's readers and writer use `cachedPrepare` directly). */
export function withStatementCache(db: SQLite.Database, max = MAX_STATEMENTS): { close(): void; prepare(sql: string): SQLite.Statement } {
  return { close: () => db.close(), prepare: (sql: string) => cachedPrepare(db, sql, max) };
}
