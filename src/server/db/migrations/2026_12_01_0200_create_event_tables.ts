// Events and their tickets (design 10.1): capacity, price in money and/or credits, tickets open or
// closed, one live ticket per person (a partial unique index is the safety net under the event's
// lock), a code per ticket unique within its event and stored upper-case so that it matches typed
// codes case-insensitively.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    /** null: unlimited */
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity >= 1`))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('location_members'))
    /** money in minor units; null: not sold for money */
    .addColumn('price', 'integer', (c) => c.check(sql`price >= 0`))
    /** null: not sold for credits */
    .addColumn('credit_price', 'integer', (c) => c.check(sql`credit_price >= 0`))
    /** null: the location's default rate */
    .addColumn('tax_rate_bps', 'integer')
    .addColumn('tickets_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('refund_notice_hours', 'integer', (c) => c.notNull().defaultTo(24))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`status in ('scheduled', 'canceled')`))
    .addColumn('canceled_at', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('events_times', sql`starts_at < ends_at`)
    .execute();
  await db.schema.createIndex('events_by_location_start_idx').on('events').columns(['organization_id', 'location_id', 'starts_at', 'id']).execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    /** the holder's record at the location */
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    /** the paying company, or null when the holder pays */
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** 8 characters without 0/O/1/I, upper-case */
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending_payment', 'confirmed', 'canceled')`))
    .addColumn('payment_method', 'text', (c) => c.notNull().check(sql`payment_method in ('free', 'credits', 'invoice', 'card')`))
    /** money charged, with tax (0 when free or paid in credits) */
    .addColumn('price', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_in_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('canceled_at', 'text')
    .addColumn('canceled_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tickets_event_code_unique').on('tickets').columns(['event_id', 'code']).unique().execute();
  await db.schema
    .createIndex('tickets_one_live_per_person')
    .on('tickets')
    .columns(['event_id', 'customer_id'])
    .unique()
    .where(sql<boolean>`status <> 'canceled'`)
    .execute();
  await db.schema.createIndex('tickets_idempotency_unique').on('tickets').columns(['location_id', 'user_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('tickets_by_event_idx').on('tickets').columns(['event_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('tickets_by_customer_idx').on('tickets').columns(['customer_id', 'created_at']).execute();
  await db.schema.createIndex('tickets_by_company_idx').on('tickets').columns(['company_id', 'created_at']).execute();
  // the ticket-hold sweep: card tickets still waiting for their payment
  await db.schema.createIndex('tickets_pending_idx').on('tickets').columns(['status', 'created_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['tickets', 'events']) await db.schema.dropTable(t).execute();
}
