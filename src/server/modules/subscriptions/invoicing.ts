// Where a subscription meets its invoices (design 7.1 "Invoicing"): each period is drafted
// `invoiceDaysAhead` days before it starts and issued on its first day (each at once if already
// past); one invoice per (subscription, period start), the first with the setup fee; none after
// the end date. Amounts are those of the subscription when the draft is made: a later quantity or
// price applies to periods not yet drafted, and an end date set after a draft leaves it whole.
import type { Deps, Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { type Language, languageFor } from '../../lib/i18n.js';
import { addDays, formatLocalDate } from '../../lib/local-date.js';
import { roundHalfUp } from '../../lib/money.js';
import * as invoices from '../invoices/service.js';
import * as locations from '../locations/service.js';
import { periodAt, periodContaining, type Period, type PeriodAmounts } from './periods.js';
import * as q from './queries.js';

type SubscriptionRow = q.SubscriptionRow;

const keyOf = (r: SubscriptionRow) => ({ organizationId: r.organization_id, locationId: r.location_id, actorUserId: null });
const ownerOf = (r: SubscriptionRow): invoices.Owner => (r.customer_id ? { customerId: r.customer_id } : { companyId: r.company_id! });
const termsOf = (r: SubscriptionRow) => ({ cycle: r.cycle, anchor: r.anchor, startDate: r.start_date, endDate: r.end_date });

async function locationOf(trx: Tx, r: SubscriptionRow): Promise<Location> {
  const l = await locations.findLocation(trx, r.organization_id, r.location_id);
  if (!l) throw new Error(`location ${r.location_id} of subscription ${r.id} is gone`);
  return l;
}

/** The draft of one period (made once; an existing invoice of the period is returned as it is), or null when it would charge nothing. */
export async function draftPeriodInTx(deps: Deps, trx: Tx, r: SubscriptionRow, period: Period, location: Location): Promise<invoices.InvoiceRow | null> {
  const existing = await invoices.findSubscriptionInvoice(trx, r.id, period.start);
  if (existing) return existing;
  // the draft sweep looks no further at this period, whether or not it charges anything
  if (!r.drafted_period_start || r.drafted_period_start < period.start) await q.updateSubscription(trx, keyOf(r), r.id, { drafted_period_start: period.start });
  const lines = periodLines(r, period, location, !(await invoices.hasSubscriptionInvoices(trx, r.id)));
  if (!lines) return null;
  return invoices.createDraftInTx(deps, trx, keyOf(r), location, ownerOf(r), lines, { subscription_id: r.id, period_start: period.start });
}

/** A period's invoice lines (the first invoice with the setup fee), or null when it would charge nothing. */
export function periodLines(r: SubscriptionRow, period: Period, location: Location, first: boolean): invoices.NewLine[] | null {
  const unitPrice = roundHalfUp(r.price, period.coveredDays, period.fullDays);
  const setupFee = first ? r.setup_fee : 0;
  // a free plan sends no invoices
  if (unitPrice === 0 && setupFee === 0) return null;
  const lang = languageFor(null, undefined, location);
  const text = lineWords(lang, r.name, period);
  const common = { taxRateBps: r.tax_rate_bps, subscriptionId: r.id, periodStart: period.start, periodEnd: period.end };
  const lines: invoices.NewLine[] = [{ ...common, description: text.subscription, quantity: r.quantity, unitPrice, source: 'subscription' }];
  if (setupFee > 0) lines.push({ ...common, description: text.setupFee, quantity: r.quantity, unitPrice: setupFee, source: 'setup_fee' });
  return lines;
}

/** The words of a period's lines, kept for the next subscriptions of the same plan and period (a sweep writes thousands). */
function lineWords(lang: Language, plan: string, period: Period) {
  const key = JSON.stringify([lang, plan, period.start, period.end]);
  let text = lineWordsSeen.get(key);
  if (!text) {
    const words = { plan, start: formatLocalDate(period.start, lang), end: formatLocalDate(period.end, lang) };
    text = { subscription: invoices.m(lang, 'subscriptionLine', words), setupFee: invoices.m(lang, 'setupFeeLine', words) };
    if (lineWordsSeen.size >= 1000) lineWordsSeen.clear();
    lineWordsSeen.set(key, text);
  }
  return text;
}
const lineWordsSeen = new Map<string, { subscription: string; setupFee: string }>();

/**
 * The invoices of many periods served at once at one location (the sweeps), as `invoicePeriodInTx`
 * decides them one by one: an existing invoice of the period is issued if still a draft and left
 * alone otherwise; a new one is made from `periodLines`. Also, per subscription, the period the
 * draft sweep need look at no more (`drafted_period_start`).
 */
export async function periodInvoices(
  deps: Deps,
  db: Tx,
  location: Location,
  served: { r: SubscriptionRow; period: Period }[],
  lock: boolean,
): Promise<{ items: invoices.PeriodInvoice[]; drafted: Map<string, string> }> {
  const existing = await invoices.findSubscriptionInvoices(
    deps,
    db,
    served.map(({ r, period }) => ({ subscriptionId: r.id, periodStart: period.start })),
    lock,
  );
  const fresh = served.filter(({ r, period }) => !existing.has(`${r.id} ${period.start}`));
  const invoiced = await invoices.subscriptionsWithInvoices(
    db,
    fresh.map(({ r }) => r.id),
  );
  const items: invoices.PeriodInvoice[] = [];
  const drafted = new Map<string, string>();
  for (const { r, period } of served) {
    const base = { owner: ownerOf(r), subscriptionId: r.id, periodStart: period.start };
    const inv = existing.get(`${r.id} ${period.start}`);
    if (inv) {
      if (inv.status === 'draft') items.push({ ...base, draft: inv, lines: [] });
      continue;
    }
    if (!r.drafted_period_start || r.drafted_period_start < period.start) drafted.set(r.id, period.start);
    const lines = periodLines(r, period, location, !invoiced.has(r.id));
    if (lines) items.push({ ...base, lines });
  }
  return { items, drafted };
}

/** The invoice of the period that starts serving now: drafted if the draft sweep has not, then issued. */
export async function invoicePeriodInTx(deps: Deps, trx: Tx, r: SubscriptionRow, period: Period, _amounts: PeriodAmounts): Promise<invoices.InvoiceRow | null> {
  const location = await locationOf(trx, r);
  const inv = await draftPeriodInTx(deps, trx, r, period, location);
  if (inv?.status !== 'draft') return inv;
  return invoices.issueInTx(deps, trx, keyOf(r), location, inv.id);
}

/** Self sign-up: the first invoice is issued at once whatever the start date (design 7.1 clarifications). */
export async function issueFirstInvoiceInTx(deps: Deps, trx: Tx, r: SubscriptionRow): Promise<invoices.InvoiceRow | null> {
  const period = periodAt(termsOf(r), 0);
  if (!period) return null;
  const location = await locationOf(trx, r);
  const today = invoices.todayAt(deps, location);
  // a start in the past invoices only today's period, which is then the first
  const serving = r.start_date < today ? periodContaining(termsOf(r), today) : period;
  if (!serving) return null;
  const inv = await draftPeriodInTx(deps, trx, r, serving, location);
  if (inv?.status !== 'draft') return inv;
  return invoices.issueInTx(deps, trx, keyOf(r), location, inv.id);
}

/** The next period to draft: the first for a scheduled subscription, else the one after the current. */
export function nextPeriod(r: SubscriptionRow): Period | null {
  const t = termsOf(r);
  if (r.status === 'scheduled') return periodAt(t, 0);
  if (!r.current_period_end) return null;
  return periodContaining(t, addDays(r.current_period_end, 1));
}

/** Drafts the next period when it starts within the location's days ahead (the invoice-draft sweep and a new subscription). */
export async function draftAheadInTx(deps: Deps, trx: Tx, r: SubscriptionRow, location: Location, today: string): Promise<invoices.InvoiceRow | null> {
  const next = nextPeriod(r);
  if (!next || next.start > addDays(today, location.invoice_days_ahead)) return null;
  return draftPeriodInTx(deps, trx, r, next, location);
}

/** Draft invoices of periods that will not be served (a cancel, an earlier end date); the count deleted. */
export async function deleteDraftsInTx(_deps: Deps, trx: Tx, sub: SubscriptionRow, afterDate: string | null): Promise<number> {
  const n = await invoices.deleteSubscriptionDrafts(trx, sub.id, afterDate);
  // periods after the new end date may come back if it is cleared: the draft sweep looks at them again
  if (afterDate !== null && sub.drafted_period_start && sub.drafted_period_start > afterDate)
    await q.updateSubscription(trx, keyOf(sub), sub.id, { drafted_period_start: await invoices.latestSubscriptionPeriod(trx, sub.id) });
  return n;
}

/** How many drafts a cancel or end date would delete (the offboarding preview). */
export async function countDrafts(deps: Deps, sub: SubscriptionRow, afterDate: string | null): Promise<number> {
  return (await invoices.subscriptionDrafts(deps.db, sub.id, afterDate)).length;
}
