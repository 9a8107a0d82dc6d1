// The organization's blacklist (design 11.1), and the active-user reasons renamed to the words of
// the usage API: covered -> subscription, booked -> booking, paid -> payment (credits is new).
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('blacklist_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    /** normalised like users.email (trimmed, lower case); an email without an account may be listed too */
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // one entry an email; the access statement and every refusal probe it by (organization, email)
  await db.schema.createIndex('blacklist_entries_email_unique').on('blacklist_entries').columns(['organization_id', 'email']).unique().execute();
  // whether an email is blacklisted anywhere (sign-in codes)
  await db.schema.createIndex('blacklist_entries_by_email_idx').on('blacklist_entries').column('email').execute();

  for (const [from, to] of [
    ['covered', 'subscription'],
    ['booked', 'booking'],
    ['paid', 'payment'],
  ])
    await sql`update active_user_months set reason = ${to} where reason = ${from}`.execute(db);
  // the usage report reads one month of an organization
  await db.schema.createIndex('active_user_months_by_month_idx').on('active_user_months').columns(['organization_id', 'month', 'user_id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('active_user_months_by_month_idx').execute();
  await sql`delete from active_user_months where reason = 'credits'`.execute(db);
  for (const [from, to] of [
    ['subscription', 'covered'],
    ['booking', 'booked'],
    ['payment', 'paid'],
  ])
    await sql`update active_user_months set reason = ${to} where reason = ${from}`.execute(db);
  await db.schema.dropTable('blacklist_entries').execute();
}
