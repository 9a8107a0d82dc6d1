// Assignments (design 9.1): a whole resource or n seats for an owner over dates, refused beyond the
// resource's seats (409 `slot_unavailable`) or over confirmed bookings that would no longer fit
// (409 `conflicts_with_bookings`, naming them). One tied to a subscription ends with it.
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { addDays, localDateAt, startOfLocalDay } from '../../lib/local-date.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, LocationKey } from '../../scope.js';
import { assignedBetween, holdingBetween, seatsInUse, slotUnavailable } from '../bookings/service.js';
import { epochMinute } from '../bookings/time.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as resources from '../resources/service.js';
import * as q from './queries.js';
import type { AssignmentDto, CreateAssignmentInput } from './schema.js';

type Row = q.AssignmentRow;

function toDto(a: Row, resourceName: string): AssignmentDto {
  return {
    id: a.id,
    locationId: a.location_id,
    resourceId: a.resource_id,
    resourceName,
    customerId: a.customer_id,
    companyId: a.company_id,
    seats: a.seats,
    startDate: a.start_date,
    endDate: a.end_date,
    subscriptionId: a.subscription_id,
    createdAt: a.created_at,
  };
}

/** The rules of seats over a date range, under the resource's lock: assigned seats, then the bookings they would push out. */
async function checkRoom(trx: Tx, r: resources.ResourceRow, a: Pick<Row, 'id' | 'seats' | 'start_date' | 'end_date'>, zone: string) {
  const lastDay = a.end_date ?? '9999-12-31';
  const others = (await assignedBetween(trx, [r.id], a.start_date, lastDay)).filter((x) => x.id !== a.id);
  const taken = others.reduce((sum, x) => sum + (x.seats ?? r.seats), 0);
  const wanted = a.seats ?? r.seats;
  if (taken + wanted > r.seats) throw slotUnavailable();
  const from = epochMinute(startOfLocalDay(a.start_date, zone));
  const to = a.end_date ? epochMinute(startOfLocalDay(addDays(a.end_date, 1), zone)) : 2_147_483_647; // the largest integer column value: open-ended
  const held = await holdingBetween(trx, { organizationId: r.organization_id, locationId: r.location_id }, [r.id], from, to);
  const clashing = held.filter((b) => seatsInUse(r, held, [...others, { seats: wanted }], b.start_minute, b.end_minute) > r.seats);
  if (clashing.length > 0)
    throw new AppError(
      'conflict',
      'Bookings in these dates would no longer fit: cancel or move them first.',
      clashing.map((b) => ({ path: 'bookings', message: `${b.starts_at} – ${b.ends_at}`, bookingId: b.id, startsAt: b.starts_at, endsAt: b.ends_at })),
      'conflicts_with_bookings',
    );
}

export async function createAssignment(deps: Deps, s: ActorScope, input: CreateAssignmentInput): Promise<AssignmentDto> {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!location) throw notFound('Location not found');
  if (input.customerId !== undefined && !(await customers.findCustomer(deps.db, s, input.customerId))) throw notFound('Customer not found');
  if (input.companyId !== undefined && !(await companies.findCompany(deps.db, s, input.companyId))) throw notFound('Company not found');
  if (input.subscriptionId) {
    const sub = await q.subscriptionOwner(deps.db, s, input.subscriptionId);
    if (!sub) throw notFound('Subscription not found');
    if (sub.customer_id !== (input.customerId ?? null) || sub.company_id !== (input.companyId ?? null))
      throw new AppError(
        'unprocessable',
        'The subscription belongs to someone else.',
        [{ path: 'subscriptionId', message: 'Another owner' }],
        'subscription_owner_mismatch',
      );
  }
  return deps.db.transaction().execute(async (trx) => {
    const r = await resources.lockResource(trx, deps.dbKind, s, input.resourceId);
    if (!r || r.archived_at) throw notFound('Resource not found');
    if (input.seats !== undefined && input.seats > r.seats)
      throw new AppError('bad_request', `This resource has ${r.seats} seats.`, [{ path: 'seats', message: 'More than the resource has' }]);
    const now = deps.clock.now().toISOString();
    const row: Row = {
      id: newId(),
      organization_id: s.organizationId,
      location_id: s.locationId,
      resource_id: r.id,
      customer_id: input.customerId ?? null,
      company_id: input.companyId ?? null,
      seats: input.seats ?? null,
      start_date: input.startDate,
      end_date: input.endDate ?? null,
      subscription_id: input.subscriptionId ?? null,
      created_by_user_id: s.actorUserId,
      created_at: now,
      updated_at: now,
    };
    await checkRoom(trx, r, row, location.time_zone);
    await q.insertAssignment(trx, row);
    return toDto(row, r.name);
  });
}

/** A new end date (or none): checked again, since an assignment that lasts longer may push bookings out. */
export async function updateAssignment(deps: Deps, s: ActorScope, id: string, endDate: string | null): Promise<AssignmentDto> {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!location) throw notFound('Location not found');
  return deps.db.transaction().execute(async (trx) => {
    const a = await trx
      .selectFrom('assignments')
      .selectAll()
      .where('location_id', '=', s.locationId)
      .where('organization_id', '=', s.organizationId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!a) throw notFound('Assignment not found');
    if (endDate !== null && endDate < a.start_date)
      throw new AppError('bad_request', 'The end is before the start.', [{ path: 'endDate', message: 'Before the start' }]);
    const r = await resources.lockResource(trx, deps.dbKind, s, a.resource_id);
    if (!r) throw notFound('Resource not found');
    const next = { ...a, end_date: endDate, updated_at: deps.clock.now().toISOString() };
    await checkRoom(trx, r, next, location.time_zone);
    await q.setEndDate(trx, id, endDate, next.updated_at);
    return toDto(next, r.name);
  });
}

export async function listAssignments(
  deps: Deps,
  s: LocationKey,
  f: { resourceId?: string; customerId?: string; companyId?: string; active?: 'true' | 'false' },
) {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!location) throw notFound('Location not found');
  const today = localDateAt(deps.clock.now(), location.time_zone);
  const rows = await q.listAssignments(deps.db, s, { ...f, activeOn: f.active === 'true' ? today : undefined });
  return { items: rows.map((r) => toDto(r, r.resource_name)) };
}

/** Assignments a subscription's end would end (the offboarding preview), with their resources' names. */
export async function endingWith(db: Tx, subscriptionId: string): Promise<{ id: string; resourceName: string }[]> {
  return (await q.ofSubscription(db, subscriptionId)).map((r) => ({ id: r.id, resourceName: r.name }));
}

/** A subscription's assignments end with it: on its last day (ended) or today (canceled), never later than they would. */
export function endWithSubscriptionInTx(trx: Tx, subscriptionId: string, lastDay: string, now: Date): Promise<number> {
  return q.endOfSubscription(trx, subscriptionId, lastDay, now.toISOString());
}
