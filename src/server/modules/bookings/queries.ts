// SQL for bookings and the seats they and assignments hold.
import { type Selectable, sql } from 'kysely';
import { unindexed } from '../../db/database.js';
import type { AssignmentTable, BookingTable } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { LocationKey } from '../../scope.js';
import type { PurchaseCursor, PurchaseOwner } from '../purchases/schema.js';

export type BookingRow = Selectable<BookingTable>;
export type AssignmentRow = Selectable<AssignmentTable>;

/** A booking with who it is for and who pays, as the administrators' calendar shows them. */
export type NamedBookingRow = BookingRow & { customer_first_name: string; customer_last_name: string; company_name: string | null };

/**
 * Bookings of the location joined to their customer record, its account and the paying company, all in
 * the same organization and location: the customer's name is what this organization entered until the
 * person activates the account, then the person's own (the rule of customers' `shown`).
 */
function namedBookings(db: Tx, s: LocationKey, scope: 'indexed' | 'unindexed' = 'indexed') {
  const at = (column: 'bookings.organization_id' | 'bookings.location_id') => (scope === 'indexed' ? column : unindexed(column));
  return db
    .selectFrom('bookings')
    .innerJoin('customers', (join) =>
      join
        .onRef('customers.id', '=', 'bookings.customer_id')
        .on('customers.organization_id', '=', s.organizationId)
        .on('customers.location_id', '=', s.locationId),
    )
    .innerJoin('users', 'users.id', 'customers.user_id')
    .leftJoin('companies', (join) =>
      join
        .onRef('companies.id', '=', 'bookings.company_id')
        .on('companies.organization_id', '=', s.organizationId)
        .on('companies.location_id', '=', s.locationId),
    )
    .selectAll('bookings')
    .select([
      sql<string>`case when users.activated_at is null then customers.first_name else users.first_name end`.as('customer_first_name'),
      sql<string>`case when users.activated_at is null then customers.last_name else users.last_name end`.as('customer_last_name'),
      'companies.name as company_name',
    ])
    .where(at('bookings.organization_id'), '=', s.organizationId)
    .where(at('bookings.location_id'), '=', s.locationId);
}

/** One booking with its names (the answers of booking and canceling). */
export function findNamedBooking(db: Tx, s: LocationKey, id: string): Promise<NamedBookingRow | undefined> {
  return namedBookings(db, s).where('bookings.id', '=', id).executeTakeFirst();
}

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

/** Bookings holding seats of these resources of a location that overlap [from, to) in epoch minutes. */
export function holdingBetween(db: Tx, s: LocationKey, resourceIds: string[], from: number, to: number) {
  if (resourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('bookings')
    .select(['id', 'resource_id', 'seats', 'start_minute', 'end_minute', 'starts_at', 'ends_at'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('resource_id', 'in', resourceIds)
    .where('holds_slot', '=', 1)
    .where('start_minute', '<', to)
    .where('end_minute', '>', from)
    .execute();
}

/** A booking longer than a day is "long": the few of them are found through their own partial index. */
const DAY_MINUTES = 1440;

/**
 * The bookings of a location (or of one of its resources) holding seats over some of [from, to), in
 * epoch minutes: only what the grid and the seat count read. One statement whose two branches each
 * read a bounded range (disjoint, so nothing is counted twice): bookings of at most a day start in
 * [from - 1 day, to) (the start_minute indexes), longer ones come from `bookings_holding_long_idx`.
 */
export function holdingAt(db: Tx, s: LocationKey, from: number, to: number, resourceId?: string) {
  const base = () => {
    let qb = db
      .selectFrom('bookings')
      .select(['resource_id', 'seats', 'start_minute', 'end_minute'])
      .where('organization_id', '=', s.organizationId)
      .where('location_id', '=', s.locationId);
    if (resourceId) qb = qb.where('resource_id', '=', resourceId);
    return qb.where('end_minute', '>', from).where('start_minute', '<', to);
  };
  return (
    base()
      .where('holds_slot', '=', 1)
      .where(sql<boolean>`end_minute - start_minute <= ${sql.lit(DAY_MINUTES)}`)
      .where('start_minute', '>=', from - DAY_MINUTES)
      // the partial index's predicate word for word, with literals: both databases use such an index only then
      .unionAll(base().where(sql<boolean>`holds_slot = 1 and end_minute - start_minute > ${sql.lit(DAY_MINUTES)}`))
      .execute()
  );
}

/** The seats assigned at a location (or on one of its resources) on some day of [fromDate, toDate]. */
export function assignedAt(db: Tx, s: LocationKey, fromDate: string, toDate: string, resourceId?: string) {
  let qb = db
    .selectFrom('assignments')
    .select(['resource_id', 'seats'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId);
  if (resourceId) qb = qb.where('resource_id', '=', resourceId);
  return qb
    .where('start_date', '<=', toDate)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', fromDate)]))
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

/**
 * A customer's bookings with their names. `upcoming`: those not canceled that have not ended, soonest
 * first; `past`: those that ended or were canceled, newest first; `all`: every one, newest first.
 * Keyset on (start_minute, id) in the order of the list.
 */
export function bookingsOf(
  db: Tx,
  s: LocationKey,
  customerId: string,
  f: { which: 'upcoming' | 'past' | 'all'; now: number; limit: number },
  after: { value: string; id: string } | null,
): Promise<NamedBookingRow[]> {
  // by the customer's own index (customer_id, start_minute): the location's start index would walk every booking of the location
  let qb = namedBookings(db, s, 'unindexed').where('bookings.customer_id', '=', customerId);
  if (f.which === 'upcoming') qb = qb.where('bookings.end_minute', '>', f.now).where('bookings.status', '!=', 'canceled');
  if (f.which === 'past') qb = qb.where((eb) => eb.or([eb('bookings.end_minute', '<=', f.now), eb('bookings.status', '=', 'canceled')]));
  const soonestFirst = f.which === 'upcoming';
  if (after) {
    const beyond = soonestFirst ? '>' : '<';
    qb = qb.where((eb) =>
      eb.or([
        eb('bookings.start_minute', beyond, Number(after.value)),
        eb.and([eb('bookings.start_minute', '=', Number(after.value)), eb('bookings.id', beyond, after.id)]),
      ]),
    );
  }
  const direction = soonestFirst ? 'asc' : 'desc';
  return qb
    .orderBy('bookings.start_minute', direction)
    .orderBy('bookings.id', direction)
    .limit(f.limit + 1)
    .execute();
}

/** The location's bookings by start with their names, between two instants (epoch minutes), with optional filters. */
export function bookingsBetween(
  db: Tx,
  s: LocationKey,
  f: { from: number; to: number; resourceId?: string; customerId?: string; companyId?: string; status?: BookingRow['status']; limit: number },
  after: { value: string; id: string } | null,
): Promise<NamedBookingRow[]> {
  let qb = namedBookings(db, s).where('bookings.start_minute', '>=', f.from).where('bookings.start_minute', '<', f.to);
  if (f.resourceId) qb = qb.where('bookings.resource_id', '=', f.resourceId);
  if (f.customerId) qb = qb.where('bookings.customer_id', '=', f.customerId);
  if (f.companyId) qb = qb.where('bookings.company_id', '=', f.companyId);
  if (f.status) qb = qb.where('bookings.status', '=', f.status);
  if (after)
    qb = qb.where((eb) =>
      eb.or([
        eb('bookings.start_minute', '>', Number(after.value)),
        eb.and([eb('bookings.start_minute', '=', Number(after.value)), eb('bookings.id', '>', after.id)]),
      ]),
    );
  return qb
    .orderBy('bookings.start_minute')
    .orderBy('bookings.id')
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
export function purchasedBookings(db: Tx, s: LocationKey, who: PurchaseOwner, after: PurchaseCursor | null, limit: number) {
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
