// Search that holds at a million customers: the words of each customer's search text in a table whose key
// serves word-prefix search as a B-tree range within a location (kept by triggers from a JSON column that the
// code fills beside search_text), and the customers list's indexes renamed by the queries they serve, with the
// "last active" sort indexed on the expression it orders by and the name and last-active sorts without a type.
import { sql, type Kysely } from 'kysely';
import { searchWordsColumn } from '../../lib/search-words.js';

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    const r = await sql<{ v: string }>`select version() as v`.execute(db);
    return String(r.rows[0]?.v ?? '').includes('PostgreSQL');
  } catch {
    return false;
  }
}

/** Rows read and rewritten at a time while filling search_words for the customers that exist. */
const BACKFILL_BATCH = 2000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = await isPostgres(db);
  await db.schema
    .alterTable('customers')
    .addColumn('search_words', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();

  // Derived data, written only by the triggers below: no foreign keys, whose checks would cost three
  // lookups per word on every insert. The key is the index: (organization, location, word) then the customer,
  // so a prefix is one range scan inside one location. "C" collation on PostgreSQL: byte order, so that the
  // range `word >= term and word < next(term)` is exactly "starts with term" and can use the B-tree.
  if (pg) {
    await sql`create table customer_search_words (
        organization_id text not null,
        location_id text not null,
        word text collate "C" not null,
        customer_id text not null,
        constraint customer_search_words_by_location_word_key primary key (organization_id, location_id, word, customer_id))`.execute(db);
    // Statement-level for inserts and deletes (a multi-row insert of customers is one insert of their words);
    // row-level for updates, which PostgreSQL allows with a column list and a WHEN only at that level.
    await sql`create function customer_search_words_insert() returns trigger language plpgsql as $$
      begin
        insert into customer_search_words (organization_id, location_id, word, customer_id)
          select n.organization_id, n.location_id, w.word, n.id
          from new_customers n cross join lateral json_array_elements_text(n.search_words::json) as w(word);
        return null;
      end $$`.execute(db);
    await sql`create function customer_search_words_delete() returns trigger language plpgsql as $$
      begin
        delete from customer_search_words s
          using old_customers o cross join lateral json_array_elements_text(o.search_words::json) as w(word)
          where s.organization_id = o.organization_id and s.location_id = o.location_id and s.word = w.word and s.customer_id = o.id;
        return null;
      end $$`.execute(db);
    await sql`create function customer_search_words_update() returns trigger language plpgsql as $$
      begin
        delete from customer_search_words s
          where s.organization_id = old.organization_id and s.location_id = old.location_id and s.customer_id = old.id
            and s.word in (select json_array_elements_text(old.search_words::json));
        insert into customer_search_words (organization_id, location_id, word, customer_id)
          select new.organization_id, new.location_id, w.word, new.id from json_array_elements_text(new.search_words::json) as w(word);
        return null;
      end $$`.execute(db);
    await sql`create trigger customer_search_words_ai after insert on customers
      referencing new table as new_customers for each statement execute function customer_search_words_insert()`.execute(db);
    await sql`create trigger customer_search_words_ad after delete on customers
      referencing old table as old_customers for each statement execute function customer_search_words_delete()`.execute(db);
    await sql`create trigger customer_search_words_au after update of search_words, organization_id, location_id, id on customers
      for each row when (old.search_words is distinct from new.search_words or old.organization_id is distinct from new.organization_id
        or old.location_id is distinct from new.location_id or old.id is distinct from new.id)
      execute function customer_search_words_update()`.execute(db);
  } else {
    await sql`create table customer_search_words (
        organization_id text not null,
        location_id text not null,
        word text not null,
        customer_id text not null,
        constraint customer_search_words_by_location_word_key primary key (organization_id, location_id, word, customer_id)) without rowid`.execute(db);
    await sql`create trigger customer_search_words_ai after insert on customers begin
        insert into customer_search_words (organization_id, location_id, word, customer_id)
          select new.organization_id, new.location_id, j.value, new.id from json_each(new.search_words) as j;
      end`.execute(db);
    await sql`create trigger customer_search_words_ad after delete on customers begin
        delete from customer_search_words where organization_id = old.organization_id and location_id = old.location_id
          and word in (select j.value from json_each(old.search_words) as j) and customer_id = old.id;
      end`.execute(db);
    await sql`create trigger customer_search_words_au after update of search_words, organization_id, location_id, id on customers
      when old.search_words is not new.search_words or old.organization_id is not new.organization_id
        or old.location_id is not new.location_id or old.id is not new.id
      begin
        delete from customer_search_words where organization_id = old.organization_id and location_id = old.location_id
          and word in (select j.value from json_each(old.search_words) as j) and customer_id = old.id;
        insert into customer_search_words (organization_id, location_id, word, customer_id)
          select new.organization_id, new.location_id, j.value, new.id from json_each(new.search_words) as j;
      end`.execute(db);
  }

  // The customers that exist get their words (the update trigger writes the table).
  const fill = async (trx: Kysely<any>, rows: { id: string; search_text: string }[]) => {
    if (pg) {
      const values = sql.join(rows.map((r) => sql`(${r.id}, ${searchWordsColumn(r.search_text)})`));
      await sql`update customers set search_words = v.words from (values ${values}) as v(id, words) where customers.id = v.id`.execute(trx);
    } else {
      for (const r of rows)
        await trx
          .updateTable('customers')
          .set({ search_words: searchWordsColumn(r.search_text) })
          .where('id', '=', r.id)
          .execute();
    }
  };
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('customers').select(['id', 'search_text']).where('id', '>', after).orderBy('id').limit(BACKFILL_BATCH).execute();
    if (rows.length === 0) break;
    // PostgreSQL runs the whole migration in one transaction already; SQLite's migrator does not, and a
    // transaction per batch saves a commit per row.
    if (pg || db.isTransaction) await fill(db, rows);
    else await db.transaction().execute((trx) => fill(trx, rows));
    after = rows[rows.length - 1].id;
  }

  // The list's indexes, named by the query each serves: equality on organization and location (and type,
  // the Members and Nonmembers tabs), then the sort key and the id (the keyset cursor), so a page is a
  // range walk with no sort. "Last active" orders by coalesce(last_active_at, '') (never-active last when
  // newest first), so its index is on that expression; the former one on the bare column could not serve it.
  // Without a type (pickers, the API's default) the name and last-active sorts had no index at all.
  await db.schema.dropIndex('customers_list_idx').execute();
  await db.schema.dropIndex('customers_name_idx').execute();
  await db.schema.dropIndex('customers_active_idx').execute();
  await db.schema.dropIndex('customers_created_idx').execute();
  await sql`create index customers_list_by_location_type_created_idx on customers (organization_id, location_id, type, created_at, id)`.execute(db);
  await sql`create index customers_list_by_location_type_name_idx on customers (organization_id, location_id, type, sort_name, id)`.execute(db);
  await sql`create index customers_list_by_location_type_last_active_idx on customers (organization_id, location_id, type, coalesce(last_active_at, ''), id)`.execute(
    db,
  );
  await sql`create index customers_list_by_location_created_idx on customers (organization_id, location_id, created_at, id)`.execute(db);
  await sql`create index customers_list_by_location_name_idx on customers (organization_id, location_id, sort_name, id)`.execute(db);
  await sql`create index customers_list_by_location_last_active_idx on customers (organization_id, location_id, coalesce(last_active_at, ''), id)`.execute(db);
  // The substring index (terms of 3 characters or more) keeps its structure; on PostgreSQL it is an ordinary index and takes the naming.
  if (pg) await sql`alter index customers_search_trgm_idx rename to customers_search_substring_trgm_idx`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const pg = await isPostgres(db);
  if (pg) await sql`alter index customers_search_substring_trgm_idx rename to customers_search_trgm_idx`.execute(db);
  for (const name of [
    'customers_list_by_location_type_created_idx',
    'customers_list_by_location_type_name_idx',
    'customers_list_by_location_type_last_active_idx',
    'customers_list_by_location_created_idx',
    'customers_list_by_location_name_idx',
    'customers_list_by_location_last_active_idx',
  ])
    await db.schema.dropIndex(name).execute();
  await db.schema.createIndex('customers_list_idx').on('customers').columns(['organization_id', 'location_id', 'type', 'created_at', 'id']).execute();
  await db.schema.createIndex('customers_name_idx').on('customers').columns(['organization_id', 'location_id', 'type', 'sort_name', 'id']).execute();
  await db.schema.createIndex('customers_active_idx').on('customers').columns(['organization_id', 'location_id', 'type', 'last_active_at', 'id']).execute();
  await db.schema.createIndex('customers_created_idx').on('customers').columns(['organization_id', 'location_id', 'created_at', 'id']).execute();
  for (const t of ['customer_search_words_ai', 'customer_search_words_ad', 'customer_search_words_au'])
    await sql.raw(`drop trigger ${t}${pg ? ' on customers' : ''}`).execute(db);
  if (pg) for (const f of ['insert', 'delete', 'update']) await sql.raw(`drop function customer_search_words_${f}()`).execute(db);
  await db.schema.dropTable('customer_search_words').execute();
  await db.schema.alterTable('customers').dropColumn('search_words').execute();
}
