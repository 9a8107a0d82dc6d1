// Online payment through the API: no provider means no checkout and no webhook; the dev provider's
// checkout paid once; Stripe's Checkout against a local server that answers as Stripe's API does,
// its webhook signed by the SDK's own test helper (applied once when sent twice, a forged one 400),
// and an online refund by credit note.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, linkFrom, sessionCookie, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

const WEBHOOK_SECRET = 'whsec_atrium_test';

/** What the fake Stripe received, and a server answering the three calls Atrium makes. */
const received: { path: string; form: URLSearchParams; idempotencyKey: string | undefined }[] = [];
let stripeApi: http.Server;
let stripeUrl: string;

beforeAll(async () => {
  stripeApi = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const form = new URLSearchParams(raw);
      received.push({ path: req.url ?? '', form, idempotencyKey: req.headers['idempotency-key'] as string | undefined });
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/checkout/sessions') {
        const id = `cs_test_${received.length}`;
        res.end(
          JSON.stringify({
            id,
            object: 'checkout.session',
            url: `https://checkout.stripe.test/${id}`,
            expires_at: Number(form.get('expires_at')),
            status: 'open',
          }),
        );
      } else if (req.url === '/v1/refunds') {
        res.end(JSON.stringify({ id: `re_test_${received.length}`, object: 'refund', amount: Number(form.get('amount')), status: 'succeeded' }));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Unknown path' } }));
      }
    });
  });
  await new Promise<void>((r) => stripeApi.listen(0, '127.0.0.1', r));
  stripeUrl = `http://127.0.0.1:${(stripeApi.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => stripeApi.close(() => r())));

let ctx: TestContext;
let org: Org;
afterEach(() => ctx.close());

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });

/** A member with an issued invoice of 2399 (1999 + 20 %), signed in to the portal. */
async function memberWithInvoice() {
  await ctx.request({ method: 'PATCH', url: url(''), cookie: org.ownerCookie, payload: { taxRateBps: 2000 } });
  const invited = await admin('POST', '/invitations', { firstName: 'Ana', email: 'ana@x.test' });
  const customerId = invited.json().customer.id as string;
  const token = linkFrom((await ctx.mailTo('ana@x.test'))[0].text).split('/activate/')[1];
  const cookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  const draft = await admin('POST', '/invoices', { customerId, lines: [{ description: 'Meeting room', quantity: 1, unitPrice: 1999 }] });
  const invoice = (await admin('POST', `/invoices/${draft.json().invoice.id}/issue`)).json().invoice;
  const portal = (method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>) =>
    ctx.request({ method, url: `/api/v1/portal/locations/${org.locationId}/invoices${path}`, cookie, ...(payload ? { payload } : {}) });
  return { customerId, cookie, invoice, portal };
}

async function signedEvent(type: string, session: Record<string, unknown>, id = `evt_${Math.random().toString(36).slice(2)}`) {
  const payload = JSON.stringify({ id, object: 'event', type, data: { object: { object: 'checkout.session', ...session } } });
  const header = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
  return { payload, header };
}

const webhook = (payload: string, signature?: string) =>
  ctx.request({
    method: 'POST',
    url: '/api/v1/payments/stripe/webhook',
    payload,
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
  });

describe('no provider configured', () => {
  it('lists none, refuses a checkout with no_payment_provider, and serves no webhook', async () => {
    ctx = await createTestContext();
    ctx.clock.set('2027-03-10T09:00:00Z');
    org = await setupOrganization(ctx);
    const { invoice, portal } = await memberWithInvoice();
    expect((await admin('GET', '/payment-providers')).json()).toEqual({ items: [] });
    const res = await portal('POST', `/${invoice.id}/checkout`);
    expect([res.statusCode, res.json().error.reason]).toEqual([422, 'no_payment_provider']);
    const { payload, header } = await signedEvent('checkout.session.completed', { id: 'cs_x' });
    expect((await webhook(payload, header)).statusCode).toBe(404);
  });
});

describe('the dev provider', () => {
  it('a checkout on the dev page, paid once; a second press finds it closed; the invoice cannot be voided meanwhile', async () => {
    ctx = await createTestContext({ config: { payments: { stripe: null, dev: true } } });
    ctx.clock.set('2027-03-10T09:00:00Z');
    org = await setupOrganization(ctx);
    const { invoice, portal, cookie } = await memberWithInvoice();
    expect((await ctx.request({ method: 'GET', url: url('/payment-providers'), cookie })).json()).toEqual({ items: [{ name: 'dev' }] });
    const started = await portal('POST', `/${invoice.id}/checkout`);
    expect(started.statusCode, started.body).toBe(201);
    const checkoutUrl: string = started.json().url;
    expect(checkoutUrl).toMatch(/^http:\/\/atrium\.test\/dev\/checkout\/[0-9a-f-]{36}$/);
    const checkoutId = checkoutUrl.split('/').at(-1)!;
    // an open checkout is reused
    expect((await portal('POST', `/${invoice.id}/checkout`)).json().url).toBe(checkoutUrl);
    expect((await admin('POST', `/invoices/${invoice.id}/void`)).json().error.reason).toBe('invalid_state');

    const page = await ctx.request({ method: 'GET', url: `/api/v1/dev/checkout/${checkoutId}`, cookie });
    expect(page.json()).toMatchObject({ invoiceId: invoice.id, amount: 2399, currency: 'EUR', status: 'open' });
    // only the person who opened it may complete it
    expect((await ctx.request({ method: 'GET', url: `/api/v1/dev/checkout/${checkoutId}`, cookie: org.ownerCookie })).statusCode).toBe(404);
    const paid = await ctx.request({ method: 'POST', url: `/api/v1/dev/checkout/${checkoutId}/complete`, cookie, payload: { outcome: 'paid' } });
    expect(paid.statusCode, paid.body).toBe(200);
    const again = await ctx.request({ method: 'POST', url: `/api/v1/dev/checkout/${checkoutId}/complete`, cookie, payload: { outcome: 'paid' } });
    expect(again.statusCode).toBe(409);
    const after = (await portal('GET', `/${invoice.id}`)).json().invoice;
    expect(after).toMatchObject({ status: 'paid', amountPaid: 2399, amountDue: 0, payments: [{ method: 'online', amount: 2399 }] });
    expect((await ctx.mailTo('ana@x.test')).filter((m) => m.subject === 'Payment received for invoice INV-2027-0001').length).toBe(1);
    expect((await portal('POST', `/${invoice.id}/checkout`)).json().error.reason).toBe('invalid_state');
  });

  it('self sign-up answers with a checkout for the first invoice', async () => {
    ctx = await createTestContext({ config: { payments: { stripe: null, dev: true } } });
    ctx.clock.set('2027-03-10T09:00:00Z');
    org = await setupOrganization(ctx);
    const { cookie } = await memberWithInvoice();
    const plan = await admin('POST', '/plans', { name: 'Flex', price: 9000, cycle: 'month', visibility: 'location_members', selfSignUp: true });
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/portal/locations/${org.locationId}/plans/${plan.json().plan.id}/sign-up`,
      cookie,
      payload: { startDate: '2027-04-01' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ subscription: { status: 'scheduled' }, invoice: { status: 'issued', subtotal: 9000, total: 10800 } });
    expect(res.json().checkoutUrl).toMatch(/^http:\/\/atrium\.test\/dev\/checkout\//);
  });

  it('a failed payment leaves the invoice due, and a new checkout can be made', async () => {
    ctx = await createTestContext({ config: { payments: { stripe: null, dev: true } } });
    ctx.clock.set('2027-03-10T09:00:00Z');
    org = await setupOrganization(ctx);
    const { invoice, portal, cookie } = await memberWithInvoice();
    const checkoutId = (await portal('POST', `/${invoice.id}/checkout`)).json().url.split('/').at(-1);
    await ctx.request({ method: 'POST', url: `/api/v1/dev/checkout/${checkoutId}/complete`, cookie, payload: { outcome: 'failed' } });
    expect((await portal('GET', `/${invoice.id}`)).json().invoice).toMatchObject({ status: 'issued', amountDue: 2399 });
    expect((await portal('POST', `/${invoice.id}/checkout`)).json().url).not.toContain(checkoutId);
  });
});

describe('Stripe', () => {
  const stripeConfig = () => ({ payments: { stripe: { secretKey: 'sk_test_atrium', webhookSecret: WEBHOOK_SECRET, apiUrl: stripeUrl }, dev: true } });

  it('creates a Checkout Session for what is due; its webhook pays the invoice once, sent twice; a forged one is 400', async () => {
    ctx = await createTestContext({ config: stripeConfig() });
    ctx.clock.set('2027-03-10T09:00:00Z');
    org = await setupOrganization(ctx);
    const { invoice, portal } = await memberWithInvoice();
    expect((await admin('GET', '/payment-providers')).json().items).toEqual([{ name: 'stripe' }, { name: 'dev' }]);
    received.length = 0;
    const started = await portal('POST', `/${invoice.id}/checkout`);
    expect(started.statusCode, started.body).toBe(201);
    expect(started.json().url).toBe('https://checkout.stripe.test/cs_test_1');
    const sent = received[0];
    expect(sent.path).toBe('/v1/checkout/sessions');
    expect(sent.form.get('mode')).toBe('payment');
    expect(sent.form.get('line_items[0][price_data][unit_amount]')).toBe('2399');
    expect(sent.form.get('line_items[0][price_data][currency]')).toBe('eur');
    expect(sent.form.get('metadata[invoiceId]')).toBe(invoice.id);
    expect(sent.form.get('customer_email')).toBe('ana@x.test');
    expect(sent.form.get('success_url')).toMatch(new RegExp(`^http://atrium\\.test/billing/invoices/${invoice.id}\\?checkout=`));
    const checkoutId = sent.form.get('metadata[checkoutId]')!;

    const session = {
      id: 'cs_test_1',
      payment_status: 'paid',
      amount_total: 2399,
      payment_intent: 'pi_test_1',
      metadata: { invoiceId: invoice.id, checkoutId },
    };
    const forged = await signedEvent('checkout.session.completed', session);
    expect((await webhook(forged.payload.replace('2399', '1'), forged.header)).statusCode).toBe(400);
    expect((await webhook(forged.payload)).statusCode).toBe(400);
    const { payload, header } = await signedEvent('checkout.session.completed', session, 'evt_paid_1');
    const twice = await Promise.all([webhook(payload, header), webhook(payload, header)]);
    expect(twice.map((r) => r.statusCode)).toEqual([200, 200]);
    // the async twin of the same payment adds nothing either
    const twin = await signedEvent('checkout.session.async_payment_succeeded', session, 'evt_paid_2');
    expect((await webhook(twin.payload, twin.header)).statusCode).toBe(200);
    const after = (await portal('GET', `/${invoice.id}`)).json().invoice;
    expect(after).toMatchObject({ status: 'paid', amountPaid: 2399, payments: [{ method: 'online', amount: 2399, reference: 'pi_test_1' }] });

    // a credit note paid back online goes to Stripe as a refund of that PaymentIntent
    received.length = 0;
    const cn = await admin('POST', `/invoices/${invoice.id}/credit-notes`, { amount: 500, reason: 'Room was noisy', refund: 'online' });
    expect(cn.statusCode, cn.body).toBe(201);
    expect(cn.json().creditNote).toMatchObject({ refund: 'online', amount: 500 });
    expect(received.map((r) => [r.path, r.form.get('payment_intent'), r.form.get('amount')])).toEqual([['/v1/refunds', 'pi_test_1', '500']]);
    expect(received[0].idempotencyKey).toBe(`atrium-refund-${cn.json().creditNote.id}`);
  });

  it('ignores events for sessions it did not make, and an expired session closes the checkout', async () => {
    ctx = await createTestContext({ config: stripeConfig() });
    ctx.clock.set('2027-03-10T09:00:00Z');
    org = await setupOrganization(ctx);
    const { invoice, portal } = await memberWithInvoice();
    received.length = 0;
    await portal('POST', `/${invoice.id}/checkout`);
    const checkoutId = received[0].form.get('metadata[checkoutId]')!;
    const stranger = await signedEvent('checkout.session.completed', {
      id: 'cs_other',
      payment_status: 'paid',
      amount_total: 2399,
      metadata: { invoiceId: invoice.id, checkoutId },
    });
    expect((await webhook(stranger.payload, stranger.header)).statusCode).toBe(200);
    const expired = await signedEvent('checkout.session.expired', { id: 'cs_test_1', amount_total: 2399, metadata: { invoiceId: invoice.id, checkoutId } });
    expect((await webhook(expired.payload, expired.header)).statusCode).toBe(200);
    expect((await portal('GET', `/${invoice.id}`)).json().invoice).toMatchObject({ status: 'issued', amountPaid: 0 });
    const row = await ctx.db.selectFrom('checkouts').select('status').where('id', '=', checkoutId).executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
  });
});
