// The overdue reminder (design 8.1): one email the day after an invoice's due date while money is
// still due, once per invoice however often the sweep runs.
import type { Deps } from '../../deps.js';
import { addDays, localDateAt } from '../../lib/local-date.js';
import type { Sweep } from '../../lib/sweeps.js';
import { amountDue } from './amounts.js';
import { queueInvoiceMail } from './mail.js';
import * as q from './queries.js';

export function invoiceOverdueSweep(deps: Deps): Sweep {
  return {
    name: 'invoice-overdue',
    async run(trx, now) {
      let n = 0;
      // the latest local date anywhere (UTC+14): no invoice overdue somewhere is left out
      for (const inv of await q.overdueUnscoped(trx, addDays(localDateAt(now, 'UTC'), 1), 500)) {
        const today = localDateAt(now, inv.time_zone);
        if (!inv.due_date || inv.due_date >= today || amountDue(inv) === 0) continue;
        const { time_zone: _zone, ...row } = inv;
        await q.updateInvoice(trx, inv.id, { overdue_reminded_at: now.toISOString() });
        await queueInvoiceMail(deps, trx, { organizationId: inv.organization_id, locationId: inv.location_id }, row, 'overdue');
        n++;
      }
      return n;
    },
  };
}
