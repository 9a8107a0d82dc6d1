// PostgreSQL plans every statement it receives unless it was prepared by name. The few statements that
// run on nearly every request (the session-and-scope join) are sent by name, so each connection plans
// them once instead of at every request; everything else goes as before.
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** SQL text -> statement name; only texts asked for by `keepPrepared`, so it stays small. */
const names = new Map<string, string>();

/** Sends this exact SQL text as a named prepared statement on PostgreSQL (SQLite keeps every statement prepared already). */
export function keepPrepared(sqlText: string): void {
  if (!names.has(sqlText)) names.set(sqlText, `atrium_${names.size + 1}`);
}

/** The pool as Kysely's PostgresDialect takes it, sending the statements of `keepPrepared` by name. */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  // one wrapper per connection: Kysely keeps its connection objects by client
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((text: unknown, values?: unknown[]) => {
      const name = typeof text === 'string' ? names.get(text) : undefined;
      if (name) return client.query({ name, text: text as string, values });
      return (client.query as (a: unknown, b?: unknown) => unknown)(text, values);
    }) as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = wrappers.get(client);
      if (!wrapped) {
        wrapped = wrap(client);
        wrappers.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}
