// Subscriptions: sell a plan to a customer or a company, change its end date, quantity or price,
// cancel it, and preview what ending it takes away (design 7.1).
import type { Deps, Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { announced } from '../../lib/announcements.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, LocationKey } from '../../scope.js';
import * as activities from '../activities/service.js';
import * as assignments from '../assignments/service.js';
import * as blacklist from '../blacklist/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as ledger from '../ledger/service.js';
import * as locations from '../locations/service.js';
import * as invoices from '../invoices/service.js';
import type { InvoiceDto } from '../invoices/schema.js';
import * as plans from '../plans/service.js';
import * as users from '../users/service.js';
import { countDrafts, deleteDraftsInTx, draftAheadInTx } from './invoicing.js';
import { coverageEndedInTx, lotExpiry, membersLosingCover, queueSubscriptionMail, servePeriodInTx, terms, todayAt } from './lifecycle.js';
import { periodContaining } from './periods.js';
import * as q from './queries.js';
import type { CreateSubscriptionInput, Offboarding, SubscriptionDto, UpdateSubscriptionInput } from './schema.js';

export type { SubscriptionRow } from './queries.js';

/** Tells integrators (webhooks) of a subscription as the API answers it, in the transaction of the change. */
function announce(deps: Deps, trx: Tx, r: q.SubscriptionRow, type: 'subscription.created' | 'subscription.updated') {
  return announced.publish(trx, { organizationId: r.organization_id, locationId: r.location_id, type, data: toSubscriptionDto(r), at: deps.clock.now() });
}

export function toSubscriptionDto(r: q.SubscriptionRow): SubscriptionDto {
  return {
    id: r.id,
    locationId: r.location_id,
    customerId: r.customer_id,
    companyId: r.company_id,
    planId: r.plan_id,
    name: r.name,
    price: r.price,
    currency: r.currency,
    quantity: r.quantity,
    cycle: r.cycle,
    setupFee: r.setup_fee,
    credits: r.credits,
    dayPasses: r.day_passes,
    taxRateBps: r.tax_rate_bps,
    anchor: r.anchor,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    currentPeriodStart: r.current_period_start,
    currentPeriodEnd: r.current_period_end,
    canceledAt: r.canceled_at,
    createdAt: r.created_at,
  };
}

async function locationOf(deps: Deps, s: LocationKey, db: Tx = deps.db): Promise<Location> {
  const l = await locations.findLocation(db, s.organizationId, s.locationId);
  if (!l) throw notFound('Location not found');
  return l;
}

const invalidTransition = () =>
  new AppError('conflict', 'This subscription has ended or was canceled: it cannot change any more.', undefined, 'invalid_transition');

/** A personal owner must be a member here who is not removed (422 `not_a_member`); a company must exist here. */
async function checkOwner(deps: Deps, s: LocationKey, o: { customerId?: string; companyId?: string }): Promise<ledger.Owner> {
  if (o.customerId !== undefined) {
    const c = await customers.findCustomer(deps.db, s, o.customerId);
    if (!c) throw notFound('Customer not found');
    if (c.type !== 'member' || c.status === 'removed') throw new AppError('unprocessable', 'Only members can have a subscription.', undefined, 'not_a_member');
    const account = await users.findUserById(deps.db, c.user_id);
    if (account) await blacklist.refuseBlacklisted(deps.db, s.organizationId, account.email);
    return { customerId: c.id };
  }
  if (!(await companies.findCompany(deps.db, s, o.companyId!))) throw notFound('Company not found');
  return { companyId: o.companyId! };
}

/**
 * Sells a plan. A start today or earlier makes it active at once with the period that serves
 * today (a past start invoices and grants only today's period); a later one is scheduled.
 */
export async function createSubscription(
  deps: Deps,
  scope: ActorScope,
  input: CreateSubscriptionInput,
): Promise<{ subscription: SubscriptionDto; invoice: InvoiceDto | null }> {
  const location = await locationOf(deps, scope);
  const plan = await plans.planForSale(deps, scope, input.planId);
  const owner = await checkOwner(deps, scope, input);
  const sale = checkSale(deps, location, plan, input);
  const created = await deps.db.transaction().execute((trx) => sellInTx(deps, trx, scope, sale, owner, 'admin'));
  return { subscription: toSubscriptionDto(created.row), invoice: created.invoice ? await invoices.toDto(deps, created.invoice, location) : null };
}

interface Sale {
  location: Location;
  plan: plans.PlanRow;
  input: CreateSubscriptionInput;
  anchor: q.SubscriptionRow['anchor'];
  today: string;
}

/** The rules of a sale that need no transaction: the anchor fits the plan, the dates are not past. */
export function checkSale(deps: Deps, location: Location, plan: plans.PlanRow, input: CreateSubscriptionInput): Sale {
  const anchor = input.anchor ?? location.billing_anchor;
  if (anchor === 'first_of_month' && plan.cycle !== 'month')
    throw new AppError(
      'unprocessable',
      'Billing on the 1st of the month needs a monthly plan.',
      [{ path: 'anchor', message: 'Needs a monthly plan' }],
      'invalid_anchor',
    );
  const today = todayAt(deps, location.time_zone);
  if (input.endDate && input.endDate < today) throw new AppError('bad_request', 'The end date is in the past.', [{ path: 'endDate', message: 'In the past' }]);
  return { location, plan, input, anchor, today };
}

/** Writes the subscription; one starting today or earlier serves today's period at once. */
export async function sellInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  sale: Sale,
  owner: ledger.Owner,
  source: q.SubscriptionRow['source'],
): Promise<{ row: q.SubscriptionRow; invoice: invoices.InvoiceRow | null }> {
  const { location, plan, input, anchor, today } = sale;
  const now = deps.clock.now().toISOString();
  const row: q.SubscriptionRow = {
    id: newId(),
    organization_id: scope.organizationId,
    location_id: scope.locationId,
    customer_id: owner.customerId ?? null,
    company_id: owner.companyId ?? null,
    plan_id: plan.id,
    name: plan.name,
    price: input.price ?? plan.price,
    currency: location.currency,
    quantity: input.quantity,
    cycle: plan.cycle,
    setup_fee: plan.setup_fee,
    credits: plan.credits,
    day_passes: plan.day_passes,
    tax_rate_bps: plan.tax_rate_bps,
    anchor,
    start_date: input.startDate,
    end_date: input.endDate ?? null,
    status: 'scheduled',
    current_period_start: null,
    current_period_end: null,
    granted_period_start: null,
    drafted_period_start: null,
    canceled_at: null,
    created_by_user_id: scope.actorUserId,
    source,
    created_at: now,
    updated_at: now,
  };
  await q.insertSubscription(trx, row);
  const served = input.startDate <= today ? await servePeriodInTx(deps, trx, row, today, location.time_zone) : null;
  // today's period was invoiced as it was served; a later start is drafted now if it is within the days ahead
  const invoice = served
    ? ((await invoices.findSubscriptionInvoice(trx, row.id, served.current_period_start!)) ?? null)
    : await draftAheadInTx(deps, trx, row, location, today);
  if (owner.customerId)
    await activities.record(
      trx,
      {
        ...scope,
        customerId: owner.customerId,
        actorUserId: scope.actorUserId,
        kind: 'subscribed',
        data: { plan: plan.name, subscriptionId: row.id, startDate: row.start_date },
      },
      deps.clock.now(),
    );
  await queueSubscriptionMail(deps, trx, served ?? row, 'started');
  await announce(deps, trx, served ?? row, 'subscription.created');
  return { row: served ?? row, invoice };
}

export async function getSubscription(deps: Deps, s: LocationKey, id: string): Promise<q.SubscriptionRow> {
  const r = await q.findSubscription(deps.db, s, id);
  if (!r) throw notFound('Subscription not found');
  return r;
}

export async function listSubscriptions(
  deps: Deps,
  s: LocationKey,
  f: { customerId?: string; companyId?: string; planId?: string; status?: q.SubscriptionRow['status']; limit: number; cursor?: string },
) {
  const after = f.cursor ? decodeCursor(f.cursor, 'subscriptions') : null;
  const rows = await q.listSubscriptions(deps.db, s, f, after);
  const page = cutPage(rows, f.limit, 'subscriptions', (r) => r.created_at);
  return { items: page.rows.map(toSubscriptionDto), nextCursor: page.nextCursor };
}

/** The live subscriptions that cover a customer (their own and their company's), for the profile and the portal. */
export async function coveringSubscriptions(deps: Deps, s: LocationKey, customerId: string, companyId: string | null): Promise<SubscriptionDto[]> {
  return (await q.liveCovering(deps.db, s, customerId, companyId)).map(toSubscriptionDto);
}

/**
 * PATCH: an end date (today or later; null clears it), a quantity or price for periods not yet
 * invoiced, a start date while scheduled. Ended and canceled are final (409 `invalid_transition`).
 */
export async function updateSubscription(deps: Deps, scope: ActorScope, id: string, input: UpdateSubscriptionInput): Promise<SubscriptionDto> {
  const location = await locationOf(deps, scope);
  const today = todayAt(deps, location.time_zone);
  const updated = await deps.db.transaction().execute(async (trx) => {
    const r = await q.findSubscription(trx, scope, id);
    if (!r) throw notFound('Subscription not found');
    if (r.status === 'ended' || r.status === 'canceled') throw invalidTransition();
    const set: Partial<q.SubscriptionRow> = { updated_at: deps.clock.now().toISOString() };
    if (input.startDate !== undefined && input.startDate !== r.start_date) {
      if (r.status !== 'scheduled')
        throw new AppError('conflict', 'The start date changes only before the subscription starts.', undefined, 'invalid_transition');
      if (input.startDate < today) throw new AppError('bad_request', 'The start date is in the past.', [{ path: 'startDate', message: 'In the past' }]);
      set.start_date = input.startDate;
    }
    if (input.quantity !== undefined) set.quantity = input.quantity;
    if (input.price !== undefined) set.price = input.price;
    let endingNow = false;
    if (input.endDate !== undefined && input.endDate !== r.end_date) {
      const start = set.start_date ?? r.start_date;
      if (input.endDate !== null && input.endDate < today)
        throw new AppError('bad_request', 'The end date is in the past.', [{ path: 'endDate', message: 'In the past' }]);
      if (input.endDate !== null && input.endDate < start)
        throw new AppError('bad_request', 'The end date cannot be before the start date.', [{ path: 'endDate', message: 'Before the start' }]);
      set.end_date = input.endDate;
      if (r.status !== 'scheduled') set.status = input.endDate ? 'ending' : 'active';
      endingNow = input.endDate !== null;
      await endDateChangedInTx(deps, trx, scope, { ...r, ...set }, location);
    }
    await q.updateSubscription(trx, scope, id, set);
    const next = { ...r, ...set };
    if (endingNow) await queueSubscriptionMail(deps, trx, next, 'ending');
    // a start moved to today or earlier starts now, as the start sweep would
    const after =
      next.status === 'scheduled' && next.start_date <= today ? ((await servePeriodInTx(deps, trx, next, today, location.time_zone)) ?? next) : next;
    await announce(deps, trx, after, 'subscription.updated');
    return after;
  });
  return toSubscriptionDto(updated);
}

/** A new end date (or none) on `next`: the current period's lots expire after the new last day (or at the period's own end again), drafts past it go. */
async function endDateChangedInTx(deps: Deps, trx: Tx, scope: LocationKey, next: q.SubscriptionRow, location: Location): Promise<void> {
  if (next.current_period_start) {
    const period = periodContaining(terms(next), next.current_period_start);
    if (period) await ledger.setLotsExpiryOfSourceInTx(deps, trx, scope, { type: 'subscription', id: next.id }, lotExpiry(period, location.time_zone));
  }
  await deleteDraftsInTx(deps, trx, next, next.end_date);
}

/** Cancels a live subscription in the caller's transaction: lots expire, drafts go, issued invoices stay, auto-remove applies. */
async function cancelInTx(deps: Deps, trx: Tx, scope: ActorScope, r: q.SubscriptionRow, location: Location): Promise<q.SubscriptionRow> {
  const now = deps.clock.now().toISOString();
  const set = { status: 'canceled' as const, canceled_at: now, updated_at: now };
  await q.updateSubscription(trx, scope, r.id, set);
  const next = { ...r, ...set };
  await coverageEndedInTx(deps, trx, next, location);
  if (r.customer_id)
    await activities.record(
      trx,
      { ...scope, customerId: r.customer_id, actorUserId: scope.actorUserId, kind: 'subscription_canceled', data: { plan: r.name, subscriptionId: r.id } },
      deps.clock.now(),
    );
  await announce(deps, trx, next, 'subscription.updated');
  return next;
}

/** Cancel now: lots expire, drafts go, issued invoices stay, auto-remove applies. */
export async function cancelSubscription(deps: Deps, scope: ActorScope, id: string): Promise<SubscriptionDto> {
  const location = await locationOf(deps, scope);
  const canceled = await deps.db.transaction().execute(async (trx) => {
    const r = await q.findSubscription(trx, scope, id);
    if (!r) throw notFound('Subscription not found');
    if (r.status === 'ended' || r.status === 'canceled') throw invalidTransition();
    return cancelInTx(deps, trx, scope, r, location);
  });
  return toSubscriptionDto(canceled);
}

/** How a transfer ends a customer's personal subscriptions at the location they leave. */
export type EndMode = 'end_of_period' | 'now';

/**
 * What ending a customer's personal live subscriptions would do to each: `endDate` is its last day
 * (the end of the current period, or its own earlier end date), null when it is canceled now (`now`,
 * or a subscription that has not started: it has no period to finish).
 */
export async function personalEndings(
  db: Tx,
  s: LocationKey,
  customerId: string,
  mode: EndMode,
): Promise<{ row: q.SubscriptionRow; endDate: string | null }[]> {
  return (await q.liveCovering(db, s, customerId, null)).map((row) => {
    if (mode === 'now' || row.status === 'scheduled' || !row.current_period_end) return { row, endDate: null };
    const endDate = row.end_date && row.end_date < row.current_period_end ? row.end_date : row.current_period_end;
    return { row, endDate };
  });
}

/**
 * Ends a customer's personal subscriptions in the caller's transaction (a transfer): each at the end
 * of its current period, or canceled now, by the same rules as an end date set or a cancel by hand,
 * but without the "ends on" email (the transfer sends exactly one). Company subscriptions go on.
 */
export async function endPersonalSubscriptionsInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  customerId: string,
  mode: EndMode,
): Promise<{ ending: number; canceled: number }> {
  const location = await locationOf(deps, scope, trx);
  const out = { ending: 0, canceled: 0 };
  for (const { row, endDate } of await personalEndings(trx, scope, customerId, mode)) {
    if (endDate === null) {
      await cancelInTx(deps, trx, scope, row, location);
      out.canceled++;
      continue;
    }
    if (row.end_date === endDate) continue;
    const set = { end_date: endDate, status: 'ending' as const, updated_at: deps.clock.now().toISOString() };
    await q.updateSubscription(trx, scope, row.id, set);
    await endDateChangedInTx(deps, trx, scope, { ...row, ...set }, location);
    await announce(deps, trx, { ...row, ...set }, 'subscription.updated');
    out.ending++;
  }
  return out;
}

/** `offboarding` for each of a customer's personal subscriptions as a transfer would end them (the transfer dialog's preview). */
export async function personalOffboarding(deps: Deps, s: LocationKey, customerId: string, mode: EndMode) {
  const out: { subscription: SubscriptionDto; endDate: string | null; offboarding: Offboarding }[] = [];
  for (const { row, endDate } of await personalEndings(deps.db, s, customerId, mode)) {
    out.push({ subscription: toSubscriptionDto(row), endDate, offboarding: await offboarding(deps, s, row.id, endDate ?? undefined) });
  }
  return out;
}

/** Cancels a customer's personal subscriptions (the customer is being deleted). */
export async function cancelPersonalSubscriptionsInTx(deps: Deps, trx: Tx, scope: ActorScope, customerId: string): Promise<number> {
  // inside the caller's transaction: on SQLite another connection would wait for it forever
  const location = await locationOf(deps, scope, trx);
  let count = 0;
  for (const r of await q.liveCovering(trx, scope, customerId, null)) {
    const now = deps.clock.now().toISOString();
    const next = { ...r, status: 'canceled' as const, canceled_at: now, updated_at: now };
    await q.updateSubscription(trx, scope, r.id, { status: next.status, canceled_at: now, updated_at: now });
    await coverageEndedInTx(deps, trx, next, location);
    await announce(deps, trx, next, 'subscription.updated');
    count++;
  }
  return count;
}

/** What ending (at `endDate`) or canceling (no date) would take away, before anyone confirms. */
export async function offboarding(deps: Deps, s: LocationKey, id: string, endDate?: string): Promise<Offboarding> {
  const location = await locationOf(deps, s);
  const r = await getSubscription(deps, s, id);
  if (r.status === 'ended' || r.status === 'canceled') throw invalidTransition();
  const remaining = await ledger.remainingOfSource(deps, s, { type: 'subscription', id: r.id });
  const losing = await membersLosingCover(deps.db, r, location);
  const names: Offboarding['becomeNonmembers'] = [];
  for (const p of losing) {
    const c = await customers.findCustomer(deps.db, s, p.customerId);
    if (c) names.push({ customerId: c.id, name: `${c.first_name} ${c.last_name}`.trim() });
  }
  return {
    creditsExpiring: remaining.credit,
    dayPassesExpiring: remaining.day_pass,
    assignmentsEnding: await assignments.endingWith(deps.db, r.id),
    becomeNonmembers: names,
    draftInvoicesDeleted: await countDrafts(deps, r, endDate ?? null),
  };
}

/** Whether a customer ever had a subscription or a ledger line here: such a record is history, never deleted. */
export async function hasBillingHistory(db: Tx, s: LocationKey, customerId: string): Promise<boolean> {
  return (
    (await q.hasAnyForCustomer(db, s, customerId)) ||
    (await ledger.hasLinesForCustomer(db, s, customerId)) ||
    (await invoices.hasInvoicesForCustomer(db, s, customerId))
  );
}
