// Bookings (design 9.1): every check in its order with its reason, the payment (free, credits, day
// pass, invoice or card) and the seats written in one transaction that first locks the resource
// (PostgreSQL; SQLite's single writer serialises), so that nobody ever gets the same slot twice.
import { announced } from '../../lib/announcements.js';
import type { Deps, Tx } from '../../deps.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Location } from '../../db/schema.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { languageFor } from '../../lib/i18n.js';
import { addDays, localDateAt } from '../../lib/local-date.js';
import { roundHalfUp } from '../../lib/money.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, LocationKey } from '../../scope.js';
import { visibleLevels } from '../access/visibility.js';
import { invoicePaid } from '../invoices/events.js';
import * as locations from '../locations/service.js';
import type { PurchaseCursor, PurchaseItem, PurchaseOwner } from '../purchases/schema.js';
import * as purchases from '../purchases/service.js';
import type { OpeningHours } from '../locations/schema.js';
import * as resources from '../resources/service.js';
import { m, queueBookingMail, whenWords } from './mail.js';
import * as q from './queries.js';
import type { BookingDto, BookingInput } from './schema.js';
import { elapsedMinutes, epochMinute, onGrid, openingIntervals } from './time.js';

export const slotUnavailable = () => new AppError('conflict', 'This time is no longer free.', undefined, 'slot_unavailable');

export const holdingBetween = q.holdingBetween;
export const assignedBetween = q.assignedBetween;

export function toBookingDto(b: q.NamedBookingRow): BookingDto {
  return {
    id: b.id,
    locationId: b.location_id,
    resourceId: b.resource_id,
    customerId: b.customer_id,
    customerName: [b.customer_first_name, b.customer_last_name].filter(Boolean).join(' '),
    companyId: b.company_id,
    companyName: b.company_name,
    bookedByUserId: b.booked_by_user_id,
    title: b.title,
    startsAt: b.starts_at,
    endsAt: b.ends_at,
    seats: b.seats,
    status: b.status,
    paymentMethod: b.payment_method,
    price: b.price,
    credits: b.credits,
    dayPasses: b.day_passes,
    invoiceId: b.invoice_id,
    createdAt: b.created_at,
    canceledAt: b.canceled_at,
  };
}

/** A hot-desk booking takes one seat of its zone; anything else takes the whole resource. */
export const isZone = (r: resources.ResourceRow) => r.type === 'hot_desk';
const seatsTaken = (r: resources.ResourceRow) => (isZone(r) ? 1 : r.seats);

/** Free: no money price and no credit price (design 9 clarifications). */
export const isFree = (r: resources.ResourceRow) => (r.price_per_hour ?? 0) === 0 && (r.credits_per_hour ?? 0) === 0;

/** What m elapsed minutes cost: money rounded half up, credits rounded up. */
export function priceOf(r: resources.ResourceRow, minutes: number): { money: number | null; credits: number | null } {
  return {
    money: r.price_per_hour === null ? null : roundHalfUp(r.price_per_hour, minutes, 60),
    credits: r.credits_per_hour === null ? null : Math.floor((r.credits_per_hour * minutes + 59) / 60),
  };
}

/** The most seats in use at any moment of [from, to): bookings clipped to it, plus seats assigned on those days. */
export function seatsInUse(
  r: Pick<resources.ResourceRow, 'seats'>,
  bookings: { seats: number; start_minute: number; end_minute: number }[],
  assigned: { seats: number | null }[],
  from: number,
  to: number,
): number {
  const byAssignment = assigned.reduce((sum, a) => sum + (a.seats ?? r.seats), 0);
  const edges: [number, number][] = [];
  for (const b of bookings) {
    if (b.end_minute <= from || b.start_minute >= to) continue;
    edges.push([Math.max(b.start_minute, from), b.seats], [Math.min(b.end_minute, to), -b.seats]);
  }
  // ends before starts at the same minute: back-to-back bookings do not overlap
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let peak = 0;
  for (const [, delta] of edges) {
    now += delta;
    peak = Math.max(peak, now);
  }
  return byAssignment + peak;
}

/** Whether one more booking of this resource over [start, end) would need more seats than it has. */
async function isFull(db: Tx, s: LocationKey, r: resources.ResourceRow, start: Date, end: Date, zone: string): Promise<boolean> {
  const from = epochMinute(start);
  const to = epochMinute(end);
  const [held, assigned] = await Promise.all([
    q.holdingAt(db, s, from, to, r.id),
    q.assignedAt(db, s, localDateAt(start, zone), localDateAt(new Date(end.getTime() - 1), zone), r.id),
  ]);
  return seatsInUse(r, held, assigned, from, to) + seatsTaken(r) > r.seats;
}

export interface BookingContext {
  location: Location;
  resource: resources.ResourceRow;
  start: Date;
  end: Date;
  minutes: number;
}

/**
 * Checks 1 to 4 of design 9.1 that need no transaction. `asAdmin` (an administrator booking for a
 * customer) skips visibility, booking level, duration, opening hours and the book-ahead limit.
 */
export async function checkRequest(deps: Deps, s: LocationKey, userId: string | null, input: BookingInput, asAdmin: boolean): Promise<BookingContext> {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!location) throw notFound('Location not found');
  const resource = await resources.findResource(deps.db, s, input.resourceId);
  if (!resource || resource.archived_at) throw notFound('Resource not found');
  if (!asAdmin) {
    const levels = await visibleLevels(deps, userId, location);
    if (!levels.includes(resource.visibility)) throw notFound('Resource not found');
    if (!levels.includes(resource.booking_level)) throw forbidden('You may not book this resource');
  }
  if (resource.bookable !== 1) throw new AppError('unprocessable', 'This resource is not open for booking.', undefined, 'not_bookable');
  const start = new Date(input.startsAt);
  const end = new Date(input.endsAt);
  const zone = location.time_zone;
  if (!(start < end) || !onGrid(start, zone, resource.increment_minutes) || !onGrid(end, zone, resource.increment_minutes))
    throw new AppError(
      'unprocessable',
      `Choose a start and an end on the ${resource.increment_minutes}-minute grid, the end after the start.`,
      undefined,
      'invalid_time',
    );
  const now = deps.clock.now();
  if (start < now) throw new AppError('unprocessable', 'This time has passed.', undefined, 'in_the_past');
  const minutes = elapsedMinutes(start, end);
  if (!asAdmin) {
    if (localDateAt(start, zone) > addDays(localDateAt(now, zone), location.book_ahead_days))
      throw new AppError('unprocessable', `Bookings open ${location.book_ahead_days} days ahead.`, undefined, 'too_far_ahead');
    if (minutes < resource.min_minutes || minutes > resource.max_minutes)
      throw new AppError('unprocessable', `A booking lasts from ${resource.min_minutes} to ${resource.max_minutes} minutes.`, undefined, 'invalid_duration');
    const hours = JSON.parse(location.opening_hours) as OpeningHours;
    const inside = openingIntervals(hours, localDateAt(start, zone), zone).some((iv) => iv.start <= start && end <= iv.end);
    if (!inside) throw new AppError('unprocessable', 'This time is outside the opening hours.', undefined, 'outside_opening_hours');
  }
  return { location, resource, start, end, minutes };
}

/** Step 5: the method is offered by the resource and allowed for this booker. */
function checkMethod(ctx: BookingContext, input: BookingInput, member: boolean, asAdmin: boolean, hasProvider: boolean) {
  const r = ctx.resource;
  const price = priceOf(r, ctx.minutes);
  const offered = (() => {
    switch (input.paymentMethod) {
      case 'free':
        return isFree(r) || asAdmin;
      case 'credits':
        return (r.credits_per_hour ?? 0) > 0;
      case 'day_pass':
        return (
          isZone(r) &&
          r.day_pass_accepted === 1 &&
          localDateAt(ctx.start, ctx.location.time_zone) === localDateAt(new Date(ctx.end.getTime() - 1), ctx.location.time_zone)
        );
      case 'invoice':
        return (r.price_per_hour ?? 0) > 0;
      case 'card':
        return (r.price_per_hour ?? 0) > 0 && hasProvider;
    }
  })();
  if (!offered) throw new AppError('unprocessable', 'This way of paying is not offered for this booking.', undefined, 'payment_method_not_offered');
  if (!member && (input.paymentMethod === 'credits' || input.paymentMethod === 'day_pass' || input.paymentMethod === 'invoice'))
    throw new AppError('unprocessable', 'Credits, day passes and invoices are for members.', undefined, 'members_only');
  return price;
}

export interface Booker {
  userId: string;
  /** an administrator booking for this customer (skips the member-side checks) */
  customerId?: string;
  asAdmin: boolean;
}

/**
 * Books: the checks in order, then in one transaction under the resource's lock the seats, the
 * booker's record (a nonmember with source `purchase` when they have none), the spend or the
 * invoice, and the active-user mark. A repeated Idempotency-Key answers the first booking.
 */
export async function book(
  deps: Deps,
  s: LocationKey,
  booker: Booker,
  input: BookingInput,
  idempotencyKey?: string,
): Promise<{ booking: BookingDto; checkoutUrl: string | null; created: boolean }> {
  if (idempotencyKey) {
    const first = await q.bookingByKey(deps.db, s, booker.userId, idempotencyKey);
    if (first) return replay(deps, s, first, input);
  }
  const ctx = await checkRequest(deps, s, booker.userId, input, booker.asAdmin);
  const hasProvider = purchases.cardAvailable(deps);
  const { resource, location, start, end } = ctx;
  // step 5 before the transaction (the record is read again inside it), so that step 6's quick
  // refusal of a full slot never answers before a wrong payment method does
  const known = await purchases.knownRecord(deps.db, s, booker);
  checkMethod(ctx, input, purchases.isMember(known), booker.asAdmin, hasProvider);
  if (known && known.status !== 'removed') await purchases.payerOf(deps.db, s, known, input.payer ?? 'personal');
  // attempts on one resource take turns in this process: each looks once the one before has
  // committed or given up, so that under contention the losers are refused here, on a read (or
  // on what the turn before just booked), and never queue for the write lock (the locked check
  // below still decides, across processes too)
  return inTurn(resource.id, async (turn) => {
    if (idempotencyKey) {
      const first = await q.bookingByKey(deps.db, s, booker.userId, idempotencyKey);
      if (first) return replay(deps, s, first, input);
    }
    const from = epochMinute(start);
    const to = epochMinute(end);
    if (!isZone(resource) && turn.bookedWhileWaiting(from, to)) throw slotUnavailable();
    if (await isFull(deps.db, s, resource, start, end, location.time_zone)) throw slotUnavailable();
    const out = await bookInTx(deps, s, booker, input, ctx, hasProvider, idempotencyKey);
    if (out.created && !isZone(resource)) turn.booked(from, to);
    return out;
  });
}

/** Step 6 and the writes, in one transaction that first locks the resource. */
async function bookInTx(
  deps: Deps,
  s: LocationKey,
  booker: Booker,
  input: BookingInput,
  ctx: BookingContext,
  hasProvider: boolean,
  idempotencyKey: string | undefined,
): Promise<{ booking: BookingDto; checkoutUrl: string | null; created: boolean }> {
  const { resource, location, start, end } = ctx;
  const id = newId();
  const scope: ActorScope = { ...s, actorUserId: booker.userId };
  let row: q.BookingRow;
  try {
    const done = await deps.db.transaction().execute(async (trx) => {
      const locked = await resources.lockResource(trx, deps.dbKind, s, resource.id);
      if (!locked || locked.archived_at) throw notFound('Resource not found');
      // a twin with the same key that held the lock before us: its booking is the answer
      const twin = idempotencyKey ? await q.bookingByKey(trx, s, booker.userId, idempotencyKey) : undefined;
      if (twin) return { twin };
      // step 6, first: a full slot is the common refusal under contention, and the cheapest to find
      if (await isFull(trx, s, locked, start, end, location.time_zone)) throw slotUnavailable();
      const record = await purchases.buyerRecordInTx(deps, trx, s, booker);
      const member = purchases.isMember(record);
      const price = checkMethod(ctx, input, member, booker.asAdmin, hasProvider);
      const payer = await purchases.payerOf(trx, s, record, input.payer ?? 'personal');
      const from = epochMinute(start);
      const to = epochMinute(end);
      const now = deps.clock.now().toISOString();
      const b: q.BookingRow = {
        id,
        organization_id: s.organizationId,
        location_id: s.locationId,
        resource_id: resource.id,
        customer_id: record.id,
        company_id: payer.companyId,
        booked_by_user_id: booker.userId,
        title: input.title ?? '',
        starts_at: start.toISOString(),
        ends_at: end.toISOString(),
        start_minute: from,
        end_minute: to,
        seats: seatsTaken(locked),
        whole_resource: isZone(locked) ? 0 : 1,
        holds_slot: 1,
        status: input.paymentMethod === 'card' ? 'pending_payment' : 'confirmed',
        payment_method: input.paymentMethod,
        price: input.paymentMethod === 'invoice' || input.paymentMethod === 'card' ? (price.money ?? 0) : 0,
        credits: input.paymentMethod === 'credits' ? (price.credits ?? 0) : 0,
        day_passes: input.paymentMethod === 'day_pass' ? 1 : 0,
        invoice_id: null,
        idempotency_key: idempotencyKey ?? null,
        reminded_at: null,
        canceled_at: null,
        canceled_by_user_id: null,
        created_at: now,
        updated_at: now,
      };
      await q.insertBooking(trx, b);
      if (b.payment_method !== 'free') {
        const lang = languageFor(null, undefined, location);
        const description = m(lang, 'invoiceLine', { resource: resource.name, ...whenWords(b, location, lang) });
        const charged = await purchases.chargeInTx(deps, trx, scope, location, payer, {
          method: b.payment_method,
          credits: b.credits,
          dayPasses: b.day_passes,
          lines: [{ description, quantity: 1, unitPrice: b.price, source: 'booking' }],
          source: { type: 'booking', id },
        });
        if (charged.invoiceId) {
          b.invoice_id = charged.invoiceId;
          await q.updateBooking(trx, id, { invoice_id: charged.invoiceId });
        }
      }
      await purchases.markActiveInTx(deps, trx, s, location, record.user_id, 'booking', (b.credits ?? 0) + (b.day_passes ?? 0) > 0);
      if (b.status === 'confirmed') await queueBookingMail(deps, trx, s, b, 'confirmed');
      await announceBooking(trx, s, id, 'booking.created', deps.clock.now());
      return { booked: b };
    });
    if ('twin' in done) return replay(deps, s, done.twin!, input);
    row = done.booked!;
  } catch (err) {
    if (isExclusionViolation(err)) throw slotUnavailable();
    const first = idempotencyKey && isUniqueViolation(err) ? await q.bookingByKey(deps.db, s, booker.userId, idempotencyKey) : undefined;
    if (first) return replay(deps, s, first, input);
    throw err;
  }
  const checkoutUrl = row.payment_method === 'card' && row.invoice_id ? await purchases.checkoutUrl(deps, scope, row.invoice_id) : null;
  return { booking: await namedDto(deps, s, row.id), checkoutUrl, created: true };
}

/**
 * Booking attempts on one resource in this process, one after the other. Each attempt may learn
 * what a turn before it booked of the whole resource while it waited: that slot was taken at a
 * moment the attempt was in flight, so refusing an overlap is the answer it would have had then.
 */
interface Turn {
  bookedWhileWaiting(from: number, to: number): boolean;
  booked(from: number, to: number): void;
}
interface Queue {
  tail: Promise<void>;
  /** attempts that joined so far, numbering them */
  joined: number;
  /** whole-resource bookings made by turns, each usable by the attempts numbered up to `seenBy` */
  booked: { from: number; to: number; seenBy: number }[];
}
const queues = new Map<string, Queue>();

async function inTurn<T>(key: string, work: (turn: Turn) => Promise<T>): Promise<T> {
  let queue = queues.get(key);
  if (!queue) {
    queue = { tail: Promise.resolve(), joined: 0, booked: [] };
    queues.set(key, queue);
  }
  const line = queue;
  const before = line.tail;
  const number = ++line.joined;
  let done = () => {};
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  line.tail = mine;
  try {
    await before;
    return await work({
      bookedWhileWaiting: (from, to) => line.booked.some((b) => b.seenBy >= number && b.from < to && from < b.to),
      booked: (from, to) => {
        line.booked.push({ from, to, seenBy: line.joined });
      },
    });
  } finally {
    // the attempts still waiting joined after this one: what only this one could use goes
    line.booked = line.booked.filter((b) => b.seenBy > number);
    done();
    if (line.tail === mine) queues.delete(key);
  }
}

/** Tells integrators (webhooks) of a booking as the API answers it, in the transaction of the change. */
export async function announceBooking(trx: Tx, s: LocationKey, id: string, type: 'booking.created' | 'booking.canceled', at: Date): Promise<void> {
  const named = await q.findNamedBooking(trx, s, id);
  if (named) await announced.publish(trx, { organizationId: s.organizationId, locationId: s.locationId, type, data: toBookingDto(named), at });
}

/** The answer for a booking just written: read again with its customer's and company's names. */
export async function namedDto(deps: Deps, s: LocationKey, id: string): Promise<BookingDto> {
  const named = await q.findNamedBooking(deps.db, s, id);
  if (!named) throw notFound('Booking not found');
  return toBookingDto(named);
}

async function replay(deps: Deps, s: LocationKey, first: q.BookingRow, input: BookingInput) {
  const same =
    first.resource_id === input.resourceId &&
    first.starts_at === new Date(input.startsAt).toISOString() &&
    first.ends_at === new Date(input.endsAt).toISOString() &&
    first.payment_method === input.paymentMethod;
  if (!same) throw new AppError('conflict', 'This Idempotency-Key was used for another request.', undefined, 'idempotency_key_reused');
  return { booking: await namedDto(deps, s, first.id), checkoutUrl: null, created: false };
}

/** PostgreSQL's exclusion constraint (the safety net under the lock) refused an overlap. */
function isExclusionViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23P01';
}

/** A card booking waits for its invoice to be paid: paid, it is confirmed and the booker told. */
invoicePaid.subscribe(async (trx, e) => {
  if (e.invoice.source_type !== 'booking' || !e.invoice.source_id) return;
  const s = { organizationId: e.invoice.organization_id, locationId: e.invoice.location_id };
  const b = await q.findBooking(trx, s, e.invoice.source_id);
  if (b?.status !== 'pending_payment') return;
  const set = { status: 'confirmed' as const, updated_at: e.deps.clock.now().toISOString() };
  await q.updateBooking(trx, b.id, set);
  await queueBookingMail(e.deps, trx, s, { ...b, ...set }, 'confirmed');
});

/**
 * The purchase-history lines of bookings (design 10.1): a customer's own (customer_id) or those a
 * company paid for (company_id), newest made first, strictly after the cursor. The title is the
 * resource's name and the local time, in the location's language.
 */
export async function purchasesOf(db: Tx, s: LocationKey, who: PurchaseOwner, after: PurchaseCursor | null, limit: number): Promise<PurchaseItem[]> {
  const location = await locations.findLocation(db, s.organizationId, s.locationId);
  if (!location) return [];
  const lang = languageFor(null, undefined, location);
  const rows = await q.purchasedBookings(db, s, who, after, limit);
  return rows.map((r) => ({
    kind: 'booking',
    id: r.id,
    title: m(lang, 'invoiceLine', { resource: r.name, ...whenWords(r, location, lang) }),
    at: r.created_at,
    status: r.status,
    price: r.price,
    credits: r.credits,
    dayPasses: r.day_passes,
    payer: r.company_id ? 'company' : 'personal',
  }));
}
