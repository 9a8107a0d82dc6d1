// The one interface every online payment provider implements (design 8.1). Providers know nothing of
// invoices beyond the ids and amounts they are given; the payments service applies their events.

export type ProviderName = 'stripe' | 'dev';

export interface CheckoutRequest {
  /** Atrium's own checkout id: the dev provider's page and the webhook metadata name it */
  checkoutId: string;
  invoiceId: string;
  /** minor units, > 0 */
  amount: number;
  /** ISO 4217, upper case */
  currency: string;
  description: string;
  email: string | null;
  /** absolute URLs built from PUBLIC_URL */
  successUrl: string;
  cancelUrl: string;
}

export interface CheckoutSession {
  url: string;
  /** the provider's own id of the checkout (Stripe: the Checkout Session id) */
  providerRef: string;
  expiresAt: Date;
}

export interface ProviderEvent {
  /** the provider's event id: each applies once */
  eventId: string;
  type: 'paid' | 'failed' | 'expired';
  providerRef: string;
  invoiceId: string;
  checkoutId: string | null;
  /** minor units received (paid) or asked (failed, expired) */
  amount: number;
  /** the provider's id of the money movement (Stripe: the PaymentIntent), for refunds */
  paymentRef: string | null;
}

export interface PaymentProvider {
  name: ProviderName;
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** The event a webhook carries, or null for events Atrium ignores; throws WebhookSignatureError when forged. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<ProviderEvent | null>;
  /**
   * Pays money back against a payment (its paymentRef). `idempotencyKey` (e.g. the credit note id)
   * makes a repeated call, after a timeout or a crash, return the first refund instead of paying twice.
   */
  refund(paymentRef: string, amount: number, idempotencyKey?: string): Promise<{ refundRef: string }>;
  /** Closes an open checkout early (so that a voided invoice cannot be paid); a no-op if already closed. */
  expireCheckout(providerRef: string): Promise<void>;
}

export class WebhookSignatureError extends Error {
  constructor(message = 'The webhook signature does not match') {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** Checkouts of every provider expire after 30 minutes (design 8.1). */
export const CHECKOUT_MINUTES = 30;
