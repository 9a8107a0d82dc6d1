// The booking sweeps (design 6): one reminder before each confirmed booking, and card bookings
// whose payment never came released after 35 minutes (their checkout expired at 30), each safe to
// run any number of times.
import type { Deps } from '../../deps.js';
import type { Sweep } from '../../lib/sweeps.js';
import * as invoices from '../invoices/service.js';
import * as purchases from '../purchases/service.js';
import { queueBookingMail } from './mail.js';
import * as q from './queries.js';
import { epochMinute } from './time.js';

export function bookingReminderSweep(deps: Deps): Sweep {
  return {
    name: 'booking-reminder',
    async run(trx, now) {
      let n = 0;
      const nowMinute = epochMinute(now);
      for (const l of await q.remindingLocationsUnscoped(trx)) {
        const s = { organizationId: l.organization_id, locationId: l.id };
        for (const b of await q.toRemind(trx, l.id, nowMinute, nowMinute + l.booking_reminder_minutes, 500)) {
          await q.updateBooking(trx, b.id, { reminded_at: now.toISOString() });
          await queueBookingMail(deps, trx, s, b, 'reminder');
          n++;
        }
      }
      return n;
    },
  };
}

export function purchaseHoldSweep(deps: Deps): Sweep {
  return {
    name: 'purchase-hold',
    async run(trx, now) {
      let n = 0;
      for (const b of await q.heldSinceUnscoped(trx, purchases.cardHoldCutoff(now), 500)) {
        const at = now.toISOString();
        await q.updateBooking(trx, b.id, { status: 'canceled', holds_slot: 0, canceled_at: at, updated_at: at });
        const s = { organizationId: b.organization_id, locationId: b.location_id };
        // nothing was paid: the invoice is voided (a payment arriving later stays on it, owed back)
        if (b.invoice_id) await invoices.voidUnpaidInTx(deps, trx, s, b.invoice_id);
        n++;
      }
      return n;
    },
  };
}

export const bookingSweeps = (deps: Deps): Sweep[] => [bookingReminderSweep(deps), purchaseHoldSweep(deps)];
