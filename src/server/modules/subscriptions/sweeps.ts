// The subscription sweeps (design 6), each safe to run any number of times: start what is due,
// renew into the period that serves today, end what passed its end date, and mark a new local
// month's coverage. "Today" is each location's own date.
import type { Deps, Tx } from '../../deps.js';
import { addDays, localDateAt } from '../../lib/local-date.js';
import type { Sweep } from '../../lib/sweeps.js';
import * as organizations from '../organizations/service.js';
import type { RenderedMails } from '../invoices/service.js';
import * as locations from '../locations/service.js';
import { draftAheadInTx } from './invoicing.js';
import { coverageEndedInTx, keyOf, markCoveredInTx, renderServingMails, servePeriodsInTx } from './lifecycle.js';
import * as q from './queries.js';

const BATCH = 1000;

/** The latest local date anywhere on Earth at `now` (UTC+14): no row due somewhere is left out of a query. */
const latestToday = (now: Date) => addDays(localDateAt(now, 'UTC'), 1);

/** Due rows of the start sweep whose start has come in their location's zone. */
async function dueToStart(trx: Tx, now: Date): Promise<q.DueRow[]> {
  const today = todayIn(now);
  return (await q.dueUnscoped(trx, ['scheduled'], 'start_date', latestToday(now), BATCH)).filter((r) => r.start_date <= today(r.time_zone));
}

/** Today in each zone, worked out once per zone. */
function todayIn(now: Date) {
  const dates = new Map<string, string>();
  return (zone: string) => {
    const d = dates.get(zone) ?? localDateAt(now, zone);
    dates.set(zone, d);
    return d;
  };
}

/** Due rows of the renew sweep whose current period is over in their location's zone (past the end date, the end sweep takes them). */
async function dueToRenew(trx: Tx, now: Date): Promise<q.DueRow[]> {
  const today = todayIn(now);
  return (await q.dueUnscoped(trx, ['active', 'ending'], 'current_period_end', latestToday(now), BATCH)).filter(
    (r) => r.current_period_end !== null && r.current_period_end < today(r.time_zone),
  );
}

/**
 * The start and renew sweeps serve a chunk of due subscriptions per pass, in one go
 * (`servePeriodsInTx`); the invoices' emails are rendered before the transaction from the rows due
 * then, and rendered again inside it for any that would read differently.
 */
function servingSweep(deps: Deps, name: string, due: (db: Tx, now: Date) => Promise<q.DueRow[]>): Sweep<RenderedMails> {
  return {
    name,
    prepare: async (db, now) => renderServingMails(deps, db, await due(db, now), now),
    run: async (trx, now, rendered) => servePeriodsInTx(deps, trx, await due(trx, now), now, rendered),
  };
}

export const subscriptionStartSweep = (deps: Deps) => servingSweep(deps, 'subscription-start', dueToStart);
export const subscriptionRenewSweep = (deps: Deps) => servingSweep(deps, 'subscription-renew', dueToRenew);

export function subscriptionEndSweep(deps: Deps): Sweep {
  return {
    name: 'subscription-end',
    async run(trx, now) {
      let n = 0;
      for (const r of await q.dueUnscoped(trx, ['ending'], 'end_date', latestToday(now), BATCH)) {
        const today = localDateAt(now, r.time_zone);
        if (!r.end_date || r.end_date >= today) continue;
        const ended = { ...r, status: 'ended' as const, updated_at: now.toISOString() };
        await q.updateSubscription(trx, keyOf(r), r.id, { status: 'ended', updated_at: ended.updated_at });
        await coverageEndedInTx(deps, trx, ended, { id: r.location_id, organization_id: r.organization_id, auto_remove_members: r.auto_remove_members });
        n++;
      }
      return n;
    },
  };
}

/** Drafts each period's invoice `invoiceDaysAhead` days before it starts (issued by the start and renew sweeps on its first day). */
export function invoiceDraftSweep(deps: Deps): Sweep {
  return {
    name: 'invoice-draft',
    async run(trx, now) {
      let n = 0;
      for (const l of await q.liveLocationsUnscoped(trx)) {
        const today = localDateAt(now, l.time_zone);
        const s = { organizationId: l.organization_id, locationId: l.id };
        const location = await locations.findLocation(trx, l.organization_id, l.id);
        if (!location) continue;
        for (const r of await q.toDraftAt(trx, s, addDays(today, l.invoice_days_ahead), BATCH)) {
          if (await draftAheadInTx(deps, trx, r, location, today)) n++;
        }
      }
      return n;
    },
  };
}

/** Once per location and local month: everyone a live subscription covers counts as active that month. */
export function monthCloseSweep(deps: Deps): Sweep {
  return {
    name: 'month-close',
    async run(trx, now) {
      let n = 0;
      for (const l of await q.liveLocationsUnscoped(trx)) {
        const today = localDateAt(now, l.time_zone);
        const key = `month-close:${l.id}:${today.slice(0, 7)}`;
        if ((await organizations.getSetting(trx, key)) !== undefined) continue;
        for (const r of await q.liveAt(trx, { organizationId: l.organization_id, locationId: l.id })) await markCoveredInTx(deps, trx, r, today);
        await organizations.putSetting(trx, key, now.toISOString());
        n++;
      }
      return n;
    },
  };
}

export const subscriptionSweeps = (deps: Deps): Sweep[] => [
  subscriptionStartSweep(deps),
  subscriptionRenewSweep(deps),
  subscriptionEndSweep(deps),
  invoiceDraftSweep(deps),
  monthCloseSweep(deps),
];
