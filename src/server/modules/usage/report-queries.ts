// SQL of what analytics reads about active users: how many people counted at a location per month.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { LocationKey } from '../../scope.js';

export async function countsByMonth(db: Tx, s: LocationKey, months: string[]): Promise<Map<string, number>> {
  if (months.length === 0) return new Map();
  const rows = await db
    .selectFrom('active_user_months')
    .select(['month', sql<number>`count(distinct user_id)`.as('n')])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('month', 'in', months)
    .groupBy('month')
    .execute();
  return new Map(rows.map((r) => [r.month, Number(r.n)]));
}
