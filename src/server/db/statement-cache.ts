// Prepared statements kept per SQLite connection: Kysely's SQLite driver prepares each statement anew,
// and planning a join costs far more than running an indexed lookup, so a hot query reuses its plan.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Enough for every distinct statement of the request path; lists of varying length make a tail that is evicted. */
const MAX_STATEMENTS = 500;

/** The connection as Kysely's SqliteDialect takes it, with its statements prepared once each (least recently used go first). */
export function withStatementCache(db: SQLite.Database, max = MAX_STATEMENTS): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
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
    },
  };
}
