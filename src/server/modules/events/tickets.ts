// Tickets (design 10.1): getting one (the checks in order, then under the event's lock one live
// ticket per person before the capacity, the code and the payment), the holder's cancel with the
// notice rule, the check-in by code, the holder's list with QR codes, card tickets confirmed when
// their invoice is paid and released by the ticket-hold sweep when it never is.
import { announced } from '../../lib/announcements.js';
import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import type { Deps } from '../../deps.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { languageFor } from '../../lib/i18n.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import type { Sweep } from '../../lib/sweeps.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, AdminScope, LocationKey } from '../../scope.js';
import { visibleLevels } from '../access/visibility.js';
import * as customers from '../customers/service.js';
import { invoicePaid } from '../invoices/events.js';
import * as invoices from '../invoices/service.js';
import * as purchases from '../purchases/service.js';
import { m, queueTicketMail, whenWords } from './mail.js';
import * as q from './queries.js';
import type { AdminTicketDto, MyTicketDto, TicketInput } from './schema.js';
import { locationOf, toTicketDto, withHolders } from './service.js';

/** 32 characters: no 0/O and no 1/I, which people misread. */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

export function newTicketCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A code as typed or scanned: case, spaces and dashes do not matter. */
export const normalizeCode = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

/** The QR code of a ticket: it encodes the code and nothing else. */
export const qrOf = (code: string) => QRCode.toDataURL(code, { errorCorrectionLevel: 'M', margin: 2, width: 320 });

const isFree = (e: q.EventRow) => !((e.price ?? 0) > 0) && !((e.credit_price ?? 0) > 0);

function checkMethod(e: q.EventRow, method: TicketInput['paymentMethod'], member: boolean, hasProvider: boolean) {
  const offered = (() => {
    switch (method) {
      case 'free':
        return isFree(e);
      case 'credits':
        return (e.credit_price ?? 0) > 0;
      case 'invoice':
        return (e.price ?? 0) > 0;
      case 'card':
        return (e.price ?? 0) > 0 && hasProvider;
    }
  })();
  if (!offered) throw new AppError('unprocessable', 'This way of paying is not offered for this event.', undefined, 'payment_method_not_offered');
  if (!member && (method === 'credits' || method === 'invoice'))
    throw new AppError('unprocessable', 'Credits and invoices are for members.', undefined, 'members_only');
}

function checkOnSale(e: q.EventRow, now: Date) {
  if (e.status === 'canceled') throw new AppError('conflict', 'This event is canceled.', undefined, 'event_canceled');
  if (Date.parse(e.starts_at) <= now.getTime()) throw new AppError('conflict', 'This event has started.', undefined, 'event_started');
  if (e.tickets_open !== 1) throw new AppError('conflict', 'Tickets for this event are not open.', undefined, 'tickets_closed');
}

const alreadyHasTicket = () => new AppError('conflict', 'You already have a ticket for this event.', undefined, 'already_has_ticket');

/** A ticket as its holder sees it: with its event and its QR code. */
export async function myTicketDto(t: q.TicketRow, e: q.EventRow): Promise<MyTicketDto> {
  return {
    ...toTicketDto(t),
    event: {
      id: e.id,
      title: e.title,
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      place: e.place,
      status: e.status,
      refundNoticeHours: e.refund_notice_hours,
    },
    qrCode: await qrOf(t.code),
  };
}

/**
 * Gets a ticket: the event visible (404), on sale, the way of paying offered; then in one
 * transaction under the event's lock the buyer's record (a nonmember with source `purchase` when
 * they have none), one live ticket per person (409 `already_has_ticket`), the capacity (409
 * `sold_out`), a code unique in the event, the spend or the invoice. A repeated Idempotency-Key
 * answers the first ticket.
 */
export async function buyTicket(
  deps: Deps,
  s: LocationKey,
  userId: string,
  eventId: string,
  input: TicketInput,
  idempotencyKey?: string,
): Promise<{ ticket: MyTicketDto; checkoutUrl: string | null }> {
  if (idempotencyKey) {
    const first = await q.ticketByKey(deps.db, s, userId, idempotencyKey);
    if (first) return replay(deps, s, first, eventId, input);
  }
  const location = await locationOf(deps.db, s);
  const event = await q.findEvent(deps.db, s, eventId);
  if (!event || !(await visibleLevels(deps, userId, location)).includes(event.visibility)) throw notFound('Event not found');
  checkOnSale(event, deps.clock.now());
  const hasProvider = purchases.cardAvailable(deps);
  const known = await purchases.knownRecord(deps.db, s, { userId });
  checkMethod(event, input.paymentMethod, purchases.isMember(known), hasProvider);
  if (known && known.status !== 'removed') await purchases.payerOf(deps.db, s, known, input.payer ?? 'personal');
  const scope: ActorScope = { ...s, actorUserId: userId };
  const id = newId();
  let row: q.TicketRow;
  let e: q.EventRow;
  try {
    const done = await deps.db.transaction().execute(async (trx) => {
      const locked = await q.lockEvent(trx, deps.dbKind, s, eventId);
      if (!locked) throw notFound('Event not found');
      const twin = idempotencyKey ? await q.ticketByKey(trx, s, userId, idempotencyKey) : undefined;
      if (twin) return { twin };
      const now = deps.clock.now();
      checkOnSale(locked, now);
      const record = await purchases.buyerRecordInTx(deps, trx, s, { userId });
      if (await q.liveTicketOf(trx, locked.id, record.id)) throw alreadyHasTicket();
      if (locked.capacity !== null && (await q.soldCount(trx, locked.id)) >= locked.capacity)
        throw new AppError('conflict', 'This event is sold out.', undefined, 'sold_out');
      checkMethod(locked, input.paymentMethod, purchases.isMember(record), hasProvider);
      const payer = await purchases.payerOf(trx, s, record, input.payer ?? 'personal');
      let code = newTicketCode();
      while (await q.ticketByCode(trx, locked.id, code)) code = newTicketCode();
      const at = now.toISOString();
      const method = input.paymentMethod;
      const t: q.TicketRow = {
        id,
        organization_id: s.organizationId,
        location_id: s.locationId,
        event_id: locked.id,
        customer_id: record.id,
        company_id: payer.companyId,
        user_id: userId,
        code,
        status: method === 'card' ? 'pending_payment' : 'confirmed',
        payment_method: method,
        price: 0,
        credits: method === 'credits' ? (locked.credit_price ?? 0) : 0,
        invoice_id: null,
        idempotency_key: idempotencyKey ?? null,
        checked_in_at: null,
        checked_in_by_user_id: null,
        canceled_at: null,
        canceled_by_user_id: null,
        created_at: at,
        updated_at: at,
      };
      await q.insertTicket(trx, t);
      if (method !== 'free') {
        const lang = languageFor(null, undefined, location);
        const charged = await purchases.chargeInTx(deps, trx, scope, location, payer, {
          method,
          credits: t.credits,
          lines: [
            {
              description: m(lang, 'invoiceLine', { event: locked.title, ...whenWords(locked, location, lang) }),
              quantity: 1,
              unitPrice: locked.price ?? 0,
              ...(locked.tax_rate_bps !== null ? { taxRateBps: locked.tax_rate_bps } : {}),
              source: 'ticket',
            },
          ],
          source: { type: 'ticket', id },
        });
        if (charged.invoiceId) {
          t.invoice_id = charged.invoiceId;
          t.price = charged.total;
          await q.updateTicket(trx, id, { invoice_id: t.invoice_id, price: t.price });
        }
        await purchases.markActiveInTx(deps, trx, s, location, record.user_id, 'payment', (t.credits ?? 0) > 0);
      }
      if (t.status === 'confirmed') await queueTicketMail(deps, trx, s, locked, t, 'confirmed');
      await announced.publish(trx, { organizationId: s.organizationId, locationId: s.locationId, type: 'ticket.created', data: toTicketDto(t), at: now });
      return { bought: t, event: locked };
    });
    if ('twin' in done) return replay(deps, s, done.twin!, eventId, input);
    row = done.bought!;
    e = done.event!;
  } catch (err) {
    if (isUniqueViolation(err, 'tickets_one_live_per_person')) throw alreadyHasTicket();
    const first = idempotencyKey && isUniqueViolation(err) ? await q.ticketByKey(deps.db, s, userId, idempotencyKey) : undefined;
    if (first) return replay(deps, s, first, eventId, input);
    throw err;
  }
  const checkoutUrl = row.payment_method === 'card' && row.invoice_id ? await purchases.checkoutUrl(deps, scope, row.invoice_id) : null;
  return { ticket: await myTicketDto(row, e), checkoutUrl };
}

async function replay(deps: Deps, s: LocationKey, first: q.TicketRow, eventId: string, input: TicketInput) {
  if (first.event_id !== eventId || first.payment_method !== input.paymentMethod)
    throw new AppError('conflict', 'This Idempotency-Key was used for another request.', undefined, 'idempotency_key_reused');
  const e = (await q.findEvent(deps.db, s, first.event_id))!;
  return { ticket: await myTicketDto(first, e), checkoutUrl: null };
}

/** The holder's record here, if any (any status: a removed person keeps their tickets' history). */
async function holderRecord(deps: Deps, s: LocationKey, userId: string) {
  return customers.findCustomerByUser(deps.db, s, userId);
}

/**
 * The holder cancels before the start: at least `refundNoticeHours` ahead everything is given back
 * (credits into their lots, money by credit note, online when it was paid online); later, nothing.
 * A card ticket whose payment never came has its invoice voided either way.
 */
export async function cancelTicket(deps: Deps, s: LocationKey, userId: string, ticketId: string) {
  const record = await holderRecord(deps, s, userId);
  const t0 = await q.findTicket(deps.db, s, ticketId);
  if (!t0 || !record || t0.customer_id !== record.id) throw notFound('Ticket not found');
  const location = await locationOf(deps.db, s);
  const scope: ActorScope = { ...s, actorUserId: userId };
  const out = await deps.db.transaction().execute(async (trx) => {
    const e = await q.lockEvent(trx, deps.dbKind, s, t0.event_id);
    const t = await q.lockTicket(trx, deps.dbKind, s, ticketId);
    if (!e || !t) throw notFound('Ticket not found');
    if (t.status === 'canceled') throw new AppError('conflict', 'This ticket is already canceled.', undefined, 'invalid_state');
    const now = deps.clock.now();
    if (Date.parse(e.starts_at) <= now.getTime()) throw new AppError('conflict', 'This event has started.', undefined, 'event_started');
    const inTime = Date.parse(e.starts_at) - now.getTime() >= e.refund_notice_hours * 3_600_000;
    const unpaid = t.status === 'pending_payment';
    const lang = languageFor(null, undefined, location);
    const back =
      inTime || unpaid
        ? await purchases.refundInTx(deps, trx, scope, location, {
            source: { type: 'ticket', id: t.id },
            credits: inTime ? t.credits : 0,
            dayPasses: 0,
            invoiceId: t.invoice_id,
            reason: m(lang, 'cancelCreditReason', { event: e.title, ...whenWords(e, location, lang) }),
            voidUnpaid: unpaid,
          })
        : { refunded: purchases.nothingRefunded(), online: null };
    const set = { status: 'canceled' as const, canceled_at: now.toISOString(), canceled_by_user_id: userId, updated_at: now.toISOString() };
    await q.updateTicket(trx, t.id, set);
    const canceled = { ...t, ...set };
    await queueTicketMail(deps, trx, s, e, canceled, { canceled: inTime ? back.refunded : null, unpaid });
    return { canceled, event: e, ...back };
  });
  await purchases.finishOnlineRefund(deps, out.online, { ticketId });
  return { ticket: await myTicketDto(out.canceled, out.event), refunded: out.refunded };
}

/**
 * Checks a ticket in by its code (case-insensitive): 200 with `checkedInAt`; a second time 409
 * `already_checked_in`; a canceled ticket 409 `ticket_canceled`; an unknown code 404.
 */
export async function checkIn(deps: Deps, s: AdminScope, eventId: string, typed: string): Promise<AdminTicketDto> {
  const e = await q.findEvent(deps.db, s, eventId);
  if (!e) throw notFound('Event not found');
  const code = normalizeCode(typed);
  const t = await q.ticketByCode(deps.db, e.id, code);
  if (!t || t.organization_id !== s.organizationId || t.location_id !== s.locationId) throw notFound('No ticket with this code');
  return checkInTicket(deps, s, s.actorUserId, t.id);
}

/**
 * The reception kiosk's check-in: a code alone, at the device's location. Codes are unique within an
 * event; should two events of the location share one, the event that starts nearest to now wins.
 * Same answers as `checkIn`; no person is behind it (`checked_in_by_user_id` stays null).
 */
export async function checkInByCode(deps: Deps, s: LocationKey, typed: string): Promise<AdminTicketDto & { eventTitle: string }> {
  const rows = await q.ticketsByCodeAt(deps.db, s, normalizeCode(typed));
  const now = deps.clock.now().getTime();
  const nearest = rows.sort((a, b) => Math.abs(Date.parse(a.starts_at) - now) - Math.abs(Date.parse(b.starts_at) - now))[0];
  if (!nearest) throw notFound('No ticket with this code');
  return { ...(await checkInTicket(deps, s, null, nearest.id)), eventTitle: nearest.title };
}

async function checkInTicket(deps: Deps, s: LocationKey, actorUserId: string | null, ticketId: string): Promise<AdminTicketDto> {
  const done = await deps.db.transaction().execute(async (trx) => {
    const row = await q.lockTicket(trx, deps.dbKind, s, ticketId);
    if (!row) throw notFound('No ticket with this code');
    if (row.status === 'canceled') throw new AppError('conflict', 'This ticket is canceled.', undefined, 'ticket_canceled');
    if (row.checked_in_at) throw new AppError('conflict', 'This ticket is already checked in.', undefined, 'already_checked_in');
    if (row.status === 'pending_payment') throw new AppError('conflict', 'This ticket is not paid yet.', undefined, 'ticket_not_paid');
    const at = deps.clock.now().toISOString();
    const set = { checked_in_at: at, checked_in_by_user_id: actorUserId, updated_at: at };
    await q.updateTicket(trx, row.id, set);
    return { ...row, ...set };
  });
  return (await withHolders(deps.db, s, [done]))[0];
}

/** The caller's own tickets at the location, newest first (none when they have no record here). */
export async function myTickets(deps: Deps, s: LocationKey, userId: string, f: { cursor?: string; limit: number }) {
  const record = await holderRecord(deps, s, userId);
  if (!record) return { items: [], nextCursor: null };
  const after = f.cursor ? decodeCursor(f.cursor, 'my-tickets') : null;
  const rows = await q.ticketsOfCustomer(deps.db, s, record.id, f.limit, after);
  const cut = cutPage(rows, f.limit, 'my-tickets', (t) => t.created_at);
  const events = new Map(
    (
      await q.eventsByIds(
        deps.db,
        s,
        cut.rows.map((t) => t.event_id),
      )
    ).map((e) => [e.id, e]),
  );
  const items = await Promise.all(cut.rows.map((t) => myTicketDto(t, events.get(t.event_id)!)));
  return { items, nextCursor: cut.nextCursor };
}

export function ticketHoldSweep(deps: Deps): Sweep {
  return {
    name: 'ticket-hold',
    async run(trx, now) {
      let n = 0;
      for (const t of await q.heldSinceUnscoped(trx, purchases.cardHoldCutoff(now), 500)) {
        const at = now.toISOString();
        await q.updateTicket(trx, t.id, { status: 'canceled', canceled_at: at, updated_at: at });
        const s = { organizationId: t.organization_id, locationId: t.location_id };
        // nothing was paid: the invoice is voided (a payment arriving later stays on it, owed back)
        if (t.invoice_id) await invoices.voidUnpaidInTx(deps, trx, s, t.invoice_id);
        n++;
      }
      return n;
    },
  };
}

/** A card ticket waits for its invoice to be paid: paid, it is confirmed and the holder gets it. */
invoicePaid.subscribe(async (trx, e) => {
  if (e.invoice.source_type !== 'ticket' || !e.invoice.source_id) return;
  const s = { organizationId: e.invoice.organization_id, locationId: e.invoice.location_id };
  const t = await q.findTicket(trx, s, e.invoice.source_id);
  if (t?.status !== 'pending_payment') return;
  const event = await q.findEvent(trx, s, t.event_id);
  if (!event) return;
  const set = { status: 'confirmed' as const, updated_at: e.deps.clock.now().toISOString() };
  await q.updateTicket(trx, t.id, set);
  await queueTicketMail(e.deps, trx, s, event, { ...t, ...set }, 'confirmed');
});
