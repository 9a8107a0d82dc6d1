// SQL for plans.
import type { Selectable } from 'kysely';
import type { Tx } from '../../deps.js';
import type { PlanTable } from '../../db/schema.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export type PlanRow = Selectable<PlanTable>;

export async function insertPlan(db: Tx, row: PlanRow): Promise<void> {
  await db.insertInto('plans').values(row).execute();
}

export function findPlan(db: Tx, s: LocationKey, id: string): Promise<PlanRow | undefined> {
  return db
    .selectFrom('plans')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Plans by name, keyset-paged on (name, id). */
export function listPlans(db: Tx, s: LocationKey, f: { archived?: boolean; limit: number }, after: Keyset | null): Promise<PlanRow[]> {
  let qb = db.selectFrom('plans').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId);
  if (f.archived !== undefined) qb = qb.where('archived_at', f.archived ? 'is not' : 'is', null);
  if (after) qb = qb.where((eb) => eb.or([eb('name', '>', after.value), eb.and([eb('name', '=', after.value), eb('id', '>', after.id)])]));
  return qb
    .orderBy('name')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

export async function updatePlan(db: Tx, s: LocationKey, id: string, set: Partial<PlanRow>): Promise<void> {
  await db.updateTable('plans').set(set).where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id).execute();
}

export async function deletePlan(db: Tx, s: LocationKey, id: string): Promise<void> {
  await db.deleteFrom('plans').where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id).execute();
}

/** Live plans a member may sign up for, by visibility level. */
export function plansVisibleAt(db: Tx, s: LocationKey, levels: PlanRow['visibility'][]): Promise<PlanRow[]> {
  if (levels.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('plans')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('archived_at', 'is', null)
    .where('visibility', 'in', levels)
    .orderBy('name')
    .orderBy('id')
    .limit(200)
    .execute();
}
