// SQL of what analytics reads about money: payments, refunds and issued totals per local month, and the
// invoices issued in a range, a keyset page at a time.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import { type DateRange, type Month, monthOfInstant } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';

const byMonth = (rows: { month: string | null; total: number | string | null }[]) =>
  new Map(rows.filter((r) => r.month !== null).map((r) => [r.month as string, Number(r.total ?? 0)]));

/** Payments received per month of their local date (`received_on`), from and to local dates. */
export async function paymentsByMonth(db: Tx, s: LocationKey, from: string, to: string): Promise<Map<Month, number>> {
  const rows = await db
    .selectFrom('payments')
    .select([sql<string>`substr(received_on, 1, 7)`.as('month'), sql<number>`sum(amount)`.as('total')])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .groupBy(sql.raw('1'))
    .execute();
  return byMonth(rows);
}

/** Money given back (credit notes with a refund, manual or online) per local month of the credit note. */
export async function refundsByMonth(db: Tx, s: LocationKey, months: Month[], boundaries: Date[]): Promise<Map<Month, number>> {
  if (months.length === 0) return new Map();
  const rows = await db
    .selectFrom('credit_notes')
    .select([monthOfInstant(sql.ref('created_at'), months, boundaries).as('month'), sql<number>`sum(amount)`.as('total')])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('refund', 'is not', null)
    .where('created_at', '>=', boundaries[0].toISOString())
    .where('created_at', '<', boundaries[boundaries.length - 1].toISOString())
    .groupBy(sql.raw('1'))
    .execute();
  return byMonth(rows);
}

/** Totals of invoices issued per month of their issue date, void ones left out. */
export async function invoicedByMonth(db: Tx, s: LocationKey, from: string, to: string): Promise<Map<Month, number>> {
  const rows = await db
    .selectFrom('invoices')
    .select([sql<string>`substr(issue_date, 1, 7)`.as('month'), sql<number>`sum(total)`.as('total')])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('status', 'in', ['issued', 'paid'])
    .where('issue_date', '>=', from)
    .where('issue_date', '<=', to)
    .groupBy(sql.raw('1'))
    .execute();
  return byMonth(rows);
}

/** Invoices issued in the range (by issue date, then id), void ones included, drafts not. */
export function issuedIn(db: Tx, s: LocationKey, r: DateRange, after: { issue_date: string | null; id: string } | null, limit: number) {
  let qb = db
    .selectFrom('invoices')
    .select([
      'id',
      'number',
      'status',
      'customer_id',
      'company_id',
      'issue_date',
      'due_date',
      'subtotal',
      'tax_total',
      'total',
      'amount_paid',
      'amount_credited',
      'currency',
      'paid_at',
      'voided_at',
    ])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('issue_date', '>=', after ? (after.issue_date ?? r.from) : r.from)
    .where('issue_date', '<=', r.to);
  if (after) {
    const d = after.issue_date ?? '';
    // after a page: its last value bounds the index range (above); this skips the rows of that page that share it
    qb = qb.where((eb) => eb.or([eb('issue_date', '>', d), eb('id', '>', after.id)]));
  }
  return qb.orderBy('issue_date').orderBy('id').limit(limit).execute();
}
