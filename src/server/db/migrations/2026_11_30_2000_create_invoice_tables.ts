// Billing II: invoices and their lines, gap-free number sequences, payments, credit notes, online
// checkouts and the provider events already applied (each applies once).
import { sql, type Kysely } from 'kysely';

const oneOwner = sql`(customer_id is null) <> (company_id is null)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // the start of the latest period whose invoice was drafted (or that needed none): the draft sweep skips it
  await db.schema.alterTable('subscriptions').addColumn('drafted_period_start', 'text').execute();
  await db.schema
    .createTable('number_sequences')
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    /** invoice, credit_note (later: order, benefit_application) */
    .addColumn('kind', 'text', (c) => c.notNull())
    /** the year when the pattern restarts each year, else '' */
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('next', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('number_sequences_pk', ['location_id', 'kind', 'scope'])
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'issued', 'paid', 'void')`))
    .addColumn('number', 'text')
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('prices_include_tax', 'integer', (c) => c.notNull())
    .addColumn('issue_date', 'text')
    .addColumn('due_date', 'text')
    /** the payer as issued (JSON); null on drafts, which show the payer as they are now */
    .addColumn('bill_to', 'text')
    .addColumn('subtotal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tax_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_paid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('amount_credited', 'integer', (c) => c.notNull().defaultTo(0))
    /** a subscription's invoice of one period: one per (subscription, period start) */
    .addColumn('subscription_id', 'text', (c) => c.references('subscriptions.id'))
    .addColumn('period_start', 'text')
    /** a purchase's own invoice (booking, ticket, order): one per source */
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('overdue_reminded_at', 'text')
    .addColumn('issued_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('invoices_one_owner', oneOwner)
    .addCheckConstraint('invoices_amounts', sql`amount_paid >= 0 and amount_credited >= 0`)
    .execute();
  await db.schema.createIndex('invoices_number_unique').on('invoices').columns(['location_id', 'number']).unique().execute();
  await db.schema.createIndex('invoices_subscription_period_unique').on('invoices').columns(['subscription_id', 'period_start']).unique().execute();
  await db.schema.createIndex('invoices_source_unique').on('invoices').columns(['location_id', 'source_type', 'source_id']).unique().execute();
  await db.schema.createIndex('invoices_by_location_newest_idx').on('invoices').columns(['organization_id', 'location_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('invoices_by_location_status_idx')
    .on('invoices')
    .columns(['organization_id', 'location_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('invoices_by_customer_idx').on('invoices').columns(['customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('invoices_by_company_idx').on('invoices').columns(['company_id', 'created_at', 'id']).execute();
  // the overdue sweep: issued invoices past their due date
  await db.schema.createIndex('invoices_due_idx').on('invoices').columns(['status', 'due_date']).execute();

  await db.schema
    .createTable('invoice_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity between 1 and 10000`))
    .addColumn('unit_price', 'integer', (c) => c.notNull())
    .addColumn('tax_rate_bps', 'integer', (c) => c.notNull().check(sql`tax_rate_bps between 0 and 10000`))
    .addColumn('net', 'integer', (c) => c.notNull())
    .addColumn('tax', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('subscription_id', 'text')
    .addColumn('period_start', 'text')
    .addColumn('period_end', 'text')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('manual'))
    .execute();
  await db.schema.createIndex('invoice_lines_by_invoice_idx').on('invoice_lines').columns(['invoice_id', 'position']).execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('bank_transfer', 'cash', 'card_terminal', 'other', 'online')`))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('provider', 'text')
    /** the provider's id of the money (Stripe: the PaymentIntent), for refunds */
    .addColumn('provider_ref', 'text')
    .addColumn('checkout_id', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_by_invoice_idx').on('payments').columns(['invoice_id', 'created_at']).execute();
  await db.schema
    .createIndex('payments_idempotency_unique')
    .on('payments')
    .columns(['location_id', 'created_by_user_id', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('credit_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('tax_amount', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** on a paid invoice: money owed back, paid by the operator (manual) or through the provider (online) */
    .addColumn('refund', 'text')
    .addColumn('refund_ref', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('credit_notes_number_unique').on('credit_notes').columns(['location_id', 'number']).unique().execute();
  await db.schema.createIndex('credit_notes_by_invoice_idx').on('credit_notes').columns(['invoice_id', 'created_at']).execute();
  await db.schema
    .createIndex('credit_notes_idempotency_unique')
    .on('credit_notes')
    .columns(['location_id', 'created_by_user_id', 'idempotency_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('checkouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_ref', 'text')
    .addColumn('url', 'text')
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'paid', 'failed', 'expired')`))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkouts_by_invoice_idx').on('checkouts').columns(['invoice_id', 'status']).execute();

  await db.schema
    .createTable('payment_events')
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('payment_events_pk', ['provider', 'event_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['payment_events', 'checkouts', 'credit_notes', 'payments', 'invoice_lines', 'invoices', 'number_sequences'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('subscriptions').dropColumn('drafted_period_start').execute();
}
