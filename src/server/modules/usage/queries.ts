// SQL of active-user months.
import { type Insertable, sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { ActiveUserMonthTable } from '../../db/schema.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export async function insertMarks(db: Tx, rows: Insertable<ActiveUserMonthTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('active_user_months')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['location_id', 'month', 'user_id', 'reason']).doNothing())
      .execute();
}

/** Who was active in a month at a location, with their reasons. */
export function activeUsers(db: Tx, s: LocationKey, month: string) {
  return db
    .selectFrom('active_user_months')
    .select(['user_id', 'reason'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('month', '=', month)
    .orderBy('user_id')
    .execute();
}

export function organizationLocations(db: Tx, organizationId: string) {
  return db.selectFrom('locations').select(['id', 'name']).where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
}

/** People active per month and location, and per month in the whole organization (each person once). */
export async function countsByMonth(db: Tx, organizationId: string, from: string, to: string) {
  const [perLocation, total] = await Promise.all([
    db
      .selectFrom('active_user_months')
      .select(['month', 'location_id', sql<string | number>`count(distinct user_id)`.as('n')])
      .where('organization_id', '=', organizationId)
      .where('month', '>=', from)
      .where('month', '<=', to)
      .groupBy(['month', 'location_id'])
      .execute(),
    db
      .selectFrom('active_user_months')
      .select(['month', sql<string | number>`count(distinct user_id)`.as('n')])
      .where('organization_id', '=', organizationId)
      .where('month', '>=', from)
      .where('month', '<=', to)
      .groupBy('month')
      .execute(),
  ]);
  return {
    perLocation: perLocation.map((r) => ({ month: r.month, locationId: r.location_id, n: Number(r.n) })),
    total: total.map((r) => ({ month: r.month, n: Number(r.n) })),
  };
}

/** One page of (person, location) pairs active in the month, by email then location (limit + 1 rows). */
export function activePeople(db: Tx, organizationId: string, month: string, locationId: string | undefined, after: Keyset | null, limit: number) {
  let qb = db
    .selectFrom('active_user_months as a')
    .innerJoin('users', 'users.id', 'a.user_id')
    .leftJoin('customers', (j) => j.onRef('customers.location_id', '=', 'a.location_id').onRef('customers.user_id', '=', 'a.user_id'))
    .select([
      'a.user_id',
      'a.location_id',
      'users.email',
      // before activation the names this organization entered are the ones it shows
      sql<string>`max(case when users.activated_at is null and customers.id is not null then customers.first_name else users.first_name end)`.as('first_name'),
      sql<string>`max(case when users.activated_at is null and customers.id is not null then customers.last_name else users.last_name end)`.as('last_name'),
      sql<string>`min(a.created_at)`.as('first_at'),
    ])
    .where('a.organization_id', '=', organizationId)
    .where('a.month', '=', month);
  if (locationId) qb = qb.where('a.location_id', '=', locationId);
  if (after)
    qb = qb.where((eb) => eb.or([eb('users.email', '>', after.value), eb.and([eb('users.email', '=', after.value), eb('a.location_id', '>', after.id)])]));
  return qb
    .groupBy(['a.user_id', 'a.location_id', 'users.email'])
    .orderBy('users.email')
    .orderBy('a.location_id')
    .limit(limit + 1)
    .execute();
}

/** The reasons of these people's marks in the month. */
export function reasonsOf(db: Tx, organizationId: string, month: string, userIds: string[]) {
  if (!userIds.length) return Promise.resolve([]);
  return db
    .selectFrom('active_user_months')
    .select(['user_id', 'location_id', 'reason'])
    .where('organization_id', '=', organizationId)
    .where('month', '=', month)
    .where('user_id', 'in', userIds)
    .execute();
}
