// SQL for events and their tickets.
import { unindexed } from '../../db/database.js';
import type { Selectable } from 'kysely';
import type { EventTable, TicketTable, Visibility } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import type { PurchaseCursor, PurchaseOwner } from '../purchases/schema.js';

export type EventRow = Selectable<EventTable>;
export type TicketRow = Selectable<TicketTable>;

/** Statuses that hold a place at the event. */
export const LIVE: TicketRow['status'][] = ['pending_payment', 'confirmed'];

export async function insertEvent(db: Tx, row: EventRow): Promise<void> {
  await db.insertInto('events').values(row).execute();
}

export function findEvent(db: Tx, s: LocationKey, id: string): Promise<EventRow | undefined> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The event, locked for the rest of the transaction (PostgreSQL; SQLite writes one transaction at a time). */
export function lockEvent(db: Tx, kind: 'sqlite' | 'postgres', s: LocationKey, id: string): Promise<EventRow | undefined> {
  const qb = db.selectFrom('events').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

export async function updateEvent(db: Tx, s: LocationKey, id: string, set: Partial<EventRow>): Promise<void> {
  await db
    .updateTable('events')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** The location's events: upcoming (not ended at `now`) soonest first, or past latest first; keyset on (starts_at, id). */
export function listEvents(db: Tx, s: LocationKey, f: { when: 'upcoming' | 'past'; now: string; limit: number }, after: Keyset | null) {
  let qb = db.selectFrom('events').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId);
  if (f.when === 'upcoming') {
    qb = qb.where('ends_at', '>', f.now);
    if (after) qb = qb.where((eb) => eb.or([eb('starts_at', '>', after.value), eb.and([eb('starts_at', '=', after.value), eb('id', '>', after.id)])]));
    return qb
      .orderBy('starts_at')
      .orderBy('id')
      .limit(f.limit + 1)
      .execute();
  }
  qb = qb.where('ends_at', '<=', f.now);
  if (after) qb = qb.where((eb) => eb.or([eb('starts_at', '<', after.value), eb.and([eb('starts_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('starts_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Scheduled events not ended at `now` whose visibility is among `levels`, soonest first. */
export function visibleUpcoming(db: Tx, s: LocationKey, levels: Visibility[], now: string, limit: number, after: Keyset | null) {
  let qb = db
    .selectFrom('events')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', now)
    .where('visibility', 'in', levels);
  if (after) qb = qb.where((eb) => eb.or([eb('starts_at', '>', after.value), eb.and([eb('starts_at', '=', after.value), eb('id', '>', after.id)])]));
  return qb
    .orderBy('starts_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

/** Places held per event (confirmed tickets and those waiting for a card payment). */
export async function soldCounts(db: Tx, eventIds: string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['event_id', (eb) => eb.fn.countAll().as('n')])
    .where('event_id', 'in', eventIds)
    .where('status', 'in', LIVE)
    .groupBy('event_id')
    .execute();
  return new Map(rows.map((r) => [r.event_id, Number(r.n)]));
}

/** Places held at one event, counted in the caller's transaction (under the event's lock). */
export async function soldCount(db: Tx, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('tickets')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('event_id', '=', eventId)
    .where('status', 'in', LIVE)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertTicket(db: Tx, row: TicketRow): Promise<void> {
  await db.insertInto('tickets').values(row).execute();
}

export async function updateTicket(db: Tx, id: string, set: Partial<TicketRow>): Promise<void> {
  await db.updateTable('tickets').set(set).where('id', '=', id).execute();
}

export function findTicket(db: Tx, s: LocationKey, id: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function lockTicket(db: Tx, kind: 'sqlite' | 'postgres', s: LocationKey, id: string): Promise<TicketRow | undefined> {
  const qb = db.selectFrom('tickets').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

/** The person's ticket holding a place at the event, if any. */
export function liveTicketOf(db: Tx, eventId: string, customerId: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('customer_id', '=', customerId)
    .where('status', 'in', LIVE)
    .executeTakeFirst();
}

/** The person's live tickets at these events, by event. */
export async function liveTicketIds(db: Tx, customerId: string, eventIds: string[]): Promise<Map<string, string>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'event_id'])
    .where('customer_id', '=', customerId)
    .where('event_id', 'in', eventIds)
    .where('status', 'in', LIVE)
    .execute();
  return new Map(rows.map((r) => [r.event_id, r.id]));
}

export function ticketByKey(db: Tx, s: LocationKey, userId: string, key: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('location_id', '=', s.locationId)
    .where('user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** The location's tickets with this code (one per event at most), with their event's start and title. */
export function ticketsByCodeAt(db: Tx, s: LocationKey, code: string) {
  return db
    .selectFrom('tickets')
    .innerJoin('events', 'events.id', 'tickets.event_id')
    .select(['tickets.id', 'events.starts_at', 'events.title'])
    .where('tickets.organization_id', '=', s.organizationId)
    .where('tickets.location_id', '=', s.locationId)
    .where('tickets.code', '=', code)
    .execute();
}

/** The event's ticket with this code (stored upper-case). */
export function ticketByCode(db: Tx, eventId: string, code: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('event_id', '=', eventId).where('code', '=', code).executeTakeFirst();
}

/** The event's tickets in the order they were taken; keyset on (created_at, id). */
export function ticketsOfEvent(db: Tx, s: LocationKey, eventId: string, limit: number, after: Keyset | null) {
  let qb = db
    .selectFrom('tickets')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('event_id', '=', eventId);
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '>', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '>', after.id)])]));
  return qb
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

/** Every ticket of the event that is not canceled (the event's cancel). */
export function liveTicketsOfEvent(db: Tx, s: LocationKey, eventId: string): Promise<TicketRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('event_id', '=', eventId)
    .where('status', 'in', LIVE)
    .orderBy('created_at')
    .execute();
}

/** A person's tickets with their events, newest first; keyset on (created_at, id). */
export function ticketsOfCustomer(db: Tx, s: LocationKey, customerId: string, limit: number, after: Keyset | null) {
  let qb = db
    .selectFrom('tickets')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', customerId);
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

export function eventsByIds(db: Tx, s: LocationKey, ids: string[]): Promise<EventRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('events')
    .selectAll()
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where(unindexed('location_id'), '=', s.locationId)
    .where('id', 'in', ids)
    .execute();
}

/** Tickets a customer holds or a company paid for, with their event's title, newest first after a keyset (the purchase history). */
export function purchasedTickets(db: Tx, s: LocationKey, who: PurchaseOwner, after: PurchaseCursor | null, limit: number) {
  let qb = db
    .selectFrom('tickets')
    .innerJoin('events', 'events.id', 'tickets.event_id')
    .select(['tickets.id', 'tickets.created_at', 'tickets.status', 'tickets.price', 'tickets.credits', 'tickets.company_id', 'events.title'])
    .where('tickets.organization_id', '=', s.organizationId)
    .where('tickets.location_id', '=', s.locationId);
  qb = 'customerId' in who ? qb.where('tickets.customer_id', '=', who.customerId) : qb.where('tickets.company_id', '=', who.companyId);
  if (after)
    qb = qb.where((eb) => eb.or([eb('tickets.created_at', '<', after.at), eb.and([eb('tickets.created_at', '=', after.at), eb('tickets.id', '<', after.id)])]));
  return qb.orderBy('tickets.created_at', 'desc').orderBy('tickets.id', 'desc').limit(limit).execute();
}

/** Tickets waiting for a card payment since before `before` (the ticket-hold sweep), across locations. */
export function heldSinceUnscoped(db: Tx, before: string, limit: number): Promise<TicketRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('status', '=', 'pending_payment')
    .where('created_at', '<', before)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
