// The member's side of billing in the portal: the plans they may see, signing up for one (which
// makes them a member at once), and their plan, period and balances with the company's.
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { addDays } from '../../lib/local-date.js';
import type { MemberScope } from '../../scope.js';
import { visibleLevels } from '../access/visibility.js';
import * as activities from '../activities/service.js';
import * as blacklist from '../blacklist/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as ledger from '../ledger/service.js';
import * as locations from '../locations/service.js';
import * as plans from '../plans/service.js';
import * as users from '../users/service.js';
import * as invoices from '../invoices/service.js';
import * as checkout from '../payments/checkout.js';
import { issueFirstInvoiceInTx } from './invoicing.js';
import * as q from './queries.js';
import { checkSale, sellInTx, toSubscriptionDto } from './service.js';

/** How far ahead a person may start a plan they sign up for. */
const SIGN_UP_AHEAD_DAYS = 60;

async function locationFor(deps: Deps, locationId: string) {
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  return location;
}

/** The plans a person (or nobody signed in) may see at a location, archived ones left out. */
export async function visiblePlans(deps: Deps, userId: string | null, locationId: string) {
  const location = await locationFor(deps, locationId);
  const levels = await visibleLevels(deps, userId, location);
  const s = { organizationId: location.organization_id, locationId: location.id };
  return (await plans.plansVisibleAt(deps.db, s, levels)).map((p) => plans.toPlanDto(p, location.currency));
}

/**
 * Self sign-up: a visible plan open for it, a start within 60 days, no live personal subscription
 * here yet (409 `already_subscribed`). The person becomes a member at once (source self_sign_up).
 */
export async function signUp(deps: Deps, userId: string, locationId: string, planId: string, input: { startDate: string; quantity: number }) {
  const location = await locationFor(deps, locationId);
  const s = { organizationId: location.organization_id, locationId: location.id };
  const plan = await plans.findPlan(deps.db, s, planId);
  const levels = await visibleLevels(deps, userId, location);
  // what may not be seen, or is not open for sign-up, answers as if it did not exist
  if (!plan || plan.archived_at || plan.self_sign_up !== 1 || !levels.includes(plan.visibility)) throw notFound('Plan not found');
  const sale = checkSale(deps, location, plan, { planId, startDate: input.startDate, quantity: input.quantity });
  if (input.startDate < sale.today || input.startDate > addDays(sale.today, SIGN_UP_AHEAD_DAYS))
    throw new AppError('bad_request', `Choose a start date within ${SIGN_UP_AHEAD_DAYS} days from today.`, [{ path: 'startDate', message: 'Out of range' }]);
  const user = await users.findUserById(deps.db, userId);
  if (!user) throw notFound('Account not found');
  await blacklist.refuseBlacklisted(deps.db, s.organizationId, user.email);
  const scope = { ...s, actorUserId: userId };
  const created = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now();
    let record = await customers.findCustomerByUser(trx, s, userId);
    if (record) {
      await customers.lockCustomer(trx, deps.dbKind, s, record.id);
      if ((await q.liveCovering(trx, s, record.id, null)).length > 0)
        throw new AppError('conflict', 'You already have a subscription here.', undefined, 'already_subscribed');
      if (record.type !== 'member' || record.status === 'removed') {
        await customers.makeMemberInTx(
          trx,
          s,
          record.id,
          { status: 'active', invitedByUserId: null, entered: { firstName: user.first_name, lastName: user.last_name, phone: user.phone } },
          now,
        );
        await activities.record(trx, { ...s, customerId: record.id, actorUserId: userId, kind: 'became_member', data: { source: 'self_sign_up' } }, now);
      }
    } else {
      await customers.addCustomerInTx(
        trx,
        s,
        {
          userId,
          type: 'member',
          status: 'active',
          source: 'self_sign_up',
          entered: { firstName: user.first_name, lastName: user.last_name, phone: user.phone },
          account: user,
          companyName: null,
        },
        now,
        userId,
      );
    }
    record = (await customers.findCustomerByUser(trx, s, userId))!;
    const sold = await sellInTx(deps, trx, scope, sale, { customerId: record.id }, 'self_sign_up');
    // the first invoice is issued at once whatever the start date
    return { row: sold.row, invoice: await issueFirstInvoiceInTx(deps, trx, sold.row), customerId: record.id };
  });
  const invoice = created.invoice ? await invoices.toDto(deps, created.invoice, location) : null;
  // with a payment provider the member pays now; without one, later (the invoice is in the portal)
  const checkoutUrl =
    invoice && invoice.amountDue > 0 && invoice.status === 'issued'
      ? await checkout.startCheckoutIfAvailable(deps, { ...s, actorUserId: userId }, invoice.id)
      : null;
  return { subscription: toSubscriptionDto(created.row), invoice, checkoutUrl };
}

/** The portal's Billing tab: my subscriptions, my balances and my company's, and whether I may use the company's. */
export async function billingSummary(deps: Deps, scope: MemberScope) {
  const [subscriptions, personal] = await Promise.all([
    q.liveCovering(deps.db, scope, scope.customerId, scope.companyId),
    ledger.balancesOf(deps, scope, { customerId: scope.customerId }),
  ]);
  let company = null;
  if (scope.companyId) {
    const [co, balances] = await Promise.all([
      companies.findCompany(deps.db, scope, scope.companyId),
      ledger.balancesOf(deps, scope, { companyId: scope.companyId }),
    ]);
    if (co)
      company = {
        companyId: co.id,
        name: co.name,
        credits: balances.credits,
        dayPasses: balances.dayPasses,
        canSpend: scope.companyManager || co.company_users_may_spend === 1,
        manager: scope.companyManager,
        companyUsersMaySpend: co.company_users_may_spend === 1,
      };
  }
  return {
    subscriptions: subscriptions.map(toSubscriptionDto),
    balances: { personal: { credits: personal.credits, dayPasses: personal.dayPasses, lots: personal.lots }, company },
  };
}
