// Reports read a location's rows in the order of their own date, a keyset page at a time: these indexes
// make each page a range read (customers and bookings already have theirs).
import type { Kysely } from 'kysely';

const INDEXES = [
  ['companies_by_location_created_idx', 'companies', ['organization_id', 'location_id', 'created_at', 'id']],
  ['subscriptions_by_location_start_idx', 'subscriptions', ['organization_id', 'location_id', 'start_date', 'id']],
  ['invoices_by_location_issue_idx', 'invoices', ['organization_id', 'location_id', 'issue_date', 'id']],
  ['ledger_by_location_created_idx', 'ledger_transactions', ['organization_id', 'location_id', 'created_at', 'id']],
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, table, columns] of INDEXES)
    await db.schema
      .createIndex(name)
      .on(table)
      .columns([...columns])
      .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
}
