// Accounts are shared across organizations: the names and phone an organization enters before
// the person activates their account live on its own customer record (and administrator grant),
// so no organization can change what another one sees. And bulk mail gets a lower priority in
// the outbox, so that nobody's sign-in code waits behind another organization's mass invitation.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('customers')
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('customers')
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.alterTable('customers').addColumn('phone', 'text').execute();
  await db.schema
    .alterTable('administrators')
    .addColumn('first_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('administrators')
    .addColumn('last_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Bulk mail (mass invitations, reminders) is sent after one person's mail, such as sign-in codes.
  await db.schema
    .alterTable('outbox')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('outbox_priority_due_idx').on('outbox').columns(['status', 'priority', 'next_attempt_at']).execute();
  // Existing records take what the shared account holds today: the last value any organization wrote.
  await sql`update customers set
      first_name = coalesce((select u.first_name from users u where u.id = customers.user_id), ''),
      last_name = coalesce((select u.last_name from users u where u.id = customers.user_id), ''),
      phone = (select u.phone from users u where u.id = customers.user_id)`.execute(db);
  await sql`update administrators set
      first_name = coalesce((select u.first_name from users u where u.id = administrators.user_id), ''),
      last_name = coalesce((select u.last_name from users u where u.id = administrators.user_id), '')`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_priority_due_idx').execute();
  await db.schema.alterTable('outbox').dropColumn('priority').execute();
  for (const col of ['first_name', 'last_name']) await db.schema.alterTable('administrators').dropColumn(col).execute();
  for (const col of ['first_name', 'last_name', 'phone']) await db.schema.alterTable('customers').dropColumn(col).execute();
}
