// SQL of the figures and the report that analytics reads about customer records: month-end counts and
// the records created in a range, a keyset page at a time.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';
import { shown } from './queries.js';

/**
 * Members and nonmembers that were not removed at each instant: created before it, and not removed or
 * removed after it (a record's type is its current one). One statement, one pass over the location.
 */
export async function countsAt(db: Tx, s: LocationKey, instants: string[]): Promise<{ members: number; nonmembers: number }[]> {
  if (instants.length === 0) return [];
  const live = (at: string, type: 'member' | 'nonmember') =>
    sql<number>`sum(case when type = ${type} and created_at < ${at} and (removed_at is null or removed_at >= ${at}) then 1 else 0 end)`;
  const row = (await db
    .selectFrom('customers')
    .select(instants.flatMap((at, i) => [live(at, 'member').as(`m${i}`), live(at, 'nonmember').as(`n${i}`)]))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .executeTakeFirst()) as Record<string, number | string | null> | undefined;
  return instants.map((_, i) => ({ members: Number(row?.[`m${i}`] ?? 0), nonmembers: Number(row?.[`n${i}`] ?? 0) }));
}

/** Customer records created in the range (by created_at, then id), after the given row. */
export function createdIn(db: Tx, s: LocationKey, r: DateRange, after: { created_at: string; id: string } | null, limit: number) {
  let qb = db
    .selectFrom('customers')
    .innerJoin('users', 'users.id', 'customers.user_id')
    .leftJoin('companies', 'companies.id', 'customers.company_id')
    .select([
      'customers.id',
      'customers.type',
      'customers.status',
      'customers.source',
      'customers.company_manager',
      'customers.created_at',
      'customers.removed_at',
      'companies.name as company_name',
      'users.email',
      'users.activated_at',
      'users.last_active_at',
      shown.firstName.as('first_name'),
      shown.lastName.as('last_name'),
      shown.phone.as('phone'),
    ])
    .where('customers.organization_id', '=', s.organizationId)
    .where('customers.location_id', '=', s.locationId)
    .where('customers.created_at', '>=', after ? after.created_at : r.fromAt)
    .where('customers.created_at', '<', r.toAt);
  // after a page: its last value bounds the index range (above); this skips the rows of that page that share it
  if (after) qb = qb.where((eb) => eb.or([eb('customers.created_at', '>', after.created_at), eb('customers.id', '>', after.id)]));
  return qb.orderBy('customers.created_at').orderBy('customers.id').limit(limit).execute();
}
