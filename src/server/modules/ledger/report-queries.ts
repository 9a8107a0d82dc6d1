// SQL of the ledger report: credit and day-pass transactions made in a range, a keyset page at a time.
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';

export function createdIn(db: Tx, s: LocationKey, r: DateRange, after: { created_at: string; id: string } | null, limit: number) {
  let qb = db
    .selectFrom('ledger_transactions')
    .select(['id', 'customer_id', 'company_id', 'unit', 'kind', 'amount', 'balance_after', 'expires_at', 'memo', 'source_type', 'created_at'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('created_at', '>=', after ? after.created_at : r.fromAt)
    .where('created_at', '<', r.toAt);
  if (after)
    // after a page: its last value bounds the index range (above); this skips the rows of that page that share it
    qb = qb.where((eb) => eb.or([eb('created_at', '>', after.created_at), eb('id', '>', after.id)]));
  return qb.orderBy('created_at').orderBy('id').limit(limit).execute();
}
