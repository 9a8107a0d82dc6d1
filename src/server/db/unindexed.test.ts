// `unindexed`: a scope column beside an id list keeps SQLite on the ids' index (its planner has no statistics), on the
// project's own migrated schema, and still filters by the scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, sql, unindexed } from './database.js';

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  const handle = openDatabase({ sqliteFile: ':memory:' });
  db = handle.db;
  close = handle.close;
  await migrate(db);
});
afterAll(() => close());

const ids = Array.from({ length: 1000 }, (_, i) => `id${i}`);

async function plan(query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  const rows = await db.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}`, query: { kind: 'RawNode' } } as never);
  return rows.rows.map((r) => r.detail).join(' | ');
}

describe('unindexed', () => {
  it('keeps a lookup of 1,000 customers by id on the primary key, where the plain scope would walk the location', async () => {
    const scoped = db.selectFrom('customers').select('id').where('organization_id', '=', 'o').where('location_id', '=', 'l');
    expect(await plan(scoped.where('id', 'in', ids).compile())).not.toMatch(/autoindex_customers_1 \(id=\?\)/);
    const kept = db
      .selectFrom('customers')
      .select('id')
      .where(unindexed('organization_id'), '=', 'o')
      .where(unindexed('location_id'), '=', 'l')
      .where('id', 'in', ids);
    expect(await plan(kept.compile())).toMatch(/^SEARCH customers USING INDEX sqlite_autoindex_customers_1 \(id=\?\)$/);
  });

  it('still filters by the scope', async () => {
    await sql`create table scoped (id text primary key, organization_id text not null)`.execute(db);
    await sql`insert into scoped values ('a', 'o1'), ('b', 'o2')`.execute(db);
    const found = await sql<{ id: string }>`select id from scoped where ${unindexed('organization_id')} = ${'o1'} and id in ('a', 'b')`.execute(db);
    expect(found.rows).toEqual([{ id: 'a' }]);
  });
});
