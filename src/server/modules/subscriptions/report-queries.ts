// SQL of the subscriptions report: subscriptions starting in a range, a keyset page at a time.
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';

export function startingIn(db: Tx, s: LocationKey, r: DateRange, after: { start_date: string; id: string } | null, limit: number) {
  let qb = db
    .selectFrom('subscriptions')
    .select([
      'id',
      'customer_id',
      'company_id',
      'name',
      'status',
      'quantity',
      'price',
      'setup_fee',
      'currency',
      'cycle',
      'start_date',
      'end_date',
      'canceled_at',
      'source',
      'created_at',
    ])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('start_date', '>=', after ? after.start_date : r.from)
    .where('start_date', '<=', r.to);
  if (after)
    // after a page: its last value bounds the index range (above); this skips the rows of that page that share it
    qb = qb.where((eb) => eb.or([eb('start_date', '>', after.start_date), eb('id', '>', after.id)]));
  return qb.orderBy('start_date').orderBy('id').limit(limit).execute();
}
