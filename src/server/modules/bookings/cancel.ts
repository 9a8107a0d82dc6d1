// Canceling a booking (design 9.1): the booker, a manager of the paying company, or an
// administrator, before the start. At least the location's notice ahead (or by an administrator,
// unless told not to) everything is given back: credits and day passes into the lots they came
// from (skipping lots expired since), money by a credit note (paid back online when it was paid
// online); later, nothing. The seat is freed at once, and the booker is told.
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { ActorScope, LocationKey } from '../../scope.js';
import { catalogue, languageFor } from '../../lib/i18n.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as purchases from '../purchases/service.js';
import { queueBookingMail, whenWords } from './mail.js';
import { messages } from './messages.js';
import * as q from './queries.js';
import { announceBooking, namedDto } from './service.js';

const m = catalogue('bookings', messages);

export type Refunded = purchases.Refunded;

export type Canceler = { userId: string; admin: false } | { userId: string; admin: true; refund: boolean };

/** Whether this person may cancel: the booker, a manager of the company that pays, or an administrator (else 404). */
async function mayCancel(deps: Deps, s: LocationKey, b: q.BookingRow, who: Canceler): Promise<boolean> {
  if (who.admin || b.booked_by_user_id === who.userId) return true;
  const record = await customers.findCustomerByUser(deps.db, s, who.userId);
  if (!record || record.status === 'removed') return false;
  if (record.id === b.customer_id) return true;
  return b.company_id !== null && record.company_id === b.company_id && record.company_manager === 1;
}

export async function cancelBooking(deps: Deps, s: LocationKey, bookingId: string, who: Canceler) {
  const b = await q.findBooking(deps.db, s, bookingId);
  if (!b || !(await mayCancel(deps, s, b, who))) throw notFound('Booking not found');
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!location) throw notFound('Location not found');
  const scope: ActorScope = { ...s, actorUserId: who.userId };
  const out = await deps.db.transaction().execute(async (trx) => {
    const row = await q.lockBooking(trx, deps.dbKind, s, bookingId);
    if (!row) throw notFound('Booking not found');
    if (row.status === 'canceled') throw new AppError('conflict', 'This booking is already canceled.', undefined, 'invalid_state');
    const now = deps.clock.now();
    if (Date.parse(row.starts_at) <= now.getTime()) throw new AppError('conflict', 'This booking has started.', undefined, 'already_started');
    const inTime = Date.parse(row.starts_at) - now.getTime() >= location.cancellation_notice_hours * 3_600_000;
    const refund = who.admin ? who.refund : inTime;
    const lang = languageFor(null, undefined, location);
    const back = refund
      ? await purchases.refundInTx(deps, trx, scope, location, {
          source: { type: 'booking', id: row.id },
          credits: row.credits,
          dayPasses: row.day_passes,
          invoiceId: row.invoice_id,
          reason: m(lang, 'cancelCreditReason', { ...whenWords(row, location, lang) }),
        })
      : { refunded: purchases.nothingRefunded(), online: null };
    const set = {
      status: 'canceled' as const,
      holds_slot: 0 as const,
      canceled_at: now.toISOString(),
      canceled_by_user_id: who.userId,
      updated_at: now.toISOString(),
    };
    await q.updateBooking(trx, row.id, set);
    const canceled = { ...row, ...set };
    await queueBookingMail(deps, trx, s, canceled, { canceled: refund ? back.refunded : null });
    await announceBooking(trx, s, row.id, 'booking.canceled', now);
    return { canceled, ...back };
  });
  await purchases.finishOnlineRefund(deps, out.online, { bookingId });
  return { booking: await namedDto(deps, s, out.canceled.id), refunded: out.refunded };
}
