// SQL of active-user months.
import type { Insertable } from 'kysely';
import type { Tx } from '../../deps.js';
import type { ActiveUserMonthTable } from '../../db/schema.js';
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
