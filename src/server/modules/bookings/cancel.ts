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
import { creditNoteInTx } from '../invoices/payments.js';
import * as invoices from '../invoices/service.js';
import * as ledger from '../ledger/service.js';
import * as locations from '../locations/service.js';
import { refundOnline } from '../payments/checkout.js';
import { queueBookingMail, whenWords } from './mail.js';
import { messages } from './messages.js';
import * as q from './queries.js';
import { toBookingDto } from './service.js';

const m = catalogue('bookings', messages);

export interface Refunded {
  credits: number;
  dayPasses: number;
  /** money given back by credit note, minor units */
  amount: number;
  /** credits and day passes whose lots expired since the booking: not given back */
  expiredNotReturned: number;
}

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
    const refunded: Refunded = { credits: 0, dayPasses: 0, amount: 0, expiredNotReturned: 0 };
    let online: { payments: invoices.PaymentRow[]; amount: number; key: string } | null = null;
    if (refund) {
      const source = { type: 'booking', id: row.id };
      for (const [unit, spent] of [
        ['credit', row.credits],
        ['day_pass', row.day_passes],
      ] as const) {
        if (spent === 0) continue;
        const back = await ledger.refundInTx(deps, trx, s, { unit, source, actorUserId: who.userId });
        const given = back?.amount ?? 0;
        if (unit === 'credit') refunded.credits = given;
        else refunded.dayPasses = given;
        refunded.expiredNotReturned += spent - given;
      }
      if (row.invoice_id) {
        const inv = await invoices.lockInvoice(trx, deps.dbKind, s, row.invoice_id);
        const left = inv ? inv.total - inv.amount_credited : 0;
        if (inv && left > 0 && (inv.status === 'issued' || inv.status === 'paid')) {
          const paidOnline = inv.status === 'paid' && (await invoices.paymentsOf(trx, [inv.id])).some((p) => p.method === 'online' && p.provider_ref);
          const lang = languageFor(null, undefined, location);
          const reason = m(lang, 'cancelCreditReason', { ...whenWords(row, location, lang) });
          const credited = await creditNoteInTx(
            deps,
            trx,
            scope,
            inv,
            { amount: left, reason, refund: paidOnline ? 'online' : 'manual' },
            invoices.todayAt(deps, location),
          );
          refunded.amount = left;
          if (credited.note.refund === 'online') online = { payments: credited.payments, amount: left, key: credited.note.id };
        }
      }
    }
    const set = {
      status: 'canceled' as const,
      holds_slot: 0 as const,
      canceled_at: now.toISOString(),
      canceled_by_user_id: who.userId,
      updated_at: now.toISOString(),
    };
    await q.updateBooking(trx, row.id, set);
    const canceled = { ...row, ...set };
    await queueBookingMail(deps, trx, s, canceled, { canceled: refund ? refunded : null });
    return { canceled, refunded, online };
  });
  if (out.online) {
    const ref = await refundOnline(deps, out.online.payments, out.online.amount, out.online.key).catch((err) => {
      deps.log.error({ err, bookingId }, 'online refund of a canceled booking failed');
      return null;
    });
    if (ref) await invoices.setRefundRef(deps.db, out.online.key, ref);
  }
  return { booking: toBookingDto(out.canceled), refunded: out.refunded };
}
