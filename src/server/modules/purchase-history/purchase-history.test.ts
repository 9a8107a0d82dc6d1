// The purchase history through the API (design 10.1, issue 13 item 6): one customer's bookings, event tickets, shop
// orders and benefit applications, bought at different times, some paid by the person and some by their company,
// read back on the customer's profile and on the company's page: newest first across the four kinds, each line with
// its payer, its money price (0 for credits) and its credits; the same order page by page; another person's purchases
// appear on neither.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeMember, createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });
const portal = (cookie: string, path: string, payload: Record<string, unknown>) =>
  ctx.request({ method: 'POST', url: `/api/v1/portal/locations/${org.locationId}${path}`, cookie, payload });

const member = (firstName: string, email: string) => activeMember(ctx, org, org.locationId, firstName, email);

async function created<T>(res: { statusCode: number; body: string; json: () => Record<string, T> }, key: string): Promise<T> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json()[key];
}

type Line = { kind: string; id: string; title: string; at: string; status: string; price: number; credits: number; dayPasses: number; payer: string };

async function history(path: string, limit?: number, kind?: string): Promise<Line[]> {
  const out: Line[] = [];
  let cursor: string | null = null;
  do {
    const query = [kind ? `kind=${kind}` : '', limit ? `limit=${limit}` : '', cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&');
    const res = await admin('GET', `${path}${query ? `?${query}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Line[]; nextCursor: string | null };
    if (limit) expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('purchase history', () => {
  it('a profile and a company page list bookings, tickets, orders and applications newest first, with payer and price', async () => {
    const ana = await member('Ana', 'ana@x.test');
    const ben = await member('Ben', 'ben@x.test');
    const company = (await admin('POST', '/companies', { name: 'Blue Fern' })).json().company as { id: string };
    expect((await admin('POST', `/companies/${company.id}/people`, { customerId: ana.customerId, manager: true })).statusCode).toBeLessThan(300);
    await admin('POST', '/ledger/adjustments', { customerId: ana.customerId, unit: 'credit', amount: 20, memo: 'Welcome' });
    await admin('POST', '/ledger/adjustments', { companyId: company.id, unit: 'credit', amount: 20, memo: 'Team credits' });
    await admin('POST', '/ledger/adjustments', { customerId: ben.customerId, unit: 'credit', amount: 20, memo: 'Welcome' });
    const room = await created<{ id: string }>(
      await admin('POST', '/resources', { type: 'meeting_room', name: 'Room A', pricePerHour: 2000, creditsPerHour: 2 }),
      'resource',
    );
    const talk = await created<{ id: string }>(
      await admin('POST', '/events', {
        title: 'Demo night',
        startsAt: '2027-04-01T18:00:00Z',
        endsAt: '2027-04-01T20:00:00Z',
        price: 1500,
        creditPrice: 3,
      }),
      'event',
    );
    const lunch = await created<{ id: string }>(
      await admin('POST', '/events', { title: 'Lunch talk', startsAt: '2027-04-02T11:00:00Z', endsAt: '2027-04-02T12:00:00Z', price: 900, creditPrice: 1 }),
      'event',
    );
    const coffee = await created<{ id: string }>(await admin('POST', '/products', { name: 'Coffee', price: 250, creditPrice: 1 }), 'product');
    const shirt = await created<{ id: string }>(await admin('POST', '/products', { name: 'T-shirt', price: 1500 }), 'product');
    const perk = await created<{ id: string }>(await admin('POST', '/benefits', { title: 'Gym pass' }), 'benefit');

    // one purchase an hour, in an order that mixes the kinds and the payers
    const at = (hour: number) => {
      ctx.clock.set(`2027-03-22T${String(hour).padStart(2, '0')}:00:00Z`);
      // the test clock moves a few milliseconds with each read
      return expect.stringMatching(new RegExp(`^2027-03-22T${String(hour).padStart(2, '0')}:00:00\\.`));
    };
    const t1 = at(9);
    const booking = await created<{ id: string }>(
      await admin('POST', '/bookings', {
        customerId: ana.customerId,
        resourceId: room.id,
        startsAt: '2027-03-29T09:00:00Z',
        endsAt: '2027-03-29T10:00:00Z',
        paymentMethod: 'credits',
        payer: 'company',
      }),
      'booking',
    );
    const t2 = at(10);
    const ticket = await created<{ id: string }>(await portal(ana.cookie, `/events/${talk.id}/tickets`, { paymentMethod: 'invoice' }), 'ticket');
    at(11);
    // Ben's order: on neither Ana's history nor the company's
    await created(await portal(ben.cookie, '/orders', { lines: [{ productId: coffee.id, quantity: 1 }], paymentMethod: 'credits' }), 'order');
    const t3 = at(12);
    const order = await created<{ id: string }>(
      await portal(ana.cookie, '/orders', { lines: [{ productId: coffee.id, quantity: 4 }], paymentMethod: 'credits', payer: 'company' }),
      'order',
    );
    const t4 = at(13);
    const application = await created<{ id: string }>(await portal(ana.cookie, `/benefits/${perk.id}/applications`, { message: 'Hi' }), 'application');
    const t5 = at(14);
    const companyTicket = await created<{ id: string }>(
      await portal(ana.cookie, `/events/${lunch.id}/tickets`, { paymentMethod: 'credits', payer: 'company' }),
      'ticket',
    );
    const t6 = at(15);
    const shirtOrder = await created<{ id: string }>(
      await portal(ana.cookie, '/orders', { lines: [{ productId: shirt.id, quantity: 2 }], paymentMethod: 'invoice' }),
      'order',
    );
    const t7 = at(16);
    const personalBooking = await created<{ id: string }>(
      await admin('POST', '/bookings', {
        customerId: ana.customerId,
        resourceId: room.id,
        startsAt: '2027-03-30T09:00:00Z',
        endsAt: '2027-03-30T11:00:00Z',
        paymentMethod: 'invoice',
      }),
      'booking',
    );
    // a canceled order stays in the history with its status
    expect((await admin('PATCH', `/orders/${shirtOrder.id}`, { status: 'canceled' })).statusCode).toBe(200);

    const profile = [
      { kind: 'booking', id: personalBooking.id, at: t7, status: 'confirmed', price: 4000, credits: 0, payer: 'personal' },
      { kind: 'order', id: shirtOrder.id, at: t6, status: 'canceled', price: 3000, credits: 0, payer: 'personal', title: 'T-shirt × 2' },
      { kind: 'ticket', id: companyTicket.id, at: t5, status: 'confirmed', price: 0, credits: 1, payer: 'company', title: 'Lunch talk' },
      { kind: 'benefit_application', id: application.id, at: t4, status: 'new', price: 0, credits: 0, payer: 'personal', title: '#1 Gym pass' },
      { kind: 'order', id: order.id, at: t3, status: 'new', price: 0, credits: 4, payer: 'company', title: 'Coffee × 4' },
      { kind: 'ticket', id: ticket.id, at: t2, status: 'confirmed', price: 1500, credits: 0, payer: 'personal', title: 'Demo night' },
      { kind: 'booking', id: booking.id, at: t1, status: 'confirmed', price: 0, credits: 2, payer: 'company' },
    ];
    const mine = await history(`/customers/${ana.customerId}/purchases`);
    expect(mine).toHaveLength(profile.length);
    for (const [i, line] of mine.entries()) expect(line, `line ${i}`).toMatchObject({ dayPasses: 0, ...profile[i] });
    expect(mine[0].title).toContain('Room A');
    // page by page, the same lines in the same order
    for (const limit of [1, 2, 3]) expect((await history(`/customers/${ana.customerId}/purchases`, limit)).map((l) => l.id)).toEqual(profile.map((l) => l.id));

    // the company's page: what the company paid for, newest first; an application is never the company's
    const paid = profile.filter((l) => l.payer === 'company');
    expect(paid.map((l) => l.kind)).toEqual(['ticket', 'order', 'booking']);
    for (const limit of [undefined, 1, 2]) {
      const lines = await history(`/companies/${company.id}/purchases`, limit);
      expect(lines.map((l) => [l.kind, l.id, l.payer, l.price, l.credits])).toEqual(paid.map((l) => [l.kind, l.id, 'company', l.price, l.credits]));
    }
    // one kind at a time
    const kinds = async (path: string, kind: string) => (await history(path, 1, kind)).map((l) => l.id);
    expect(await kinds(`/customers/${ana.customerId}/purchases`, 'order')).toEqual([shirtOrder.id, order.id]);
    expect(await kinds(`/customers/${ana.customerId}/purchases`, 'ticket')).toEqual([companyTicket.id, ticket.id]);
    expect(await kinds(`/companies/${company.id}/purchases`, 'benefit_application')).toEqual([]);
    // Ben's history holds his order only
    expect((await history(`/customers/${ben.customerId}/purchases`)).map((l) => [l.kind, l.credits, l.payer])).toEqual([['order', 1, 'personal']]);
  });
});
