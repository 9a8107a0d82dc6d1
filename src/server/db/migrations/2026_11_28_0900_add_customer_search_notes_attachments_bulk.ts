// The customers page: denormalised search and sort columns with an index for substring search on
// each database (FTS5 trigram on SQLite, pg_trgm on PostgreSQL), notes, attachments, bulk jobs.
import { sql, type Kysely } from 'kysely';

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    const r = await sql<{ v: string }>`select version() as v`.execute(db);
    return String(r.rows[0]?.v ?? '').includes('PostgreSQL');
  } catch {
    return false;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const pg = await isPostgres(db);
  await db.schema
    .alterTable('customers')
    .addColumn('search_text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('customers')
    .addColumn('sort_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('customers').addColumn('last_active_at', 'text').execute();
  await db.schema.createIndex('customers_name_idx').on('customers').columns(['organization_id', 'location_id', 'type', 'sort_name', 'id']).execute();
  await db.schema.createIndex('customers_active_idx').on('customers').columns(['organization_id', 'location_id', 'type', 'last_active_at', 'id']).execute();
  // The list without a type filter, newest first.
  await db.schema.createIndex('customers_created_idx').on('customers').columns(['organization_id', 'location_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('customers_company_idx').on('customers').columns(['company_id']).execute();
  if (pg) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index customers_search_trgm_idx on customers using gin (search_text gin_trgm_ops)`.execute(db);
  } else {
    await sql`create virtual table customers_fts using fts5(search_text, content='customers', content_rowid='rowid', tokenize='trigram')`.execute(db);
    await sql`create trigger customers_fts_ai after insert on customers begin insert into customers_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(
      db,
    );
    await sql`create trigger customers_fts_ad after delete on customers begin insert into customers_fts(customers_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); end`.execute(
      db,
    );
    await sql`create trigger customers_fts_au after update of search_text on customers begin insert into customers_fts(customers_fts, rowid, search_text) values ('delete', old.rowid, old.search_text); insert into customers_fts(rowid, search_text) values (new.rowid, new.search_text); end`.execute(
      db,
    );
  }
  // Existing rows get their search and sort text from their account and company.
  await sql`update customers set
      sort_name = lower(coalesce((select trim(u.first_name || ' ' || u.last_name) from users u where u.id = customers.user_id), '')),
      last_active_at = (select u.last_active_at from users u where u.id = customers.user_id),
      search_text = lower(coalesce((select u.first_name || ' ' || u.last_name || ' ' || u.email || ' ' || coalesce(u.phone, '') from users u where u.id = customers.user_id), '')
        || ' ' || coalesce((select c.name from companies c where c.id = customers.company_id), ''))`.execute(db);

  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('author_user_id', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notes_customer_idx').on('notes').columns(['customer_id', 'created_at']).execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('uploaded_by_user_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('attachments_customer_idx').on('attachments').columns(['customer_id', 'created_at']).execute();

  await db.schema
    .createTable('bulk_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('actor_user_id', 'text', (c) => c.notNull())
    .addColumn('company_id', 'text')
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invalid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('bulk_jobs_status_idx').on('bulk_jobs').columns(['status']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bulk_jobs', 'attachments', 'notes']) await db.schema.dropTable(t).execute();
}
