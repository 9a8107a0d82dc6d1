// A subscription through time: the period that serves today (its grants of credits and day passes,
// its invoice, the coverage mark of active users), and what happens when coverage ends: lots expire,
// drafts go, and with the location's auto-remove on, members no longer covered become nonmembers.
import { type Deps, type Tx, queueMail } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { catalogue } from '../../lib/i18n.js';
import { addDays, formatLocalDate, localDateAt, startOfLocalDay } from '../../lib/local-date.js';
import { greeting, renderLayout } from '../../lib/mail/layout.js';
import type { LocationKey } from '../../scope.js';
import * as access from '../access/service.js';
import * as assignments from '../assignments/service.js';
import * as locations from '../locations/service.js';
import * as activities from '../activities/service.js';
import * as customers from '../customers/service.js';
import * as organizations from '../organizations/service.js';
import * as ledger from '../ledger/service.js';
import * as usage from '../usage/service.js';
import * as invoices from '../invoices/service.js';
import { deleteDraftsInTx, invoicePeriodInTx, periodInvoices } from './invoicing.js';
import { messages } from './messages.js';
import { periodAmounts, periodContaining, type Period, type PeriodTerms } from './periods.js';
import * as q from './queries.js';

const m = catalogue('subscriptions', messages);

export const terms = (r: q.SubscriptionRow): PeriodTerms => ({ cycle: r.cycle, anchor: r.anchor, startDate: r.start_date, endDate: r.end_date });
export const ownerOf = (r: q.SubscriptionRow): ledger.Owner => (r.customer_id ? { customerId: r.customer_id } : { companyId: r.company_id! });
export const keyOf = (r: { organization_id: string; location_id: string }): LocationKey => ({ organizationId: r.organization_id, locationId: r.location_id });

/** A period's lots expire at the local midnight after its last day (the next period's start, or the day after the end date). */
export function lotExpiry(period: Pick<Period, 'end'>, timeZone: string): string {
  return startOfLocalDay(addDays(period.end, 1), timeZone).toISOString();
}

/** The people a subscription covers: its customer, or every user of its company. */
async function coveredCustomers(db: Tx, r: q.SubscriptionRow) {
  if (r.customer_id) {
    const c = await customers.findCustomer(db, keyOf(r), r.customer_id);
    return c && c.status !== 'removed' ? [{ id: c.id, user_id: c.user_id, type: c.type, status: c.status, company_id: c.company_id }] : [];
  }
  return (await customers.companyUsers(db, keyOf(r), r.company_id!)).map((u) => ({ ...u, company_id: r.company_id }));
}

/** Marks everyone the subscription covers as active users of the local month of `date`. */
export async function markCoveredInTx(deps: Deps, trx: Tx, r: q.SubscriptionRow, date: string): Promise<void> {
  const people = await coveredCustomers(trx, r);
  await usage.markActiveInTx(
    trx,
    keyOf(r),
    people.map((p) => p.user_id),
    date.slice(0, 7),
    'subscription',
    deps.clock.now(),
  );
}

/**
 * Makes the period that serves `today` current: grants its credits and day passes (once per
 * period, however often this runs), invoices it and marks coverage. Null when no period serves today.
 */
export async function servePeriodInTx(deps: Deps, trx: Tx, r: q.SubscriptionRow, today: string, timeZone: string): Promise<q.SubscriptionRow | null> {
  const period = periodContaining(terms(r), today);
  if (!period) return null;
  const amounts = periodAmounts(period, { price: r.price, credits: r.credits, dayPasses: r.day_passes, quantity: r.quantity });
  const s = keyOf(r);
  const source = { type: 'subscription', id: r.id };
  const expiresAt = lotExpiry(period, timeZone);
  for (const [unit, amount] of [
    ['credit', amounts.credits],
    ['day_pass', amounts.dayPasses],
  ] as const) {
    await ledger.grantInTx(deps, trx, s, ownerOf(r), { unit, amount, expiresAt, source, occasion: period.start });
  }
  await invoicePeriodInTx(deps, trx, r, period, amounts);
  await markCoveredInTx(deps, trx, r, today);
  const set: Partial<q.SubscriptionRow> = {
    status: r.end_date ? 'ending' : 'active',
    current_period_start: period.start,
    current_period_end: period.end,
    granted_period_start: period.start,
    updated_at: deps.clock.now().toISOString(),
  };
  await q.updateSubscription(trx, s, r.id, set);
  return { ...r, ...set };
}

/** The periods that serve today of many due subscriptions, grouped by location in the order given (prepare and run share it). */
async function servingPlan(deps: Deps, db: Tx, rows: q.DueRow[], now: Date, lock: boolean) {
  const byLocation = new Map<string, q.DueRow[]>();
  for (const r of rows) {
    const group = byLocation.get(r.location_id);
    if (group) group.push(r);
    else byLocation.set(r.location_id, [r]);
  }
  const out = [];
  for (const group of byLocation.values()) {
    const location = await locations.findLocation(db, group[0].organization_id, group[0].location_id);
    if (!location) continue;
    const today = localDateAt(now, location.time_zone);
    const served: { r: q.SubscriptionRow; period: Period }[] = [];
    // subscriptions sold together share their terms: each period is worked out once
    const periods = new Map<string, Period | null>();
    for (const { time_zone: _zone, auto_remove_members: _auto, ...r } of group) {
      const key = `${r.cycle} ${r.anchor} ${r.start_date} ${r.end_date}`;
      if (!periods.has(key)) periods.set(key, periodContaining(terms(r), today));
      const period = periods.get(key);
      if (period) served.push({ r, period });
    }
    out.push({ s: keyOf(group[0]), location, today, served, ...(await periodInvoices(deps, db, location, served, lock)) });
  }
  return out;
}

/** The "issued" emails the sweep would send for these rows, rendered before its transaction (`Sweep.prepare`). */
export async function renderServingMails(deps: Deps, db: Tx, rows: q.DueRow[], now: Date): Promise<invoices.RenderedMails> {
  const rendered: invoices.RenderedMails = new Map();
  for (const g of await servingPlan(deps, db, rows, now, false)) await invoices.renderIssuedMails(deps, db, g.s, g.location, g.items, rendered);
  return rendered;
}

/**
 * `servePeriodInTx` for many due subscriptions at once (the start and renew sweeps), location by
 * location: the grants written in bulk under one lock of the owners, the invoices issued with their
 * numbers taken in one step, coverage marked, the subscriptions updated in a few statements.
 * Returns how many had a period serving today.
 */
export async function servePeriodsInTx(deps: Deps, trx: Tx, rows: q.DueRow[], now: Date, rendered?: invoices.RenderedMails): Promise<number> {
  let n = 0;
  for (const g of await servingPlan(deps, trx, rows, now, true)) {
    const { s, location, served } = g;
    if (served.length === 0) continue;
    const source = (r: q.SubscriptionRow) => ({ type: 'subscription', id: r.id });
    const expiries = new Map<string, string>();
    await ledger.grantManyInTx(
      deps,
      trx,
      s,
      served.flatMap(({ r, period }) => {
        const amounts = periodAmounts(period, { price: r.price, credits: r.credits, dayPasses: r.day_passes, quantity: r.quantity });
        const expiresAt = expiries.get(period.end) ?? lotExpiry(period, location.time_zone);
        expiries.set(period.end, expiresAt);
        return [
          { owner: ownerOf(r), unit: 'credit' as const, amount: amounts.credits, expiresAt, source: source(r), occasion: period.start },
          { owner: ownerOf(r), unit: 'day_pass' as const, amount: amounts.dayPasses, expiresAt, source: source(r), occasion: period.start },
        ];
      }),
    );
    await invoices.issueManyInTx(deps, trx, s, location, g.items, rendered);
    // coverage: each person's account, or every user of the company
    const people = await customers.findCustomers(
      trx,
      s,
      served.flatMap(({ r }) => (r.customer_id ? [r.customer_id] : [])),
    );
    const staff = await customers.usersOfCompanies(
      trx,
      s,
      served.flatMap(({ r }) => (r.company_id ? [r.company_id] : [])),
    );
    await usage.markActiveInTx(
      trx,
      s,
      [...people.filter((c) => c.status !== 'removed'), ...staff].map((c) => c.user_id),
      g.today.slice(0, 7),
      'subscription',
      deps.clock.now(),
    );
    // the same change for every subscription whose new period and status are the same
    const updatedAt = deps.clock.now().toISOString();
    const changes = new Map<string, { set: Partial<q.SubscriptionRow>; ids: string[] }>();
    for (const { r, period } of served) {
      const set: Partial<q.SubscriptionRow> = {
        status: r.end_date ? 'ending' : 'active',
        current_period_start: period.start,
        current_period_end: period.end,
        granted_period_start: period.start,
        ...(g.drafted.has(r.id) ? { drafted_period_start: g.drafted.get(r.id) } : {}),
        updated_at: updatedAt,
      };
      const key = JSON.stringify(set);
      const change = changes.get(key) ?? { set, ids: [] };
      change.ids.push(r.id);
      changes.set(key, change);
    }
    for (const { set, ids } of changes.values()) await q.updateSubscriptions(trx, s, ids, set);
    n += served.length;
  }
  return n;
}

/** Whether a customer is still covered by a live subscription (their own or their company's) other than `except`. */
async function stillCovered(trx: Tx, s: LocationKey, customerId: string, companyId: string | null, except: string): Promise<boolean> {
  return (await q.liveCovering(trx, s, customerId, companyId)).some((x) => x.id !== except);
}

/** Who would become a nonmember when this subscription stops covering (auto-remove on): members not covered otherwise, administrators excepted. */
export async function membersLosingCover(db: Tx, r: q.SubscriptionRow, location: Pick<Location, 'id' | 'organization_id' | 'auto_remove_members'>) {
  if (location.auto_remove_members !== 1) return [];
  const out: { customerId: string; userId: string }[] = [];
  for (const p of await coveredCustomers(db, r)) {
    if (p.type !== 'member' || p.status === 'removed') continue;
    if (await stillCovered(db, keyOf(r), p.id, p.company_id, r.id)) continue;
    const rights = access.permissionsAt(await access.accessOf(db, p.user_id), location);
    if (rights !== null) continue;
    out.push({ customerId: p.id, userId: p.user_id });
  }
  return out;
}

/** Coverage has ended (ended or canceled): lots expire, drafts go, and auto-remove makes nonmembers (no email). */
export async function coverageEndedInTx(deps: Deps, trx: Tx, r: q.SubscriptionRow, location: Pick<Location, 'id' | 'organization_id' | 'auto_remove_members'>) {
  const s = keyOf(r);
  const now = deps.clock.now();
  await ledger.expireLotsOfSourceInTx(deps, trx, s, { type: 'subscription', id: r.id });
  await deleteDraftsInTx(deps, trx, r, r.status === 'canceled' ? null : r.end_date);
  // its assignments end with it: today when canceled, on its last day when it ends
  const today = localDateAt(now, (await locations.findLocation(trx, r.organization_id, r.location_id))?.time_zone ?? 'UTC');
  await assignments.endWithSubscriptionInTx(trx, r.id, r.status === 'canceled' || !r.end_date ? today : r.end_date, now);
  for (const p of await membersLosingCover(trx, r, location)) {
    await customers.updateCustomer(trx, s, p.customerId, { type: 'nonmember' });
    await customers.refreshSearchForCustomer(trx, p.customerId);
    await activities.record(
      trx,
      { ...s, customerId: p.customerId, actorUserId: null, kind: 'became_nonmember', data: { reason: 'auto_remove', subscriptionId: r.id } },
      now,
    );
  }
}

/** The local date at a location now. */
export function todayAt(deps: Deps, timeZone: string): string {
  return localDateAt(deps.clock.now(), timeZone);
}

/** "You are subscribed to …" or "… ends on …", to the owner's billing recipients. */
export async function queueSubscriptionMail(deps: Deps, trx: Tx, r: q.SubscriptionRow, kind: 'started' | 'ending'): Promise<void> {
  const to = await ledger.ownerMail(trx, keyOf(r), ownerOf(r));
  for (const person of to.recipients) {
    const lang = person.language;
    const vars = {
      plan: r.name,
      company: to.company ?? '',
      location_name: to.locationName,
      start_date: formatLocalDate(r.start_date, lang),
      end_date: r.end_date ? formatLocalDate(r.end_date, lang) : '',
      credits: r.credits * r.quantity,
      day_passes: r.day_passes * r.quantity,
      both: r.credits > 0 && r.day_passes > 0 ? 'yes' : 'no',
    };
    const paragraphs =
      kind === 'started'
        ? [m(lang, to.company ? 'startedCompanyBody' : 'startedBody', vars), ...(r.credits + r.day_passes > 0 ? [m(lang, 'grants', vars)] : [])]
        : [m(lang, to.company ? 'endingCompanyBody' : 'endingBody', vars)];
    const mail = renderLayout(lang, { greeting: greeting(lang, person.firstName), paragraphs }, organizations.mailBrand(deps, to.organization, to.location));
    await queueMail(deps, trx, {
      organizationId: r.organization_id,
      to: person.email,
      subject: m(lang, kind === 'started' ? 'startedSubject' : 'endingSubject', vars),
      ...mail,
    });
  }
}
