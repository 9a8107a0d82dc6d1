// SQL for bookings and the seats they and assignments hold.
import type { Selectable } from 'kysely';
import type { AssignmentTable, BookingTable } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { LocationKey } from '../../scope.js';

export type BookingRow = Selectable<BookingTable>;
export type AssignmentRow = Selectable<AssignmentTable>;

export async function insertBooking(db: Tx, row: BookingRow): Promise<void> {
  await db.insertInto('bookings').values(row).execute();
}

export function findBooking(db: Tx, s: LocationKey, id: string): Promise<BookingRow | undefined> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The booking, locked for the rest of the transaction (PostgreSQL; SQLite writes one transaction at a time). */
export function lockBooking(db: Tx, kind: 'sqlite' | 'postgres', s: LocationKey, id: string): Promise<BookingRow | undefined> {
  const qb = db.selectFrom('bookings').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

export async function updateBooking(db: Tx, id: string, set: Partial<BookingRow>): Promise<void> {
  await db.updateTable('bookings').set(set).where('id', '=', id).execute();
}

export function bookingByKey(db: Tx, s: LocationKey, userId: string, key: string): Promise<BookingRow | undefined> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('location_id', '=', s.locationId)
    .where('booked_by_user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Bookings holding seats of these resources that overlap [from, to) in epoch minutes. */
export function holdingBetween(db: Tx, resourceIds: string[], from: number, to: number) {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('bookings')
    .select(['id', 'resource_id', 'seats', 'start_minute', 'end_minute', 'starts_at', 'ends_at'])
    .where('resource_id', 'in', resourceIds)
    .where('holds_slot', '=', 1)
    .where('start_minute', '<', to)
    .where('end_minute', '>', from)
    .execute();
}

/** Assignments of these resources in force on some day of [fromDate, toDate]. */
export function assignedBetween(db: Tx, resourceIds: string[], fromDate: string, toDate: string): Promise<AssignmentRow[]> {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('assignments')
    .selectAll()
    .where('resource_id', 'in', resourceIds)
    .where('start_date', '<=', toDate)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', fromDate)]))
    .execute();
}

/** A customer's bookings, soonest first (upcoming) or newest first, keyset on (start_minute, id). */
export function bookingsOf(
  db: Tx,
  s: LocationKey,
  customerId: string,
  f: { upcomingFrom?: number; limit: number },
  after: { value: string; id: string } | null,
) {
  let qb = db
    .selectFrom('bookings')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', customerId);
  if (f.upcomingFrom !== undefined) qb = qb.where('end_minute', '>', f.upcomingFrom).where('status', '!=', 'canceled');
  if (after)
    qb = qb.where((eb) =>
      eb.or([eb('start_minute', '>', Number(after.value)), eb.and([eb('start_minute', '=', Number(after.value)), eb('id', '>', after.id)])]),
    );
  return qb
    .orderBy('start_minute')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

/** The location's bookings by start, between two instants (epoch minutes), with optional filters. */
export function bookingsBetween(
  db: Tx,
  s: LocationKey,
  f: { from: number; to: number; resourceId?: string; customerId?: string; companyId?: string; status?: BookingRow['status']; limit: number },
  after: { value: string; id: string } | null,
) {
  let qb = db
    .selectFrom('bookings')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('start_minute', '>=', f.from)
    .where('start_minute', '<', f.to);
  if (f.resourceId) qb = qb.where('resource_id', '=', f.resourceId);
  if (f.customerId) qb = qb.where('customer_id', '=', f.customerId);
  if (f.companyId) qb = qb.where('company_id', '=', f.companyId);
  if (f.status) qb = qb.where('status', '=', f.status);
  if (after)
    qb = qb.where((eb) =>
      eb.or([eb('start_minute', '>', Number(after.value)), eb.and([eb('start_minute', '=', Number(after.value)), eb('id', '>', after.id)])]),
    );
  return qb
    .orderBy('start_minute')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

/** Confirmed bookings at a location starting in (from, to] (epoch minutes) not reminded yet (the reminder sweep). */
export function toRemind(db: Tx, locationId: string, from: number, to: number, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('location_id', '=', locationId)
    .where('status', '=', 'confirmed')
    .where('reminded_at', 'is', null)
    .where('start_minute', '>', from)
    .where('start_minute', '<=', to)
    .orderBy('start_minute')
    .limit(limit)
    .execute();
}

/** Bookings waiting for a card payment since before `before` (the purchase-hold sweep), across locations. */
export function heldSinceUnscoped(db: Tx, before: string, limit: number): Promise<BookingRow[]> {
  return db
    .selectFrom('bookings')
    .selectAll()
    .where('status', '=', 'pending_payment')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}

/** Locations whose bookings get a reminder, with how long before. */
export function remindingLocationsUnscoped(db: Tx) {
  return db
    .selectFrom('locations')
    .select(['id', 'organization_id', 'booking_reminder_minutes'])
    .where('booking_reminder_minutes', '>', 0)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('bookings').select('bookings.id').whereRef('bookings.location_id', '=', 'locations.id').where('bookings.status', '=', 'confirmed'),
      ),
    )
    .execute();
}

/** A customer's bookings (or those a company paid for) with the resource's name, newest made first, strictly after (at, id). */
export function purchasedBookings(
  db: Tx,
  s: LocationKey,
  who: { customerId: string } | { companyId: string },
  after: { at: string; id: string } | null,
  limit: number,
) {
  let qb = db
    .selectFrom('bookings as b')
    .innerJoin('resources as r', 'r.id', 'b.resource_id')
    .select(['b.id', 'b.starts_at', 'b.ends_at', 'b.status', 'b.price', 'b.credits', 'b.day_passes', 'b.company_id', 'b.created_at', 'r.name'])
    .where('b.organization_id', '=', s.organizationId)
    .where('b.location_id', '=', s.locationId);
  qb = 'customerId' in who ? qb.where('b.customer_id', '=', who.customerId) : qb.where('b.company_id', '=', who.companyId);
  if (after) qb = qb.where((eb) => eb.or([eb('b.created_at', '<', after.at), eb.and([eb('b.created_at', '=', after.at), eb('b.id', '<', after.id)])]));
  return qb.orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(limit).execute();
}
