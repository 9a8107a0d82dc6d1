// Invoices through the API with the design's numbers (8.1): tax both ways, gap-free numbers with
// a deleted draft and a void between, partial payments, credit notes on issued and paid invoices,
// subscription invoices drafted and issued by sweeps run twice, the overdue reminder, the portal's
// view, and 20 invoices issued at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSweeps } from '../../lib/sweeps.js';
import { sweepOnce } from '../../runtime.js';
import { sweeps } from '../index.js';
import { createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let ana: string;
let companyId: string;

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, headers?: Record<string, string>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

async function invite(firstName: string, email: string, extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/invitations', { firstName, lastName: 'Test', email, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().customer.id as string;
}

async function draft(lines: Record<string, unknown>[], owner: Record<string, string> = { customerId: ana }) {
  const res = await api('POST', '/invoices', { ...owner, lines });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().invoice;
}

async function issue(id: string) {
  const res = await api('POST', `/invoices/${id}/issue`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().invoice;
}

const line = (unitPrice: number, extra: Record<string, unknown> = {}) => ({ description: 'Meeting room', quantity: 1, unitPrice, ...extra });

async function jump(at: string) {
  ctx.clock.set(at);
  org.ownerCookie = await signIn(ctx, org.ownerEmail);
}

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-10T09:00:00Z');
  org = await setupOrganization(ctx);
  const settings = await api('PATCH', '', { taxRateBps: 2000, billingDetails: { legalName: 'Acme Spaces SAS', address: '1 rue de la Paix, Paris' } });
  expect(settings.statusCode, settings.body).toBe(200);
  companyId = (await api('POST', '/companies', { name: 'Globex', email: 'billing@globex.test' })).json().company.id;
  ana = await invite('Ana', 'ana@x.test');
});
afterEach(() => ctx.close());

describe('lines and tax', () => {
  it('exclusive 1999 at 20 %: tax 400, total 2399; a rate left out takes the location default', async () => {
    const inv = await draft([line(1999), line(1000, { taxRateBps: 550, quantity: 2 })]);
    expect(inv).toMatchObject({
      status: 'draft',
      number: null,
      currency: 'EUR',
      pricesIncludeTax: false,
      subtotal: 3999,
      taxTotal: 510,
      total: 4509,
      amountDue: 4509,
    });
    expect(inv.lines).toMatchObject([
      { taxRateBps: 2000, net: 1999, tax: 400, total: 2399, source: 'manual' },
      { taxRateBps: 550, quantity: 2, net: 2000, tax: 110, total: 2110 },
    ]);
    expect(inv.billTo).toMatchObject({ name: 'Ana Test', email: 'ana@x.test' });
  });

  it('inclusive 1999 at 20 %: net 1666, tax 333; a draft keeps the mode it was made with', async () => {
    await api('PATCH', '', { pricesIncludeTax: true });
    const inv = await draft([line(1999)]);
    expect(inv).toMatchObject({ pricesIncludeTax: true, subtotal: 1666, taxTotal: 333, total: 1999 });
    await api('PATCH', '', { pricesIncludeTax: false });
    const edited = await api('PATCH', `/invoices/${inv.id}`, { lines: [line(1999), line(-999)] });
    expect(edited.json().invoice).toMatchObject({ pricesIncludeTax: true, subtotal: 1666 + -833, taxTotal: 333 + -166, total: 1000 });
  });

  it('refuses a negative total at issue, and edits or deletes of anything but a draft', async () => {
    const neg = await draft([line(1000), line(-2000, { description: 'Discount' })]);
    const res = await api('POST', `/invoices/${neg.id}/issue`);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.reason).toBe('negative_total');
    const inv = await issue((await draft([line(1000)])).id);
    for (const [method, path, body] of [
      ['PATCH', `/invoices/${inv.id}`, { lines: [line(1)] }],
      ['DELETE', `/invoices/${inv.id}`, undefined],
      ['POST', `/invoices/${inv.id}/issue`, undefined],
    ] as const) {
      const r = await api(method, path, body);
      expect(r.statusCode, `${method} ${path}`).toBe(409);
      expect(r.json().error.reason).toBe('invalid_state');
    }
  });

  it('validates lines and owners', async () => {
    expect((await api('POST', '/invoices', { customerId: ana, lines: [line(100, { quantity: 0 })] })).statusCode).toBe(400);
    expect((await api('POST', '/invoices', { customerId: ana, companyId, lines: [] })).statusCode).toBe(400);
    expect((await api('POST', '/invoices', { customerId: '00000000-0000-4000-8000-000000000000', lines: [] })).statusCode).toBe(404);
    const other = await setupOrganization(ctx, 'Other', 'boss@other.test');
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${other.locationId}/invoices`,
      cookie: other.ownerCookie,
      payload: { customerId: ana, lines: [] },
    });
    expect(res.statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: url(`/invoices`), cookie: other.ownerCookie })).statusCode).toBe(404);
  });
});

describe('numbers', () => {
  it('are gap-free with a deleted draft between, a void keeps its number, and a new year restarts', async () => {
    const a = await issue((await draft([line(1000)])).id);
    const b = await draft([line(1000)]);
    expect((await api('DELETE', `/invoices/${b.id}`)).statusCode).toBe(204);
    const c = await issue((await draft([line(1000)])).id);
    expect([a.number, c.number]).toEqual(['INV-2027-0001', 'INV-2027-0002']);
    expect(a).toMatchObject({ status: 'issued', issueDate: '2027-03-10', dueDate: '2027-03-24' });
    const voided = await api('POST', `/invoices/${a.id}/void`);
    expect(voided.json().invoice).toMatchObject({ status: 'void', number: 'INV-2027-0001' });
    const d = await issue((await draft([line(1000)])).id);
    expect(d.number).toBe('INV-2027-0003');
    // 1 January 2028 in Paris is still 31 December in UTC at 23:30
    await jump('2027-12-31T23:30:00Z');
    expect((await issue((await draft([line(1000)])).id)).number).toBe('INV-2028-0001');
    await api('PATCH', '', { invoiceNumberPattern: 'F-{NNNN}' });
    expect((await issue((await draft([line(1000)])).id)).number).toBe('F-0001');
  });

  it('20 invoices issued at once get 20 consecutive numbers', async () => {
    const drafts = [];
    for (let i = 0; i < 20; i++) drafts.push(await draft([line(100 + i)]));
    const answers = await Promise.all(drafts.map((d) => api('POST', `/invoices/${d.id}/issue`)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const numbers = answers.map((r) => r.json().invoice.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-2027-${String(i + 1).padStart(4, '0')}`));
  });

  it('a zero total is paid at once', async () => {
    const inv = await issue((await draft([line(1000), line(-1000)])).id);
    expect(inv).toMatchObject({ status: 'paid', total: 0, amountDue: 0, number: 'INV-2027-0001' });
  });
});

describe('payments and credit notes', () => {
  it('a partial then a full payment, with a receipt each; a mistaken one deleted returns the invoice to issued', async () => {
    const inv = await issue((await draft([line(1999)])).id);
    const issuedMail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Invoice'));
    expect(issuedMail?.subject).toBe('Invoice INV-2027-0001 from Acme Spaces North Hall');
    expect(issuedMail?.text).toContain('Invoice INV-2027-0001 for €23.99 is ready. It is due on March 24, 2027.');
    expect(linkFrom(issuedMail!.text, '/billing/invoices/')).toBe(`http://atrium.test/billing/invoices/${inv.id}`);

    const first = await api('POST', `/invoices/${inv.id}/payments`, { amount: 1000, method: 'bank_transfer', reference: 'VIR 123' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      payment: { amount: 1000, method: 'bank_transfer', receivedOn: '2027-03-10', reference: 'VIR 123' },
      invoice: { status: 'issued', amountPaid: 1000, amountDue: 1399 },
    });
    const tooMuch = await api('POST', `/invoices/${inv.id}/payments`, { amount: 1400, method: 'cash' });
    expect([tooMuch.statusCode, tooMuch.json().error.reason]).toEqual([422, 'amount_too_large']);
    for (const bad of [
      { amount: 0, method: 'cash' },
      { amount: 10, method: 'cash', receivedOn: '2027-03-11' },
    ]) {
      const r = await api('POST', `/invoices/${inv.id}/payments`, bad);
      expect([r.statusCode, r.json().error.reason]).toEqual([422, 'invalid_amount']);
    }
    const last = await api('POST', `/invoices/${inv.id}/payments`, { amount: 1399, method: 'card_terminal', receivedOn: '2027-03-09' });
    expect(last.json().invoice).toMatchObject({ status: 'paid', amountPaid: 2399, amountDue: 0 });
    const receipts = (await ctx.mailTo('ana@x.test')).filter((m) => m.subject.startsWith('Payment received'));
    expect(receipts.map((m) => m.text.includes('paid in full'))).toEqual([true, false]);
    expect((await api('POST', `/invoices/${inv.id}/payments`, { amount: 1, method: 'cash' })).statusCode).toBe(409);

    const del = await api('DELETE', `/invoices/${inv.id}/payments/${last.json().payment.id}`);
    expect(del.statusCode).toBe(204);
    expect((await api('GET', `/invoices/${inv.id}`)).json().invoice).toMatchObject({ status: 'issued', amountPaid: 1000, amountDue: 1399, paidAt: null });
    // a payment is made: the invoice cannot be voided
    expect((await api('POST', `/invoices/${inv.id}/void`)).json().error.reason).toBe('invalid_state');
  });

  it('an Idempotency-Key records one payment; the key with another body is 409', async () => {
    const inv = await issue((await draft([line(5000)])).id);
    const key = { 'idempotency-key': 'pay-1' };
    const answers = await Promise.all(Array.from({ length: 5 }, () => api('POST', `/invoices/${inv.id}/payments`, { amount: 1000, method: 'cash' }, key)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
    expect(new Set(answers.map((r) => r.json().payment.id)).size).toBe(1);
    expect((await api('GET', `/invoices/${inv.id}`)).json().invoice.amountPaid).toBe(1000);
    const reused = await api('POST', `/invoices/${inv.id}/payments`, { amount: 2000, method: 'cash' }, key);
    expect([reused.statusCode, reused.json().error.reason]).toEqual([409, 'idempotency_key_reused']);
  });

  it('credit notes: on an issued invoice they lower what is due; on a paid one they record money owed back', async () => {
    const inv = await issue((await draft([line(1999)])).id); // total 2399, tax 400
    const cn = await api('POST', `/invoices/${inv.id}/credit-notes`, { amount: 1200, reason: 'Room closed for an hour' });
    expect(cn.statusCode, cn.body).toBe(201);
    expect(cn.json()).toMatchObject({
      creditNote: { number: 'CN-2027-0001', amount: 1200, taxAmount: 200, refund: null },
      invoice: { status: 'issued', amountCredited: 1200, amountDue: 1199 },
    });
    const over = await api('POST', `/invoices/${inv.id}/credit-notes`, { amount: 1200, reason: 'Again' });
    expect([over.statusCode, over.json().error.reason]).toEqual([422, 'amount_too_large']);
    const rest = await api('POST', `/invoices/${inv.id}/credit-notes`, { amount: 1199, reason: 'Goodwill' });
    expect(rest.json().invoice).toMatchObject({ status: 'paid', amountDue: 0, amountCredited: 2399 });

    const paid = await issue((await draft([line(1000)])).id);
    await api('POST', `/invoices/${paid.id}/payments`, { amount: 1200, method: 'cash' });
    const back = await api('POST', `/invoices/${paid.id}/credit-notes`, { amount: 500, reason: 'Overcharged' });
    expect(back.json()).toMatchObject({
      creditNote: { number: 'CN-2027-0003', refund: 'manual' },
      invoice: { status: 'paid', amountDue: 0, amountCredited: 500 },
    });
    const online = await api('POST', `/invoices/${paid.id}/credit-notes`, { amount: 100, reason: 'x', refund: 'online' });
    expect(online.json().error.reason).toBe('no_online_payment');
    const onDraft = await draft([line(1000)]);
    expect((await api('POST', `/invoices/${onDraft.id}/credit-notes`, { amount: 100, reason: 'x' })).json().error.reason).toBe('invalid_state');
  });

  it('void: issued and unpaid only, final, and the payer is told', async () => {
    const inv = await issue((await draft([line(1000)], { companyId })).id);
    const res = await api('POST', `/invoices/${inv.id}/void`);
    expect(res.json().invoice).toMatchObject({ status: 'void', total: 1200, amountDue: 0 });
    expect((await ctx.mailTo('billing@globex.test')).map((m) => m.subject)).toContain('Invoice INV-2027-0001 was canceled');
    expect((await api('POST', `/invoices/${inv.id}/void`)).statusCode).toBe(409);
    expect((await api('POST', `/invoices/${inv.id}/payments`, { amount: 1, method: 'cash' })).statusCode).toBe(409);
  });
});

describe('the list and the overdue reminder', () => {
  it('filters by status, owner and overdue; one reminder the day after the due date, whatever the sweeps', async () => {
    const a = await issue((await draft([line(1000)])).id);
    await draft([line(1000)], { companyId });
    const tabs = async (q: string) => (await api('GET', `/invoices?${q}`)).json().items.map((i: { id: string }) => i.id);
    expect(await tabs('status=issued')).toEqual([a.id]);
    expect((await tabs('status=draft')).length).toBe(1);
    expect((await tabs(`customerId=${ana}`)).length).toBe(1);
    expect(await tabs('overdue=true')).toEqual([]);
    // due 24 March: overdue from the 25th in Paris
    await jump('2027-03-24T21:00:00Z');
    await sweepOnce(ctx.deps);
    expect(await tabs('overdue=true')).toEqual([]);
    await jump('2027-03-24T23:30:00Z');
    await sweepOnce(ctx.deps);
    await sweepOnce(ctx.deps);
    expect(await tabs('overdue=true')).toEqual([a.id]);
    expect((await api('GET', `/invoices/${a.id}`)).json().invoice.overdue).toBe(true);
    const reminders = (await ctx.mailTo('ana@x.test')).filter((m) => m.subject.startsWith('Reminder: invoice'));
    expect(reminders.map((m) => m.subject)).toEqual(['Reminder: invoice INV-2027-0001 is overdue']);
  });
});

describe('subscriptions invoice themselves', () => {
  async function plan(body: Record<string, unknown> = {}) {
    const res = await api('POST', '/plans', { name: 'Hot desk', price: 30000, cycle: 'month', setupFee: 5000, credits: 20, ...body });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().plan.id as string;
  }

  it('the first period from 10 March (first of month) is issued at once with the setup fee; April is drafted 7 days ahead and issued on the 1st, once', async () => {
    const planId = await plan();
    const res = await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10', anchor: 'first_of_month', quantity: 2 });
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json().invoice;
    expect(first).toMatchObject({ status: 'issued', number: 'INV-2027-0001', subtotal: 2 * 21290 + 2 * 5000, taxTotal: 2 * 4258 + 2 * 1000 });
    expect(first.lines).toMatchObject([
      { quantity: 2, unitPrice: 21290, source: 'subscription', periodStart: '2027-03-10', periodEnd: '2027-03-31' },
      { quantity: 2, unitPrice: 5000, source: 'setup_fee', description: 'Setup fee: Hot desk' },
    ]);
    expect(first.lines[0].description).toBe('Hot desk (March 10, 2027 to March 31, 2027)');
    const subId = res.json().subscription.id;
    const ofSub = async () =>
      (await api('GET', `/invoices?customerId=${ana}`)).json().items as { status: string; number: string | null; lines: { periodStart: string }[] }[];

    await jump('2027-03-24T12:00:00Z'); // 8 days before: nothing yet
    await sweepOnce(ctx.deps);
    expect((await ofSub()).length).toBe(1);
    await jump('2027-03-25T12:00:00Z'); // 7 days before April 1
    await sweepOnce(ctx.deps);
    await sweepOnce(ctx.deps);
    const drafted = await ofSub();
    expect(drafted.map((i) => [i.status, i.lines[0].periodStart])).toEqual([
      ['draft', '2027-04-01'],
      ['issued', '2027-03-10'],
    ]);
    // a quantity change applies to periods not yet drafted: April stays at 2
    await api('PATCH', `/subscriptions/${subId}`, { quantity: 3 });
    // two servers sweeping at once, then another sweep: one invoice, one number
    await jump('2027-04-01T08:00:00Z');
    const now = ctx.deps.clock.now();
    await Promise.all([runSweeps(ctx.deps.db, ctx.deps.dbKind, sweeps(ctx.deps), now), runSweeps(ctx.deps.db, ctx.deps.dbKind, sweeps(ctx.deps), now)]);
    await sweepOnce(ctx.deps);
    const april = (await ofSub())[0];
    expect(april).toMatchObject({ status: 'issued', number: 'INV-2027-0002', subtotal: 60000, lines: [{ quantity: 2, unitPrice: 30000 }] });
    expect((await ofSub()).length).toBe(2);
  });

  it('an end date set before the draft prorates the last period; a cancel deletes drafts and counts them in the preview', async () => {
    const planId = await plan({ setupFee: 0 });
    const sub = (await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10' })).json().subscription;
    // periods 10 Mar – 9 Apr, 10 Apr – 9 May; ends 19 April: 10 of 30 days
    await api('PATCH', `/subscriptions/${sub.id}`, { endDate: '2027-04-19' });
    await jump('2027-04-03T12:00:00Z');
    await sweepOnce(ctx.deps);
    const [last] = (await api('GET', `/invoices?customerId=${ana}&status=draft`)).json().items;
    expect(last.lines[0]).toMatchObject({ unitPrice: 10000, periodStart: '2027-04-10', periodEnd: '2027-04-19' });
    const preview = await api('GET', `/subscriptions/${sub.id}/offboarding`);
    expect(preview.json().draftInvoicesDeleted).toBe(1);
    expect((await api('POST', `/subscriptions/${sub.id}/cancel`)).statusCode).toBe(200);
    expect((await api('GET', `/invoices?customerId=${ana}&status=draft`)).json().items).toEqual([]);
    expect((await api('GET', `/invoices?customerId=${ana}&status=issued`)).json().items.length).toBe(1);
  });

  it('a free plan sends no invoices', async () => {
    const planId = await plan({ price: 0, setupFee: 0 });
    const res = await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10' });
    expect(res.json().invoice).toBeNull();
    await jump('2027-04-10T08:00:00Z');
    await sweepOnce(ctx.deps);
    expect((await api('GET', '/invoices')).json().items).toEqual([]);
  });
});

describe('the portal', () => {
  it('a member sees their issued invoices and, as a manager, the company’s; never drafts or others’', async () => {
    const managerInvite = await api('POST', '/invitations', { firstName: 'Mia', email: 'mia@globex.test', companyId, companyManager: true });
    expect(managerInvite.statusCode, managerInvite.body).toBe(201);
    await api('POST', '/invitations', { firstName: 'Tom', email: 'tom@globex.test', companyId });
    const mine = await issue((await draft([line(1000)])).id);
    await draft([line(1000)]);
    const company = await issue((await draft([line(3000)], { companyId })).id);
    const cookieOf = async (email: string) => {
      const token = linkFrom((await ctx.mailTo(email)).at(-1)!.text).split('/activate/')[1];
      return sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
    };
    const portal = (cookie: string, path = '') => ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${org.locationId}/invoices${path}`, cookie });
    const anaCookie = await cookieOf('ana@x.test');
    expect((await portal(anaCookie)).json().items.map((i: { id: string }) => i.id)).toEqual([mine.id]);
    expect((await portal(anaCookie, `/${company.id}`)).statusCode).toBe(404);
    const mia = await cookieOf('mia@globex.test');
    expect((await portal(mia)).json().items.map((i: { id: string }) => i.id)).toEqual([company.id]);
    expect((await portal(mia, `/${company.id}`)).json().invoice).toMatchObject({ number: 'INV-2027-0002', total: 3600 });
    const pdf = await portal(mia, `/${company.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="INV-2027-0002.pdf"');
    const tom = await cookieOf('tom@globex.test');
    expect((await portal(tom)).json().items).toEqual([]);
    expect((await portal(tom, `/${company.id}`)).statusCode).toBe(404);
    expect((await portal(tom, `/${company.id}/pdf`)).statusCode).toBe(404);
  });
});
