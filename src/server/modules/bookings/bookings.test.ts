// Resources and bookings through the API: every check in its order with its reason, credits spent
// once whatever the Idempotency-Key repeats, no double booking under 20 parallel requests, seats of
// a hot-desk zone, a stranger who books becomes a nonmember, an invoice for money, the day grid
// across Berlin's spring-forward day, and a location in New York.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../runtime.js';
import { activeMember, codeFrom, createTestContext, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let ana: { cookie: string; customerId: string };

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });
const portal = (cookie: string, method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>, headers?: Record<string, string>) =>
  ctx.request({ method, url: `/api/v1/portal/locations/${org.locationId}${path}`, cookie, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

const member = (firstName: string, email: string) => activeMember(ctx, org, org.locationId, firstName, email);

async function resource(body: Record<string, unknown>) {
  const res = await admin('POST', '/resources', { type: 'meeting_room', name: 'Room A', creditsPerHour: 4, pricePerHour: 3000, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().resource as { id: string };
}

// Tuesday 23 March 2027, 10:00–11:00 in Paris
const slot = { startsAt: '2027-03-23T09:00:00Z', endsAt: '2027-03-23T10:00:00Z' };

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
  ana = await member('Ana', 'ana@x.test');
  await admin('POST', '/ledger/adjustments', { customerId: ana.customerId, unit: 'credit', amount: 10, memo: 'Welcome' });
});
afterEach(() => ctx.close());

describe('resources', () => {
  it('defaults by type; a booking level broader than the visibility is 422; DELETE archives', async () => {
    const office = await admin('POST', '/resources', { type: 'private_office', name: 'Office 1', seats: 4 });
    expect(office.json().resource).toMatchObject({ bookable: false, dayPassAccepted: false, visibility: 'location_members', seats: 4 });
    const zone = await admin('POST', '/resources', { type: 'hot_desk', name: 'Open space', seats: 12 });
    expect(zone.json().resource).toMatchObject({ bookable: true, dayPassAccepted: true });
    const wide = await admin('POST', '/resources', { type: 'meeting_room', name: 'X', visibility: 'location_members', bookingLevel: 'public' });
    expect([wide.statusCode, wide.json().error.reason]).toEqual([422, 'invalid_visibility']);
    expect((await admin('POST', '/resources', { type: 'meeting_room', name: 'X', seats: 3 })).statusCode).toBe(400);
    const id = zone.json().resource.id;
    expect((await admin('DELETE', `/resources/${id}`)).statusCode).toBe(204);
    expect((await admin('GET', `/resources/${id}`)).json().resource.archived).toBe(true);
    expect((await admin('GET', '/resources?archived=false')).json().items.map((r: { name: string }) => r.name)).toEqual(['Office 1']);
  });
});

describe('booking with credits', () => {
  it('spends ceil(creditsPerHour × minutes / 60) once, whatever the Idempotency-Key repeats; the email says how to cancel', async () => {
    const room = await resource({ creditsPerHour: 3 });
    const body = { resourceId: room.id, ...slot, paymentMethod: 'credits' };
    const key = { 'idempotency-key': 'book-1' };
    const answers = await Promise.all([1, 2, 3].map(() => portal(ana.cookie, 'POST', '/bookings', body, key)));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((r) => r.json().booking.id)).size).toBe(1);
    expect(answers[0].json().booking).toMatchObject({ status: 'confirmed', credits: 3, price: 0, seats: 1, customerId: ana.customerId });
    expect((await admin('GET', `/balances?customerId=${ana.customerId}`)).json().credits).toBe(7);
    const mail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Booked'))!;
    expect(mail.subject).toBe('Booked: Room A on Tuesday, March 23, 2027');
    expect(mail.text).toContain('Tuesday, March 23, 2027, 10:00 AM to 11:00 AM');
    expect(mail.text).toContain('Paid with 3 credits.');
    const row = await ctx.db.selectFrom('outbox').select('calendar').where('subject', '=', mail.subject).executeTakeFirstOrThrow();
    expect(row.calendar).toContain('DTSTART:20270323T090000Z');
    expect(row.calendar).toContain('DTEND:20270323T100000Z');
    expect(row.calendar).toContain('SUMMARY:Room A');
    const reused = await portal(ana.cookie, 'POST', '/bookings', { ...body, startsAt: '2027-03-23T10:00:00Z', endsAt: '2027-03-23T11:00:00Z' }, key);
    expect([reused.statusCode, reused.json().error.reason]).toEqual([409, 'idempotency_key_reused']);
  });

  it('20 parallel requests for one slot: one 201 and nineteen 409; not enough credits is 422 and writes nothing', async () => {
    const room = await resource({ creditsPerHour: 1 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' })),
    );
    expect(answers.filter((r) => r.statusCode === 201).length).toBe(1);
    const refused = answers.filter((r) => r.statusCode !== 201);
    expect(refused.map((r) => `${r.statusCode} ${r.json().error.reason}`)).toEqual(Array(19).fill('409 slot_unavailable'));
    expect((await admin('GET', `/balances?customerId=${ana.customerId}`)).json().credits).toBe(9);
    const big = await resource({ name: 'Hall', creditsPerHour: 20 });
    const poor = await portal(ana.cookie, 'POST', '/bookings', { resourceId: big.id, ...slot, paymentMethod: 'credits' });
    expect([poor.statusCode, poor.json().error.reason]).toEqual([422, 'insufficient_balance']);
    expect((await admin('GET', `/bookings?from=2027-03-23&to=2027-03-23&resourceId=${big.id}`)).json().items).toEqual([]);
  });

  it('a hot-desk zone of 3 seats takes exactly 3 of 6 parallel day-pass bookings', async () => {
    const zone = await admin('POST', '/resources', { type: 'hot_desk', name: 'Open space', seats: 3, pricePerHour: 500 });
    const people = [ana];
    for (let i = 0; i < 5; i++) people.push(await member(`P${i}`, `p${i}@x.test`));
    for (const p of people.slice(1)) await admin('POST', '/ledger/adjustments', { customerId: p.customerId, unit: 'day_pass', amount: 1, memo: 'Trial' });
    await admin('POST', '/ledger/adjustments', { customerId: ana.customerId, unit: 'day_pass', amount: 1, memo: 'Trial' });
    const day = { startsAt: '2027-03-23T08:00:00Z', endsAt: '2027-03-23T16:00:00Z' };
    const answers = await Promise.all(
      people.map((p) => portal(p.cookie, 'POST', '/bookings', { resourceId: zone.json().resource.id, ...day, paymentMethod: 'day_pass' })),
    );
    expect(answers.map((r) => r.statusCode).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    const grid = (await portal(ana.cookie, 'GET', `/availability?date=2027-03-23&resourceId=${zone.json().resource.id}`)).json();
    expect(grid.resources[0].slots.find((s: { startsAt: string }) => s.startsAt === '2027-03-23T09:00:00.000Z').seatsFree).toBe(0);
    expect(grid.resources[0].slots.find((s: { startsAt: string }) => s.startsAt === '2027-03-23T17:00:00.000Z').seatsFree).toBe(3);
  });
});

describe('the checks, in order, with their reasons', () => {
  it('answers each refusal with its reason', async () => {
    const room = await resource({ minMinutes: 60, maxMinutes: 120 });
    const hidden = await resource({ name: 'Board', visibility: 'administrators', bookingLevel: 'administrators' });
    const adminOnly = await resource({ name: 'Studio', bookingLevel: 'administrators' });
    const closed = await resource({ name: 'Store', bookable: false });
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [{ resourceId: hidden.id }, 404, undefined],
      [{ resourceId: adminOnly.id }, 403, undefined],
      [{ resourceId: closed.id }, 422, 'not_bookable'],
      [{ startsAt: '2027-03-23T09:10:00Z' }, 422, 'invalid_time'],
      [{ startsAt: '2027-03-23T10:00:00Z' }, 422, 'invalid_time'],
      [{ startsAt: '2027-03-22T06:00:00Z', endsAt: '2027-03-22T07:00:00Z' }, 422, 'in_the_past'],
      [{ startsAt: '2027-07-01T09:00:00Z', endsAt: '2027-07-01T10:00:00Z' }, 422, 'too_far_ahead'],
      [{ endsAt: '2027-03-23T09:30:00Z' }, 422, 'invalid_duration'],
      [{ startsAt: '2027-03-23T04:00:00Z', endsAt: '2027-03-23T05:00:00Z' }, 422, 'outside_opening_hours'],
      // Saturday: closed by default
      [{ startsAt: '2027-03-27T09:00:00Z', endsAt: '2027-03-27T10:00:00Z' }, 422, 'outside_opening_hours'],
      [{ paymentMethod: 'day_pass' }, 422, 'payment_method_not_offered'],
      [{ paymentMethod: 'card' }, 422, 'payment_method_not_offered'],
      [{ paymentMethod: 'free' }, 422, 'payment_method_not_offered'],
    ];
    for (const [change, status, reason] of cases) {
      const res = await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits', ...change });
      expect([res.statusCode, res.json().error.reason], JSON.stringify(change)).toEqual([status, reason]);
    }
  });

  it('a stranger who books a free room becomes a nonmember (source purchase); credits and invoices are for members', async () => {
    const free = await resource({ name: 'Phone booth', pricePerHour: 0, creditsPerHour: null, visibility: 'public', bookingLevel: 'public' });
    const paid = await resource({ name: 'Paid room', visibility: 'public', bookingLevel: 'public' });
    const other = await setupOrganization(ctx, 'Elsewhere', 'boss@else.test');
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${other.locationId}/invitations`,
      cookie: other.ownerCookie,
      payload: { firstName: 'Sol', email: 'sol@x.test' },
    });
    await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'sol@x.test' } });
    const code = codeFrom((await ctx.mailTo('sol@x.test'))[0].text);
    const sol = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'sol@x.test', code } }));
    const res = await portal(sol, 'POST', '/bookings', { resourceId: free.id, ...slot, paymentMethod: 'free' });
    expect(res.statusCode, res.body).toBe(201);
    const people = (await admin('GET', '/customers?type=nonmember')).json().items;
    expect(people.find((p: { email: string }) => p.email === 'sol@x.test')).toMatchObject({ source: 'purchase' });
    const inv = await portal(sol, 'POST', '/bookings', { resourceId: paid.id, ...slot, paymentMethod: 'invoice' });
    expect([inv.statusCode, inv.json().error.reason]).toEqual([422, 'members_only']);
  });

  it('a booking paid by invoice issues its own invoice at once: roundHalfUp(pricePerHour × minutes / 60)', async () => {
    const room = await resource({ pricePerHour: 2999, minMinutes: 30 });
    const res = await portal(ana.cookie, 'POST', '/bookings', {
      resourceId: room.id,
      startsAt: '2027-03-23T09:00:00Z',
      endsAt: '2027-03-23T10:30:00Z',
      paymentMethod: 'invoice',
    });
    expect(res.statusCode, res.body).toBe(201);
    // 2999 × 90 / 60 = 4498.5 → 4499
    expect(res.json().booking).toMatchObject({ price: 4499, paymentMethod: 'invoice', status: 'confirmed' });
    const invoice = (await admin('GET', `/invoices/${res.json().booking.invoiceId}`)).json().invoice;
    expect(invoice).toMatchObject({
      status: 'issued',
      subtotal: 4499,
      lines: [{ description: 'Room A, Tuesday, March 23, 2027 10:00 AM–11:30 AM', source: 'booking' }],
    });
  });

  it('an administrator books for a customer outside opening hours and beyond book-ahead', async () => {
    const room = await resource({});
    const res = await admin('POST', '/bookings', {
      customerId: ana.customerId,
      resourceId: room.id,
      startsAt: '2027-09-04T05:00:00Z',
      endsAt: '2027-09-04T06:00:00Z',
      paymentMethod: 'free',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().booking).toMatchObject({ customerId: ana.customerId, paymentMethod: 'free', price: 0 });
  });

  it('a booking longer than a day holds every day it covers, in the grid and for the next booking', async () => {
    const room = await resource({});
    const zone = await admin('POST', '/resources', { type: 'hot_desk', name: 'Open space', seats: 2, pricePerHour: 0 });
    const zoneId = zone.json().resource.id as string;
    // Monday 22 March 2027 20:00 to Thursday 25 March 2027 09:00 in Paris, for the room and one seat of the zone
    const long = { startsAt: '2027-03-22T19:00:00Z', endsAt: '2027-03-25T08:00:00Z', paymentMethod: 'free' };
    for (const resourceId of [room.id, zoneId]) {
      const res = await admin('POST', '/bookings', { customerId: ana.customerId, resourceId, ...long });
      expect(res.statusCode, res.body).toBe(201);
    }
    const grid = (await portal(ana.cookie, 'GET', '/availability?date=2027-03-24')).json();
    const free = (id: string) => new Set(grid.resources.find((r: { id: string }) => r.id === id).slots.map((s: { seatsFree: number }) => s.seatsFree));
    expect(free(room.id)).toEqual(new Set([0]));
    expect(free(zoneId)).toEqual(new Set([1]));
    const taken = await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' });
    expect([taken.statusCode, taken.json().error.reason]).toEqual([409, 'slot_unavailable']);
    // Thursday from 10:00 (Paris) the room is free again
    const thursday = await portal(ana.cookie, 'POST', '/bookings', {
      resourceId: room.id,
      startsAt: '2027-03-25T09:00:00Z',
      endsAt: '2027-03-25T10:00:00Z',
      paymentMethod: 'credits',
    });
    expect(thursday.statusCode, thursday.body).toBe(201);
  });
});

describe('time zones', () => {
  it('Berlin, 28 March 2027: no 02:00 slot, and 01:00–04:00 is 120 minutes at 2 hours’ price', async () => {
    const always = [['00:00', '24:00']];
    await admin('PATCH', '', {
      timeZone: 'Europe/Berlin',
      openingHours: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
    });
    const room = await resource({ pricePerHour: 1000, minMinutes: 60, maxMinutes: 240, incrementMinutes: 60 });
    const grid = (await portal(ana.cookie, 'GET', `/availability?date=2027-03-28&resourceId=${room.id}`)).json();
    expect(grid).toMatchObject({ date: '2027-03-28', timeZone: 'Europe/Berlin', opening: [{ from: '00:00', to: '24:00' }] });
    expect(grid.resources[0].slots.length).toBe(23);
    const res = await portal(ana.cookie, 'POST', '/bookings', {
      resourceId: room.id,
      startsAt: '2027-03-28T00:00:00Z',
      endsAt: '2027-03-28T02:00:00Z',
      paymentMethod: 'invoice',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().booking.price).toBe(2000);
    const after = (await portal(ana.cookie, 'GET', `/availability?date=2027-03-28&resourceId=${room.id}`)).json();
    expect(after.resources[0].slots.filter((s: { seatsFree: number }) => s.seatsFree === 0).map((s: { startsAt: string }) => s.startsAt)).toEqual([
      '2027-03-28T00:00:00.000Z',
      '2027-03-28T01:00:00.000Z',
    ]);
  });

  it('New York: the grid and opening hours follow the location’s wall clock', async () => {
    await admin('PATCH', '', { timeZone: 'America/New_York' });
    const room = await resource({});
    const grid = (await portal(ana.cookie, 'GET', `/availability?date=2027-03-23&resourceId=${room.id}`)).json();
    // 08:00 in New York on 23 March 2027 (EDT, UTC−4)
    expect(grid.resources[0].slots[0]).toEqual({ startsAt: '2027-03-23T12:00:00.000Z', endsAt: '2027-03-23T12:30:00.000Z', seatsFree: 1 });
    const early = await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' });
    expect(early.json().error.reason).toBe('outside_opening_hours');
  });
});

describe('cancel', () => {
  it('in time: credits back into their lots and the slot freed; late: nothing back; started or canceled twice: 409', async () => {
    const room = await resource({ creditsPerHour: 3 });
    const booked = (await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' })).json().booking;
    const ben = await member('Ben', 'ben@x.test');
    expect((await portal(ben.cookie, 'POST', `/bookings/${booked.id}/cancel`)).statusCode).toBe(404);
    const res = await portal(ana.cookie, 'POST', `/bookings/${booked.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ booking: { status: 'canceled' }, refunded: { credits: 3, dayPasses: 0, amount: 0, expiredNotReturned: 0 } });
    expect((await admin('GET', `/balances?customerId=${ana.customerId}`)).json().credits).toBe(10);
    expect((await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Canceled'))?.text).toContain('Refunded: 3 credits.');
    expect((await portal(ana.cookie, 'POST', `/bookings/${booked.id}/cancel`)).json().error.reason).toBe('invalid_state');

    // booked again, then canceled 23 hours before the start (the notice is 24): nothing back
    const again = (await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' })).json().booking;
    ctx.clock.set('2027-03-22T10:00:00Z');
    const late = await portal(ana.cookie, 'POST', `/bookings/${again.id}/cancel`);
    expect(late.json().refunded).toEqual({ credits: 0, dayPasses: 0, amount: 0, expiredNotReturned: 0 });
    expect((await admin('GET', `/balances?customerId=${ana.customerId}`)).json().credits).toBe(7);

    const third = (await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' })).json().booking;
    ctx.clock.set('2027-03-23T09:30:00Z');
    expect((await portal(ana.cookie, 'POST', `/bookings/${third.id}/cancel`)).json().error.reason).toBe('already_started');
  });

  it('an invoice-paid booking canceled in time gets a credit note for the whole invoice; an administrator may cancel without refund', async () => {
    const room = await resource({ pricePerHour: 3000 });
    const booked = (await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'invoice' })).json().booking;
    const res = await portal(ana.cookie, 'POST', `/bookings/${booked.id}/cancel`);
    expect(res.json().refunded).toMatchObject({ amount: 3000 });
    const invoice = (await admin('GET', `/invoices/${booked.invoiceId}`)).json().invoice;
    expect(invoice).toMatchObject({ status: 'paid', amountDue: 0, amountCredited: 3000, creditNotes: [{ number: 'CN-2027-0001', amount: 3000 }] });

    const other = (await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' })).json().booking;
    const byAdmin = await admin('POST', `/bookings/${other.id}/cancel`, { refund: false });
    expect(byAdmin.json()).toMatchObject({ booking: { status: 'canceled' }, refunded: { credits: 0 } });
    expect((await admin('GET', `/balances?customerId=${ana.customerId}`)).json().credits).toBe(6);
  });
});

describe('sweeps and card payment', () => {
  it('one reminder before the start, whatever the sweeps', async () => {
    const room = await resource({});
    await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' });
    ctx.clock.set('2027-03-23T07:59:00Z');
    await sweepOnce(ctx.deps);
    ctx.clock.set('2027-03-23T08:00:00Z');
    await sweepOnce(ctx.deps);
    await sweepOnce(ctx.deps);
    const reminders = (await ctx.mailTo('ana@x.test')).filter((m) => m.subject.startsWith('Reminder: Room A'));
    expect(reminders.map((m) => m.subject)).toEqual(['Reminder: Room A at 10:00 AM today']);
  });
});

describe('card bookings', () => {
  it('wait for the payment: paid, confirmed; unpaid after 35 minutes, released and the invoice voided', async () => {
    await ctx.close();
    ctx = await createTestContext({ config: { payments: { stripe: null, dev: true } } });
    ctx.clock.set('2027-03-22T08:00:00Z');
    org = await setupOrganization(ctx);
    ana = await member('Ana', 'ana@x.test');
    const room = await resource({ pricePerHour: 4000 });
    const res = await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'card' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().booking).toMatchObject({ status: 'pending_payment', price: 4000 });
    const checkoutId = res.json().checkoutUrl.split('/').at(-1);
    await ctx.request({ method: 'POST', url: `/api/v1/dev/checkout/${checkoutId}/complete`, cookie: ana.cookie, payload: { outcome: 'paid' } });
    const mine = (await portal(ana.cookie, 'GET', '/bookings')).json().items;
    expect(mine).toMatchObject([{ id: res.json().booking.id, status: 'confirmed' }]);

    const later = { startsAt: '2027-03-23T12:00:00Z', endsAt: '2027-03-23T13:00:00Z' };
    const unpaid = (await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...later, paymentMethod: 'card' })).json().booking;
    ctx.clock.set('2027-03-22T08:34:00Z');
    await sweepOnce(ctx.deps);
    expect((await admin('GET', `/invoices/${unpaid.invoiceId}`)).json().invoice.status).toBe('issued');
    ctx.clock.set('2027-03-22T08:36:00Z');
    await sweepOnce(ctx.deps);
    org.ownerCookie = await signIn(ctx, org.ownerEmail);
    expect((await admin('GET', `/invoices/${unpaid.invoiceId}`)).json().invoice.status).toBe('void');
    const again = await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...later, paymentMethod: 'invoice' });
    expect(again.statusCode, again.body).toBe(201);
  });
});

describe('names and order of the lists', () => {
  it('the administrators’ bookings carry the customer’s name and the paying company’s, without the customers permission', async () => {
    const room = await resource({ pricePerHour: 3000 });
    const globex = (await admin('POST', '/companies', { name: 'Globex' })).json().company;
    const mona = await admin('POST', '/invitations', { firstName: 'Mona', lastName: 'Lisa', email: 'mona@x.test', companyId: globex.id, companyManager: true });
    expect(mona.statusCode, mona.body).toBe(201);
    const cleo = await admin('POST', '/nonmembers', { firstName: 'Cleo', lastName: 'Dupont', email: 'cleo@x.test' });
    expect(cleo.statusCode, cleo.body).toBe(201);
    // Ana changes her own name after activation: hers wins over what the organization entered
    expect((await ctx.request({ method: 'PATCH', url: '/api/v1/me', cookie: ana.cookie, payload: { lastName: 'Lima' } })).statusCode).toBe(200);

    const byAna = await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...slot, paymentMethod: 'credits' });
    expect(byAna.json().booking).toMatchObject({ customerName: 'Ana Lima', companyName: null });
    const forMona = await admin('POST', '/bookings', {
      customerId: mona.json().customer.id,
      resourceId: room.id,
      startsAt: '2027-03-23T11:00:00Z',
      endsAt: '2027-03-23T12:00:00Z',
      paymentMethod: 'invoice',
      payer: 'company',
    });
    expect(forMona.statusCode, forMona.body).toBe(201);
    expect(forMona.json().booking).toMatchObject({ customerName: 'Mona Lisa', companyId: globex.id, companyName: 'Globex' });
    const forCleo = await admin('POST', '/bookings', {
      customerId: cleo.json().customer.id,
      resourceId: room.id,
      startsAt: '2027-03-23T13:00:00Z',
      endsAt: '2027-03-23T14:00:00Z',
      paymentMethod: 'free',
    });
    expect(forCleo.json().booking).toMatchObject({ customerName: 'Cleo Dupont', companyName: null });

    // an administrator with the resources permission only
    const granted = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'desk@x.test', firstName: 'Desk', locationId: org.locationId, permissions: ['resources'] },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const desk = await signIn(ctx, 'desk@x.test');
    const list = await ctx.request({ method: 'GET', url: url('/bookings?from=2027-03-23&to=2027-03-23'), cookie: desk });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((b: { customerName: string; companyName: string | null }) => [b.customerName, b.companyName])).toEqual([
      ['Ana Lima', null],
      ['Mona Lisa', 'Globex'],
      ['Cleo Dupont', null],
    ]);
    const canceled = await ctx.request({ method: 'POST', url: url(`/bookings/${forMona.json().booking.id}/cancel`), cookie: desk, payload: {} });
    expect(canceled.json().booking).toMatchObject({ status: 'canceled', customerName: 'Mona Lisa', companyName: 'Globex' });

    // another organization's administrator reads nothing of it
    const rival = await setupOrganization(ctx, 'Rival', 'boss@rival.test');
    const hostile = await ctx.request({ method: 'GET', url: url('/bookings?from=2027-03-23&to=2027-03-23'), cookie: rival.ownerCookie });
    expect(hostile.statusCode).toBe(404);
  });

  it('my bookings: upcoming soonest first; past and canceled newest first, page by page', async () => {
    const room = await resource({ creditsPerHour: 1 });
    const at = (day: string) => ({ startsAt: `2027-03-${day}T09:00:00Z`, endsAt: `2027-03-${day}T10:00:00Z` });
    const ids: Record<string, string> = {};
    for (const day of ['23', '24', '25', '26']) {
      const res = await portal(ana.cookie, 'POST', '/bookings', { resourceId: room.id, ...at(day), paymentMethod: 'credits' });
      expect(res.statusCode, res.body).toBe(201);
      ids[day] = res.json().booking.id;
    }
    expect((await portal(ana.cookie, 'POST', `/bookings/${ids['26']}/cancel`)).statusCode).toBe(200);
    ctx.clock.set('2027-03-24T12:00:00Z');
    const list = async (query: string) => {
      const res = await portal(ana.cookie, 'GET', `/bookings${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: { id: string; customerName: string }[]; nextCursor: string | null };
    };
    const day = (id: string) => Object.keys(ids).find((key) => ids[key] === id);
    expect((await list('?upcoming=true')).items.map((b) => day(b.id))).toEqual(['25']);
    expect((await list('?upcoming=false')).items.map((b) => day(b.id))).toEqual(['26', '24', '23']);
    expect((await list('')).items.map((b) => day(b.id))).toEqual(['26', '25', '24', '23']);
    expect((await list('')).items[0].customerName).toBe('Ana');
    const first = await list('?upcoming=false&limit=2');
    expect(first.items.map((b) => day(b.id))).toEqual(['26', '24']);
    const second = await list(`?upcoming=false&limit=2&cursor=${first.nextCursor}`);
    expect([second.items.map((b) => day(b.id)), second.nextCursor]).toEqual([['23'], null]);
    // a cursor of the other order is refused
    const upcoming = await list('?upcoming=true&limit=1');
    expect(upcoming.nextCursor).toBeNull();
    expect((await portal(ana.cookie, 'GET', `/bookings?upcoming=true&cursor=${first.nextCursor}`)).statusCode).toBe(400);
  });
});
