// Stripe as a PaymentProvider (design 8.1): hosted Checkout Sessions in `payment` mode, their webhook
// events, refunds against the PaymentIntent. One Stripe account per installation; nothing here
// touches the database.
import Stripe from 'stripe';
import { CHECKOUT_MINUTES, type CheckoutRequest, type CheckoutSession, type PaymentProvider, type ProviderEvent, WebhookSignatureError } from './provider.js';

export interface StripeProviderOptions {
  /** STRIPE_SECRET_KEY: sk_live_… or sk_test_… (a restricted rk_… key with Checkout and Refunds write access works too) */
  secretKey: string;
  /** STRIPE_WEBHOOK_SECRET: the whsec_… signing secret of the webhook endpoint (or of `stripe listen`) */
  webhookSecret: string;
  /** Tests only: point the SDK at a local server instead of api.stripe.com. */
  apiHost?: string;
  apiPort?: number;
  apiProtocol?: 'http' | 'https';
}

/**
 * Stripe refuses an `expires_at` less than 30 minutes after it creates the session, and it measures
 * from its own clock, after the request has travelled. A minute on top keeps the request valid
 * despite latency and clock drift; the checkout still closes well before a purchase hold (35 min).
 */
const EXPIRY_MARGIN_SECONDS = 60;

/** The Checkout Session events Atrium subscribes to (docs/payments.md lists the same four). */
export const STRIPE_WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
] as const;

export function stripeProvider(opts: StripeProviderOptions): PaymentProvider {
  if (!opts.secretKey) throw new Error('Stripe needs a secret key (STRIPE_SECRET_KEY)');
  if (!opts.webhookSecret) throw new Error('Stripe needs a webhook signing secret (STRIPE_WEBHOOK_SECRET)');

  const stripe = new Stripe(opts.secretKey, {
    // POSTs carry an idempotency key, so the SDK's own retries of network failures and 5xx are safe
    maxNetworkRetries: 2,
    timeout: 30_000,
    telemetry: false,
    appInfo: { name: 'Atrium' },
    ...(opts.apiHost ? { host: opts.apiHost } : {}),
    ...(opts.apiPort ? { port: opts.apiPort } : {}),
    ...(opts.apiProtocol ? { protocol: opts.apiProtocol } : {}),
  });

  return {
    name: 'stripe',

    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      if (!Number.isInteger(request.amount) || request.amount <= 0) throw new Error(`Checkout amount must be a positive integer, got ${request.amount}`);
      const metadata = { invoiceId: request.invoiceId, checkoutId: request.checkoutId };
      const session = await stripe.checkout.sessions.create(
        {
          mode: 'payment',
          line_items: [
            {
              quantity: 1,
              price_data: {
                currency: request.currency.toLowerCase(),
                unit_amount: request.amount,
                product_data: { name: request.description },
              },
            },
          ],
          ...(request.email ? { customer_email: request.email } : {}),
          client_reference_id: request.checkoutId,
          metadata,
          payment_intent_data: { metadata },
          expires_at: Math.ceil(Date.now() / 1000) + CHECKOUT_MINUTES * 60 + EXPIRY_MARGIN_SECONDS,
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
        },
        { idempotencyKey: `atrium-checkout-${request.checkoutId}` },
      );
      if (!session.url) throw new Error(`Stripe returned Checkout Session ${session.id} without a url`);
      return { url: session.url, providerRef: session.id, expiresAt: new Date(session.expires_at * 1000) };
    },

    async parseWebhook(rawBody, headers): Promise<ProviderEvent | null> {
      const signature = headers['stripe-signature'];
      if (typeof signature !== 'string' || signature === '') throw new WebhookSignatureError('The Stripe-Signature header is missing');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, opts.webhookSecret);
      } catch (err) {
        // a bad or stale signature, or a body that is not the signed one
        throw new WebhookSignatureError(err instanceof Error ? err.message : undefined);
      }
      switch (event.type) {
        case 'checkout.session.completed':
          // card payments are paid now; delayed methods (SEPA debit, bank transfers) complete
          // unpaid and send async_payment_succeeded or _failed later
          return event.data.object.payment_status === 'paid' ? toEvent(event.id, 'paid', event.data.object) : null;
        case 'checkout.session.async_payment_succeeded':
          return toEvent(event.id, 'paid', event.data.object);
        case 'checkout.session.async_payment_failed':
          return toEvent(event.id, 'failed', event.data.object);
        case 'checkout.session.expired':
          return toEvent(event.id, 'expired', event.data.object);
        default:
          return null;
      }
    },

    async refund(paymentRef: string, amount: number, idempotencyKey?: string): Promise<{ refundRef: string }> {
      if (!Number.isInteger(amount) || amount <= 0) throw new Error(`Refund amount must be a positive integer, got ${amount}`);
      const refund = await stripe.refunds.create(
        { payment_intent: paymentRef, amount },
        idempotencyKey ? { idempotencyKey: `atrium-refund-${idempotencyKey}` } : undefined,
      );
      return { refundRef: refund.id };
    },

    async expireCheckout(providerRef: string): Promise<void> {
      try {
        await stripe.checkout.sessions.expire(providerRef);
      } catch (err) {
        // Stripe answers 400 when the session is no longer open (already expired, or complete):
        // look at it rather than at the wording of the message, and rethrow anything else.
        if (!(err instanceof Stripe.errors.StripeInvalidRequestError) || err.statusCode !== 400) throw err;
        const session = await stripe.checkout.sessions.retrieve(providerRef);
        if (session.status === 'open') throw err;
      }
    },
  };
}

/** A Checkout Session event as Atrium sees it; sessions that Atrium did not create are ignored. */
function toEvent(eventId: string, type: ProviderEvent['type'], session: Stripe.Checkout.Session): ProviderEvent | null {
  const invoiceId = session.metadata?.invoiceId;
  if (!invoiceId) return null;
  const paymentIntent = session.payment_intent;
  return {
    eventId,
    type,
    providerRef: session.id,
    invoiceId,
    checkoutId: session.metadata?.checkoutId ?? session.client_reference_id ?? null,
    amount: session.amount_total ?? 0,
    paymentRef: typeof paymentIntent === 'string' ? paymentIntent : (paymentIntent?.id ?? null),
  };
}
