// Analytics and reports through the API, on a location in Paris: each monthly figure from seeded history
// (a month before the location existed is zeros, an idle month, the current month live, a future month
// zeros, the 24-month limit), and each CSV report: BOM, header, a row, formula cells neutralised, local
// from/to inclusive, money in major units, another organization 404, thousands of rows streamed whole.
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
const ids: Record<string, string> = {};

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
async function admin(method: 'GET' | 'POST' | 'DELETE', path: string, payload?: Record<string, unknown>) {
  const res = await ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
  return res.statusCode === 204 ? {} : res.json();
}

/** Moves the clock; the owner signs in again (a session ends after 14 idle days). */
async function at(time: string) {
  ctx.clock.set(time);
  org.ownerCookie = await signIn(ctx, org.ownerEmail);
}

async function invite(firstName: string, email: string, activate: boolean) {
  const { customer } = await admin('POST', '/invitations', { firstName, email });
  if (activate) {
    const token = linkFrom((await ctx.mailTo(email)).at(-1)!.text).split('/activate/')[1];
    const res = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
    expect(res.statusCode, res.body).toBe(200);
    sessionCookie(res);
  }
  return customer.id as string;
}

/** Seeds months of history: November (the location's first), December (busy), January (idle); now is 5 February 2027. */
beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2026-11-28T09:00:00Z');
  org = await setupOrganization(ctx);
  ids.ana = await invite('Zoë', 'ana@x.test', true);
  ids.ben = await invite('Ben', 'ben@x.test', false);
  ids.carl = await invite('Carl', 'carl@x.test', true);
  ids.nora = (await admin('POST', '/nonmembers', { firstName: 'Nora', lastName: '=HYPERLINK("http://evil")', email: 'nora@x.test' })).customer.id;
  ids.room = (await admin('POST', '/resources', { type: 'meeting_room', name: 'Room A' })).resource.id;
  ids.company = (await admin('POST', '/companies', { name: '+Corp' })).company.id;
  // 00:30 on 1 December in Paris: December's, not November's
  await at('2026-11-30T23:30:00Z');
  ids.late = (await admin('POST', '/nonmembers', { firstName: 'Late', email: 'late@x.test' })).customer.id;

  await at('2026-12-10T08:00:00Z');
  await admin('DELETE', `/customers/${ids.carl}`);
  await admin('POST', `/customers/${ids.ben}/resend-invitation`);
  await admin('POST', '/bookings', {
    customerId: ids.ana,
    resourceId: ids.room,
    startsAt: '2026-12-11T09:00:00Z',
    endsAt: '2026-12-11T10:30:00Z',
    paymentMethod: 'free',
  });
  const canceled = await admin('POST', '/bookings', {
    customerId: ids.ana,
    resourceId: ids.room,
    startsAt: '2026-12-14T09:00:00Z',
    endsAt: '2026-12-14T10:00:00Z',
    paymentMethod: 'free',
  });
  await admin('POST', `/bookings/${canceled.booking.id}/cancel`);
  const paid = (await admin('POST', '/invoices', { customerId: ids.ana, lines: [{ description: 'Desk', quantity: 1, unitPrice: 10000 }] })).invoice.id;
  await admin('POST', `/invoices/${paid}/issue`);
  await admin('POST', `/invoices/${paid}/payments`, { amount: 10000, method: 'cash' });
  await admin('POST', `/invoices/${paid}/credit-notes`, { amount: 2000, reason: 'Goodwill', refund: 'manual' });
  const voided = (await admin('POST', '/invoices', { customerId: ids.ana, lines: [{ description: 'Oops', quantity: 1, unitPrice: 5000 }] })).invoice.id;
  await admin('POST', `/invoices/${voided}/issue`);
  await admin('POST', `/invoices/${voided}/void`);
  await admin('POST', '/ledger/adjustments', { customerId: ids.ana, unit: 'credit', amount: 5, memo: '-1+1' });
  const plan = (await admin('POST', '/plans', { name: 'Desk plan', price: 12345, cycle: 'month' })).plan.id;
  await admin('POST', '/subscriptions', { customerId: ids.ana, planId: plan, startDate: '2026-12-15' });

  await at('2027-02-05T10:00:00Z');
});
afterAll(() => ctx.close());

type Months = { months: Record<string, number | string>[]; currency: string };
const figures = async (from: string, to: string, cookie = org.ownerCookie) =>
  ctx.request({ method: 'GET', url: url(`/analytics?from=${from}&to=${to}`), cookie });

describe('monthly figures', () => {
  it('gives one entry per month asked for: zeros before the location existed and after now; month-end snapshots; the current month live', async () => {
    const res = await figures('2026-10', '2027-03');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Months;
    expect(body.currency).toBe('EUR');
    const by = Object.fromEntries(body.months.map((m) => [m.month, m]));
    expect(body.months.map((m) => m.month)).toEqual(['2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
    const zeros = {
      members: 0,
      nonmembers: 0,
      invitationsSent: 0,
      invitationsAccepted: 0,
      activeUsers: 0,
      roomBookedMinutes: 0,
      roomOpenMinutes: 0,
      revenue: 0,
      invoiced: 0,
    };
    expect(by['2026-10']).toEqual({ month: '2026-10', ...zeros });
    expect(by['2027-03']).toEqual({ month: '2027-03', ...zeros });
    // November: Zoë, Ben and Carl invited (members, Zoë activated), Nora a nonmember; the room open on Monday 30th
    expect(by['2026-11']).toEqual({ ...zeros, month: '2026-11', members: 3, nonmembers: 1, invitationsSent: 3, invitationsAccepted: 2, roomOpenMinutes: 720 });
    // December: Carl removed, the late nonmember counted; Ben's resend is no new invitation; 90 confirmed minutes
    // (the canceled hour left out); 23 weekdays of 12 hours; 100 paid minus 20 refunded; the void invoice left out
    expect(by['2026-12']).toEqual({
      month: '2026-12',
      members: 2,
      nonmembers: 2,
      invitationsSent: 0,
      invitationsAccepted: 0,
      activeUsers: 1,
      roomBookedMinutes: 90,
      roomOpenMinutes: 23 * 720,
      revenue: 8000,
      invoiced: 10000,
    });
    // January: idle
    expect(by['2027-01']).toEqual({ ...zeros, month: '2027-01', members: 2, nonmembers: 2, roomOpenMinutes: 21 * 720 });
    // February: live (the subscription makes Zoë active each month it covers)
    expect(by['2027-02']).toMatchObject({ members: 2, nonmembers: 2, roomOpenMinutes: 20 * 720 });
  });

  it('counts a new member in the current month at once, and a removal too', async () => {
    const id = await invite('Dora', 'dora@x.test', false);
    let feb = (await figures('2027-02', '2027-02')).json().months[0];
    expect(feb).toMatchObject({ members: 3, invitationsSent: 1, invitationsAccepted: 0 });
    // removing a never-activated invitee is the wrong-email cleanup: the record and its invitation go
    await admin('DELETE', `/customers/${id}`);
    feb = (await figures('2027-02', '2027-02')).json().months[0];
    expect(feb).toMatchObject({ members: 2 });
  });

  it('takes 24 months at most (400 beyond), and a range that ends before it starts is 400', async () => {
    expect((await figures('2025-03', '2027-02')).statusCode).toBe(200);
    expect((await figures('2025-03', '2027-02')).json().months).toHaveLength(24);
    const over = await figures('2025-02', '2027-02');
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details[0].path).toBe('to');
    expect((await figures('2027-02', '2027-01')).statusCode).toBe(400);
    expect((await figures('2027-13', '2027-12')).statusCode).toBe(400);
  });

  it('counts open minutes by elapsed time across a daylight-saving change', async () => {
    const open24 = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]));
    const patched = await ctx.request({ method: 'PATCH', url: url(''), cookie: org.ownerCookie, payload: { openingHours: open24 } });
    expect(patched.statusCode, patched.body).toBe(200);
    await at('2027-04-02T10:00:00Z');
    // Paris springs forward on 28 March 2027 (a 23-hour day)
    const march = (await figures('2027-03', '2027-03')).json().months[0];
    expect(march.roomOpenMinutes).toBe(31 * 1440 - 60);
    // (the clock stays: moving it back would make the owner's next sign-in code look older than this one)
    await ctx.request({
      method: 'PATCH',
      url: url(''),
      cookie: org.ownerCookie,
      payload: { openingHours: { ...Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['08:00', '20:00']]])), sat: [], sun: [] } },
    });
  });
});

const report = (name: string, from: string, to: string, cookie = org.ownerCookie) =>
  ctx.request({ method: 'GET', url: url(`/reports/${name}.csv?from=${from}&to=${to}`), cookie });
const rowsOf = (body: string) => Papa.parse<string[]>(body.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
function table(body: string) {
  const [header, ...rows] = rowsOf(body);
  return { header, rows: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

describe('reports', () => {
  it('users: a BOM, the header, records created between the local dates (inclusive), formula cells neutralised, accents kept', async () => {
    const res = await report('users', '2026-11-01', '2026-11-30');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="users-2026-11-01-to-2026-11-30.csv"');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const { header, rows } = table(res.body);
    expect(header.slice(0, 7)).toEqual(['ID', 'First name', 'Last name', 'Email', 'Phone', 'Type', 'Status']);
    // the late nonmember was created at 00:30 on 1 December in Paris
    expect(rows.map((r) => r.Email).sort()).toEqual(['ana@x.test', 'ben@x.test', 'carl@x.test', 'nora@x.test']);
    const nora = rows.find((r) => r.Email === 'nora@x.test')!;
    expect(nora['Last name']).toBe(`'=HYPERLINK("http://evil")`);
    // the words the Customers page shows, not the API's codes
    expect(rows.find((r) => r.Email === 'ana@x.test')).toMatchObject({
      'First name': 'Zoë',
      Type: 'Member',
      Status: 'Active',
      'Created at': expect.stringMatching(/^2026-11-28T09:00:00\.\d{3}Z$/),
    });
    expect(rows.find((r) => r.Email === 'carl@x.test')).toMatchObject({
      Status: 'Removed',
      'Removed at': expect.stringMatching(/^2026-12-10T08:00:00\.\d{3}Z$/),
    });
    const december = table((await report('users', '2026-12-01', '2026-12-01')).body).rows;
    expect(december.map((r) => r.Email)).toEqual(['late@x.test']);
  });

  it('companies, subscriptions, invoices, ledger and bookings: each its header and rows, money in major units with the currency', async () => {
    const companies = table((await report('companies', '2026-11-01', '2026-11-30')).body);
    expect(companies.header).toEqual(['ID', 'Name', 'Email', 'Phone', 'Address', 'Tax ID', 'People', 'Created at', 'Deleted at']);
    expect(companies.rows).toEqual([expect.objectContaining({ ID: ids.company, Name: "'+Corp", People: '0' })]);

    const subs = table((await report('subscriptions', '2026-12-15', '2026-12-15')).body);
    expect(subs.rows).toEqual([
      expect.objectContaining({
        Plan: 'Desk plan',
        'Customer ID': ids.ana,
        Owner: 'Zoë',
        Email: 'ana@x.test',
        Price: '123.45',
        Currency: 'EUR',
        'Start date': '2026-12-15',
        Cycle: 'Monthly',
      }),
    ]);
    expect(table((await report('subscriptions', '2026-12-16', '2026-12-31')).body).rows).toEqual([]);

    const invoices = table((await report('invoices', '2026-12-01', '2026-12-31')).body);
    expect(invoices.rows.map((r) => [r.Status, r.Total, r.Paid, r.Credited, r.Currency, r['Issue date']])).toEqual(
      expect.arrayContaining([
        ['Paid', '100.00', '100.00', '20.00', 'EUR', '2026-12-10'],
        ['Void', '50.00', '0.00', '0.00', 'EUR', '2026-12-10'],
      ]),
    );

    const ledger = table((await report('ledger', '2026-12-10', '2026-12-10')).body);
    expect(ledger.header).toEqual([
      'ID',
      'Created at',
      'Customer ID',
      'Company ID',
      'Owner',
      'Email',
      'Unit',
      'Kind',
      'Amount',
      'Balance after',
      'Expires at',
      'Memo',
      'Source',
    ]);
    expect(ledger.rows).toContainEqual(
      expect.objectContaining({ Kind: 'Adjusted', Amount: '5', Memo: "'-1+1", 'Created at': expect.stringMatching(/^2026-12-10T08:00:00\.\d{3}Z$/) }),
    );

    const bookings = table((await report('bookings', '2026-12-01', '2026-12-31')).body);
    expect(bookings.rows.map((r) => [r.Resource, r['Starts at'], r.Minutes, r.Status, r.Price, r.Currency])).toEqual([
      ['Room A', '2026-12-11T09:00:00.000Z', '90', 'Confirmed', '0.00', 'EUR'],
      ['Room A', '2026-12-14T09:00:00.000Z', '60', 'Canceled', '0.00', 'EUR'],
    ]);
  });

  it("speaks the requester's language: French column names and labels, ids, dates and amounts as they are", async () => {
    const fr = (name: string, from: string, to: string) =>
      ctx.request({
        method: 'GET',
        url: url(`/reports/${name}.csv?from=${from}&to=${to}`),
        cookie: org.ownerCookie,
        headers: { 'accept-language': 'fr-FR,fr;q=0.9' },
      });
    const users = await fr('users', '2026-11-01', '2026-11-30');
    expect(users.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const { header, rows } = table(users.body);
    expect(header.slice(0, 8)).toEqual(['ID', 'Prénom', 'Nom', 'E-mail', 'Téléphone', 'Type', 'Statut', 'Origine']);
    expect(rows.find((r) => r['E-mail'] === 'ana@x.test')).toMatchObject({ Prénom: 'Zoë', Type: 'Membre', Statut: 'Actif' });
    const bookings = table((await fr('bookings', '2026-12-01', '2026-12-31')).body);
    expect(bookings.rows.map((r) => [r.Statut, r['Type de ressource'], r.Prix])).toEqual([
      ['Confirmée', 'Salle de réunion', '0.00'],
      ['Annulée', 'Salle de réunion', '0.00'],
    ]);
    const invoices = table((await fr('invoices', '2026-12-01', '2026-12-31')).body);
    expect(invoices.rows.map((r) => r.Statut).sort()).toEqual(['Annulée', 'Payée']);
  });

  it('gives the numbers the figures show: invoiced and booked minutes of a month add up from the reports', async () => {
    const dec = (await figures('2026-12', '2026-12')).json().months[0];
    const invoices = table((await report('invoices', '2026-12-01', '2026-12-31')).body).rows.filter((r) => r.Status !== 'Void');
    expect(Math.round(invoices.reduce((t, r) => t + Number(r.Total), 0) * 100)).toBe(dec.invoiced);
    const bookings = table((await report('bookings', '2026-12-01', '2026-12-31')).body).rows.filter(
      (r) => r.Status === 'Confirmed' && r['Resource type'] === 'Meeting room',
    );
    expect(bookings.reduce((t, r) => t + Number(r.Minutes), 0)).toBe(dec.roomBookedMinutes);
    const users = table((await report('users', '2000-01-01', '2026-12-31')).body).rows.filter((r) => r.Type === 'Member' && r.Status !== 'Removed');
    expect(users).toHaveLength(dec.members);
  });

  it('answers 404 for an unknown report and to another organization; 403 without the analytics permission; 400 for bad dates', async () => {
    expect((await report('secrets', '2026-11-01', '2026-11-30')).statusCode).toBe(404);
    const rival = await setupOrganization(ctx, 'Rival', 'rival@x.test');
    expect((await report('users', '2026-11-01', '2026-11-30', rival.ownerCookie)).statusCode).toBe(404);
    expect((await figures('2026-11', '2026-12', rival.ownerCookie)).statusCode).toBe(404);
    expect((await report('users', '2026-11-30', '2026-11-01')).statusCode).toBe(400);
    expect((await report('users', '2026-11', '2026-11-30')).statusCode).toBe(400);
    // an administrator with billing but not analytics
    await admin('POST', '/invitations', { firstName: 'Bill', email: 'bill@x.test', administrator: true, permissions: ['billing', 'customers'] });
    const r = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'bill@x.test' } });
    expect(r.statusCode).toBe(202);
    const code = codeFrom((await ctx.mailTo('bill@x.test'))[0].text);
    const signedIn = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'bill@x.test', code } });
    const bill = sessionCookie(signedIn);
    expect((await report('invoices', '2026-11-01', '2026-11-30', bill)).statusCode).toBe(403);
    expect((await figures('2026-11', '2026-12', bill)).statusCode).toBe(403);
  });

  it('streams thousands of rows whole, in order, across pages (rows with the same time included)', async () => {
    const now = '2027-01-15T12:00:00.000Z';
    const rows = Array.from({ length: 2600 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      organization_id: org.organizationId,
      location_id: org.locationId,
      customer_id: ids.ben,
      company_id: null,
      unit: 'credit' as const,
      kind: 'adjust' as const,
      amount: 1,
      balance_after: i + 1,
      seq: 1000 + i,
      expires_at: null,
      memo: `Bulk ${i}`,
      source_type: null,
      source_id: null,
      source_key: null,
      actor_user_id: null,
      // 26 instants, 100 rows each: the keyset's id breaks the ties
      created_at: new Date(Date.parse(now) + Math.floor(i / 100) * 1000).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 200)
      await ctx.db
        .insertInto('ledger_transactions')
        .values(rows.slice(i, i + 200))
        .execute();
    const res = await report('ledger', '2027-01-15', '2027-01-15');
    expect(res.statusCode).toBe(200);
    const got = table(res.body).rows;
    expect(got).toHaveLength(2600);
    expect(new Set(got.map((r) => r.ID)).size).toBe(2600);
    expect(got.map((r) => r.Memo)).toEqual(rows.map((r) => r.memo));
  });
});
