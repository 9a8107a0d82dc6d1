// Prepared statements kept per SQLite connection: reused, bounded, and never shared with a stream in progress.
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from './statement-cache.js';

let conn: SQLite.Database;
let prepared: string[];
let db: Kysely<{ t: { n: number } }>;
beforeEach(async () => {
  conn = new SQLite(':memory:');
  prepared = [];
  const prepare = (s: string) => {
    prepared.push(s);
    return conn.prepare(s);
  };
  const counting = new Proxy(conn, { get: (target, key) => (key === 'prepare' ? prepare : Reflect.get(target, key, target)) });
  db = new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(counting, 3) }) });
  await sql`create table t (n integer)`.execute(db);
  await db
    .insertInto('t')
    .values([1, 2, 3].map((n) => ({ n })))
    .execute();
});
afterEach(() => db.destroy());

describe('withStatementCache', () => {
  it('prepares a statement once, and again only after it was evicted', async () => {
    const q = (n: number) => db.selectFrom('t').select('n').where('n', '>=', n);
    prepared = [];
    expect((await q(2).execute()).map((r) => r.n)).toEqual([2, 3]);
    expect((await q(3).execute()).map((r) => r.n)).toEqual([3]);
    expect(prepared).toHaveLength(1);
    // three other statements push it out of a cache of three
    for (const n of [1, 2, 3]) await sql.raw(`select ${n} as x`).execute(db);
    await q(1).execute();
    expect(prepared).toHaveLength(5);
  });

  it('never hands out a statement a stream is still iterating', () => {
    const cache = withStatementCache(conn);
    const first = cache.prepare('select n from t order by n');
    const rows = first.iterate([]);
    rows.next();
    const second = cache.prepare('select n from t order by n');
    expect(second).not.toBe(first);
    rows.return?.();
    expect(cache.prepare('select n from t order by n')).toBe(second);
  });
});
