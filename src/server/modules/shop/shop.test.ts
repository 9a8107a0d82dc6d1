// The shop through the API: products (a credit package has no credit price), orders paid with
// credits, by invoice or by card, stock and numbers under 20 parallel requests, the board's
// transitions, an administrator's cancel that puts the stock back and refunds in one step, credit
// packages granted once, the Idempotency-Key replay, the hold sweep and the purchase history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../runtime.js';
import {
  activeMember,
  codeFrom,
  createTestContext,
  VISIBILITY_LEVELS,
  visibilityCallers,
  sessionCookie,
  setupOrganization,
  type Org,
  type TestContext,
} from '../../testing/harness.js';
import { purchasesOf } from './service.js';

let ctx: TestContext;
let org: Org;
let ana: { cookie: string; customerId: string };

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });
const portal = (cookie: string, method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>, headers?: Record<string, string>) =>
  ctx.request({ method, url: `/api/v1/portal/locations/${org.locationId}${path}`, cookie, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

const member = (firstName: string, email: string) => activeMember(ctx, org, org.locationId, firstName, email);

async function product(body: Record<string, unknown>) {
  const res = await admin('POST', '/products', { name: 'Coffee', price: 250, creditPrice: 1, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().product as { id: string; stock: number | null };
}

const credits = async (customerId: string) => (await admin('GET', `/balances?customerId=${customerId}`)).json().credits as number;
const stockOf = async (id: string) => (await admin('GET', `/products/${id}`)).json().product.stock as number | null;

async function setup(config?: Parameters<typeof createTestContext>[0]) {
  ctx = await createTestContext(config);
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
  ana = await member('Ana', 'ana@x.test');
  await admin('POST', '/ledger/adjustments', { customerId: ana.customerId, unit: 'credit', amount: 100, memo: 'Welcome' });
}

beforeEach(() => setup());
afterEach(() => ctx.close());

describe('products', () => {
  it('a credit package with a credit price is 422 invalid_payment_method, at creation and by an edit', async () => {
    const bad = await admin('POST', '/products', { name: 'Coffee card', price: 4000, creditPrice: 10, grants: { credits: 10 } });
    expect([bad.statusCode, bad.json().error.reason]).toEqual([422, 'invalid_payment_method']);
    const pack = await product({ name: 'Coffee card', price: 4000, creditPrice: null, grants: { credits: 10, validDays: 90 } });
    expect((await admin('GET', `/products/${pack.id}`)).json().product).toMatchObject({
      grants: { credits: 10, dayPasses: 0, validDays: 90 },
      creditPrice: null,
      currency: 'EUR',
      visibility: 'location_members',
      active: true,
    });
    const edit = await admin('PATCH', `/products/${pack.id}`, { creditPrice: 5 });
    expect([edit.statusCode, edit.json().error.reason]).toEqual([422, 'invalid_payment_method']);
    expect((await admin('POST', '/products', { name: 'Empty', grants: { credits: 0, dayPasses: 0 } })).statusCode).toBe(400);
    expect((await admin('PATCH', `/products/${pack.id}`, { stock: -1 })).statusCode).toBe(400);
  });

  it('the portal lists the active products the caller may see; a hidden or inactive one is 404 to order', async () => {
    await product({ name: 'Apple' });
    const hidden = await product({ name: 'Staff mug', visibility: 'administrators' });
    const off = await product({ name: 'Old shirt', active: false });
    await product({ name: 'Zine', visibility: 'public' });
    const names = (await portal(ana.cookie, 'GET', '/products')).json().items.map((p: { name: string }) => p.name);
    expect(names).toEqual(['Apple', 'Zine']);
    for (const p of [hidden, off]) {
      const res = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: p.id, quantity: 1 }], paymentMethod: 'credits' });
      expect(res.statusCode).toBe(404);
    }
    // a person of another organization sees only what is public
    const other = await setupOrganization(ctx, 'Elsewhere', 'boss@else.test');
    const theirs = (await ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${org.locationId}/products`, cookie: other.ownerCookie })).json();
    expect(theirs.items.map((p: { name: string }) => p.name)).toEqual(['Zine']);
    expect((await admin('GET', '/products?active=false')).json().items.map((p: { name: string }) => p.name)).toEqual(['Old shirt']);
  });
});

describe('visibility', () => {
  it('a visitor, a member of another location, a member and an administrator see the products their level allows; the rest is 404 to order', async () => {
    const levels = VISIBILITY_LEVELS;
    const ids: Record<string, string> = {};
    for (const v of levels) ids[v] = (await product({ name: v, visibility: v, price: null, creditPrice: null })).id;
    const sees = await visibilityCallers(ctx, org, ana.cookie);
    for (const [who, cookie, visible] of sees) {
      const list = (await portal(cookie, 'GET', '/products')).json().items.map((p: { name: string }) => p.name);
      expect(list.sort(), who).toEqual([...visible].sort());
      for (const v of levels) {
        const res = await portal(cookie, 'POST', '/orders', { lines: [{ productId: ids[v], quantity: 1 }], paymentMethod: 'free' });
        if (visible.includes(v)) expect(res.statusCode, `${who} orders ${v}: ${res.body}`).toBe(201);
        else {
          expect(res.statusCode, `${who} orders ${v}`).toBe(404);
          expect(res.body).not.toContain(v);
        }
      }
    }
    // not signed in: the portal asks who is there
    expect((await ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${org.locationId}/products` })).statusCode).toBe(401);
  });
});

describe('orders', () => {
  it('paid with credits: spent once, a number, stock taken, a confirmation; credits_not_accepted and members_only', async () => {
    const coffee = await product({ creditPrice: 2, stock: 10 });
    const shirt = await product({ name: 'T-shirt', price: 1500, creditPrice: null });
    const res = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: coffee.id, quantity: 3 }], paymentMethod: 'credits' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      checkoutUrl: null,
      order: { number: 1, status: 'new', paymentMethod: 'credits', total: 0, credits: 6, payer: 'personal', lines: [{ name: 'Coffee', quantity: 3 }] },
    });
    expect(await credits(ana.customerId)).toBe(94);
    expect(await stockOf(coffee.id)).toBe(7);
    const mail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Order #1'))!;
    expect(mail.subject).toBe('Order #1 at Acme Spaces North Hall');
    expect(mail.text).toContain('Coffee × 3');
    expect(mail.text).toContain('Paid with 6 credits.');

    const mixed = await portal(ana.cookie, 'POST', '/orders', {
      lines: [
        { productId: coffee.id, quantity: 1 },
        { productId: shirt.id, quantity: 1 },
      ],
      paymentMethod: 'credits',
    });
    expect([mixed.statusCode, mixed.json().error.reason]).toEqual([422, 'credits_not_accepted']);
    const card = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: shirt.id, quantity: 1 }], paymentMethod: 'card' });
    expect([card.statusCode, card.json().error.reason]).toEqual([422, 'payment_method_not_offered']);
    const poor = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: coffee.id, quantity: 7 }], paymentMethod: 'credits' });
    expect(poor.statusCode).toBe(201);
    const broke = await product({ name: 'Gold bar', creditPrice: 1000 });
    const none = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: broke.id, quantity: 1 }], paymentMethod: 'credits' });
    expect([none.statusCode, none.json().error.reason]).toEqual([422, 'insufficient_balance']);
    expect(await stockOf(coffee.id)).toBe(0);

    // someone without a record here may see a public product but pays neither with credits nor by invoice
    const zine = await product({ name: 'Zine', visibility: 'public', price: 500 });
    const other = await setupOrganization(ctx, 'Elsewhere', 'boss@else.test');
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${other.locationId}/invitations`,
      cookie: other.ownerCookie,
      payload: { firstName: 'Sol', email: 'sol@x.test' },
    });
    await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'sol@x.test' } });
    const code = codeFrom((await ctx.mailTo('sol@x.test')).find((m) => /code/i.test(m.subject))!.text);
    const sol = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'sol@x.test', code } }));
    const inv = await portal(sol, 'POST', '/orders', { lines: [{ productId: zine.id, quantity: 1 }], paymentMethod: 'invoice' });
    expect([inv.statusCode, inv.json().error.reason]).toEqual([422, 'members_only']);
    expect((await portal(sol, 'GET', '/orders')).statusCode).toBe(404);
    // numbers: 1 and 2 taken; the refused requests took none
    expect((await admin('GET', '/orders')).json().items.map((o: { number: number }) => o.number)).toEqual([2, 1]);
  });

  it('20 parallel orders for the last 5 items: exactly 5 succeed, 15 are 409 out_of_stock, stock never below zero', async () => {
    const locker = await product({ name: 'Locker', creditPrice: 1, stock: 5 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: locker.id, quantity: 1 }], paymentMethod: 'credits' })),
    );
    expect(answers.filter((r) => r.statusCode === 201).length).toBe(5);
    expect(answers.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.json().error.reason}`)).toEqual(Array(15).fill('409 out_of_stock'));
    expect(await stockOf(locker.id)).toBe(0);
    expect(await credits(ana.customerId)).toBe(95);
    const numbers = answers.filter((r) => r.statusCode === 201).map((r) => r.json().order.number as number);
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
  });

  it('numbers are gap-free per location under 20 parallel orders by several people, refusals included', async () => {
    const ben = await member('Ben', 'ben@x.test');
    await admin('POST', '/ledger/adjustments', { customerId: ben.customerId, unit: 'credit', amount: 5, memo: 'Trial' });
    const mug = await product({ name: 'Mug', creditPrice: 1 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        portal(i % 2 ? ana.cookie : ben.cookie, 'POST', '/orders', { lines: [{ productId: mug.id, quantity: 1 }], paymentMethod: 'credits' }),
      ),
    );
    const placed = answers.filter((r) => r.statusCode === 201);
    // Ben has 5 credits for his 10 attempts
    expect(placed.length).toBe(15);
    expect(placed.map((r) => r.json().order.number as number).sort((a, b) => a - b)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    // another location counts from 1
    const south = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
    });
    const southId = south.json().location.id;
    const free = await ctx.request({ method: 'POST', url: `/api/v1/locations/${southId}/products`, cookie: org.ownerCookie, payload: { name: 'Sticker' } });
    const o = await ctx.request({
      method: 'POST',
      url: `/api/v1/portal/locations/${southId}/orders`,
      cookie: org.ownerCookie,
      payload: { lines: [{ productId: free.json().product.id, quantity: 2 }], paymentMethod: 'free' },
    });
    expect(o.statusCode, o.body).toBe(201);
    expect(o.json().order).toMatchObject({ number: 1, total: 0, paymentMethod: 'free' });
  });

  it('an Idempotency-Key replays the first order and changes nothing; with another body it is 409 idempotency_key_reused', async () => {
    const coffee = await product({ creditPrice: 3, stock: 10 });
    const body = { lines: [{ productId: coffee.id, quantity: 2 }], paymentMethod: 'credits' };
    const key = { 'idempotency-key': 'cart-1' };
    const answers = await Promise.all([1, 2, 3].map(() => portal(ana.cookie, 'POST', '/orders', body, key)));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((r) => r.json().order.id)).size).toBe(1);
    expect(answers[0].json().order.number).toBe(1);
    expect(await credits(ana.customerId)).toBe(94);
    expect(await stockOf(coffee.id)).toBe(8);
    const reused = await portal(ana.cookie, 'POST', '/orders', { ...body, lines: [{ productId: coffee.id, quantity: 1 }] }, key);
    expect([reused.statusCode, reused.json().error.reason]).toEqual([409, 'idempotency_key_reused']);
  });
});

describe('the board', () => {
  it('new → in progress → completed; any other move is 409 invalid_transition', async () => {
    const coffee = await product({});
    const order = (await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: coffee.id, quantity: 1 }], paymentMethod: 'credits' })).json().order;
    const move = (status: string) => admin('PATCH', `/orders/${order.id}`, { status });
    expect([(await move('completed')).statusCode, (await move('completed')).json().error.reason]).toEqual([409, 'invalid_transition']);
    expect((await move('new')).json().error.reason).toBe('invalid_transition');
    expect((await move('in_progress')).json().order.status).toBe('in_progress');
    expect((await move('new')).json().error.reason).toBe('invalid_transition');
    expect((await move('completed')).json().order.status).toBe('completed');
    expect((await move('canceled')).json().error.reason).toBe('invalid_transition');
    expect((await admin('GET', '/orders?status=completed')).json().items.map((o: { id: string }) => o.id)).toEqual([order.id]);
    expect((await admin('GET', '/orders?status=new')).json().items).toEqual([]);
  });

  it('cancel puts the stock back and refunds: credits into their lots; refund false keeps the payment', async () => {
    const coffee = await product({ creditPrice: 4, stock: 3 });
    const order = (await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: coffee.id, quantity: 2 }], paymentMethod: 'credits' })).json().order;
    await admin('PATCH', `/orders/${order.id}`, { status: 'in_progress' });
    const res = await admin('PATCH', `/orders/${order.id}`, { status: 'canceled' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      order: { status: 'canceled', refunded: { credits: 8, amount: 0 } },
      refunded: { credits: 8, dayPasses: 0, amount: 0, expiredNotReturned: 0 },
    });
    expect(await credits(ana.customerId)).toBe(100);
    expect(await stockOf(coffee.id)).toBe(3);
    const mail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject === 'Order #1 canceled')!;
    expect(mail.text).toContain('Refunded: 8 credits.');
    expect((await admin('PATCH', `/orders/${order.id}`, { status: 'canceled' })).json().error.reason).toBe('invalid_transition');

    const kept = (await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: coffee.id, quantity: 1 }], paymentMethod: 'credits' })).json().order;
    const noRefund = await admin('PATCH', `/orders/${kept.id}`, { status: 'canceled', refund: false });
    expect(noRefund.json()).toMatchObject({ order: { status: 'canceled', refunded: null }, refunded: null });
    expect(await credits(ana.customerId)).toBe(96);
    expect(await stockOf(coffee.id)).toBe(3);
    expect((await ctx.mailTo('ana@x.test')).find((m) => m.subject === 'Order #2 canceled')!.text).toContain('Nothing was refunded.');
  });

  it('by invoice: one line per product with its tax rate; cancel voids it when unpaid, credits it when paid', async () => {
    const shirt = await product({ name: 'T-shirt', price: 1500, creditPrice: null, taxRateBps: 2000 });
    const mug = await product({ name: 'Mug', price: 800, creditPrice: null, taxRateBps: 550 });
    const body = {
      lines: [
        { productId: shirt.id, quantity: 2 },
        { productId: mug.id, quantity: 1 },
      ],
      paymentMethod: 'invoice',
    };
    const first = (await portal(ana.cookie, 'POST', '/orders', body)).json().order;
    const invoice = (await admin('GET', `/invoices/${first.invoiceId}`)).json().invoice;
    // 2 × 15.00 at 20 % = 36.00; 8.00 at 5.5 % = 8.44
    expect(invoice).toMatchObject({
      status: 'issued',
      total: 4444,
      lines: [
        { description: 'T-shirt', quantity: 2, unitPrice: 1500, taxRateBps: 2000, source: 'order' },
        { description: 'Mug', quantity: 1, unitPrice: 800, taxRateBps: 550, source: 'order' },
      ],
    });
    expect(first).toMatchObject({ total: 4444, credits: 0, paymentMethod: 'invoice' });
    const voided = await admin('PATCH', `/orders/${first.id}`, { status: 'canceled' });
    expect(voided.json().refunded).toMatchObject({ amount: 4444 });
    expect((await admin('GET', `/invoices/${first.invoiceId}`)).json().invoice.status).toBe('void');

    const second = (await portal(ana.cookie, 'POST', '/orders', body)).json().order;
    expect((await admin('POST', `/invoices/${second.invoiceId}/payments`, { amount: 4444, method: 'bank_transfer' })).statusCode).toBe(201);
    const credited = await admin('PATCH', `/orders/${second.id}`, { status: 'canceled' });
    expect(credited.json().refunded).toMatchObject({ amount: 4444 });
    const paid = (await admin('GET', `/invoices/${second.invoiceId}`)).json().invoice;
    expect(paid).toMatchObject({ status: 'paid', amountCredited: 4444, creditNotes: [{ amount: 4444 }] });
  });

  it('a credit package by invoice grants at once and once; canceled with a refund, what is left of it is withdrawn', async () => {
    const pack = await product({ name: 'Coffee card', price: 4000, creditPrice: null, grants: { credits: 10, dayPasses: 1, validDays: 30 } });
    const order = (await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: pack.id, quantity: 2 }], paymentMethod: 'invoice' })).json().order;
    const balances = (await admin('GET', `/balances?customerId=${ana.customerId}`)).json();
    expect([balances.credits, balances.dayPasses]).toEqual([120, 2]);
    const mail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Order #1'))!;
    expect(mail.text).toContain('Added to your balance: 20 credits, 2 day passes.');
    // the invoice being paid adds nothing more
    await admin('POST', `/invoices/${order.invoiceId}/payments`, { amount: order.total, method: 'cash' });
    expect(await credits(ana.customerId)).toBe(120);
    // lots valid 30 days: gone on 21 April (local midnight)
    const lots = await ctx.db.selectFrom('ledger_lots').select(['expires_at', 'source_type']).where('source_id', '=', order.id).execute();
    expect(lots.map((l) => l.expires_at)).toEqual(['2027-04-20T22:00:00.000Z', '2027-04-20T22:00:00.000Z']);
    await admin('PATCH', `/orders/${order.id}`, { status: 'canceled' });
    const after = (await admin('GET', `/balances?customerId=${ana.customerId}`)).json();
    expect([after.credits, after.dayPasses]).toEqual([100, 0]);
  });
});

describe('card orders', () => {
  beforeEach(async () => {
    await ctx.close();
    await setup({ config: { payments: { stripe: null, dev: true } } });
  });

  it('wait for the payment: paid, they become new and a package is granted once; unpaid after 35 minutes, released with their stock', async () => {
    const pack = await product({ name: 'Coffee card', price: 4000, creditPrice: null, stock: 1, grants: { credits: 10 } });
    const res = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: pack.id, quantity: 1 }], paymentMethod: 'card' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().order).toMatchObject({ status: 'pending_payment', total: 4000 });
    expect(await credits(ana.customerId)).toBe(100);
    const checkoutId = res.json().checkoutUrl.split('/').at(-1);
    await ctx.request({ method: 'POST', url: `/api/v1/dev/checkout/${checkoutId}/complete`, cookie: ana.cookie, payload: { outcome: 'paid' } });
    const mine = (await portal(ana.cookie, 'GET', '/orders')).json().items;
    expect(mine).toMatchObject([{ id: res.json().order.id, status: 'new' }]);
    expect(await credits(ana.customerId)).toBe(110);
    expect((await ctx.mailTo('ana@x.test')).filter((m) => m.subject.startsWith('Order #1')).length).toBe(1);

    await admin('PATCH', `/products/${pack.id}`, { stock: 1 });
    const unpaid = (await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: pack.id, quantity: 1 }], paymentMethod: 'card' })).json().order;
    expect(await stockOf(pack.id)).toBe(0);
    ctx.clock.set('2027-03-22T08:34:00Z');
    await sweepOnce(ctx.deps);
    expect((await portal(ana.cookie, 'GET', '/orders')).json().items[0].status).toBe('pending_payment');
    ctx.clock.set('2027-03-22T08:36:00Z');
    await sweepOnce(ctx.deps);
    expect((await portal(ana.cookie, 'GET', '/orders')).json().items[0]).toMatchObject({ id: unpaid.id, status: 'canceled' });
    expect((await admin('GET', `/invoices/${unpaid.invoiceId}`)).json().invoice.status).toBe('void');
    expect(await stockOf(pack.id)).toBe(1);
    expect(await credits(ana.customerId)).toBe(110);
  });
});

describe('purchase history', () => {
  it('purchasesOf: the customer’s orders or the company’s, newest first, after the cursor', async () => {
    const coffee = await product({ creditPrice: 1 });
    const ids: string[] = [];
    for (let i = 1; i <= 3; i++) {
      ctx.clock.set(`2027-03-22T${String(8 + i).padStart(2, '0')}:00:00Z`);
      ids.push((await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: coffee.id, quantity: i }], paymentMethod: 'credits' })).json().order.id);
    }
    const s = { organizationId: org.organizationId, locationId: org.locationId };
    const all = await purchasesOf(ctx.db, s, { customerId: ana.customerId }, null, 10);
    expect(all.map((p) => p.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(all[0]).toEqual({
      kind: 'order',
      id: ids[2],
      title: 'Coffee × 3',
      at: expect.stringMatching(/^2027-03-22T11:00:00/),
      status: 'new',
      price: 0,
      credits: 3,
      dayPasses: 0,
      payer: 'personal',
    });
    const next = await purchasesOf(ctx.db, s, { customerId: ana.customerId }, { at: all[0].at, id: all[0].id }, 1);
    expect(next.map((p) => p.id)).toEqual([ids[1]]);
    expect(await purchasesOf(ctx.db, s, { companyId: ana.customerId }, null, 10)).toEqual([]);
  });

  it('a manager pays with the company’s credits: the company’s balance, payer company, in the company’s history', async () => {
    const company = (await admin('POST', '/companies', { name: 'Blue Fern' })).json().company;
    expect((await admin('POST', `/companies/${company.id}/people`, { customerId: ana.customerId, manager: true })).statusCode).toBeLessThan(300);
    await admin('POST', '/ledger/adjustments', { companyId: company.id, unit: 'credit', amount: 20, memo: 'Team credits' });
    const coffee = await product({ creditPrice: 5 });
    const res = await portal(ana.cookie, 'POST', '/orders', { lines: [{ productId: coffee.id, quantity: 2 }], paymentMethod: 'credits', payer: 'company' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().order).toMatchObject({ payer: 'company', companyId: company.id, credits: 10 });
    expect((await admin('GET', `/balances?companyId=${company.id}`)).json().credits).toBe(10);
    expect(await credits(ana.customerId)).toBe(100);
    const s = { organizationId: org.organizationId, locationId: org.locationId };
    expect((await purchasesOf(ctx.db, s, { companyId: company.id }, null, 10)).map((p) => [p.id, p.payer])).toEqual([[res.json().order.id, 'company']]);
    // canceled with a refund, the credits go back to the company
    await admin('PATCH', `/orders/${res.json().order.id}`, { status: 'canceled' });
    expect((await admin('GET', `/balances?companyId=${company.id}`)).json().credits).toBe(20);
  });
});
