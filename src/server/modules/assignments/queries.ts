// SQL for assignments (the seats they hold are read by bookings/queries.ts `assignedBetween`).
import type { Selectable } from 'kysely';
import { unindexed } from '../../db/database.js';
import type { AssignmentTable } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { LocationKey } from '../../scope.js';

export type AssignmentRow = Selectable<AssignmentTable>;

export async function insertAssignment(db: Tx, row: AssignmentRow): Promise<void> {
  await db.insertInto('assignments').values(row).execute();
}

export function findAssignment(db: Tx, s: LocationKey, id: string): Promise<AssignmentRow | undefined> {
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function setEndDate(db: Tx, id: string, endDate: string | null, now: string): Promise<void> {
  await db.updateTable('assignments').set({ end_date: endDate, updated_at: now }).where('id', '=', id).execute();
}

/** The owner of a subscription at this location (an assignment made with it must have the same one). */
export function subscriptionOwner(db: Tx, s: LocationKey, subscriptionId: string) {
  return db
    .selectFrom('subscriptions')
    .select(['customer_id', 'company_id'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', subscriptionId)
    .executeTakeFirst();
}

export function listAssignments(db: Tx, s: LocationKey, f: { resourceId?: string; customerId?: string; companyId?: string; activeOn?: string }) {
  // by a resource, customer or company: their own index, not the location's (which SQLite would walk for its order)
  const byOwner = Boolean(f.resourceId || f.customerId || f.companyId);
  const at = (column: 'assignments.organization_id' | 'assignments.location_id') => (byOwner ? unindexed(column) : column);
  let qb = db
    .selectFrom('assignments')
    .innerJoin('resources', 'resources.id', 'assignments.resource_id')
    .selectAll('assignments')
    .select('resources.name as resource_name')
    .where(at('assignments.organization_id'), '=', s.organizationId)
    .where(at('assignments.location_id'), '=', s.locationId);
  if (f.resourceId) qb = qb.where('assignments.resource_id', '=', f.resourceId);
  if (f.customerId) qb = qb.where('assignments.customer_id', '=', f.customerId);
  if (f.companyId) qb = qb.where('assignments.company_id', '=', f.companyId);
  const day = f.activeOn;
  if (day)
    qb = qb.where('assignments.start_date', '<=', day).where((eb) => eb.or([eb('assignments.end_date', 'is', null), eb('assignments.end_date', '>=', day)]));
  return qb.orderBy('assignments.start_date', 'desc').orderBy('assignments.id').limit(500).execute();
}

export function ofSubscription(db: Tx, subscriptionId: string) {
  return db
    .selectFrom('assignments')
    .innerJoin('resources', 'resources.id', 'assignments.resource_id')
    .select(['assignments.id', 'resources.name'])
    .where('assignments.subscription_id', '=', subscriptionId)
    .execute();
}

/** Ends a subscription's assignments on `lastDay` unless they end sooner; how many changed. */
export async function endOfSubscription(db: Tx, subscriptionId: string, lastDay: string, now: string): Promise<number> {
  const r = await db
    .updateTable('assignments')
    .set({ end_date: lastDay, updated_at: now })
    .where('subscription_id', '=', subscriptionId)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', lastDay)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
