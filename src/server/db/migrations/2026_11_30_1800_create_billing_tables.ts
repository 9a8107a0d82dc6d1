// Billing I: plans, subscriptions, the ledger of credits and day passes (append-only transactions
// and entries, with lots as a projection of what each grant still holds), active-user months, and
// the location and company settings billing reads.
import { sql, type Kysely } from 'kysely';

/** A row owned by exactly one customer or one company (design 6: two nullable keys and a CHECK). */
const oneOwner = sql`(customer_id is null) <> (company_id is null)`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('locations')
    .addColumn('tax_rate_bps', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const [name, type, dflt] of [
    ['prices_include_tax', 'integer', 0],
    ['payment_terms_days', 'integer', 14],
    ['invoice_days_ahead', 'integer', 7],
    ['invoice_number_pattern', 'text', 'INV-{YYYY}-{NNNN}'],
    ['billing_anchor', 'text', 'start_date'],
    ['auto_remove_members', 'integer', 0],
    ['billing_details', 'text', '{}'],
  ] as const) {
    await db.schema
      .alterTable('locations')
      .addColumn(name, type, (c) => c.notNull().defaultTo(dflt))
      .execute();
  }
  await db.schema
    .alterTable('companies')
    .addColumn('company_users_may_spend', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price', 'integer', (c) => c.notNull().check(sql`price >= 0`))
    .addColumn('cycle', 'text', (c) => c.notNull().check(sql`cycle in ('week', 'month', 'year')`))
    .addColumn('setup_fee', 'integer', (c) => c.notNull().defaultTo(0).check(sql`setup_fee >= 0`))
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0).check(sql`credits >= 0`))
    .addColumn('day_passes', 'integer', (c) => c.notNull().defaultTo(0).check(sql`day_passes >= 0`))
    .addColumn('tax_rate_bps', 'integer', (c) => c.check(sql`tax_rate_bps between 0 and 10000`))
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('administrators'))
    .addColumn('self_sign_up', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('plans_by_location_name_idx').on('plans').columns(['organization_id', 'location_id', 'name', 'id']).execute();

  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    // copied from the plan at creation: plan edits affect new subscriptions only
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('price', 'integer', (c) => c.notNull().check(sql`price >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity between 1 and 1000`))
    .addColumn('cycle', 'text', (c) => c.notNull())
    .addColumn('setup_fee', 'integer', (c) => c.notNull())
    .addColumn('credits', 'integer', (c) => c.notNull())
    .addColumn('day_passes', 'integer', (c) => c.notNull())
    .addColumn('tax_rate_bps', 'integer')
    .addColumn('anchor', 'text', (c) => c.notNull().check(sql`anchor in ('start_date', 'first_of_month')`))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('scheduled', 'active', 'ending', 'ended', 'canceled')`))
    .addColumn('current_period_start', 'text')
    .addColumn('current_period_end', 'text')
    /** the start of the last period whose credits and day passes were granted (grants happen once) */
    .addColumn('granted_period_start', 'text')
    .addColumn('canceled_at', 'text')
    .addColumn('created_by_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('admin'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('subscriptions_one_owner', oneOwner)
    .execute();
  await db.schema
    .createIndex('subscriptions_by_location_newest_idx')
    .on('subscriptions')
    .columns(['organization_id', 'location_id', 'created_at', 'id'])
    .execute();
  await db.schema.createIndex('subscriptions_by_customer_idx').on('subscriptions').columns(['customer_id', 'status']).execute();
  await db.schema.createIndex('subscriptions_by_company_idx').on('subscriptions').columns(['company_id', 'status']).execute();
  // the sweeps look for due rows by status and date
  await db.schema.createIndex('subscriptions_due_idx').on('subscriptions').columns(['status', 'current_period_end']).execute();

  await db.schema
    .createTable('ledger_transactions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('unit', 'text', (c) => c.notNull().check(sql`unit in ('credit', 'day_pass')`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('grant', 'adjust', 'spend', 'refund', 'expire')`))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('balance_after', 'integer', (c) => c.notNull().check(sql`balance_after >= 0`))
    /** the owner's transactions in order (the running balance follows it) */
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('memo', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    /** `<kind>:<sourceType>:<sourceId>`: a grant, spend or expiry happens once whatever retries or races */
    .addColumn('source_key', 'text')
    .addColumn('actor_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('ledger_transactions_one_owner', oneOwner)
    .execute();
  await db.schema.createIndex('ledger_transactions_source_key_unique').on('ledger_transactions').columns(['location_id', 'source_key']).unique().execute();
  // the ledger page and the balance (the newest transaction's balance_after), per owner and unit
  await db.schema.createIndex('ledger_by_customer_unit_seq_idx').on('ledger_transactions').columns(['customer_id', 'unit', 'seq']).unique().execute();
  await db.schema.createIndex('ledger_by_company_unit_seq_idx').on('ledger_transactions').columns(['company_id', 'unit', 'seq']).unique().execute();
  await db.schema.createIndex('ledger_by_customer_newest_idx').on('ledger_transactions').columns(['customer_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('ledger_by_company_newest_idx').on('ledger_transactions').columns(['company_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('transaction_id', 'text', (c) => c.notNull().references('ledger_transactions.id'))
    /** the lot this amount touches; a lot's own entry points at itself */
    .addColumn('lot_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_entries_by_transaction_idx').on('ledger_entries').column('transaction_id').execute();
  await db.schema.createIndex('ledger_entries_by_lot_idx').on('ledger_entries').column('lot_id').execute();

  // What each lot still holds: a projection of the entries, changed only with them in one transaction.
  await db.schema
    .createTable('ledger_lots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('customer_id', 'text', (c) => c.references('customers.id'))
    .addColumn('company_id', 'text', (c) => c.references('companies.id'))
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('remaining', 'integer', (c) => c.notNull().check(sql`remaining >= 0`))
    .addColumn('expires_at', 'text')
    /** what granted it (a subscription...): canceling that source expires its lots */
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('ledger_lots_one_owner', oneOwner)
    .execute();
  await db.schema.createIndex('ledger_lots_by_customer_idx').on('ledger_lots').columns(['customer_id', 'unit', 'remaining']).execute();
  await db.schema.createIndex('ledger_lots_by_company_idx').on('ledger_lots').columns(['company_id', 'unit', 'remaining']).execute();
  // the expiry sweep: lots with something left whose time has come
  await db.schema.createIndex('ledger_lots_by_source_idx').on('ledger_lots').columns(['source_type', 'source_id']).execute();
  await db.schema.createIndex('ledger_lots_expiring_idx').on('ledger_lots').columns(['expires_at', 'remaining']).execute();

  await db.schema
    .createTable('active_user_months')
    .addColumn('location_id', 'text', (c) => c.notNull().references('locations.id'))
    .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** the local month, 'YYYY-MM' */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('active_user_months_pk', ['location_id', 'month', 'user_id', 'reason'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['active_user_months', 'ledger_lots', 'ledger_entries', 'ledger_transactions', 'subscriptions', 'plans'])
    await db.schema.dropTable(t).execute();
  await db.schema.alterTable('companies').dropColumn('company_users_may_spend').execute();
  for (const c of [
    'tax_rate_bps',
    'prices_include_tax',
    'payment_terms_days',
    'invoice_days_ahead',
    'invoice_number_pattern',
    'billing_anchor',
    'auto_remove_members',
    'billing_details',
  ])
    await db.schema.alterTable('locations').dropColumn(c).execute();
}
