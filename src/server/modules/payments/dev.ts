// The dev payment provider (PAYMENTS_DEV=1, design 8.1): a stand-in for Stripe for trying Atrium out
// and for tests. Its checkout page (/dev/checkout/:checkoutId) has Pay and Fail buttons; the route
// behind them calls `complete` and feeds the event to the same path as Stripe's webhook. No money
// moves and nothing is checked: never configure it in production.
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../../lib/clock.js';
import { CHECKOUT_MINUTES, type CheckoutRequest, type CheckoutSession, type PaymentProvider, type ProviderEvent } from './provider.js';

export interface DevPaymentProvider extends PaymentProvider {
  name: 'dev';
  /** The event a press of Pay or Fail on the dev checkout page stands for: a fresh eventId each call. */
  complete(checkoutId: string, outcome: 'paid' | 'failed', amount: number, invoiceId: string): ProviderEvent;
}

export function devProvider(opts: { publicUrl: string; clock?: Clock }): DevPaymentProvider {
  const base = opts.publicUrl.replace(/\/+$/, '');
  const clock = opts.clock ?? systemClock;

  return {
    name: 'dev',

    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      if (!Number.isInteger(request.amount) || request.amount <= 0) throw new Error(`Checkout amount must be a positive integer, got ${request.amount}`);
      return {
        url: `${base}/dev/checkout/${encodeURIComponent(request.checkoutId)}`,
        providerRef: devRef(request.checkoutId),
        expiresAt: new Date(clock.now().getTime() + CHECKOUT_MINUTES * 60_000),
      };
    },

    // the dev provider has no webhook: its events come from `complete`
    async parseWebhook(): Promise<ProviderEvent | null> {
      return null;
    },

    async refund(_paymentRef: string, amount: number, idempotencyKey?: string): Promise<{ refundRef: string }> {
      if (!Number.isInteger(amount) || amount <= 0) throw new Error(`Refund amount must be a positive integer, got ${amount}`);
      // the same key gives the same refund, as with Stripe
      return { refundRef: `dev_refund_${idempotencyKey ?? randomUUID()}` };
    },

    // the dev side keeps no state: Atrium's own checkout record says whether the page may still pay
    async expireCheckout(): Promise<void> {},

    complete(checkoutId, outcome, amount, invoiceId): ProviderEvent {
      return {
        eventId: `dev_evt_${randomUUID()}`,
        type: outcome,
        providerRef: devRef(checkoutId),
        invoiceId,
        checkoutId,
        amount,
        paymentRef: outcome === 'paid' ? `dev_pay_${checkoutId}` : null,
      };
    },
  };
}

function devRef(checkoutId: string): string {
  return `dev_${checkoutId}`;
}
