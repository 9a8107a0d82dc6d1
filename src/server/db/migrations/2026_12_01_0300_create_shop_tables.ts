// The shop (design 10.1): products with stock, prices in money and/or credits and optional credit-
// package grants; orders numbered per location (number_sequences, kind `order`) with their lines.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    /** money, minor units; null: not sold for money */
    .addColumn('price', 'integer', (c) => c.check(sql`price >= 0`))
    /** null: not sold for credits */
    .addColumn('credit_price', 'integer', (c) => c.check(sql`credit_price >= 1`))
    /** null: the location's default rate */
    .addColumn('tax_rate_bps', 'integer', (c) => c.check(sql`tax_rate_bps between 0 and 10000`))
    /** null: unlimited; never below zero */
    .addColumn('stock', 'integer', (c) => c.check(sql`stock >= 0`))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('location_members'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    /** a credit package: credits and day passes given per unit ordered, valid this many days (null: no expiry) */
    .addColumn('grant_credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grant_day_passes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grant_valid_days', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('products_by_location_idx').on('products').columns(['organization_id', 'location_id', 'name', 'id']).execute();

  await db.schema
    .createTable('orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    /** the buyer's record at the location */
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
    /** the paying company, or null when the buyer pays */
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('ordered_by_user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending_payment', 'new', 'in_progress', 'completed', 'canceled')`))
    .addColumn('payment_method', 'text', (c) => c.notNull().check(sql`payment_method in ('free', 'credits', 'invoice', 'card')`))
    /** money with tax, minor units (0 for credits) */
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invoice_id', 'text', (c) => c.references('invoices.id'))
    .addColumn('idempotency_key', 'text')
    /** the lines as a fingerprint, to tell a replay from another request under the same key */
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('refunded', 'text')
    .addColumn('canceled_at', 'text')
    .addColumn('canceled_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('orders_number_unique').on('orders').columns(['location_id', 'number']).unique().execute();
  await db.schema.createIndex('orders_idempotency_unique').on('orders').columns(['location_id', 'ordered_by_user_id', 'idempotency_key']).unique().execute();
  await db.schema.createIndex('orders_by_location_idx').on('orders').columns(['organization_id', 'location_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('orders_by_customer_idx').on('orders').columns(['customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('orders_by_company_idx').on('orders').columns(['company_id', 'created_at', 'id']).execute();
  // the hold sweep: card orders still waiting for their payment
  await db.schema.createIndex('orders_pending_idx').on('orders').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('order_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull().references('orders.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull().references('products.id'))
    /** the product's name when ordered */
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity between 1 and 100`))
    .addColumn('unit_price', 'integer')
    .addColumn('credit_price', 'integer')
    .addColumn('tax_rate_bps', 'integer')
    /** the product's credit package when ordered, per unit */
    .addColumn('grant_credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grant_day_passes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('grant_valid_days', 'integer')
    .execute();
  await db.schema.createIndex('order_lines_by_order_idx').on('order_lines').columns(['order_id', 'position']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['order_lines', 'orders', 'products']) await db.schema.dropTable(t).execute();
}
