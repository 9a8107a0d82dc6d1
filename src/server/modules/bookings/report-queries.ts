// SQL of what analytics reads about bookings: confirmed meeting-room minutes per local month, and the
// bookings starting in a range, a keyset page at a time (on the location's start_minute index).
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import { type DateRange, type Month, monthOfInstant } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';

/** Minutes of confirmed meeting-room bookings per local month of their start. */
export async function roomMinutesByMonth(db: Tx, s: LocationKey, months: Month[], boundaries: Date[]): Promise<Map<Month, number>> {
  if (months.length === 0) return new Map();
  const minute = (d: Date) => Math.floor(d.getTime() / 60_000);
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('resources', 'resources.id', 'bookings.resource_id')
    .select([
      monthOfInstant(sql.ref('bookings.starts_at'), months, boundaries).as('month'),
      sql<number>`sum(bookings.end_minute - bookings.start_minute)`.as('total'),
    ])
    .where('bookings.organization_id', '=', s.organizationId)
    .where('bookings.location_id', '=', s.locationId)
    .where('bookings.start_minute', '>=', minute(boundaries[0]))
    .where('bookings.start_minute', '<', minute(boundaries[boundaries.length - 1]))
    .where('bookings.status', '=', 'confirmed')
    .where('resources.type', '=', 'meeting_room')
    .groupBy(sql.raw('1'))
    .execute();
  return new Map(rows.filter((r) => r.month !== null).map((r) => [r.month, Number(r.total ?? 0)]));
}

/** Bookings starting in the range (by start, then id), every status. */
export function startingIn(db: Tx, s: LocationKey, r: DateRange, after: { start_minute: number; id: string } | null, limit: number) {
  let qb = db
    .selectFrom('bookings')
    .innerJoin('resources', 'resources.id', 'bookings.resource_id')
    .select([
      'bookings.id',
      'bookings.customer_id',
      'bookings.company_id',
      'bookings.title',
      'bookings.starts_at',
      'bookings.ends_at',
      'bookings.start_minute',
      'bookings.end_minute',
      'bookings.seats',
      'bookings.status',
      'bookings.payment_method',
      'bookings.price',
      'bookings.credits',
      'bookings.day_passes',
      'bookings.created_at',
      'bookings.canceled_at',
      'resources.name as resource_name',
      'resources.type as resource_type',
    ])
    .where('bookings.organization_id', '=', s.organizationId)
    .where('bookings.location_id', '=', s.locationId)
    .where('bookings.start_minute', '>=', after ? after.start_minute : Math.floor(Date.parse(r.fromAt) / 60_000))
    .where('bookings.start_minute', '<', Math.floor(Date.parse(r.toAt) / 60_000));
  // after a page: its last value bounds the index range (above); this skips the rows of that page that share it
  if (after) qb = qb.where((eb) => eb.or([eb('bookings.start_minute', '>', after.start_minute), eb('bookings.id', '>', after.id)]));
  return qb.orderBy('bookings.start_minute').orderBy('bookings.id').limit(limit).execute();
}
