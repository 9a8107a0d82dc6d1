// Events and tickets through the API: exactly `capacity` tickets under 20 parallel requests,
// already_has_ticket before sold_out, a canceled ticket freeing its place, check-in by code (any
// case, twice, canceled, unknown, reception permission), the holder's cancel in time and late, the
// event's cancel refunding credits and invoices and emailing every holder, the four visibility
// levels, the QR code holding only the code, card tickets, the purchase history's order.
import jsqrModule from 'jsqr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweepOnce } from '../../runtime.js';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';
import { purchasesOf } from './service.js';
import { CODE_ALPHABET } from './tickets.js';

// jsqr is CommonJS: its default export comes through as the module object under NodeNext
const jsQR = ((jsqrModule as unknown as { default?: unknown }).default ?? jsqrModule) as (
  data: Uint8ClampedArray,
  width: number,
  height: number,
) => { data: string } | null;

let ctx: TestContext;
let org: Org;
let ana: { cookie: string; customerId: string };

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: Record<string, unknown>, cookie = org.ownerCookie) =>
  ctx.request({ method, url: url(path), cookie, ...(payload ? { payload } : {}) });
const portal = (cookie: string, method: 'GET' | 'POST', path: string, payload?: Record<string, unknown>, headers?: Record<string, string>) =>
  ctx.request({ method, url: `/api/v1/portal/locations/${org.locationId}${path}`, cookie, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

async function member(firstName: string, email: string, locationId = org.locationId) {
  const invited = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${locationId}/invitations`,
    cookie: org.ownerCookie,
    payload: { firstName, email },
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = linkFrom((await ctx.mailTo(email)).at(-1)!.text).split('/activate/')[1];
  const cookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  return { cookie, customerId: invited.json().customer.id as string };
}

/** Someone with an account (a member elsewhere, in another organization) and no record here. */
async function stranger(email: string) {
  const other = await setupOrganization(ctx, `Elsewhere ${email}`, `boss-${email}`);
  await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${other.locationId}/invitations`,
    cookie: other.ownerCookie,
    payload: { firstName: 'Sol', email },
  });
  await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email } });
  const code = codeFrom((await ctx.mailTo(email))[0].text);
  return sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, code } }));
}

async function event(body: Record<string, unknown> = {}) {
  const res = await admin('POST', '/events', { title: 'Demo night', startsAt: start, endsAt: end, place: 'Kitchen', creditPrice: 2, price: 1500, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().event as { id: string };
}

const credits = async (customerId: string) => (await admin('GET', `/balances?customerId=${customerId}`)).json().credits as number;

// Thursday 25 March 2027, 19:00–21:00 in Paris
const start = '2027-03-25T18:00:00Z';
const end = '2027-03-25T20:00:00Z';

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-22T08:00:00Z');
  org = await setupOrganization(ctx);
  ana = await member('Ana', 'ana@x.test');
  await admin('POST', '/ledger/adjustments', { customerId: ana.customerId, unit: 'credit', amount: 10, memo: 'Welcome' });
});
afterEach(() => ctx.close());

describe('events', () => {
  it('are created with defaults, edited, listed upcoming and past; an end before the start is 422', async () => {
    const created = await admin('POST', '/events', { title: 'Breakfast', startsAt: start, endsAt: end });
    expect(created.json().event).toMatchObject({
      visibility: 'location_members',
      capacity: null,
      price: null,
      creditPrice: null,
      ticketsOpen: true,
      refundNoticeHours: 24,
      status: 'scheduled',
      currency: 'EUR',
      placesLeft: null,
    });
    const bad = await admin('POST', '/events', { title: 'Backwards', startsAt: end, endsAt: start });
    expect([bad.statusCode, bad.json().error.reason]).toEqual([422, 'invalid_time']);
    const id = created.json().event.id;
    const edited = await admin('PATCH', `/events/${id}`, { capacity: 30, ticketsOpen: false });
    expect(edited.json().event).toMatchObject({ capacity: 30, ticketsOpen: false, placesLeft: 30, title: 'Breakfast' });
    await admin('POST', '/events', { title: 'Last week', startsAt: '2027-03-15T18:00:00Z', endsAt: '2027-03-15T20:00:00Z' });
    expect((await admin('GET', '/events')).json().items.map((e: { title: string }) => e.title)).toEqual(['Breakfast']);
    expect((await admin('GET', '/events?when=past')).json().items.map((e: { title: string }) => e.title)).toEqual(['Last week']);
  });
});

describe('getting a ticket', () => {
  it('20 parallel requests for 3 places: exactly three 201 and seventeen 409 sold_out', async () => {
    const party = await event({ capacity: 3, price: null, creditPrice: null });
    const people = [];
    for (let i = 0; i < 20; i++) people.push(await member(`P${i}`, `p${i}@x.test`));
    const answers = await Promise.all(people.map((p) => portal(p.cookie, 'POST', `/events/${party.id}/tickets`, { paymentMethod: 'free' })));
    expect(answers.filter((r) => r.statusCode === 201).length).toBe(3);
    expect(answers.filter((r) => r.statusCode !== 201).map((r) => `${r.statusCode} ${r.json().error.reason}`)).toEqual(Array(17).fill('409 sold_out'));
    expect((await admin('GET', `/events/${party.id}`)).json().event).toMatchObject({ ticketsSold: 3, placesLeft: 0 });
    expect((await admin('GET', `/events/${party.id}/tickets`)).json().items.length).toBe(3);
  });

  it('one ticket per person (checked before sold out); a canceled ticket does not count; the code has 8 characters without 0/O/1/I', async () => {
    const talk = await event({ capacity: 1 });
    const first = await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' });
    expect(first.statusCode, first.body).toBe(201);
    const ticket = first.json().ticket;
    expect(ticket).toMatchObject({ status: 'confirmed', paymentMethod: 'credits', credits: 2, price: 0, customerId: ana.customerId, checkedInAt: null });
    expect(ticket.code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{8}$`));
    expect(ticket.code).not.toMatch(/[01OI]/);
    expect(await credits(ana.customerId)).toBe(8);
    const twice = await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' });
    expect([twice.statusCode, twice.json().error.reason]).toEqual([409, 'already_has_ticket']);
    const ben = await member('Ben', 'ben@x.test');
    const full = await portal(ben.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'invoice' });
    expect([full.statusCode, full.json().error.reason]).toEqual([409, 'sold_out']);
    expect((await portal(ana.cookie, 'POST', `/tickets/${ticket.id}/cancel`)).statusCode).toBe(200);
    expect((await portal(ben.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'invoice' })).statusCode).toBe(201);
    const again = await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' });
    expect([again.statusCode, again.json().error.reason]).toEqual([409, 'sold_out']);
  });

  it('the ticket email holds the code and an invite.ics; a repeated Idempotency-Key answers the first ticket', async () => {
    const talk = await event({});
    const key = { 'idempotency-key': 'ticket-1' };
    const answers = await Promise.all([1, 2, 3].map(() => portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' }, key)));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((r) => r.json().ticket.id)).size).toBe(1);
    expect(await credits(ana.customerId)).toBe(8);
    const reused = await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'invoice' }, key);
    expect([reused.statusCode, reused.json().error.reason]).toEqual([409, 'idempotency_key_reused']);
    const code = answers[0].json().ticket.code;
    const mail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Your ticket'))!;
    expect(mail.subject).toBe('Your ticket: Demo night on Thursday, March 25, 2027');
    expect(mail.text).toContain('Thursday, March 25, 2027, 7:00 PM to 9:00 PM');
    expect(mail.text).toContain(`Your ticket code is ${code}.`);
    expect(mail.text).toContain('Paid with 2 credits.');
    const row = await ctx.db.selectFrom('outbox').select('calendar').where('subject', '=', mail.subject).executeTakeFirstOrThrow();
    expect(row.calendar).toContain('DTSTART:20270325T180000Z');
    expect(row.calendar).toContain('SUMMARY:Demo night');
  });

  it('refuses with reasons: closed, not offered, members only, started, canceled', async () => {
    const closed = await event({ ticketsOpen: false });
    const r1 = await portal(ana.cookie, 'POST', `/events/${closed.id}/tickets`, { paymentMethod: 'credits' });
    expect([r1.statusCode, r1.json().error.reason]).toEqual([409, 'tickets_closed']);
    const moneyOnly = await event({ creditPrice: null, visibility: 'public' });
    const r2 = await portal(ana.cookie, 'POST', `/events/${moneyOnly.id}/tickets`, { paymentMethod: 'credits' });
    expect([r2.statusCode, r2.json().error.reason]).toEqual([422, 'payment_method_not_offered']);
    const r3 = await portal(ana.cookie, 'POST', `/events/${moneyOnly.id}/tickets`, { paymentMethod: 'card' });
    expect([r3.statusCode, r3.json().error.reason]).toEqual([422, 'payment_method_not_offered']);
    const sol = await stranger('sol@x.test');
    const r4 = await portal(sol, 'POST', `/events/${moneyOnly.id}/tickets`, { paymentMethod: 'invoice' });
    expect([r4.statusCode, r4.json().error.reason]).toEqual([422, 'members_only']);
    const free = await event({ price: null, creditPrice: null, visibility: 'public' });
    const r5 = await portal(sol, 'POST', `/events/${free.id}/tickets`, { paymentMethod: 'free' });
    expect(r5.statusCode, r5.body).toBe(201);
    const people = (await admin('GET', '/customers?type=nonmember')).json().items;
    expect(people.find((p: { email: string }) => p.email === 'sol@x.test')).toMatchObject({ source: 'purchase' });
    const canceled = await event({});
    await admin('POST', `/events/${canceled.id}/cancel`);
    const r6 = await portal(ana.cookie, 'POST', `/events/${canceled.id}/tickets`, { paymentMethod: 'credits' });
    expect([r6.statusCode, r6.json().error.reason]).toEqual([409, 'event_canceled']);
    ctx.clock.set('2027-03-25T18:30:00Z');
    const started = await portal(ana.cookie, 'POST', `/events/${moneyOnly.id}/tickets`, { paymentMethod: 'invoice' });
    expect([started.statusCode, started.json().error.reason]).toEqual([409, 'event_started']);
  });

  it('the QR code is a PNG that encodes only the ticket code', async () => {
    const talk = await event({});
    const ticket = (await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' })).json().ticket;
    expect(ticket.qrCode).toMatch(/^data:image\/png;base64,/);
    const { PNG } = (await import('pngjs' as string)) as { PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } } };
    const png = PNG.sync.read(Buffer.from(ticket.qrCode.split(',')[1], 'base64'));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(ticket.code);
    const mine = (await portal(ana.cookie, 'GET', '/tickets')).json().items;
    expect(mine).toMatchObject([{ id: ticket.id, code: ticket.code, qrCode: ticket.qrCode, event: { title: 'Demo night', place: 'Kitchen' } }]);
  });
});

describe('check-in', () => {
  it('by code in any case: 200, then 409 already_checked_in; unknown 404; canceled 409 ticket_canceled; reception may, customers may not', async () => {
    const talk = await event({});
    const ticket = (await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' })).json().ticket;
    ctx.clock.set('2027-03-25T17:55:00Z');
    const first = await admin('POST', `/events/${talk.id}/check-in`, { code: ` ${ticket.code.toLowerCase().slice(0, 4)}-${ticket.code.slice(4)} ` });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().ticket).toMatchObject({
      id: ticket.id,
      checkedInAt: expect.stringMatching(/^2027-03-25T17:55:00/),
      holder: { firstName: 'Ana', email: 'ana@x.test' },
    });
    const twice = await admin('POST', `/events/${talk.id}/check-in`, { code: ticket.code });
    expect([twice.statusCode, twice.json().error.reason]).toEqual([409, 'already_checked_in']);
    expect((await admin('POST', `/events/${talk.id}/check-in`, { code: 'ZZZZZZZZ' })).statusCode).toBe(404);

    const ben = await member('Ben', 'ben@x.test');
    ctx.clock.set('2027-03-22T09:00:00Z');
    const bens = (await portal(ben.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'invoice' })).json().ticket;
    await portal(ben.cookie, 'POST', `/tickets/${bens.id}/cancel`);
    const canceled = await admin('POST', `/events/${talk.id}/check-in`, { code: bens.code });
    expect([canceled.statusCode, canceled.json().error.reason]).toEqual([409, 'ticket_canceled']);

    const grant = async (email: string, permissions: string[]) => {
      await ctx.request({
        method: 'POST',
        url: '/api/v1/administrators',
        cookie: org.ownerCookie,
        payload: { email, firstName: 'Desk', locationId: org.locationId, permissions },
      });
      return signIn(ctx, email);
    };
    const cara = await member('Cara', 'cara@x.test');
    const caras = (await portal(cara.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'invoice' })).json().ticket;
    const desk = await grant('desk@x.test', ['reception']);
    expect((await admin('POST', `/events/${talk.id}/check-in`, { code: caras.code }, desk)).statusCode).toBe(200);
    expect((await admin('GET', `/events/${talk.id}/tickets`, undefined, desk)).statusCode).toBe(200);
    expect((await admin('PATCH', `/events/${talk.id}`, { title: 'Renamed' }, desk)).statusCode).toBe(403);
    const clerk = await grant('clerk@x.test', ['customers']);
    expect((await admin('POST', `/events/${talk.id}/check-in`, { code: caras.code }, clerk)).statusCode).toBe(403);
    // another event's code is unknown here
    const other = await event({ title: 'Other' });
    expect((await admin('POST', `/events/${other.id}/check-in`, { code: caras.code })).statusCode).toBe(404);
  });
});

describe('cancel', () => {
  it('by the holder in time: credits back; late: nothing back; started: 409; someone else: 404', async () => {
    const talk = await event({});
    const ticket = (await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' })).json().ticket;
    const ben = await member('Ben', 'ben@x.test');
    expect((await portal(ben.cookie, 'POST', `/tickets/${ticket.id}/cancel`)).statusCode).toBe(404);
    const res = await portal(ana.cookie, 'POST', `/tickets/${ticket.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ticket: { status: 'canceled' }, refunded: { credits: 2, dayPasses: 0, amount: 0, expiredNotReturned: 0 } });
    expect(await credits(ana.customerId)).toBe(10);
    expect((await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Ticket canceled'))?.text).toContain('Refunded: 2 credits.');
    expect((await portal(ana.cookie, 'POST', `/tickets/${ticket.id}/cancel`)).json().error.reason).toBe('invalid_state');

    // 23 hours before the start (the notice is 24): nothing back
    const again = (await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' })).json().ticket;
    ctx.clock.set('2027-03-24T19:00:00Z');
    const late = await portal(ana.cookie, 'POST', `/tickets/${again.id}/cancel`);
    expect(late.json().refunded).toEqual({ credits: 0, dayPasses: 0, amount: 0, expiredNotReturned: 0 });
    expect(await credits(ana.customerId)).toBe(8);
    expect((await ctx.mailTo('ana@x.test'))[0].text).toContain('nothing was refunded');

    const third = (await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' })).json().ticket;
    ctx.clock.set('2027-03-25T18:30:00Z');
    expect((await portal(ana.cookie, 'POST', `/tickets/${third.id}/cancel`)).json().error.reason).toBe('event_started');
  });

  it('canceling the event cancels every ticket (checked in too), refunds credits, credit-notes invoices and emails every holder', async () => {
    const talk = await event({});
    const anas = (await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'credits' })).json().ticket;
    const ben = await member('Ben', 'ben@x.test');
    const bens = (await portal(ben.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'invoice' })).json().ticket;
    expect(bens).toMatchObject({ price: 1500, paymentMethod: 'invoice' });
    const invoice = (await admin('GET', `/invoices/${bens.invoiceId}`)).json().invoice;
    expect(invoice).toMatchObject({
      status: 'issued',
      total: 1500,
      lines: [{ source: 'ticket', description: 'Ticket: Demo night, Thursday, March 25, 2027' }],
    });
    expect((await admin('POST', `/events/${talk.id}/check-in`, { code: anas.code })).statusCode).toBe(200);
    // late for a holder's refund, but the event's cancel refunds all
    ctx.clock.set('2027-03-25T12:00:00Z');
    const res = await admin('POST', `/events/${talk.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().event).toMatchObject({ status: 'canceled', ticketsSold: 0 });
    expect(await credits(ana.customerId)).toBe(10);
    expect((await admin('GET', `/invoices/${bens.invoiceId}`)).json().invoice).toMatchObject({
      status: 'paid',
      amountCredited: 1500,
      creditNotes: [{ amount: 1500 }],
    });
    expect((await admin('GET', `/events/${talk.id}/tickets`)).json().items.map((t: { status: string }) => t.status)).toEqual(['canceled', 'canceled']);
    for (const [email, refund] of [
      ['ana@x.test', 'Refunded: 2 credits.'],
      ['ben@x.test', 'Refunded: €15.00.'],
    ]) {
      const mail = (await ctx.mailTo(email)).find((m) => m.subject.startsWith('Event canceled'));
      expect(mail?.subject).toBe('Event canceled: Demo night on Thursday, March 25, 2027');
      expect(mail?.text).toContain(refund);
    }
    expect((await admin('POST', `/events/${talk.id}/cancel`)).json().error.reason).toBe('event_canceled');
    expect((await admin('PATCH', `/events/${talk.id}`, { title: 'Back on' })).json().error.reason).toBe('event_canceled');
  });
});

describe('visibility', () => {
  it('a visitor, a member of another location, a member and an administrator see what their level allows; the rest is 404', async () => {
    const levels = ['administrators', 'location_members', 'network_members', 'public'] as const;
    const ids: Record<string, string> = {};
    for (const v of levels) ids[v] = (await event({ title: v, visibility: v, price: null, creditPrice: null })).id;
    const south = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
    });
    const neighbour = await member('Nia', 'nia@x.test', south.json().location.id);
    const visitor = await stranger('vic@x.test');
    const sees: [string, string, string[]][] = [
      ['visitor', visitor, ['public']],
      ['member of another location', neighbour.cookie, ['network_members', 'public']],
      ['member', ana.cookie, ['location_members', 'network_members', 'public']],
      ['administrator', org.ownerCookie, [...levels]],
    ];
    for (const [who, cookie, visible] of sees) {
      const list = (await portal(cookie, 'GET', '/events')).json().items.map((e: { title: string }) => e.title);
      expect(list.sort(), who).toEqual([...visible].sort());
      for (const v of levels) {
        const one = await portal(cookie, 'GET', `/events/${ids[v]}`);
        expect(one.statusCode, `${who} opens ${v}`).toBe(visible.includes(v) ? 200 : 404);
        if (!visible.includes(v))
          expect((await portal(cookie, 'POST', `/events/${ids[v]}/tickets`, { paymentMethod: 'free' })).statusCode, `${who} buys ${v}`).toBe(404);
      }
    }
    const mine = await portal(ana.cookie, 'POST', `/events/${ids.location_members}/tickets`, { paymentMethod: 'free' });
    expect((await portal(ana.cookie, 'GET', `/events/${ids.location_members}`)).json().event.myTicketId).toBe(mine.json().ticket.id);
    expect((await portal(visitor, 'GET', '/tickets')).json().items).toEqual([]);
  });
});

describe('card tickets and the purchase history', () => {
  it('wait for the payment: paid, confirmed; unpaid after 35 minutes, released and the invoice voided', async () => {
    await ctx.close();
    ctx = await createTestContext({ config: { payments: { stripe: null, dev: true } } });
    ctx.clock.set('2027-03-22T08:00:00Z');
    org = await setupOrganization(ctx);
    ana = await member('Ana', 'ana@x.test');
    const talk = await event({ capacity: 1 });
    const res = await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'card' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().ticket).toMatchObject({ status: 'pending_payment', price: 1500 });
    const checkoutId = res.json().checkoutUrl.split('/').at(-1);
    await ctx.request({ method: 'POST', url: `/api/v1/dev/checkout/${checkoutId}/complete`, cookie: ana.cookie, payload: { outcome: 'paid' } });
    expect((await portal(ana.cookie, 'GET', '/tickets')).json().items).toMatchObject([{ id: res.json().ticket.id, status: 'confirmed' }]);
    expect((await ctx.mailTo('ana@x.test')).some((m) => m.subject.startsWith('Your ticket'))).toBe(true);

    const other = await event({ title: 'Other', capacity: 1 });
    const unpaid = (await portal(ana.cookie, 'POST', `/events/${other.id}/tickets`, { paymentMethod: 'card' })).json().ticket;
    ctx.clock.set('2027-03-22T08:36:00Z');
    await sweepOnce(ctx.deps);
    org.ownerCookie = await signIn(ctx, org.ownerEmail);
    expect((await admin('GET', `/invoices/${unpaid.invoiceId}`)).json().invoice.status).toBe('void');
    expect((await admin('GET', `/events/${other.id}`)).json().event.placesLeft).toBe(1);
  });

  it('canceling the event refunds a paid card ticket online and voids the invoice of one still waiting for its payment', async () => {
    await ctx.close();
    ctx = await createTestContext({ config: { payments: { stripe: null, dev: true } } });
    ctx.clock.set('2027-03-22T08:00:00Z');
    org = await setupOrganization(ctx);
    ana = await member('Ana', 'ana@x.test');
    const ben = await member('Ben', 'ben@x.test');
    const talk = await event({});
    const paid = await portal(ana.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'card' });
    expect(paid.statusCode, paid.body).toBe(201);
    const checkoutId = paid.json().checkoutUrl.split('/').at(-1);
    await ctx.request({ method: 'POST', url: `/api/v1/dev/checkout/${checkoutId}/complete`, cookie: ana.cookie, payload: { outcome: 'paid' } });
    const waiting = (await portal(ben.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'card' })).json().ticket;
    expect(waiting).toMatchObject({ status: 'pending_payment', price: 1500 });
    // a holder who gives up before paying: the invoice is voided and the email says nothing was charged
    const cara = await member('Cara', 'cara@x.test');
    const given = (await portal(cara.cookie, 'POST', `/events/${talk.id}/tickets`, { paymentMethod: 'card' })).json().ticket;
    expect((await portal(cara.cookie, 'POST', `/tickets/${given.id}/cancel`)).statusCode).toBe(200);
    expect((await admin('GET', `/invoices/${given.invoiceId}`)).json().invoice.status).toBe('void');
    const caras = (await ctx.mailTo('cara@x.test')).find((m) => m.subject.startsWith('Ticket canceled'));
    expect(caras?.text).toContain('The card payment had not been made, so nothing was charged.');

    const res = await admin('POST', `/events/${talk.id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await admin('GET', `/events/${talk.id}/tickets`)).json().items.map((t: { status: string }) => t.status)).toEqual([
      'canceled',
      'canceled',
      'canceled',
    ]);
    expect((await admin('GET', `/invoices/${paid.json().ticket.invoiceId}`)).json().invoice).toMatchObject({
      status: 'paid',
      amountCredited: 1500,
      creditNotes: [{ amount: 1500, refund: 'online' }],
    });
    expect((await admin('GET', `/invoices/${waiting.invoiceId}`)).json().invoice.status).toBe('void');
    const mail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Event canceled'));
    expect(mail?.text).toContain('Refunded: €15.00.');
    // Ben's card payment never came: his email says nothing was charged, not that money came back
    const bens = (await ctx.mailTo('ben@x.test')).find((m) => m.subject.startsWith('Event canceled'));
    expect(bens?.text).toContain('The card payment had not been made, so nothing was charged.');
    expect(bens?.text).not.toContain('Refunded');
  });

  it('purchasesOf lists a customer’s tickets and a company’s, newest first, after a cursor', async () => {
    const titles = ['First', 'Second', 'Third'];
    for (const [i, title] of titles.entries()) {
      ctx.clock.set(`2027-03-22T${String(8 + i).padStart(2, '0')}:00:00Z`);
      const e = await event({ title });
      await portal(ana.cookie, 'POST', `/events/${e.id}/tickets`, { paymentMethod: i === 1 ? 'invoice' : 'credits' });
    }
    const s = { organizationId: org.organizationId, locationId: org.locationId };
    const all = await purchasesOf(ctx.db, s, { customerId: ana.customerId }, null, 10);
    expect(all.map((p) => [p.title, p.price, p.credits, p.payer, p.kind])).toEqual([
      ['Third', 0, 2, 'personal', 'ticket'],
      ['Second', 1500, 0, 'personal', 'ticket'],
      ['First', 0, 2, 'personal', 'ticket'],
    ]);
    const next = await purchasesOf(ctx.db, s, { customerId: ana.customerId }, { at: all[0].at, id: all[0].id }, 1);
    expect(next.map((p) => p.title)).toEqual(['Second']);
    const company = await admin('POST', '/companies', { name: 'Widgets' });
    expect(await purchasesOf(ctx.db, s, { companyId: company.json().company.id }, null, 10)).toEqual([]);
  });
});
