// Paying for what a location sells once (a booking, an event ticket, a shop order): who pays, the
// buyer's record, the charge in the purchase's transaction (credits or day passes spent through the
// ledger keyed by the purchase, or an issued invoice that a card checkout then pays) and its refund
// (back into the lots, by credit note or void, online when it was paid online). Each selling module
// keeps its own rules (what it offers, when a refund is due) and calls these.
import type { Deps, Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import type { ActorScope, LocationKey } from '../../scope.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import { creditNoteInTx } from '../invoices/payments.js';
import * as invoices from '../invoices/service.js';
import * as ledger from '../ledger/service.js';
import * as checkout from '../payments/checkout.js';
import { CHECKOUT_MINUTES } from '../payments/provider.js';
import { providersOf } from '../payments/providers.js';
import * as usage from '../usage/service.js';
import * as users from '../users/service.js';

export type PaymentMethod = 'free' | 'credits' | 'day_pass' | 'invoice' | 'card';
export type CustomerRecord = NonNullable<Awaited<ReturnType<typeof customers.findCustomer>>>;
/** What was bought: the invoice's `source_type` and the ledger's source. */
export interface PurchaseSource {
  type: 'booking' | 'ticket' | 'order';
  id: string;
}

export interface Payer {
  owner: ledger.Owner;
  companyId: string | null;
}

/** Whether this installation can take card payments (no provider: no card anywhere). */
export const cardAvailable = (deps: Deps) => providersOf(deps).length > 0;

/** Who pays: the buyer, or their company (managers always; others while the company allows it). */
export async function payerOf(db: Tx, s: LocationKey, record: CustomerRecord, payer: 'personal' | 'company'): Promise<Payer> {
  if (payer === 'personal') return { owner: { customerId: record.id }, companyId: null };
  if (!record.company_id) throw new AppError('bad_request', 'You have no company here.', [{ path: 'payer', message: 'No company' }]);
  const co = await companies.findCompany(db, s, record.company_id);
  if (!co) throw new AppError('bad_request', 'You have no company here.', [{ path: 'payer', message: 'No company' }]);
  if (record.company_manager !== 1 && co.company_users_may_spend !== 1)
    throw new AppError('unprocessable', 'Your company does not let its people use its balance or account.', undefined, 'company_spend_not_allowed');
  return { owner: { companyId: co.id }, companyId: co.id };
}

/** A member (not removed) may pay with credits, day passes or by invoice; others only free or by card. */
export const isMember = (record: CustomerRecord | undefined | null) => record?.type === 'member' && record.status !== 'removed';

export interface Buyer {
  userId: string;
  /** an administrator buying for this customer */
  customerId?: string;
}

/** The buyer's record at the location, as it stands (undefined when they have none). */
export async function knownRecord(db: Tx, s: LocationKey, buyer: Buyer): Promise<CustomerRecord | undefined> {
  return buyer.customerId ? customers.findCustomer(db, s, buyer.customerId) : customers.findCustomerByUser(db, s, buyer.userId);
}

/** The buyer's record here, in the purchase's transaction; a person without one becomes a nonmember (source `purchase`). */
export async function buyerRecordInTx(deps: Deps, trx: Tx, s: LocationKey, buyer: Buyer): Promise<CustomerRecord> {
  if (buyer.customerId) {
    const c = await customers.findCustomer(trx, s, buyer.customerId);
    if (!c || c.status === 'removed') throw notFound('Customer not found');
    return c;
  }
  const existing = await customers.findCustomerByUser(trx, s, buyer.userId);
  if (existing && existing.status !== 'removed') return existing;
  if (existing) throw notFound('You have no place at this location');
  const user = await users.findUserById(trx, buyer.userId);
  if (!user) throw notFound('Account not found');
  await customers.addCustomerInTx(
    trx,
    s,
    {
      userId: user.id,
      type: 'nonmember',
      status: 'active',
      source: 'purchase',
      entered: { firstName: user.first_name, lastName: user.last_name, phone: user.phone },
      account: user,
      companyName: null,
    },
    deps.clock.now(),
    buyer.userId,
  );
  return (await customers.findCustomerByUser(trx, s, buyer.userId))!;
}

export interface Charge {
  method: PaymentMethod;
  /** credits or day passes to spend (credits / day_pass) */
  credits?: number;
  dayPasses?: number;
  /** the invoice's lines (invoice / card) */
  lines?: invoices.NewLine[];
  source: PurchaseSource;
}

/**
 * Charges in the purchase's transaction: spends credits or day passes keyed by the purchase, or
 * issues its invoice (paid later by transfer, or now by card through `checkoutUrl`). Marks the
 * buyer active this local month with the reason given.
 */
export async function chargeInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  location: Location,
  payer: Payer,
  c: Charge,
): Promise<{ invoiceId: string | null; total: number }> {
  const source = { type: c.source.type, id: c.source.id };
  if ((c.credits ?? 0) > 0)
    await ledger.spendInTx(deps, trx, scope, payer.owner, { unit: 'credit', amount: c.credits!, source, actorUserId: scope.actorUserId });
  if ((c.dayPasses ?? 0) > 0)
    await ledger.spendInTx(deps, trx, scope, payer.owner, { unit: 'day_pass', amount: c.dayPasses!, source, actorUserId: scope.actorUserId });
  if ((c.method === 'invoice' || c.method === 'card') && c.lines?.length) {
    const draft = await invoices.createDraftInTx(deps, trx, scope, location, payer.owner, c.lines, { source_type: c.source.type, source_id: c.source.id });
    const issued = await invoices.issueInTx(deps, trx, scope, location, draft.id);
    return { invoiceId: issued.id, total: issued.total };
  }
  return { invoiceId: null, total: 0 };
}

/**
 * Marks the buyer active at the location this local month: a purchase counts as `booking` or
 * `payment`, and also as `credits` when it spent credits or day passes.
 */
export async function markActiveInTx(
  deps: Deps,
  trx: Tx,
  s: LocationKey,
  location: Location,
  userId: string,
  reason: 'booking' | 'payment',
  spentCredits = false,
) {
  const now = deps.clock.now();
  const month = invoices.todayAt(deps, location).slice(0, 7);
  await usage.markActiveInTx(trx, s, [userId], month, reason, now);
  if (spentCredits) await usage.markActiveInTx(trx, s, [userId], month, 'credits', now);
}

/**
 * How long an unpaid card purchase holds what it took (a slot, a place, stock): its checkout's
 * lifetime and five minutes more, so that a payment finishing at the last moment still finds it.
 */
export const CARD_HOLD_MINUTES = CHECKOUT_MINUTES + 5;
/** Card purchases still unpaid that were made before this instant are released by their module's sweep. */
export const cardHoldCutoff = (now: Date) => new Date(now.getTime() - CARD_HOLD_MINUTES * 60_000).toISOString();

/** The card checkout of a purchase's invoice (after its transaction committed). */
export async function checkoutUrl(deps: Deps, scope: ActorScope, invoiceId: string): Promise<string> {
  return (await checkout.startCheckout(deps, scope, invoiceId)).url;
}

export interface Refunded {
  credits: number;
  dayPasses: number;
  /** money given back by credit note (or the unpaid invoice voided), minor units */
  amount: number;
  /** credits and day passes whose lots expired since the purchase: not given back */
  expiredNotReturned: number;
}

export interface OnlineRefund {
  payments: invoices.PaymentRow[];
  amount: number;
  key: string;
}

export const nothingRefunded = (): Refunded => ({ credits: 0, dayPasses: 0, amount: 0, expiredNotReturned: 0 });

/**
 * Gives a purchase back in the caller's transaction: credits and day passes into the lots they
 * came from (skipping lots expired since), money by a credit note for what is left on its invoice
 * (or, with `voidUnpaid`, an invoice nothing was paid on is voided). A credit note on an invoice
 * paid online comes back as `online`, for `finishOnlineRefund` after the commit.
 */
export async function refundInTx(
  deps: Deps,
  trx: Tx,
  scope: ActorScope,
  location: Location,
  p: { source: PurchaseSource; credits: number; dayPasses: number; invoiceId: string | null; reason: string; voidUnpaid?: boolean },
): Promise<{ refunded: Refunded; online: OnlineRefund | null }> {
  const refunded = nothingRefunded();
  const source = { type: p.source.type, id: p.source.id };
  for (const [unit, spent] of [
    ['credit', p.credits],
    ['day_pass', p.dayPasses],
  ] as const) {
    if (spent === 0) continue;
    const back = await ledger.refundInTx(deps, trx, scope, { unit, source, actorUserId: scope.actorUserId });
    const given = back?.amount ?? 0;
    if (unit === 'credit') refunded.credits = given;
    else refunded.dayPasses = given;
    refunded.expiredNotReturned += spent - given;
  }
  let online: OnlineRefund | null = null;
  if (p.invoiceId) {
    const inv = await invoices.lockInvoice(trx, deps.dbKind, scope, p.invoiceId);
    const left = inv ? inv.total - inv.amount_credited : 0;
    if (inv && p.voidUnpaid && inv.status === 'issued' && inv.amount_paid === 0) {
      await invoices.voidUnpaidInTx(deps, trx, scope, inv.id);
      refunded.amount = left;
    } else if (inv && left > 0 && (inv.status === 'issued' || inv.status === 'paid')) {
      const paidOnline = inv.status === 'paid' && (await invoices.paymentsOf(trx, [inv.id])).some((x) => x.method === 'online' && x.provider_ref);
      const credited = await creditNoteInTx(
        deps,
        trx,
        scope,
        inv,
        { amount: left, reason: p.reason, refund: paidOnline ? 'online' : 'manual' },
        invoices.todayAt(deps, location),
      );
      refunded.amount = left;
      if (credited.note.refund === 'online') online = { payments: credited.payments, amount: left, key: credited.note.id };
    }
  }
  return { refunded, online };
}

/** Sends an online refund back through the provider after the refund's transaction committed; a failure is logged, the credit note stays. */
export async function finishOnlineRefund(deps: Deps, online: OnlineRefund | null, context: Record<string, string>): Promise<void> {
  if (!online) return;
  const ref = await checkout.refundOnline(deps, online.payments, online.amount, online.key).catch((err) => {
    deps.log.error({ err, ...context }, 'online refund failed');
    return null;
  });
  if (ref) await invoices.setRefundRef(deps.db, online.key, ref);
}
