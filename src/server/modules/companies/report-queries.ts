// SQL of the companies report: companies created in a range, a keyset page at a time.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';

export function createdIn(db: Tx, s: LocationKey, r: DateRange, after: { created_at: string; id: string } | null, limit: number) {
  let qb = db
    .selectFrom('companies')
    .select(['id', 'name', 'email', 'phone', 'address', 'tax_id', 'created_at', 'deleted_at'])
    .select((eb) =>
      eb
        .selectFrom('customers')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('customers.company_id', '=', 'companies.id')
        .where('customers.location_id', '=', s.locationId)
        .where('customers.status', '!=', 'removed')
        .as('people'),
    )
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('created_at', '>=', after ? after.created_at : r.fromAt)
    .where('created_at', '<', r.toAt);
  if (after)
    // after a page: its last value bounds the index range (above); this skips the rows of that page that share it
    qb = qb.where((eb) => eb.or([eb('created_at', '>', after.created_at), eb('id', '>', after.id)]));
  return qb.orderBy('created_at').orderBy('id').limit(limit).execute();
}
