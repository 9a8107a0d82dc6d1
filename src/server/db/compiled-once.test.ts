// `compiledOnce`: a statement of the request path built and compiled once per database handle and shape, each run
// with its own values, on the migrated schema of either database.
import type { KyselyPlugin, PluginTransformQueryArgs, RootOperationNode } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDb } from '../testing/harness.js';
import { compiledOnce, standIn } from './compiled-once.js';

/** Counts the statements Kysely compiles (each one built from the builder) and the results it hands back. */
class Counter implements KyselyPlugin {
  compiled = 0;
  results = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.compiled++;
    return args.node;
  }
  async transformResult<T>(args: { result: T }): Promise<T> {
    this.results++;
    return args.result;
  }
}

let shared: TestDb;
beforeEach(async () => {
  shared = await freshDatabase();
  const db = shared.handle.db;
  const now = new Date().toISOString();
  for (const [id, name, owner] of [
    ['o1', 'One', 'u1'],
    ['o2', 'Two', 'u2'],
    ['o3', 'Three', 'u1'],
  ]) {
    await db
      .insertInto('users')
      .values({ id: owner, email: `${owner}@example.test`, first_name: 'Ann', last_name: 'Lee', created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await db.insertInto('organizations').values({ id, name, owner_user_id: owner, language: 'en', created_at: now }).execute();
  }
});
afterEach(() => shared.drop());

const owned = (db: TestDb['handle']['db'], owner: string, name?: string) =>
  db
    .selectFrom('organizations')
    .select(['id', 'name'])
    .where('owner_user_id', '=', owner)
    .$if(name !== undefined, (qb) => qb.where('name', '=', name!))
    .orderBy('id');

describe('compiledOnce', () => {
  it('compiles once per handle and shape, and each run answers for its own values', async () => {
    const counter = new Counter();
    const db = shared.handle.db.withPlugin(counter);
    const run = (owner: string) => compiledOnce(db, 'owned', () => owned(db, standIn('owner')), { owner });
    expect(await run('u1')).toEqual([
      { id: 'o1', name: 'One' },
      { id: 'o3', name: 'Three' },
    ]);
    expect(await run('u2')).toEqual([{ id: 'o2', name: 'Two' }]);
    expect(await run('nobody')).toEqual([]);
    expect(counter).toMatchObject({ compiled: 1, results: 3 });

    // another shape of the same statement is another compiled text
    const named = (owner: string, name: string) => compiledOnce(db, 'owned by name', () => owned(db, standIn('owner'), standIn('name')), { owner, name });
    expect(await named('u1', 'Three')).toEqual([{ id: 'o3', name: 'Three' }]);
    expect(await named('u1', 'Two')).toEqual([]);
    expect(counter.compiled).toBe(2);
  });

  it('compiles again for another handle (a transaction), where the statement runs inside it', async () => {
    const counter = new Counter();
    const db = shared.handle.db.withPlugin(counter);
    await compiledOnce(db, 'owned', () => owned(db, standIn('owner')), { owner: 'u2' });
    const inside = await db.transaction().execute(async (trx) => {
      await trx.updateTable('organizations').set({ name: 'Renamed' }).where('id', '=', 'o2').execute();
      return compiledOnce(trx, 'owned', () => owned(trx, standIn('owner')), { owner: 'u2' });
    });
    expect(inside).toEqual([{ id: 'o2', name: 'Renamed' }]);
    // the update and the statement built for the transaction
    expect(counter.compiled).toBe(3);
  });

  it('refuses a run without a value for one of its stand-ins', async () => {
    const db = shared.handle.db;
    await expect(compiledOnce(db, 'owned by name', () => owned(db, standIn('owner'), standIn('name')), { owner: 'u1' })).rejects.toThrow(/no value for name/);
  });
});
