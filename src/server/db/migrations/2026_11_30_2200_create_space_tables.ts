// Spaces (design 9): resources, assignments and bookings, with the location settings they read
// (opening hours, book-ahead days, cancellation notice, reminder). On PostgreSQL an exclusion
// constraint is the safety net under the booking lock: two whole-resource bookings that hold the
// slot never overlap.
import { sql, type Kysely } from 'kysely';

const oneOwner = sql`(customer_id is null) <> (company_id is null)`;

/** Monday to Friday, 08:00 to 20:00 (local wall times). */
const DEFAULT_OPENING_HOURS = JSON.stringify({
  mon: [['08:00', '20:00']],
  tue: [['08:00', '20:00']],
  wed: [['08:00', '20:00']],
  thu: [['08:00', '20:00']],
  fri: [['08:00', '20:00']],
  sat: [],
  sun: [],
});

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
  // a booking's confirmation carries an iCalendar file
  await db.schema.alterTable('outbox').addColumn('calendar', 'text').execute();
  for (const [name, type, dflt] of [
    ['opening_hours', 'text', DEFAULT_OPENING_HOURS],
    ['book_ahead_days', 'integer', 90],
    ['cancellation_notice_hours', 'integer', 24],
    ['booking_reminder_minutes', 'integer', 60],
  ] as const) {
    await db.schema
      .alterTable('locations')
      .addColumn(name, type, (c) => c.notNull().defaultTo(dflt))
      .execute();
  }

  await db.schema
    .createTable('resources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('meeting_room', 'hot_desk', 'dedicated_desk', 'private_office', 'parking', 'equipment')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats between 1 and 500`))
    .addColumn('capacity', 'integer')
    .addColumn('price_per_hour', 'integer', (c) => c.check(sql`price_per_hour >= 0`))
    .addColumn('credits_per_hour', 'integer', (c) => c.check(sql`credits_per_hour >= 0`))
    .addColumn('day_pass_accepted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('min_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('max_minutes', 'integer', (c) => c.notNull().defaultTo(480))
    .addColumn('increment_minutes', 'integer', (c) => c.notNull().defaultTo(30).check(sql`increment_minutes in (15, 30, 60)`))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('location_members'))
    .addColumn('booking_level', 'text', (c) => c.notNull().defaultTo('location_members'))
    .addColumn('bookable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resources_by_location_idx').on('resources').columns(['organization_id', 'location_id', 'type', 'name', 'id']).execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    /** null: the whole resource */
    .addColumn('seats', 'integer')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('subscription_id', 'text', (c) => c.references('subscriptions.id'))
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('assignments_one_owner', oneOwner)
    .execute();
  await db.schema.createIndex('assignments_by_resource_idx').on('assignments').columns(['resource_id', 'start_date']).execute();
  await db.schema.createIndex('assignments_by_customer_idx').on('assignments').columns(['customer_id']).execute();
  await db.schema.createIndex('assignments_by_company_idx').on('assignments').columns(['company_id']).execute();
  await db.schema.createIndex('assignments_by_subscription_idx').on('assignments').columns(['subscription_id']).execute();

  await db.schema
    .createTable('bookings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('resource_id', 'text', (c) => c.notNull().references('resources.id'))
    /** the booker's record at the location */
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    /** the paying company, or null when the booker pays */
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('booked_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    /** minutes since the epoch: the overlap test and the exclusion constraint compare integers */
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('whole_resource', 'integer', (c) => c.notNull())
    /** 1 while confirmed or pending payment: the booking holds its slot */
    .addColumn('holds_slot', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending_payment', 'confirmed', 'canceled')`))
    .addColumn('payment_method', 'text', (c) => c.notNull().check(sql`payment_method in ('free', 'credits', 'day_pass', 'invoice', 'card')`))
    .addColumn('price', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('day_passes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('reminded_at', 'text')
    .addColumn('canceled_at', 'text')
    .addColumn('canceled_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('bookings_times', sql`start_minute < end_minute`)
    .execute();
  await db.schema.createIndex('bookings_by_resource_idx').on('bookings').columns(['resource_id', 'holds_slot', 'start_minute']).execute();
  await db.schema.createIndex('bookings_by_location_start_idx').on('bookings').columns(['organization_id', 'location_id', 'start_minute', 'id']).execute();
  await db.schema.createIndex('bookings_by_customer_idx').on('bookings').columns(['customer_id', 'start_minute']).execute();
  await db.schema.createIndex('bookings_idempotency_unique').on('bookings').columns(['location_id', 'booked_by_user_id', 'idempotency_key']).unique().execute();
  // the reminder sweep: confirmed bookings starting soon, not reminded yet
  await db.schema.createIndex('bookings_reminder_idx').on('bookings').columns(['status', 'reminded_at', 'start_minute']).execute();
  if (pg) {
    await sql`create extension if not exists btree_gist`.execute(db);
    await sql`alter table bookings add constraint bookings_no_overlap exclude using gist (resource_id with =, int8range(start_minute, end_minute) with &&) where (holds_slot = 1 and whole_resource = 1)`.execute(
      db,
    );
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['bookings', 'assignments', 'resources']) await db.schema.dropTable(t).execute();
  await db.schema.alterTable('outbox').dropColumn('calendar').execute();
  for (const c of ['opening_hours', 'book_ahead_days', 'cancellation_notice_hours', 'booking_reminder_minutes'])
    await db.schema.alterTable('locations').dropColumn(c).execute();
}
