// The member's side: plans by visibility (portal and public), self sign-up that makes the person
// a member (twice is 409), and the Billing summary with the company's balances and the spend switch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;

const url = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const portal = (path: string) => `/api/v1/portal/locations/${org.locationId}${path}`;
const admin = (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url: url(path), cookie: org.ownerCookie, ...(payload ? { payload } : {}) });

async function plan(name: string, visibility: string, selfSignUp = false) {
  const res = await admin('POST', '/plans', { name, price: 12000, cycle: 'month', credits: 8, visibility, selfSignUp });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().plan.id as string;
}

/** An invited member who activates: their session cookie and customer id. */
async function activatedMember(firstName: string, email: string, extra: Record<string, unknown> = {}) {
  const invited = await admin('POST', '/invitations', { firstName, email, ...extra });
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  const cookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  return { cookie, customerId: invited.json().customer.id as string };
}

/** Someone with an account and no record here: signs in with a code. */
async function stranger(email: string) {
  const other = await setupOrganization(ctx, 'Elsewhere', `boss-${email}`);
  await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${other.locationId}/invitations`,
    payload: { firstName: 'Sol', email },
    cookie: other.ownerCookie,
  });
  await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email } });
  const mails = await ctx.mailTo(email);
  const code = codeFrom(mails[0].text);
  return sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, code } }));
}

beforeEach(async () => {
  ctx = await createTestContext();
  ctx.clock.set('2027-03-10T09:00:00Z');
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('plans people may see', () => {
  it('administrators see all; members the member levels; strangers and the public only public plans', async () => {
    await plan('Admin only', 'administrators');
    await plan('Members', 'location_members', true);
    await plan('Network', 'network_members');
    await plan('Public', 'public', true);
    const names = (res: { json(): { items: { name: string }[] } }) =>
      res
        .json()
        .items.map((p) => p.name)
        .sort();
    const { cookie } = await activatedMember('Ana', 'ana@x.test');
    expect(names(await ctx.request({ method: 'GET', url: portal('/plans'), cookie: org.ownerCookie }))).toEqual(['Admin only', 'Members', 'Network', 'Public']);
    expect(names(await ctx.request({ method: 'GET', url: portal('/plans'), cookie }))).toEqual(['Members', 'Network', 'Public']);
    expect(names(await ctx.request({ method: 'GET', url: `/api/v1/public/locations/${org.locationId}/plans` }))).toEqual(['Public']);
    const outsider = await stranger('sol@x.test');
    expect(names(await ctx.request({ method: 'GET', url: portal('/plans'), cookie: outsider }))).toEqual(['Public']);
  });
});

describe('self sign-up', () => {
  it('a stranger signs up for a public plan: a member at once, credits granted, twice is 409', async () => {
    const planId = await plan('Public', 'public', true);
    const cookie = await stranger('sol@x.test');
    const res = await ctx.request({ method: 'POST', url: portal(`/plans/${planId}/sign-up`), cookie, payload: { startDate: '2027-03-10' } });
    expect(res.statusCode, res.body).toBe(201);
    // no payment provider here: the first invoice is issued, and paid later in the portal
    expect(res.json()).toMatchObject({ subscription: { status: 'active', name: 'Public' }, invoice: { status: 'issued', subtotal: 12000 }, checkoutUrl: null });
    const people = (await admin('GET', '/customers?type=member')).json().items;
    expect(people.find((p: { email: string }) => p.email === 'sol@x.test')).toMatchObject({ source: 'self_sign_up', status: 'active' });
    const summary = (await ctx.request({ method: 'GET', url: portal('/billing'), cookie })).json();
    expect(summary).toMatchObject({ subscriptions: [{ name: 'Public' }], balances: { personal: { credits: 8, dayPasses: 0 }, company: null } });
    const twice = await ctx.request({ method: 'POST', url: portal(`/plans/${planId}/sign-up`), cookie, payload: { startDate: '2027-03-12' } });
    expect([twice.statusCode, twice.json().error.reason]).toEqual([409, 'already_subscribed']);
  });

  it('a hidden or closed plan is 404; a start beyond 60 days or in the past is 400; signed out is 401', async () => {
    const hidden = await plan('Members', 'location_members', true);
    const closed = await plan('Closed', 'public', false);
    const open = await plan('Open', 'public', true);
    const cookie = await stranger('sol@x.test');
    for (const id of [hidden, closed])
      expect((await ctx.request({ method: 'POST', url: portal(`/plans/${id}/sign-up`), cookie, payload: { startDate: '2027-03-10' } })).statusCode).toBe(404);
    for (const startDate of ['2027-03-09', '2027-05-10'])
      expect((await ctx.request({ method: 'POST', url: portal(`/plans/${open}/sign-up`), cookie, payload: { startDate } })).statusCode).toBe(400);
    expect((await ctx.request({ method: 'POST', url: portal(`/plans/${open}/sign-up`), payload: { startDate: '2027-03-10' } })).statusCode).toBe(401);
  });
});

describe('the Billing summary', () => {
  it("company users see the company's balances and may use them only when a manager allows it", async () => {
    const company = (await admin('POST', '/companies', { name: 'Globex' })).json().company.id;
    const boss = await activatedMember('Bo', 'bo@x.test', { companyId: company, companyManager: true });
    const staff = await activatedMember('Stu', 'stu@x.test', { companyId: company });
    const planId = await plan('Team', 'administrators');
    await admin('POST', '/subscriptions', { companyId: company, planId, startDate: '2027-03-10', quantity: 3 });
    const read = async (cookie: string) => (await ctx.request({ method: 'GET', url: portal('/billing'), cookie })).json().balances.company;
    expect(await read(staff.cookie)).toMatchObject({ credits: 24, canSpend: false, manager: false });
    expect(await read(boss.cookie)).toMatchObject({ credits: 24, canSpend: true, manager: true });
    const allowed = await ctx.request({ method: 'PATCH', url: portal('/company'), cookie: boss.cookie, payload: { companyUsersMaySpend: true } });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(await read(staff.cookie)).toMatchObject({ canSpend: true });
    // the plan covers the company's people: both are listed as covered
    expect((await ctx.request({ method: 'GET', url: portal('/billing'), cookie: staff.cookie })).json().subscriptions).toHaveLength(1);
  });
});
