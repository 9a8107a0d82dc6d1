// The SQLite dialect with a writer and read-only connections, on real database files: reads beside an open write
// transaction, a transaction reading its own writes, writes still one at a time, streams, and closing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type SQLite from 'better-sqlite3';
import { type Generated, Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from './database.js';
import { SqlitePoolDialect, type SqliteRole } from './sqlite-pool.js';

interface TestSchema {
  items: { id: Generated<number>; name: string };
  counters: { id: number; value: number };
}

let dir: string;
let file: string;
const opened: Kysely<TestSchema>[] = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-sqlite-pool-'));
  file = path.join(dir, 'test.sqlite');
});

afterEach(async () => {
  for (const db of opened.splice(0)) await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

function setupConnection(connection: SQLite.Database, role: SqliteRole) {
  if (role === 'writer') connection.pragma('journal_mode = WAL');
  connection.pragma('busy_timeout = 5000');
  connection.function('twice', (x: unknown) => Number(x) * 2);
}

async function open(opts: { file?: string; readers?: number; setup?: typeof setupConnection; sliceMs?: number } = {}): Promise<Kysely<TestSchema>> {
  const db = new Kysely<TestSchema>({
    dialect: new SqlitePoolDialect({ file: opts.file ?? file, readers: opts.readers ?? 2, setup: opts.setup ?? setupConnection, sliceMs: opts.sliceMs }),
  });
  opened.push(db);
  await sql`create table if not exists items (id integer primary key, name text not null)`.execute(db);
  await sql`create table if not exists counters (id integer primary key, value integer not null)`.execute(db);
  return db;
}

/**
 * A promise the test settles by hand: a transaction waits on it with the writer held. As a safety net it opens by
 * itself after a while: a read that wrongly queues behind the transaction then fails its assertions (it sees the
 * row, and the commit comes first) instead of hanging the test. A correct read never needs it: it is answered
 * within the same turn of the event loop.
 */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  const fallback = setTimeout(open, 5_000);
  void opened.then(() => clearTimeout(fallback));
  return { open, opened };
}

const names = async (db: Kysely<TestSchema>) => (await db.selectFrom('items').select('name').orderBy('id').execute()).map((r) => r.name);

/** Starts a transaction that inserts `name`, tells the test, then waits for the gate before it commits. */
function transactionHeldOpen(db: Kysely<TestSchema>, name: string, events: string[]) {
  const g = gate();
  let inserted!: () => void;
  const insertedP = new Promise<void>((resolve) => {
    inserted = resolve;
  });
  const done = db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('items').values({ name }).execute();
      const inside = (await trx.selectFrom('items').select('name').orderBy('id').execute()).map((r) => r.name);
      inserted();
      await g.opened;
      return inside;
    })
    .then((inside) => {
      events.push('commit');
      return inside;
    });
  return { inserted: insertedP, release: g.open, done };
}

describe('SQLite with read connections beside the writer', () => {
  it('answers a read while a write transaction is open and waiting, with the last committed state', async () => {
    const db = await open();
    await db.insertInto('items').values({ name: 'a' }).execute();
    const events: string[] = [];
    const trx = transactionHeldOpen(db, 'b', events);
    await trx.inserted;

    const during = await names(db);
    events.push('read');
    expect(during).toEqual(['a']);
    expect(events).toEqual(['read']);

    trx.release();
    expect(await trx.done).toEqual(['a', 'b']);
    expect(events).toEqual(['read', 'commit']);
  });

  it('lets the event loop turn during a long transaction, so a request that arrives meanwhile reads before the commit', async () => {
    // a slice of 0 ms: every statement of the transaction first lets the event loop turn
    const db = await open({ sliceMs: 0 });
    const events: string[] = [];
    const done = db
      .transaction()
      .execute(async (trx) => {
        // only microtask awaits, as in the application: without the slices no request could run before the commit
        for (let i = 0; i < 20; i++)
          await trx
            .insertInto('items')
            .values({ name: `row ${i}` })
            .execute();
      })
      .then(() => events.push('commit'));
    // a request arriving from the network runs in a later turn of the event loop
    const read = new Promise<string[]>((resolve) => setImmediate(() => resolve(names(db)))).then((r) => {
      events.push('read');
      return r;
    });
    expect(await read).toEqual([]);
    await done;
    expect(events).toEqual(['read', 'commit']);
    expect(await names(db)).toHaveLength(20);
  });

  it('lets a transaction read its own writes, and a read after the commit sees them', async () => {
    const db = await open();
    const inside = await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ name: 'mine' }).execute();
      await trx.updateTable('items').set({ name: 'mine, renamed' }).where('name', '=', 'mine').execute();
      return (await trx.selectFrom('items').select('name').execute()).map((r) => r.name);
    });
    expect(inside).toEqual(['mine, renamed']);
    expect(await names(db)).toEqual(['mine, renamed']);
  });

  it('sees a plain insert outside a transaction on the very next read', async () => {
    const db = await open();
    for (let i = 0; i < 5; i++) {
      await db
        .insertInto('items')
        .values({ name: `row ${i}` })
        .execute();
      expect(await names(db)).toHaveLength(i + 1);
    }
  });

  it('keeps writes one at a time: 20 parallel read-modify-write transactions end at 20', async () => {
    const db = await open();
    await db.insertInto('counters').values({ id: 1, value: 0 }).execute();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction().execute(async (trx) => {
          const { value } = await trx.selectFrom('counters').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
          // another transaction would slip in here if the writer were not held from begin to commit
          await new Promise((resolve) => setImmediate(resolve));
          await trx
            .updateTable('counters')
            .set({ value: value + 1 })
            .where('id', '=', 1)
            .execute();
        }),
      ),
    );
    // and plain updates beside them still queue for the writer
    await Promise.all(Array.from({ length: 20 }, () => db.updateTable('counters').set({ value: sql`value + 1` }).where('id', '=', 1).execute()));
    expect((await db.selectFrom('counters').select('value').executeTakeFirstOrThrow()).value).toBe(40);
  });

  it('gives the writer back after a transaction that fails, and keeps none of its writes', async () => {
    const db = await open();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: 'lost' }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.insertInto('items').values({ name: 'kept' }).execute();
    expect(await names(db)).toEqual(['kept']);
  });

  it('sends raw SQL to the writer: it waits for an open transaction', async () => {
    const db = await open();
    const events: string[] = [];
    const trx = transactionHeldOpen(db, 'b', events);
    await trx.inserted;
    const raw = sql<{ n: number }>`select count(*) as n from items`.execute(db).then((r) => {
      events.push('raw');
      return r.rows[0].n;
    });
    // the Kysely-built read does not wait, the raw one does
    expect(await names(db)).toEqual([]);
    trx.release();
    expect(await raw).toBe(1);
    expect(events).toEqual(['commit', 'raw']);
  });

  it('holds the writer for a connection from a raw begin to its commit', async () => {
    const db = await open();
    const events: string[] = [];
    const g = gate();
    const held = db.connection().execute(async (c) => {
      await sql`begin`.execute(c);
      await c.insertInto('items').values({ name: 'raw' }).execute();
      // on the writer, inside the open transaction: the row is there
      const inside = await names(c);
      await g.opened;
      await sql`commit`.execute(c);
      events.push('commit');
      return inside;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const write = db
      .insertInto('items')
      .values({ name: 'after' })
      .execute()
      .then(() => events.push('write'));
    expect(await names(db)).toEqual([]);
    g.open();
    expect(await held).toEqual(['raw']);
    await write;
    expect(events).toEqual(['commit', 'write']);
    expect(await names(db)).toEqual(['raw', 'after']);
  });

  it('sets up every connection, so readers have the user functions too', async () => {
    const roles: SqliteRole[] = [];
    const db = await open({
      setup: (c, role) => {
        roles.push(role);
        setupConnection(c, role);
      },
    });
    expect(roles).toEqual(['writer', 'reader', 'reader']);
    await db.insertInto('items').values({ name: 'a' }).execute();
    const events: string[] = [];
    const trx = transactionHeldOpen(db, 'b', events);
    await trx.inserted;
    // answered by a reader, since the writer is held
    const row = await db.selectFrom('items').select(sql<number>`twice(id)`.as('doubled')).executeTakeFirstOrThrow();
    events.push('read');
    expect(row.doubled).toBe(2);
    trx.release();
    await trx.done;
    expect(events).toEqual(['read', 'commit']);
  });

  it('streams on a reader beside an open transaction, and inside a transaction on the writer', async () => {
    const db = await open();
    await db
      .insertInto('items')
      .values(Array.from({ length: 10 }, (_, i) => ({ name: `row ${i}` })))
      .execute();
    const trx = transactionHeldOpen(db, 'new', []);
    await trx.inserted;
    const streamed: string[] = [];
    for await (const r of db.selectFrom('items').select('name').orderBy('id').stream()) {
      streamed.push(r.name);
      // a statement read in the middle of a stream takes the other reader
      if (streamed.length === 5) expect(await names(db)).toHaveLength(10);
    }
    expect(streamed).toHaveLength(10);
    trx.release();
    await trx.done;

    const inside = await db.transaction().execute(async (t) => {
      await t.insertInto('items').values({ name: 'in the transaction' }).execute();
      const out: string[] = [];
      for await (const r of t.selectFrom('items').select('name').orderBy('id').stream()) out.push(r.name);
      return out;
    });
    expect(inside).toHaveLength(12);
    expect(inside.at(-1)).toBe('in the transaction');
  });

  it('closes every connection on destroy: the writer, closing last, folds the WAL back into the file', async () => {
    const db = await open();
    await db.insertInto('items').values({ name: 'durable' }).execute();
    expect(await names(db)).toEqual(['durable']);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    opened.splice(opened.indexOf(db), 1);
    await db.destroy();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(await names(await open())).toEqual(['durable']);
  });

  it('checkpoints on a thread of its own: the writer never folds the WAL back in a commit, yet the file gets the pages', async () => {
    const db = await open();
    const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
    expect(auto.rows[0].wal_autocheckpoint).toBe(0);
    const before = fs.statSync(file).size;
    // about 4 MB in one transaction: well past the 1,000 pages after which SQLite's commit would checkpoint itself
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < 10; i++)
        await trx
          .insertInto('items')
          .values(Array.from({ length: 100 }, (_, j) => ({ name: `${i}-${j} ${'x'.repeat(4000)}` })))
          .execute();
    });
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(4_000_000);
    // the commit returned with the pages in the WAL only; the thread copies them into the file after it
    for (let i = 0; i < 200 && fs.statSync(file).size < before + 4_000_000; i++) await new Promise((r) => setTimeout(r, 25));
    expect(fs.statSync(file).size).toBeGreaterThan(before + 4_000_000);
    expect(await sql<{ n: number }>`select count(*) as n from items`.execute(db)).toMatchObject({ rows: [{ n: 1000 }] });
  });

  it('keeps one connection for an in-memory database: a read waits for the transaction and sees its commit', async () => {
    expect(() => new SqlitePoolDialect({ file: ':memory:', readers: 2 })).toThrow();
    const db = await open({ file: ':memory:', readers: 0 });
    const events: string[] = [];
    const trx = transactionHeldOpen(db, 'b', events);
    await trx.inserted;
    const read = names(db).then((r) => {
      events.push('read');
      return r;
    });
    trx.release();
    expect(await read).toEqual(['b']);
    expect(events).toEqual(['commit', 'read']);
  });

  it('opens the application database this way: migrated, WAL, reads beside a transaction', async () => {
    const handle = openDatabase({ sqliteFile: file });
    try {
      await migrate(handle.db);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(handle.db);
      expect(mode.rows[0].journal_mode).toBe('wal');
      const g = gate();
      let entered!: () => void;
      const inTransaction = new Promise<void>((resolve) => {
        entered = resolve;
      });
      const events: string[] = [];
      const done = handle.db
        .transaction()
        .execute(async (trx) => {
          await trx.selectFrom('users').select('id').execute();
          entered();
          await g.opened;
        })
        .then(() => events.push('commit'));
      await inTransaction;
      expect(await handle.db.selectFrom('organizations').select('id').execute()).toEqual([]);
      events.push('read');
      g.open();
      await done;
      expect(events).toEqual(['read', 'commit']);
    } finally {
      await handle.close();
    }
  });
});
