// Online payment (design 8.1): a checkout with a provider for what an issued invoice still asks
// (an open one is reused), and the provider's events applied to it once each: paid records an
// online payment (with its receipt), failed and expired close the checkout.
import type { Deps } from '../../deps.js';
import { publicLink } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope } from '../../scope.js';
import { amountDue } from '../invoices/amounts.js';
import { recordPaymentInTx } from '../invoices/payments.js';
import * as invoices from '../invoices/service.js';
import { invalidState, locationOf, todayAt } from '../invoices/service.js';
import * as q from './queries.js';
import { CHECKOUT_MINUTES, type PaymentProvider, type ProviderEvent, type ProviderName } from './provider.js';
import { providersOf } from './providers.js';

const noProvider = () => new AppError('unprocessable', 'Online payment is not set up here.', undefined, 'no_payment_provider');

function choose(deps: Deps, name: ProviderName | undefined): PaymentProvider {
  const list = providersOf(deps);
  const p = name ? list.find((x) => x.name === name) : list[0];
  if (!p) throw noProvider();
  return p;
}

/**
 * A checkout for what the invoice still asks, reused while one is open for the same amount. The
 * provider is called outside any transaction; a failed call closes the row and answers 422.
 */
export async function startCheckout(
  deps: Deps,
  s: ActorScope,
  invoiceId: string,
  providerName?: ProviderName,
): Promise<{ url: string; expiresAt: string; checkoutId: string }> {
  const provider = choose(deps, providerName);
  const location = await locationOf(deps.db, s);
  const now = deps.clock.now();
  const prepared = await deps.db.transaction().execute(async (trx) => {
    const inv = await invoices.lockInvoice(trx, deps.dbKind, s, invoiceId);
    if (!inv) throw notFound('Invoice not found');
    const due = amountDue(inv);
    if (inv.status !== 'issued' || due === 0) throw invalidState('Nothing is due on this invoice.');
    const open = (await invoices.openCheckouts(trx, inv.id, now.toISOString())).find((c) => c.provider === provider.name && c.amount === due);
    if (open) return { reuse: open, inv, due };
    const id = newId();
    await q.insertCheckout(trx, {
      id,
      organization_id: s.organizationId,
      location_id: s.locationId,
      invoice_id: inv.id,
      provider: provider.name,
      provider_ref: null,
      url: null,
      amount: due,
      currency: inv.currency,
      status: 'open',
      expires_at: new Date(now.getTime() + CHECKOUT_MINUTES * 60_000).toISOString(),
      created_by_user_id: s.actorUserId,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    return { reuse: null, inv, due, id };
  });
  if (prepared.reuse) {
    if (!prepared.reuse.url) throw invalidState('A payment for this invoice is being prepared; try again in a moment.');
    return { url: prepared.reuse.url, expiresAt: prepared.reuse.expires_at, checkoutId: prepared.reuse.id };
  }
  const checkoutId = prepared.id!;
  const back = publicLink(deps, `/billing/invoices/${invoiceId}`);
  const bill = JSON.parse(prepared.inv.bill_to ?? '{}') as { email?: string | null };
  try {
    const session = await provider.createCheckout({
      checkoutId,
      invoiceId,
      amount: prepared.due,
      currency: prepared.inv.currency,
      description: `${prepared.inv.number} · ${location.name}`,
      email: bill.email ?? null,
      successUrl: `${back}?checkout=${checkoutId}`,
      cancelUrl: back,
    });
    const expiresAt = session.expiresAt.toISOString();
    await q.updateCheckout(deps.db, checkoutId, {
      provider_ref: session.providerRef,
      url: session.url,
      expires_at: expiresAt,
      updated_at: deps.clock.now().toISOString(),
    });
    return { url: session.url, expiresAt, checkoutId };
  } catch (err) {
    deps.log.error({ err, provider: provider.name, invoiceId }, 'checkout could not be created');
    await q.updateCheckout(deps.db, checkoutId, { status: 'failed', updated_at: deps.clock.now().toISOString() });
    throw new AppError('unprocessable', 'The payment service did not answer; try again in a moment.', undefined, 'payment_provider_error');
  }
}

/** A checkout when a provider is configured, else null (the member pays later in the portal). */
export async function startCheckoutIfAvailable(deps: Deps, s: ActorScope, invoiceId: string): Promise<string | null> {
  if (providersOf(deps).length === 0) return null;
  return (await startCheckout(deps, s, invoiceId)).url;
}

export type Applied = 'applied' | 'duplicate' | 'unknown_checkout';

/** Applies one provider event, once whatever the retries: paid records the payment; failed and expired close the checkout. */
export async function applyEvent(deps: Deps, provider: ProviderName, event: ProviderEvent): Promise<Applied> {
  return deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.now().toISOString();
    if (!(await q.claimEvent(trx, provider, event.eventId, event.type, event.invoiceId, now))) return 'duplicate';
    const co = event.checkoutId ? await q.findCheckout(trx, event.checkoutId) : undefined;
    // an event must match the checkout we made with this provider (and its own reference, where it has one)
    if (!co || co.provider !== provider || co.invoice_id !== event.invoiceId || (co.provider_ref !== null && co.provider_ref !== event.providerRef)) {
      deps.log.warn({ provider, eventId: event.eventId, checkoutId: event.checkoutId }, 'payment event for no checkout of ours');
      return 'unknown_checkout';
    }
    const s = { organizationId: co.organization_id, locationId: co.location_id, actorUserId: null };
    const inv = await invoices.lockInvoice(trx, deps.dbKind, s, co.invoice_id);
    if (!inv) return 'unknown_checkout';
    if (event.type !== 'paid') {
      if (co.status === 'open') await q.updateCheckout(trx, co.id, { status: event.type === 'failed' ? 'failed' : 'expired', updated_at: now });
      return 'applied';
    }
    // two events can say one checkout was paid (completed, then async succeeded): the money arrives once
    if (co.status === 'paid') return 'applied';
    await q.updateCheckout(trx, co.id, { status: 'paid', updated_at: now });
    const location = await locationOf(trx, s);
    await recordPaymentInTx(
      deps,
      trx,
      s,
      inv,
      {
        amount: event.amount,
        method: 'online',
        received_on: todayAt(deps, location),
        reference: event.paymentRef,
        provider,
        provider_ref: event.paymentRef,
        checkout_id: co.id,
        idempotency_key: null,
        created_by_user_id: null,
      },
      todayAt(deps, location),
    );
    return 'applied';
  });
}

/** Pays back through the provider of an online payment of the invoice; the provider's refund reference, or null. */
export async function refundOnline(deps: Deps, payments: invoices.PaymentRow[], amount: number, idempotencyKey: string): Promise<string | null> {
  const paid = payments.find((p) => p.method === 'online' && p.provider_ref && p.provider);
  if (!paid) return null;
  const provider = providersOf(deps).find((p) => p.name === paid.provider);
  if (!provider) return null;
  return (await provider.refund(paid.provider_ref!, Math.min(amount, paid.amount), idempotencyKey)).refundRef;
}

/** Whether the dev provider's checkout may be completed by this person (the one who opened it). */
export async function devCheckoutFor(deps: Deps, checkoutId: string, userId: string) {
  const co = await q.findCheckout(deps.db, checkoutId);
  if (co?.provider !== 'dev' || co.created_by_user_id !== userId) throw notFound('Checkout not found');
  return co;
}
