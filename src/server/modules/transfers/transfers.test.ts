// Transfer in one step through the API (design 11.1 and its clarifications): an activated member has access at
// the target at once ("you now have access"), an invitee gets a fresh invitation link, a nonmember one email naming
// the new location, each exactly one email; a nonmember record at the target is converted, a removed one
// restored; subscriptions kept, ended at the end of their period or canceled now (with the offboarding preview);
// the old record kept, made a nonmember or removed; activities on both sides naming the other; the company at the
// target; and what is refused: another organization's location, a location without `customers` (404), the same
// type already there (409 already_customer), a removal without ending now (422), a removed customer (409), and
// 20 identical transfers at once, of which exactly one goes through.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Announcement, announced } from '../../lib/announcements.js';
import { createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
let south: string;
const heard: Announcement[] = [];
announced.subscribe(async (_trx, a) => {
  heard.push(a);
});

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const at =
  (locationId: string) =>
  (method: Method, path: string, payload?: Record<string, unknown>, cookie = org.ownerCookie) =>
    ctx.request({ method, url: `/api/v1/locations/${locationId}${path}`, cookie, ...(payload ? { payload } : {}) });
const north = (method: Method, path: string, payload?: Record<string, unknown>, cookie?: string) => at(org.locationId)(method, path, payload, cookie);
const southApi = (method: Method, path: string, payload?: Record<string, unknown>, cookie?: string) => at(south)(method, path, payload, cookie);
const transfer = (customerId: string, body: Record<string, unknown>, cookie?: string) =>
  north('POST', `/customers/${customerId}/transfer`, { toLocationId: south, ...body }, cookie);

async function invite(firstName: string, email: string, where = north) {
  const res = await where('POST', '/invitations', { firstName, lastName: 'Test', email });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().customer.id as string;
}

/** An invited member who activates their account. */
async function activeMember(firstName: string, email: string) {
  const id = await invite(firstName, email);
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  return id;
}

const mailCount = async (email: string) => (await ctx.mailTo(email)).length;
const profile = async (where: typeof north, id: string) => (await where('GET', `/customers/${id}`)).json();

async function plan() {
  const res = await north('POST', '/plans', { name: 'Hot desk', price: 30000, cycle: 'month', credits: 20, dayPasses: 4 });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().plan.id as string;
}

async function subscribe(customerId: string, planId: string, startDate = '2027-03-10') {
  const res = await north('POST', '/subscriptions', { customerId, planId, startDate, anchor: 'first_of_month' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().subscription.id as string;
}

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-10T09:00:00Z');
  org = await setupOrganization(ctx);
  const created = await ctx.request({
    method: 'POST',
    url: '/api/v1/locations',
    cookie: org.ownerCookie,
    payload: { name: 'South Loft', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
  });
  expect(created.statusCode, created.body).toBe(201);
  south = created.json().location.id;
  heard.length = 0;
});
afterEach(() => ctx.close());

describe('transfer as a member', () => {
  it('an activated member has access at once, with one "you now have access" email; activities name the other side', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const before = await mailCount('ana@x.test');
    const res = await transfer(ana, { type: 'member' });
    expect(res.statusCode, res.body).toBe(200);
    const { from, to } = res.json();
    expect(from).toMatchObject({ id: ana, locationId: org.locationId, type: 'member', status: 'active' });
    expect(to).toMatchObject({ locationId: south, type: 'member', status: 'active', source: 'transfer', email: 'ana@x.test', firstName: 'Ana' });
    const mails = await ctx.mailTo('ana@x.test');
    expect(mails.length - before).toBe(1);
    expect(mails[0].subject).toBe('You now have access to South Loft');

    const out = (await profile(north, ana)).activities.find((a: { kind: string }) => a.kind === 'transferred_out');
    expect(out.data).toMatchObject({ toLocationId: south, toLocationName: 'South Loft', toCustomerId: to.id, type: 'member', oldCustomer: 'keep' });
    const inTimeline = (await profile(southApi, to.id)).activities.map((a: { kind: string }) => a.kind);
    expect(inTimeline).toEqual(expect.arrayContaining(['created', 'access_granted', 'transferred_in']));
    const arrived = (await profile(southApi, to.id)).activities.find((a: { kind: string }) => a.kind === 'transferred_in');
    expect(arrived.data).toMatchObject({ fromLocationId: org.locationId, fromLocationName: 'Acme Spaces North Hall', fromCustomerId: ana });

    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: await signIn(ctx, 'ana@x.test') });
    expect(me.json().memberships).toEqual(expect.arrayContaining([expect.objectContaining({ locationId: south, type: 'member', status: 'active' })]));
    expect(heard.filter((a) => a.type === 'customer.transferred')).toHaveLength(1);
    expect(heard.find((a) => a.type === 'customer.transferred')).toMatchObject({ organizationId: org.organizationId, locationId: org.locationId });
  });

  it('an invitee gets a fresh invitation link to the target, as their one email', async () => {
    const ben = await invite('Ben', 'ben@x.test');
    const before = await mailCount('ben@x.test');
    const res = await transfer(ben, { type: 'member' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().to).toMatchObject({ type: 'member', status: 'invited', source: 'transfer' });
    const mails = await ctx.mailTo('ben@x.test');
    expect(mails.length - before).toBe(1);
    expect(mails[0].subject).toBe('You are invited to South Loft');
    const token = linkFrom(mails[0].text).split('/activate/')[1];
    expect((await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } })).json().status).toBe('signed_in');
    expect((await profile(southApi, res.json().to.id)).customer.status).toBe('active');
  });

  it('converts a nonmember record at the target into a member, and restores a removed one', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const lead = await southApi('POST', '/nonmembers', { firstName: 'Ana', email: 'ana@x.test' });
    expect(lead.statusCode, lead.body).toBe(201);
    const globex = (await southApi('POST', '/companies', { name: 'Globex' })).json().company.id;
    expect((await southApi('POST', `/companies/${globex}/people`, { customerId: lead.json().customer.id })).statusCode).toBeLessThan(300);
    const res = await transfer(ana, { type: 'member' });
    expect(res.statusCode, res.body).toBe(200);
    // the record there becomes a member, in the company it was in
    expect(res.json().to).toMatchObject({ id: lead.json().customer.id, type: 'member', status: 'active', companyId: globex });
    const kinds = (await profile(southApi, lead.json().customer.id)).activities.map((a: { kind: string }) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['became_member', 'transferred_in']));

    const cy = await activeMember('Cy', 'cy@x.test');
    const old = await invite('Cy', 'cy@x.test', southApi);
    expect((await southApi('DELETE', `/customers/${old}`)).statusCode).toBe(204);
    const back = await transfer(cy, { type: 'member' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().to).toMatchObject({ id: old, type: 'member', status: 'active', removedAt: null });
  });

  it('puts them into a company of the target; a company of another location is 404', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const here = (await north('POST', '/companies', { name: 'Initech' })).json().company.id;
    expect((await transfer(ana, { type: 'member', companyId: here })).statusCode).toBe(404);
    const there = (await southApi('POST', '/companies', { name: 'Globex' })).json().company.id;
    const res = await transfer(ana, { type: 'member', companyId: there });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().to).toMatchObject({ companyId: there, companyName: 'Globex', companyManager: false });
  });
});

describe('transfer as a nonmember', () => {
  it('sends one email naming the new location, with no invitation link', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const before = await mailCount('ana@x.test');
    const res = await transfer(ana, { type: 'nonmember' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().to).toMatchObject({ type: 'nonmember', status: 'active', source: 'transfer' });
    const mails = await ctx.mailTo('ana@x.test');
    expect(mails.length - before).toBe(1);
    expect(mails[0].subject).toBe('You are now a customer of South Loft');
    expect(mails[0].text).toContain('South Loft');
    expect(mails[0].text).not.toContain('/activate/');

    // in the person's own language
    const ben = await activeMember('Ben', 'ben@x.test');
    const me = await ctx.request({ method: 'PATCH', url: '/api/v1/me', cookie: await signIn(ctx, 'ben@x.test'), payload: { language: 'fr' } });
    expect(me.statusCode, me.body).toBe(200);
    expect((await transfer(ben, { type: 'nonmember' })).statusCode).toBe(200);
    expect((await ctx.mailTo('ben@x.test'))[0].subject).toBe('Vous êtes désormais client de South Loft');
  });

  it('answers 409 already_customer where the person is already a member, or a nonmember', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    await invite('Ana', 'ana@x.test', southApi);
    const res = await transfer(ana, { type: 'nonmember' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.reason).toBe('already_customer');
    const again = await transfer(ana, { type: 'member' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('already_customer');

    const ben = await activeMember('Ben', 'ben@x.test');
    expect((await southApi('POST', '/nonmembers', { firstName: 'Ben', email: 'ben@x.test' })).statusCode).toBe(201);
    expect((await transfer(ben, { type: 'nonmember' })).json().error.reason).toBe('already_customer');
  });
});

describe('subscriptions and the old record', () => {
  it('keeps them by default', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const sub = await subscribe(ana, await plan());
    expect((await transfer(ana, { type: 'member' })).statusCode).toBe(200);
    expect((await north('GET', `/subscriptions?customerId=${ana}`)).json().items[0]).toMatchObject({ id: sub, status: 'active', endDate: null });
  });

  it('ends them at the end of the current period, without an email of its own, as the preview says', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const sub = await subscribe(ana, await plan());
    const preview = await north('GET', `/customers/${ana}/transfer/preview?endSubscriptions=end_of_period`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().items).toEqual([
      expect.objectContaining({
        subscription: expect.objectContaining({ id: sub }),
        endDate: '2027-03-31',
        offboarding: expect.objectContaining({ creditsExpiring: 14 }),
      }),
    ]);
    const before = await mailCount('ana@x.test');
    const res = await transfer(ana, { type: 'member', endSubscriptions: 'end_of_period', oldCustomer: 'nonmember' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().from).toMatchObject({ type: 'nonmember', status: 'active' });
    expect((await north('GET', `/subscriptions?customerId=${ana}`)).json().items[0]).toMatchObject({ status: 'ending', endDate: '2027-03-31' });
    expect((await mailCount('ana@x.test')) - before).toBe(1);
    const out = (await profile(north, ana)).activities.find((a: { kind: string }) => a.kind === 'transferred_out');
    expect(out.data).toMatchObject({ subscriptionsEnding: 1, subscriptionsCanceled: 0, oldCustomer: 'nonmember' });
    expect((await profile(north, ana)).activities.map((a: { kind: string }) => a.kind)).toContain('became_nonmember');
  });

  it('cancels them now and removes the old record; credits expire, invoices stay', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const sub = await subscribe(ana, await plan());
    const preview = (await north('GET', `/customers/${ana}/transfer/preview?endSubscriptions=now`)).json();
    expect(preview.items[0]).toMatchObject({ endDate: null, offboarding: { creditsExpiring: 14, dayPassesExpiring: 2 } });
    const before = await mailCount('ana@x.test');
    const res = await transfer(ana, { type: 'member', endSubscriptions: 'now', oldCustomer: 'remove' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().from).toMatchObject({ status: 'removed' });
    expect(res.json().to).toMatchObject({ status: 'active', type: 'member' });
    expect((await north('GET', `/subscriptions?customerId=${ana}`)).json().items[0]).toMatchObject({ id: sub, status: 'canceled' });
    expect((await north('GET', `/balances?customerId=${ana}`)).json()).toMatchObject({ credits: 0, dayPasses: 0 });
    expect((await north('GET', `/invoices?customerId=${ana}`)).json().items).toHaveLength(1);
    expect((await mailCount('ana@x.test')) - before).toBe(1);
    const kinds = (await profile(north, ana)).activities.map((a: { kind: string }) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['subscription_canceled', 'removed', 'transferred_out']));
  });

  it('refuses to remove the old record without ending now (422), and a removed customer (409 invalid_state)', async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    for (const endSubscriptions of ['keep', 'end_of_period']) {
      const res = await transfer(ana, { type: 'member', endSubscriptions, oldCustomer: 'remove' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.reason).toBe('remove_needs_end_now');
    }
    expect((await north('DELETE', `/customers/${ana}`)).statusCode).toBe(204);
    const res = await transfer(ana, { type: 'member' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.reason).toBe('invalid_state');
    expect((await southApi('GET', '/customers?type=member')).json().items).toEqual([]);
  });
});

describe('who may transfer where', () => {
  it("another organization's location, a location not administered and one without customers answer 404", async () => {
    const ana = await activeMember('Ana', 'ana@x.test');
    const rival = await setupOrganization(ctx, 'Rival Works', 'boss@rival.test');
    const res = await transfer(ana, { type: 'member', toLocationId: rival.locationId });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Rival');

    const grant = (email: string, locationId: string | null, permissions: string[]) =>
      ctx.request({ method: 'POST', url: '/api/v1/administrators', cookie: org.ownerCookie, payload: { email, firstName: 'Adm', locationId, permissions } });
    expect((await grant('north@x.test', org.locationId, ['customers'])).statusCode).toBe(201);
    const northOnly = await signIn(ctx, 'north@x.test');
    expect((await transfer(ana, { type: 'member' }, northOnly)).statusCode).toBe(404);
    expect((await grant('north@x.test', south, ['settings', 'billing'])).statusCode).toBe(201);
    expect((await transfer(ana, { type: 'member' }, northOnly)).statusCode).toBe(404);
    expect((await grant('north@x.test', south, ['customers'])).statusCode).toBe(201);
    expect((await transfer(ana, { type: 'member' }, northOnly)).statusCode).toBe(200);
    // an administrator of the target alone cannot reach the source's customer
    expect((await grant('south@x.test', south, ['customers'])).statusCode).toBe(201);
    const southOnly = await signIn(ctx, 'south@x.test');
    expect((await transfer(ana, { type: 'nonmember' }, southOnly)).statusCode).toBe(404);
    expect((await southApi('GET', '/customers?type=member')).json().items).toHaveLength(1);
  });

  it('20 identical transfers at once: exactly one goes through, the others answer 409', async () => {
    const bodies = [{ type: 'member' }, { type: 'nonmember', oldCustomer: 'nonmember' }, { type: 'member', endSubscriptions: 'now', oldCustomer: 'remove' }];
    for (const [i, body] of bodies.entries()) {
      const email = `p${i}@x.test`;
      const id = await activeMember(`P${i}`, email);
      const before = await mailCount(email);
      const answers = await Promise.all(Array.from({ length: 20 }, () => transfer(id, body)));
      const codes = answers.map((r) => r.statusCode);
      expect(
        codes.filter((c) => c === 200),
        JSON.stringify(body),
      ).toHaveLength(1);
      expect(
        codes.filter((c) => c === 409),
        JSON.stringify(body),
      ).toHaveLength(19);
      expect((await southApi('GET', `/customers?q=${email}`)).json().items).toHaveLength(1);
      expect((await mailCount(email)) - before).toBe(1);
      const outs = (await profile(north, id)).activities.filter((a: { kind: string }) => a.kind === 'transferred_out');
      expect(outs).toHaveLength(1);
    }
  });
});
