// Subscriptions through the API with the design's numbers: proration from the 10th, renewal and
// lot expiry by sweeps (run twice, and at once), end dates, cancel, auto-remove with company
// cover, the offboarding preview, plans' rules, and what is refused.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSweeps } from '../../lib/sweeps.js';
import { sweeps } from '../index.js';
import { sweepOnce } from '../../runtime.js';
import { createTestContext, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let ana: string;
let ben: string;
let companyId: string;

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: Record<string, unknown>, cookie = org.ownerCookie) =>
  ctx.request({ method, url: url(path), cookie, ...(payload ? { payload } : {}) });

async function invite(firstName: string, email: string, extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/invitations', { firstName, lastName: 'Test', email, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().customer.id as string;
}

async function plan(body: Record<string, unknown> = {}) {
  const res = await api('POST', '/plans', { name: 'Hot desk', price: 30000, cycle: 'month', credits: 20, dayPasses: 4, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().plan.id as string;
}

/** Moves the clock; sessions idle for weeks expire, so the owner signs in again. */
async function jump(at: string) {
  ctx.clock.set(at);
  org.ownerCookie = await signIn(ctx, org.ownerEmail);
}

const balances = async (owner: string) => (await api('GET', `/balances?${owner}`)).json();
const customer = async (id: string) => (await api('GET', `/customers/${id}`)).json().customer;

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-10T09:00:00Z');
  org = await setupOrganization(ctx);
  companyId = (await api('POST', '/companies', { name: 'Globex' })).json().company.id;
  ana = await invite('Ana', 'ana@x.test');
  ben = await invite('Ben', 'ben@x.test', { companyId });
});
afterEach(() => ctx.close());

describe('periods, proration and grants', () => {
  it('a first-of-month subscription from 10 March: 21290, 14 credits, 2 day passes; April renews in full and the March lots expire', async () => {
    const planId = await plan();
    const res = await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10', anchor: 'first_of_month' });
    expect(res.statusCode, res.body).toBe(201);
    // the first period is invoiced at once (Billing II), prorated: 30000 × 22 / 31
    expect(res.json().invoice).toMatchObject({ status: 'issued', subtotal: 21290, lines: [{ periodStart: '2027-03-10', periodEnd: '2027-03-31' }] });
    expect(res.json().subscription).toMatchObject({
      status: 'active',
      name: 'Hot desk',
      price: 30000,
      currency: 'EUR',
      credits: 20,
      dayPasses: 4,
      currentPeriodStart: '2027-03-10',
      currentPeriodEnd: '2027-03-31',
    });
    expect(await balances(`customerId=${ana}`)).toMatchObject({
      credits: 14,
      dayPasses: 2,
      lots: [
        { unit: 'credit', remaining: 14, expiresAt: '2027-03-31T22:00:00.000Z' },
        { unit: 'day_pass', remaining: 2, expiresAt: '2027-03-31T22:00:00.000Z' },
      ],
    });
    const mail = (await ctx.mailTo('ana@x.test')).find((m) => m.subject.startsWith('Your Hot desk'))!;
    expect(mail.subject).toBe('Your Hot desk subscription at Acme Spaces North Hall');
    expect(mail.text).toContain('You are subscribed to Hot desk at Acme Spaces North Hall from March 10, 2027.');
    expect(mail.text).toContain('Each period brings 20 credits and 4 day passes.');

    // 1 April 00:30 in Paris is still 31 March in UTC: the location's date decides
    await jump('2027-03-31T22:30:00Z');
    await sweepOnce(ctx.deps);
    await sweepOnce(ctx.deps);
    const renewed = (await api('GET', `/subscriptions?customerId=${ana}`)).json().items[0];
    expect(renewed).toMatchObject({ currentPeriodStart: '2027-04-01', currentPeriodEnd: '2027-04-30' });
    expect(await balances(`customerId=${ana}`)).toMatchObject({ credits: 20, dayPasses: 4 });
    const lines = (await api('GET', `/ledger?customerId=${ana}&unit=credit`)).json().items;
    expect(lines.map((l: { kind: string; amount: number; balanceAfter: number }) => [l.kind, l.amount, l.balanceAfter])).toEqual([
      ['grant', 20, 20],
      ['expire', -14, 0],
      ['grant', 14, 14],
    ]);
  });

  it('a start-date subscription counts months from its start; a past start grants only today’s period', async () => {
    const planId = await plan({ credits: 10, dayPasses: 0 });
    const res = await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-01-31', quantity: 2, anchor: 'start_date' });
    expect(res.json().subscription).toMatchObject({ status: 'active', currentPeriodStart: '2027-02-28', currentPeriodEnd: '2027-03-30', quantity: 2 });
    expect((await balances(`customerId=${ana}`)).credits).toBe(20);
  });

  it('a scheduled subscription starts with the sweep on its day, once, even with two sweeps at once', async () => {
    const planId = await plan();
    const res = await api('POST', '/subscriptions', { companyId, planId, startDate: '2027-03-15' });
    expect(res.json().subscription).toMatchObject({ status: 'scheduled', currentPeriodStart: null });
    expect((await balances(`companyId=${companyId}`)).credits).toBe(0);
    await jump('2027-03-15T08:00:00Z');
    await Promise.all([
      runSweeps(ctx.deps.db, ctx.deps.dbKind, sweeps(ctx.deps), ctx.deps.clock.now()),
      runSweeps(ctx.deps.db, ctx.deps.dbKind, sweeps(ctx.deps), ctx.deps.clock.now()),
    ]);
    await sweepOnce(ctx.deps);
    const sub = (await api('GET', `/subscriptions?companyId=${companyId}`)).json().items[0];
    expect(sub).toMatchObject({ status: 'active', currentPeriodStart: '2027-03-15', currentPeriodEnd: '2027-04-14' });
    expect(await balances(`companyId=${companyId}`)).toMatchObject({ credits: 20, dayPasses: 4 });
  });

  it('a cut last period grants what it covers; the end sweep ends it and what is left expires', async () => {
    const planId = await plan();
    const res = await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10', endDate: '2027-04-15' });
    expect(res.json().subscription).toMatchObject({ status: 'ending', endDate: '2027-04-15' });
    await jump('2027-04-10T08:00:00Z');
    await sweepOnce(ctx.deps);
    // 10 April to 15 April of a 10 April – 9 May period: 6 of 30 days
    expect(await balances(`customerId=${ana}`)).toMatchObject({ credits: 4, dayPasses: 0 });
    await jump('2027-04-16T08:00:00Z');
    await sweepOnce(ctx.deps);
    const sub = (await api('GET', `/subscriptions?customerId=${ana}`)).json().items[0];
    expect(sub.status).toBe('ended');
    expect(await balances(`customerId=${ana}`)).toMatchObject({ credits: 0, dayPasses: 0, lots: [] });
  });
});

describe('ending, canceling and auto-remove', () => {
  it('auto-remove: a member covered by the company stays; without cover becomes a nonmember; administrators are kept', async () => {
    expect((await api('PATCH', '', { autoRemoveMembers: true })).json().location.autoRemoveMembers).toBe(true);
    const planId = await plan();
    const own = (await api('POST', '/subscriptions', { customerId: ben, planId, startDate: '2027-03-10' })).json().subscription.id;
    const company = (await api('POST', '/subscriptions', { companyId, planId, startDate: '2027-03-10' })).json().subscription.id;
    const anaSub = (await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10' })).json().subscription.id;

    // Ben keeps the company's cover
    const preview = (await api('GET', `/subscriptions/${own}/offboarding`)).json();
    expect(preview).toMatchObject({ creditsExpiring: 20, dayPassesExpiring: 4, becomeNonmembers: [], assignmentsEnding: [], draftInvoicesDeleted: 0 });
    expect((await api('POST', `/subscriptions/${own}/cancel`)).json().subscription.status).toBe('canceled');
    expect((await customer(ben)).type).toBe('member');
    expect((await balances(`customerId=${ben}`)).credits).toBe(0);

    // the company's goes: Ben loses all cover
    expect((await api('GET', `/subscriptions/${company}/offboarding`)).json().becomeNonmembers).toEqual([{ customerId: ben, name: 'Ben Test' }]);
    await api('POST', `/subscriptions/${company}/cancel`);
    expect((await customer(ben)).type).toBe('nonmember');

    // Ana is an administrator here too: never auto-removed
    await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      payload: { locationId: org.locationId, email: 'ana@x.test', firstName: 'Ana', permissions: [] },
      cookie: org.ownerCookie,
    });
    expect((await api('GET', `/subscriptions/${anaSub}/offboarding`)).json().becomeNonmembers).toEqual([]);
    await api('PATCH', `/subscriptions/${anaSub}`, { endDate: '2027-03-20' });
    await jump('2027-03-21T08:00:00Z');
    await sweepOnce(ctx.deps);
    expect((await customer(ana)).type).toBe('member');
    const profile = (await api('GET', `/customers/${ben}`)).json();
    expect(profile.activities.find((a: { kind: string }) => a.kind === 'became_nonmember')?.data).toMatchObject({ reason: 'auto_remove' });
  });

  it('an end date emails the owner, moves the lots’ expiry, and clears back to active', async () => {
    const planId = await plan();
    const id = (await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10' })).json().subscription.id;
    const ending = await api('PATCH', `/subscriptions/${id}`, { endDate: '2027-03-20' });
    expect(ending.json().subscription.status).toBe('ending');
    const mails = await ctx.mailTo('ana@x.test');
    expect(mails[0].subject).toBe('Your Hot desk subscription ends on March 20, 2027');
    expect((await balances(`customerId=${ana}`)).lots[0].expiresAt).toBe('2027-03-20T23:00:00.000Z');
    const cleared = await api('PATCH', `/subscriptions/${id}`, { endDate: null });
    expect(cleared.json().subscription.status).toBe('active');
    expect((await balances(`customerId=${ana}`)).lots[0].expiresAt).toBe('2027-04-09T22:00:00.000Z');
  });

  it('ended and canceled are final: 409 invalid_transition', async () => {
    const planId = await plan();
    const id = (await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10' })).json().subscription.id;
    await api('POST', `/subscriptions/${id}/cancel`);
    for (const res of [await api('POST', `/subscriptions/${id}/cancel`), await api('PATCH', `/subscriptions/${id}`, { quantity: 2 })]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.reason).toBe('invalid_transition');
    }
  });

  it('deleting a customer cancels their personal subscriptions', async () => {
    const planId = await plan();
    const id = (await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10' })).json().subscription.id;
    expect((await api('DELETE', `/customers/${ana}`)).statusCode).toBeLessThan(300);
    const sub = (await api('GET', `/subscriptions?customerId=${ana}`)).json().items.find((s: { id: string }) => s.id === id);
    expect(sub.status).toBe('canceled');
  });

  it('removing a wrong-email invitee whom a company subscription counted as active keeps the account that count names', async () => {
    const planId = await plan();
    expect((await api('POST', '/subscriptions', { companyId, planId, startDate: '2027-03-10' })).statusCode).toBe(201);
    const counted = await ctx.db.selectFrom('active_user_months').select(['user_id', 'month', 'reason']).where('location_id', '=', org.locationId).execute();
    const benUser = (await customer(ben)).userId;
    expect(counted).toContainEqual({ user_id: benUser, month: '2027-03', reason: 'subscription' });
    // the record goes (never activated, nothing added), the account stays: the month's count still names it
    expect((await api('DELETE', `/customers/${ben}`)).statusCode).toBe(204);
    expect((await api('GET', `/customers/${ben}`)).statusCode).toBe(404);
    expect(await ctx.db.selectFrom('users').select('id').where('id', '=', benUser).execute()).toHaveLength(1);
    // an invitee nobody counted leaves nothing behind, as before
    const typo = await invite('Typo', 'typo@x.test');
    const typoUser = (await customer(typo)).userId;
    expect((await api('DELETE', `/customers/${typo}`)).statusCode).toBe(204);
    expect(await ctx.db.selectFrom('users').select('id').where('id', '=', typoUser).execute()).toHaveLength(0);
  });
});

describe('what is refused', () => {
  it('a nonmember, a weekly plan on the 1st, an archived plan, both owners, an end before the start', async () => {
    const weekly = await plan({ cycle: 'week' });
    const monthly = await plan();
    const vi = (await api('POST', '/nonmembers', { firstName: 'Vi', email: 'vi@x.test' })).json().customer.id;
    const notMember = await api('POST', '/subscriptions', { customerId: vi, planId: monthly, startDate: '2027-03-10' });
    expect([notMember.statusCode, notMember.json().error.reason]).toEqual([422, 'not_a_member']);
    const anchor = await api('POST', '/subscriptions', { customerId: ana, planId: weekly, startDate: '2027-03-10', anchor: 'first_of_month' });
    expect([anchor.statusCode, anchor.json().error.reason]).toEqual([422, 'invalid_anchor']);
    await api('PATCH', `/plans/${monthly}`, { archived: true });
    const archived = await api('POST', '/subscriptions', { customerId: ana, planId: monthly, startDate: '2027-03-10' });
    expect([archived.statusCode, archived.json().error.reason]).toEqual([422, 'plan_archived']);
    expect((await api('POST', '/subscriptions', { customerId: ana, companyId, planId: weekly, startDate: '2027-03-10' })).statusCode).toBe(400);
    expect((await api('POST', '/subscriptions', { customerId: ana, planId: weekly, startDate: '2027-03-10', endDate: '2027-03-09' })).statusCode).toBe(400);
    expect((await api('POST', '/subscriptions', { customerId: ana, planId: weekly, startDate: '2027-02-30' })).statusCode).toBe(400);
  });

  it('plans: self sign-up needs a visible plan; a sold plan is not deleted; an unsold one is', async () => {
    const bad = await api('POST', '/plans', { name: 'Open', price: 100, cycle: 'month', selfSignUp: true });
    expect([bad.statusCode, bad.json().error.reason]).toEqual([422, 'invalid_visibility']);
    const sold = await plan();
    await api('POST', '/subscriptions', { customerId: ana, planId: sold, startDate: '2027-03-10' });
    const refused = await api('DELETE', `/plans/${sold}`);
    expect([refused.statusCode, refused.json().error.reason]).toEqual([409, 'plan_in_use']);
    const unsold = await plan({ name: 'Unsold' });
    expect((await api('DELETE', `/plans/${unsold}`)).statusCode).toBe(204);
    const list = (await api('GET', '/plans')).json().items.map((p: { name: string }) => p.name);
    expect(list).toEqual(['Hot desk']);
  });

  it('another organization cannot sell our plan or to our people; an administrator without billing gets 403', async () => {
    const planId = await plan();
    const other = await setupOrganization(ctx, 'Other Co', 'boss@other.test');
    const theirs = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${other.locationId}/subscriptions`,
      payload: { customerId: ana, planId, startDate: '2027-03-10' },
      cookie: other.ownerCookie,
    });
    expect(theirs.statusCode).toBe(404);
    await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      payload: { locationId: org.locationId, email: 'desk@acme.test', firstName: 'Desk', permissions: ['customers'] },
      cookie: org.ownerCookie,
    });
    const desk = await signIn(ctx, 'desk@acme.test');
    expect((await api('POST', '/subscriptions', { customerId: ana, planId, startDate: '2027-03-10' }, desk)).statusCode).toBe(403);
  });
});
