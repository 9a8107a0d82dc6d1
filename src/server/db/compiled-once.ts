// Statements built and compiled once per database handle and shape, for the few that run on nearly every request.
// Kysely builds a statement as a tree of frozen nodes and compiles it to SQL at every call: for a join or a union
// of the request path that costs more than the index probes that answer it (the profile in docs/benchmarks.md).
// The statement is built with stand-ins for its values; each run sends the SQL compiled the first time with the
// stand-ins replaced by this run's values. The query node is kept, so the SQLite pool still sends a SELECT to a
// reader, and plugins still see each result.
import { type Compilable, type CompiledQuery, createQueryId } from 'kysely';
import { keepPrepared } from './named-statements.js';

/** A parameter no caller sends: a NUL, then the value's name. */
const MARK = '\u0000';

/** The stand-in for the value called `name` in a statement built for `compiledOnce`. */
export function standIn(name: string): string {
  return `${MARK}${name}`;
}

const compiled = new WeakMap<object, Map<string, CompiledQuery>>();

interface Executor {
  executeQuery<R>(query: CompiledQuery<R>): Promise<{ rows: R[] }>;
}

/**
 * Runs the statement `build` makes, with `values` in place of its stand-ins: built and compiled at the first run for
 * this database handle (a Kysely instance or a transaction) and `shape`, reused after. `build` must make the same
 * statement whatever the values: what changes its SQL (an optional condition) goes in `shape`. With `prepared`, a
 * PostgreSQL connection also plans it once (named-statements.ts).
 */
export async function compiledOnce<R>(
  db: Executor,
  shape: string,
  build: () => Compilable<R>,
  values: Record<string, unknown>,
  opts: { prepared?: boolean } = {},
): Promise<R[]> {
  let forDb = compiled.get(db);
  if (!forDb) {
    forDb = new Map();
    compiled.set(db, forDb);
  }
  let query = forDb.get(shape) as CompiledQuery<R> | undefined;
  if (!query) {
    query = build().compile();
    if (opts.prepared) keepPrepared(query.sql);
    forDb.set(shape, query);
  }
  const parameters = query.parameters.map((p) => {
    if (typeof p !== 'string' || !p.startsWith(MARK)) return p;
    const name = p.slice(MARK.length);
    if (!(name in values)) throw new Error(`compiledOnce(${shape}): no value for ${name}`);
    return values[name];
  });
  const result = await db.executeQuery<R>({ ...query, parameters, queryId: createQueryId() });
  return result.rows;
}
