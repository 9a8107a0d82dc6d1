// Benefits (design 10.1): perks a location offers, and the applications people make for them, numbered
// per location (#1, #2...) from number_sequences. Also indexes the purchase history reads bookings by.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('benefits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('provider', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('location_members'))
    /** 1 while people may apply */
    .addColumn('applications', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('allowance', 'text', (c) => c.notNull().defaultTo('unlimited').check(sql`allowance in ('unlimited', 'once')`))
    .addColumn('cta_url', 'text')
    .addColumn('confirmation_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('benefits_by_location_idx').on('benefits').columns(['organization_id', 'location_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('benefit_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('benefit_id', 'text', (c) => c.notNull().references('benefits.id'))
    /** the applicant's record at the location */
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('new', 'approved', 'declined')`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('benefit_applications_number_unique').on('benefit_applications').columns(['location_id', 'number']).unique().execute();
  await db.schema.createIndex('benefit_applications_by_benefit_idx').on('benefit_applications').columns(['benefit_id', 'customer_id']).execute();
  await db.schema.createIndex('benefit_applications_by_customer_idx').on('benefit_applications').columns(['customer_id', 'created_at', 'id']).execute();

  // the purchase history reads a customer's or a company's bookings newest first
  await db.schema.createIndex('bookings_by_customer_created_idx').on('bookings').columns(['customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('bookings_by_company_created_idx').on('bookings').columns(['company_id', 'created_at', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('bookings_by_company_created_idx').execute();
  await db.schema.dropIndex('bookings_by_customer_created_idx').execute();
  await db.schema.dropTable('benefit_applications').execute();
  await db.schema.dropTable('benefits').execute();
}
