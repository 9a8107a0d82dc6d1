// Events (design 10.1): what an administrator writes and cancels (canceling refunds and tells every
// holder), what a person may see of them, and the ticket lists. Buying, canceling and checking in a
// ticket live in tickets.ts.
import type { Deps, Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { languageFor } from '../../lib/i18n.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, AdminScope, LocationKey } from '../../scope.js';
import { visibleLevels } from '../access/visibility.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import type { PurchaseCursor, PurchaseItem, PurchaseOwner } from '../purchases/schema.js';
import * as purchases from '../purchases/service.js';
import { m, queueTicketMail, whenWords } from './mail.js';
import * as q from './queries.js';
import type { AdminTicketDto, CreateEventInput, EventDto, PortalEventDto, TicketDto, UpdateEventInput } from './schema.js';

export async function locationOf(db: Tx, s: LocationKey): Promise<Location> {
  const location = await locations.findLocation(db, s.organizationId, s.locationId);
  if (!location) throw notFound('Location not found');
  return location;
}

export function toEventDto(e: q.EventRow, currency: string, sold: number): EventDto {
  return {
    id: e.id,
    locationId: e.location_id,
    title: e.title,
    description: e.description,
    startsAt: e.starts_at,
    endsAt: e.ends_at,
    place: e.place,
    capacity: e.capacity,
    visibility: e.visibility,
    price: e.price,
    creditPrice: e.credit_price,
    taxRateBps: e.tax_rate_bps,
    ticketsOpen: e.tickets_open === 1,
    refundNoticeHours: e.refund_notice_hours,
    status: e.status,
    canceledAt: e.canceled_at,
    currency,
    ticketsSold: sold,
    placesLeft: e.capacity === null ? null : Math.max(0, e.capacity - sold),
    createdAt: e.created_at,
  };
}

export function toTicketDto(t: q.TicketRow): TicketDto {
  return {
    id: t.id,
    eventId: t.event_id,
    customerId: t.customer_id,
    companyId: t.company_id,
    code: t.code,
    status: t.status,
    paymentMethod: t.payment_method,
    price: t.price,
    credits: t.credits,
    invoiceId: t.invoice_id,
    checkedInAt: t.checked_in_at,
    createdAt: t.created_at,
    canceledAt: t.canceled_at,
  };
}

async function eventDtos(db: Tx, rows: q.EventRow[], currency: string): Promise<EventDto[]> {
  const sold = await q.soldCounts(
    db,
    rows.map((e) => e.id),
  );
  return rows.map((e) => toEventDto(e, currency, sold.get(e.id) ?? 0));
}

const iso = (at: string) => new Date(at).toISOString();

function checkTimes(startsAt: string, endsAt: string) {
  if (!(Date.parse(startsAt) < Date.parse(endsAt))) throw new AppError('unprocessable', 'The end must come after the start.', undefined, 'invalid_time');
}

export async function createEvent(deps: Deps, s: AdminScope, input: CreateEventInput): Promise<EventDto> {
  const location = await locationOf(deps.db, s);
  checkTimes(input.startsAt, input.endsAt);
  const now = deps.clock.now().toISOString();
  const row: q.EventRow = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    title: input.title,
    description: input.description,
    starts_at: iso(input.startsAt),
    ends_at: iso(input.endsAt),
    place: input.place,
    capacity: input.capacity,
    visibility: input.visibility,
    price: input.price,
    credit_price: input.creditPrice,
    tax_rate_bps: input.taxRateBps,
    tickets_open: input.ticketsOpen ? 1 : 0,
    refund_notice_hours: input.refundNoticeHours,
    status: 'scheduled',
    canceled_at: null,
    created_by_user_id: s.actorUserId,
    created_at: now,
    updated_at: now,
  };
  await q.insertEvent(deps.db, row);
  return toEventDto(row, location.currency, 0);
}

export async function updateEvent(deps: Deps, s: AdminScope, id: string, input: UpdateEventInput): Promise<EventDto> {
  const location = await locationOf(deps.db, s);
  return deps.db.transaction().execute(async (trx) => {
    const e = await q.lockEvent(trx, deps.dbKind, s, id);
    if (!e) throw notFound('Event not found');
    if (e.status === 'canceled') throw new AppError('conflict', 'This event is canceled.', undefined, 'event_canceled');
    const startsAt = input.startsAt ? iso(input.startsAt) : e.starts_at;
    const endsAt = input.endsAt ? iso(input.endsAt) : e.ends_at;
    checkTimes(startsAt, endsAt);
    const sold = await q.soldCount(trx, e.id);
    const capacity = input.capacity === undefined ? e.capacity : input.capacity;
    if (capacity !== null && capacity < sold)
      throw new AppError('conflict', `${sold} tickets are already taken: the capacity cannot be lower.`, undefined, 'capacity_below_tickets');
    const set: Partial<q.EventRow> = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      starts_at: startsAt,
      ends_at: endsAt,
      ...(input.place !== undefined ? { place: input.place } : {}),
      capacity,
      ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
      ...(input.price !== undefined ? { price: input.price } : {}),
      ...(input.creditPrice !== undefined ? { credit_price: input.creditPrice } : {}),
      ...(input.taxRateBps !== undefined ? { tax_rate_bps: input.taxRateBps } : {}),
      ...(input.ticketsOpen !== undefined ? { tickets_open: input.ticketsOpen ? 1 : 0 } : {}),
      ...(input.refundNoticeHours !== undefined ? { refund_notice_hours: input.refundNoticeHours } : {}),
      updated_at: deps.clock.now().toISOString(),
    } as Partial<q.EventRow>;
    await q.updateEvent(trx, s, id, set);
    return toEventDto({ ...e, ...set }, location.currency, sold);
  });
}

export async function getEvent(deps: Deps, s: LocationKey, id: string): Promise<EventDto> {
  const location = await locationOf(deps.db, s);
  const e = await q.findEvent(deps.db, s, id);
  if (!e) throw notFound('Event not found');
  return (await eventDtos(deps.db, [e], location.currency))[0];
}

export async function listEvents(deps: Deps, s: LocationKey, f: { when: 'upcoming' | 'past'; cursor?: string; limit: number }) {
  const location = await locationOf(deps.db, s);
  const sort = `events-${f.when}`;
  const after = f.cursor ? decodeCursor(f.cursor, sort) : null;
  const rows = await q.listEvents(deps.db, s, { when: f.when, now: deps.clock.now().toISOString(), limit: f.limit }, after);
  const cut = cutPage(rows, f.limit, sort, (e) => e.starts_at);
  return { items: await eventDtos(deps.db, cut.rows, location.currency), nextCursor: cut.nextCursor };
}

/**
 * Cancels the event: every ticket that holds a place (checked in or not) is canceled and given back
 * in full (credits into their lots, money by credit note; a card payment that never came voids its
 * invoice), and every holder is told, in one transaction under the event's lock.
 */
export async function cancelEvent(deps: Deps, s: AdminScope, id: string): Promise<EventDto> {
  const location = await locationOf(deps.db, s);
  const scope: ActorScope = s;
  const out = await deps.db.transaction().execute(async (trx) => {
    const e = await q.lockEvent(trx, deps.dbKind, s, id);
    if (!e) throw notFound('Event not found');
    if (e.status === 'canceled') throw new AppError('conflict', 'This event is already canceled.', undefined, 'event_canceled');
    const now = deps.clock.now().toISOString();
    const lang = languageFor(null, undefined, location);
    const online: purchases.OnlineRefund[] = [];
    for (const t of await q.liveTicketsOfEvent(trx, s, e.id)) {
      const back = await purchases.refundInTx(deps, trx, scope, location, {
        source: { type: 'ticket', id: t.id },
        credits: t.credits,
        dayPasses: 0,
        invoiceId: t.invoice_id,
        reason: m(lang, 'cancelCreditReason', { event: e.title, ...whenWords(e, location, lang) }),
        voidUnpaid: t.status === 'pending_payment',
      });
      if (back.online) online.push(back.online);
      const set = { status: 'canceled' as const, canceled_at: now, canceled_by_user_id: s.actorUserId, updated_at: now };
      await q.updateTicket(trx, t.id, set);
      await queueTicketMail(deps, trx, s, e, { ...t, ...set }, { eventCanceled: back.refunded, unpaid: t.status === 'pending_payment' });
    }
    const set = { status: 'canceled' as const, canceled_at: now, tickets_open: 0 as const, updated_at: now };
    await q.updateEvent(trx, s, e.id, set);
    return { event: { ...e, ...set }, online };
  });
  for (const o of out.online) await purchases.finishOnlineRefund(deps, o, { eventId: id });
  return toEventDto(out.event, location.currency, 0);
}

/** The event's tickets with their holders, in the order they were taken. */
export async function ticketsOfEvent(deps: Deps, s: LocationKey, eventId: string, f: { cursor?: string; limit: number }) {
  const e = await q.findEvent(deps.db, s, eventId);
  if (!e) throw notFound('Event not found');
  const after = f.cursor ? decodeCursor(f.cursor, 'event-tickets') : null;
  const rows = await q.ticketsOfEvent(deps.db, s, eventId, f.limit, after);
  const cut = cutPage(rows, f.limit, 'event-tickets', (t) => t.created_at);
  return { items: await withHolders(deps.db, s, cut.rows), nextCursor: cut.nextCursor };
}

export async function withHolders(db: Tx, s: LocationKey, rows: q.TicketRow[]): Promise<AdminTicketDto[]> {
  const ids = [...new Set(rows.map((t) => t.customer_id))];
  const people = new Map((await Promise.all(ids.map((id) => customers.findCustomer(db, s, id)))).flatMap((c) => (c ? [[c.id, c] as const] : [])));
  return rows.map((t) => {
    const c = people.get(t.customer_id);
    return { ...toTicketDto(t), holder: { firstName: c?.first_name ?? '', lastName: c?.last_name ?? '', email: c?.email ?? '' } };
  });
}

/** An event the caller may see (404 otherwise), with their own live ticket there. */
export async function visibleEvent(deps: Deps, s: LocationKey, userId: string | null, id: string): Promise<PortalEventDto> {
  const location = await locationOf(deps.db, s);
  const e = await q.findEvent(deps.db, s, id);
  if (!e || !(await visibleLevels(deps, userId, location)).includes(e.visibility)) throw notFound('Event not found');
  const [dto] = await eventDtos(deps.db, [e], location.currency);
  const record = userId ? await customers.findCustomerByUser(deps.db, s, userId) : undefined;
  const mine = record ? await q.liveTicketIds(deps.db, record.id, [e.id]) : new Map<string, string>();
  return { ...dto, myTicketId: mine.get(e.id) ?? null };
}

/** Upcoming scheduled events the caller may see, soonest first. */
export async function visibleEvents(deps: Deps, s: LocationKey, userId: string | null, f: { cursor?: string; limit: number }) {
  const location = await locationOf(deps.db, s);
  const levels = await visibleLevels(deps, userId, location);
  const after = f.cursor ? decodeCursor(f.cursor, 'portal-events') : null;
  const rows = await q.visibleUpcoming(deps.db, s, levels, deps.clock.now().toISOString(), f.limit, after);
  const cut = cutPage(rows, f.limit, 'portal-events', (e) => e.starts_at);
  const dtos = await eventDtos(deps.db, cut.rows, location.currency);
  const record = userId ? await customers.findCustomerByUser(deps.db, s, userId) : undefined;
  const mine = record
    ? await q.liveTicketIds(
        deps.db,
        record.id,
        cut.rows.map((e) => e.id),
      )
    : new Map<string, string>();
  return { items: dtos.map((d) => ({ ...d, myTicketId: mine.get(d.id) ?? null })), nextCursor: cut.nextCursor };
}

/**
 * The purchase history's tickets (design 10.1): a customer's own (customer_id) or those a company
 * paid for (company_id), newest first, strictly after the cursor, at most `limit`.
 */
export async function purchasesOf(db: Tx, s: LocationKey, who: PurchaseOwner, after: PurchaseCursor | null, limit: number): Promise<PurchaseItem[]> {
  const rows = await q.purchasedTickets(db, s, who, after, limit);
  return rows.map((r) => ({
    kind: 'ticket',
    id: r.id,
    title: r.title,
    at: r.created_at,
    status: r.status,
    price: r.price,
    credits: r.credits,
    dayPasses: 0,
    payer: r.company_id ? 'company' : 'personal',
  }));
}
