// The Stripe provider against a local server that answers as Stripe's API does, and webhooks signed by
// the SDK's own test helper; then the dev provider.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FixedClock } from '../../lib/clock.js';
import { devProvider } from './dev.js';
import { CHECKOUT_MINUTES, type PaymentProvider, WebhookSignatureError } from './provider.js';
import { STRIPE_WEBHOOK_EVENTS, stripeProvider } from './stripe.js';

const SECRET_KEY = 'sk_test_atrium_fake';
const WEBHOOK_SECRET = 'whsec_atrium_test_secret';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

/** What the fake API knows of sessions for expire and retrieve: id → status */
const sessionStatus = new Map<string, string>();
let requests: Recorded[] = [];
let server: Server;
let provider: PaymentProvider;

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` });
  res.end(JSON.stringify(body));
}

function stripeError(res: import('node:http').ServerResponse, status: number, message: string, code?: string): void {
  send(res, status, { error: { type: 'invalid_request_error', message, ...(code ? { code } : {}) } });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      requests.push({ method: req.method ?? '', path, headers: req.headers, form });

      if (req.method === 'POST' && path === '/v1/checkout/sessions') {
        const id = `cs_test_${requests.length}`;
        sessionStatus.set(id, 'open');
        return send(res, 200, {
          id,
          object: 'checkout.session',
          mode: 'payment',
          status: 'open',
          payment_status: 'unpaid',
          amount_total: Number(form.get('line_items[0][price_data][unit_amount]')),
          currency: form.get('line_items[0][price_data][currency]'),
          expires_at: Number(form.get('expires_at')),
          url: `https://checkout.stripe.com/c/pay/${id}`,
          metadata: { invoiceId: form.get('metadata[invoiceId]'), checkoutId: form.get('metadata[checkoutId]') },
        });
      }
      if (req.method === 'POST' && path === '/v1/refunds') {
        return send(res, 200, {
          id: `re_test_${requests.length}`,
          object: 'refund',
          amount: Number(form.get('amount')),
          payment_intent: form.get('payment_intent'),
          status: 'succeeded',
        });
      }
      const expire = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path);
      if (req.method === 'POST' && expire) {
        const status = sessionStatus.get(expire[1]);
        if (!status) return stripeError(res, 404, `No such checkout.session: '${expire[1]}'`, 'resource_missing');
        if (status !== 'open') {
          return stripeError(res, 400, `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of \`${status}\`.`);
        }
        if (expire[1] === 'cs_test_stubborn') return stripeError(res, 400, 'Something else went wrong.');
        sessionStatus.set(expire[1], 'expired');
        return send(res, 200, { id: expire[1], object: 'checkout.session', status: 'expired' });
      }
      const retrieve = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && retrieve) {
        const status = sessionStatus.get(retrieve[1]);
        if (!status) return stripeError(res, 404, `No such checkout.session: '${retrieve[1]}'`, 'resource_missing');
        return send(res, 200, { id: retrieve[1], object: 'checkout.session', status });
      }
      stripeError(res, 404, `Unrecognized request URL (${req.method}: ${path}).`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  provider = stripeProvider({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, apiHost: '127.0.0.1', apiPort: port, apiProtocol: 'http' });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests = [];
});

const checkoutRequest = {
  checkoutId: 'chk_1',
  invoiceId: 'inv_1',
  amount: 2399,
  currency: 'EUR',
  description: 'Invoice INV-2026-0001',
  email: 'ada@example.com',
  successUrl: 'https://atrium.example.com/billing/invoices/inv_1?paid=1',
  cancelUrl: 'https://atrium.example.com/billing/invoices/inv_1',
};

describe('stripe provider: API calls', () => {
  it('creates a one-line Checkout Session in payment mode', async () => {
    const before = Math.floor(Date.now() / 1000);
    const session = await provider.createCheckout(checkoutRequest);
    const after = Math.ceil(Date.now() / 1000);

    expect(requests).toHaveLength(1);
    const [r] = requests;
    expect(r.method).toBe('POST');
    expect(r.path).toBe('/v1/checkout/sessions');
    expect(r.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(r.headers['idempotency-key']).toBe('atrium-checkout-chk_1');
    expect(r.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);

    const f = r.form;
    expect(f.get('mode')).toBe('payment');
    expect(f.get('line_items[0][quantity]')).toBe('1');
    expect(f.get('line_items[0][price_data][unit_amount]')).toBe('2399');
    expect(f.get('line_items[0][price_data][currency]')).toBe('eur');
    expect(f.get('line_items[0][price_data][product_data][name]')).toBe('Invoice INV-2026-0001');
    expect(f.has('line_items[1][quantity]')).toBe(false);
    expect(f.get('customer_email')).toBe('ada@example.com');
    expect(f.get('client_reference_id')).toBe('chk_1');
    expect(f.get('metadata[invoiceId]')).toBe('inv_1');
    expect(f.get('metadata[checkoutId]')).toBe('chk_1');
    expect(f.get('payment_intent_data[metadata][invoiceId]')).toBe('inv_1');
    expect(f.get('payment_intent_data[metadata][checkoutId]')).toBe('chk_1');
    expect(f.get('success_url')).toBe(checkoutRequest.successUrl);
    expect(f.get('cancel_url')).toBe(checkoutRequest.cancelUrl);

    // at least Stripe's 30-minute minimum, with at most a minute or two of margin
    const expiresAt = Number(f.get('expires_at'));
    expect(expiresAt).toBeGreaterThanOrEqual(before + CHECKOUT_MINUTES * 60);
    expect(expiresAt).toBeLessThanOrEqual(after + (CHECKOUT_MINUTES + 2) * 60);

    expect(session.providerRef).toBe('cs_test_1');
    expect(session.url).toBe('https://checkout.stripe.com/c/pay/cs_test_1');
    expect(session.expiresAt.getTime()).toBe(expiresAt * 1000);
  });

  it('leaves customer_email out when there is no email, and keys each checkout by its id', async () => {
    await provider.createCheckout({ ...checkoutRequest, checkoutId: 'chk_2', email: null, currency: 'GBP' });
    const [r] = requests;
    expect(r.form.has('customer_email')).toBe(false);
    expect(r.form.get('line_items[0][price_data][currency]')).toBe('gbp');
    expect(r.headers['idempotency-key']).toBe('atrium-checkout-chk_2');
  });

  it('refuses an amount that is not a positive integer without calling Stripe', async () => {
    await expect(provider.createCheckout({ ...checkoutRequest, amount: 0 })).rejects.toThrow(/positive integer/);
    await expect(provider.createCheckout({ ...checkoutRequest, amount: 12.5 })).rejects.toThrow(/positive integer/);
    await expect(provider.refund('pi_1', -5)).rejects.toThrow(/positive integer/);
    expect(requests).toHaveLength(0);
  });

  it('refunds against the PaymentIntent', async () => {
    const { refundRef } = await provider.refund('pi_test_123', 500);
    expect(refundRef).toBe('re_test_1');
    const [r] = requests;
    expect(r.path).toBe('/v1/refunds');
    expect(r.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(r.form.get('payment_intent')).toBe('pi_test_123');
    expect(r.form.get('amount')).toBe('500');
    // the SDK keys every POST itself; a caller's key replaces it
    expect(r.headers['idempotency-key']).toBeTruthy();

    await provider.refund('pi_test_123', 500, 'cn_42');
    expect(requests[1].headers['idempotency-key']).toBe('atrium-refund-cn_42');
  });

  it('expires an open session, and treats one already expired or complete as done', async () => {
    const { providerRef } = await provider.createCheckout({ ...checkoutRequest, checkoutId: 'chk_3' });
    await provider.expireCheckout(providerRef);
    expect(requests[1].method).toBe('POST');
    expect(requests[1].path).toBe(`/v1/checkout/sessions/${providerRef}/expire`);
    expect(sessionStatus.get(providerRef)).toBe('expired');

    // again: Stripe answers 400, the session is not open, so there is nothing to do
    await expect(provider.expireCheckout(providerRef)).resolves.toBeUndefined();
    expect(requests.slice(2).map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /v1/checkout/sessions/${providerRef}/expire`,
      `GET /v1/checkout/sessions/${providerRef}`,
    ]);

    sessionStatus.set('cs_test_paid', 'complete');
    await expect(provider.expireCheckout('cs_test_paid')).resolves.toBeUndefined();
  });

  it('rethrows when the session is unknown or still open after a refusal', async () => {
    await expect(provider.expireCheckout('cs_test_nowhere')).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    sessionStatus.set('cs_test_stubborn', 'open');
    await expect(provider.expireCheckout('cs_test_stubborn')).rejects.toThrow('Something else went wrong.');
  });

  it('needs both secrets', () => {
    expect(() => stripeProvider({ secretKey: '', webhookSecret: WEBHOOK_SECRET })).toThrow(/STRIPE_SECRET_KEY/);
    expect(() => stripeProvider({ secretKey: SECRET_KEY, webhookSecret: '' })).toThrow(/STRIPE_WEBHOOK_SECRET/);
  });
});

describe('stripe provider: webhooks', () => {
  let seq = 0;

  function session(over: Record<string, unknown> = {}) {
    return {
      id: 'cs_test_hook',
      object: 'checkout.session',
      mode: 'payment',
      status: 'complete',
      payment_status: 'paid',
      amount_total: 2399,
      currency: 'eur',
      client_reference_id: 'chk_1',
      payment_intent: 'pi_test_hook',
      metadata: { invoiceId: 'inv_1', checkoutId: 'chk_1' },
      ...over,
    };
  }

  function eventPayload(type: string, object: unknown): { id: string; payload: string } {
    const id = `evt_test_${++seq}`;
    const payload = JSON.stringify(
      { id, object: 'event', api_version: '2026-01-28', created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, type, data: { object } },
      null,
      2,
    );
    return { id, payload };
  }

  function signed(payload: string, opts: { secret?: string; timestamp?: number } = {}) {
    return { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp }) };
  }

  it('subscribes to the four Checkout Session events', () => {
    expect([...STRIPE_WEBHOOK_EVENTS].sort()).toEqual([
      'checkout.session.async_payment_failed',
      'checkout.session.async_payment_succeeded',
      'checkout.session.completed',
      'checkout.session.expired',
    ]);
  });

  it('maps a paid checkout.session.completed to paid', async () => {
    const { id, payload } = eventPayload('checkout.session.completed', session());
    const event = await provider.parseWebhook(Buffer.from(payload), signed(payload));
    expect(event).toEqual({
      eventId: id,
      type: 'paid',
      providerRef: 'cs_test_hook',
      invoiceId: 'inv_1',
      checkoutId: 'chk_1',
      amount: 2399,
      paymentRef: 'pi_test_hook',
    });
  });

  it('ignores a completed session that is not paid yet (a delayed method)', async () => {
    const { payload } = eventPayload('checkout.session.completed', session({ payment_status: 'unpaid' }));
    expect(await provider.parseWebhook(Buffer.from(payload), signed(payload))).toBeNull();
  });

  it('maps async_payment_succeeded to paid and async_payment_failed to failed', async () => {
    const ok = eventPayload('checkout.session.async_payment_succeeded', session({ amount_total: 1500 }));
    expect(await provider.parseWebhook(Buffer.from(ok.payload), signed(ok.payload))).toMatchObject({
      eventId: ok.id,
      type: 'paid',
      amount: 1500,
      paymentRef: 'pi_test_hook',
    });

    const ko = eventPayload('checkout.session.async_payment_failed', session({ payment_status: 'unpaid' }));
    expect(await provider.parseWebhook(Buffer.from(ko.payload), signed(ko.payload))).toMatchObject({
      eventId: ko.id,
      type: 'failed',
      invoiceId: 'inv_1',
      amount: 2399,
    });
  });

  it('maps checkout.session.expired to expired, without a PaymentIntent', async () => {
    const { id, payload } = eventPayload('checkout.session.expired', session({ status: 'expired', payment_status: 'unpaid', payment_intent: null }));
    expect(await provider.parseWebhook(Buffer.from(payload), signed(payload))).toEqual({
      eventId: id,
      type: 'expired',
      providerRef: 'cs_test_hook',
      invoiceId: 'inv_1',
      checkoutId: 'chk_1',
      amount: 2399,
      paymentRef: null,
    });
  });

  it('reads an expanded PaymentIntent, and falls back to client_reference_id for the checkout', async () => {
    const { payload } = eventPayload(
      'checkout.session.completed',
      session({ payment_intent: { id: 'pi_expanded', object: 'payment_intent' }, metadata: { invoiceId: 'inv_9' } }),
    );
    expect(await provider.parseWebhook(Buffer.from(payload), signed(payload))).toMatchObject({
      invoiceId: 'inv_9',
      checkoutId: 'chk_1',
      paymentRef: 'pi_expanded',
    });
  });

  it('ignores other event types and sessions Atrium did not create', async () => {
    const other = eventPayload('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', metadata: { invoiceId: 'inv_1' } });
    expect(await provider.parseWebhook(Buffer.from(other.payload), signed(other.payload))).toBeNull();

    const foreign = eventPayload('checkout.session.completed', session({ metadata: {} }));
    expect(await provider.parseWebhook(Buffer.from(foreign.payload), signed(foreign.payload))).toBeNull();
  });

  it('refuses a forged signature, a missing header and a body changed after signing', async () => {
    const { payload } = eventPayload('checkout.session.completed', session());
    const body = Buffer.from(payload);

    await expect(provider.parseWebhook(body, signed(payload, { secret: 'whsec_someone_else' }))).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(provider.parseWebhook(body, { 'stripe-signature': 't=1,v1=deadbeef' })).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(provider.parseWebhook(body, {})).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(provider.parseWebhook(body, { 'stripe-signature': '' })).rejects.toBeInstanceOf(WebhookSignatureError);
    await expect(provider.parseWebhook(body, { 'stripe-signature': ['a', 'b'] })).rejects.toBeInstanceOf(WebhookSignatureError);

    const tampered = Buffer.from(payload.replace('"amount_total": 2399', '"amount_total": 1'));
    expect(tampered.equals(body)).toBe(false);
    await expect(provider.parseWebhook(tampered, signed(payload))).rejects.toBeInstanceOf(WebhookSignatureError);

    // re-serialised JSON is not the signed body either
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(payload)));
    await expect(provider.parseWebhook(reformatted, signed(payload))).rejects.toBeInstanceOf(WebhookSignatureError);
  });

  it('refuses a replayed event signed outside the five-minute tolerance', async () => {
    const { payload } = eventPayload('checkout.session.completed', session());
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    await expect(provider.parseWebhook(Buffer.from(payload), signed(payload, { timestamp: old }))).rejects.toBeInstanceOf(WebhookSignatureError);
  });
});

describe('dev provider', () => {
  const clock = new FixedClock('2026-12-01T10:00:00.000Z');
  const dev = devProvider({ publicUrl: 'http://localhost:3000/', clock });

  it('opens a checkout on its own page for 30 minutes', async () => {
    const session = await dev.createCheckout({ ...checkoutRequest, checkoutId: 'chk 7' });
    expect(dev.name).toBe('dev');
    expect(session).toEqual({
      url: 'http://localhost:3000/dev/checkout/chk%207',
      providerRef: 'dev_chk 7',
      expiresAt: new Date('2026-12-01T10:30:00.000Z'),
    });
    await expect(dev.createCheckout({ ...checkoutRequest, amount: 0 })).rejects.toThrow(/positive integer/);
  });

  it('builds the event of a Pay or Fail press, a fresh id each time', () => {
    const paid = dev.complete('chk_1', 'paid', 2399, 'inv_1');
    expect(paid).toEqual({
      eventId: expect.stringMatching(/^dev_evt_/),
      type: 'paid',
      providerRef: 'dev_chk_1',
      invoiceId: 'inv_1',
      checkoutId: 'chk_1',
      amount: 2399,
      paymentRef: 'dev_pay_chk_1',
    });
    const failed = dev.complete('chk_1', 'failed', 2399, 'inv_1');
    expect(failed).toMatchObject({ type: 'failed', providerRef: 'dev_chk_1', paymentRef: null });
    expect(failed.eventId).not.toBe(paid.eventId);
  });

  it('has no webhook, refunds with a fake reference, and expires as a no-op', async () => {
    expect(await dev.parseWebhook(Buffer.from('{}'), {})).toBeNull();
    const a = await dev.refund('dev_pay_chk_1', 100);
    const b = await dev.refund('dev_pay_chk_1', 100);
    expect(a.refundRef).toMatch(/^dev_refund_/);
    expect(a.refundRef).not.toBe(b.refundRef);
    expect((await dev.refund('dev_pay_chk_1', 100, 'cn_1')).refundRef).toBe((await dev.refund('dev_pay_chk_1', 100, 'cn_1')).refundRef);
    await expect(dev.refund('dev_pay_chk_1', 0)).rejects.toThrow(/positive integer/);
    await expect(dev.expireCheckout('dev_chk_1')).resolves.toBeUndefined();
  });
});
