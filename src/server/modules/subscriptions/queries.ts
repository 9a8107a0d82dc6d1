// SQL for subscriptions.
import { unindexed } from '../../db/database.js';
import type { Selectable } from 'kysely';
import type { Tx } from '../../deps.js';
import type { SubscriptionStatus, SubscriptionTable } from '../../db/schema.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export type SubscriptionRow = Selectable<SubscriptionTable>;
/** A row the sweeps found due, with its location's zone and auto-remove setting. */
export type DueRow = Awaited<ReturnType<typeof dueUnscoped>>[number];
export const LIVE: SubscriptionStatus[] = ['scheduled', 'active', 'ending'];

export async function insertSubscription(db: Tx, row: SubscriptionRow): Promise<void> {
  await db.insertInto('subscriptions').values(row).execute();
}

export function findSubscription(db: Tx, s: LocationKey, id: string): Promise<SubscriptionRow | undefined> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateSubscription(db: Tx, s: LocationKey, id: string, set: Partial<SubscriptionRow>): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** The same change to many subscriptions of a location, in slices of 1,000 ids. */
export async function updateSubscriptions(db: Tx, s: LocationKey, ids: string[], set: Partial<SubscriptionRow>): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await db
      .updateTable('subscriptions')
      .set(set)
      .where(unindexed('organization_id'), '=', s.organizationId)
      .where(unindexed('location_id'), '=', s.locationId)
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
}

/** Newest first, keyset on (created_at, id). */
export function listSubscriptions(
  db: Tx,
  s: LocationKey,
  f: { customerId?: string; companyId?: string; planId?: string; status?: SubscriptionStatus; limit: number },
  after: Keyset | null,
): Promise<SubscriptionRow[]> {
  // a customer's, a company's or a plan's: by their own index, not a walk of the location's newest
  const byOwner = Boolean(f.customerId || f.companyId || f.planId);
  let qb = db
    .selectFrom('subscriptions')
    .selectAll()
    .where(byOwner ? unindexed('organization_id') : 'organization_id', '=', s.organizationId)
    .where(byOwner ? unindexed('location_id') : 'location_id', '=', s.locationId);
  if (f.customerId) qb = qb.where('customer_id', '=', f.customerId);
  if (f.companyId) qb = qb.where('company_id', '=', f.companyId);
  if (f.planId) qb = qb.where('plan_id', '=', f.planId);
  if (f.status) qb = qb.where('status', '=', f.status);
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Live subscriptions that cover a customer: their own, or their company's. */
export function liveCovering(db: Tx, s: LocationKey, customerId: string, companyId: string | null): Promise<SubscriptionRow[]> {
  // by the customer's (and company's) index: the location's would be walked whole for the order
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where(unindexed('location_id'), '=', s.locationId)
    .where('status', 'in', LIVE)
    .where((eb) => (companyId ? eb.or([eb('customer_id', '=', customerId), eb('company_id', '=', companyId)]) : eb('customer_id', '=', customerId)))
    .orderBy('created_at', 'desc')
    .execute();
}

/** Rows in these statuses whose date column is on or before `date` (the latest "today" of any zone), across locations, with the location's zone. */
export function dueUnscoped(db: Tx, statuses: SubscriptionStatus[], column: 'start_date' | 'current_period_end' | 'end_date', date: string, limit: number) {
  return (
    db
      .selectFrom('subscriptions')
      .innerJoin('locations', 'locations.id', 'subscriptions.location_id')
      .selectAll('subscriptions')
      .select(['locations.time_zone', 'locations.auto_remove_members'])
      .where('subscriptions.status', 'in', statuses)
      .where(`subscriptions.${column}`, '<=', date)
      // invoices issued by one sweep are numbered by period start, then by subscription creation
      .orderBy(`subscriptions.${column}`)
      .orderBy('subscriptions.created_at')
      .orderBy('subscriptions.id')
      .limit(limit)
      .execute()
  );
}

/** Locations with live subscriptions, with their zone and days ahead (the month-close and invoice-draft sweeps). */
export function liveLocationsUnscoped(db: Tx) {
  return db
    .selectFrom('subscriptions')
    .innerJoin('locations', 'locations.id', 'subscriptions.location_id')
    .select(['locations.id', 'locations.organization_id', 'locations.time_zone', 'locations.invoice_days_ahead'])
    .where('subscriptions.status', 'in', LIVE)
    .distinct()
    .execute();
}

export function liveAt(db: Tx, s: LocationKey): Promise<SubscriptionRow[]> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('status', 'in', ['active', 'ending'])
    .execute();
}

export async function hasAnyForCustomer(db: Tx, s: LocationKey, customerId: string): Promise<boolean> {
  const r = await db
    .selectFrom('subscriptions')
    .select('id')
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Subscriptions at a location whose next period starts on or before `horizon` and is not drafted
 * yet: scheduled ones by their start, live ones by the day after their current period (and only
 * while that day is not past the end date).
 */
export function toDraftAt(db: Tx, s: LocationKey, horizon: string, limit: number): Promise<SubscriptionRow[]> {
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'scheduled'), eb('start_date', '<=', horizon), eb('drafted_period_start', 'is', null)]),
        eb.and([
          eb('status', 'in', ['active', 'ending']),
          eb('current_period_end', '<', horizon),
          eb.or([eb('drafted_period_start', 'is', null), eb('drafted_period_start', '<=', eb.ref('current_period_start'))]),
          eb.or([eb('end_date', 'is', null), eb('current_period_end', '<', eb.ref('end_date'))]),
        ]),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}
