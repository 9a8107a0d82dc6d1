// The blacklist (design 11.1): the owner adds and lifts entries; at once the account's sessions end
// (unless another organization holds it: then its requests here answer 404 and /me leaves this
// organization out), codes are not sent, invitations, mass-invite rows, subscriptions and self
// sign-ups answer 422 `blacklisted`, join requests answer as usual and store nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jobsSettled } from '../invitations/bulk.js';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;

const at = (path: string) => `/api/v1/locations/${org.locationId}${path}`;
const owner = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url, cookie: org.ownerCookie, ...(payload ? { payload } : {}) });

/** Invites a member here and opens the activation link: their session cookie and customer id. */
async function activatedMember(email: string, where: Org = org) {
  const invited = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${where.locationId}/invitations`,
    cookie: where.ownerCookie,
    payload: { firstName: 'Mia', lastName: 'Moss', email },
  });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  const cookie = sessionCookie(await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } }));
  return { cookie, customerId: invited.json().customer.id as string };
}

async function blacklist(email: string, reason?: string) {
  const res = await owner('POST', '/api/v1/blacklist', { email, ...(reason ? { reason } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().entry as { id: string; email: string; reason: string | null; createdAt: string };
}

const mailCount = async (email: string) => (await ctx.mailTo(email)).length;

beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

describe('the owner blacklists an account only this organization holds', () => {
  it('ends its sessions at once, sends no code (still 202), and a second entry is 409', async () => {
    const mia = await activatedMember('mia@x.test');
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: mia.cookie })).statusCode).toBe(200);

    const entry = await blacklist(' Mia@X.test ', 'Unpaid bills');
    expect(entry).toMatchObject({ email: 'mia@x.test', reason: 'Unpaid bills' });
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: mia.cookie })).statusCode).toBe(401);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${org.locationId}/billing`, cookie: mia.cookie })).statusCode).toBe(401);

    const before = await mailCount('mia@x.test');
    const code = await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'mia@x.test' } });
    expect(code.statusCode).toBe(202);
    expect(await mailCount('mia@x.test')).toBe(before);

    const again = await owner('POST', '/api/v1/blacklist', { email: 'mia@x.test' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.reason).toBe('already_blacklisted');
    expect((await owner('GET', '/api/v1/blacklist')).json().items.map((e: { email: string }) => e.email)).toEqual(['mia@x.test']);
  });

  it('lifting the entry restores nothing silently: codes come again, the sessions stay ended', async () => {
    const mia = await activatedMember('mia@x.test');
    const entry = await blacklist('mia@x.test');
    const lifted = await owner('DELETE', `/api/v1/blacklist/${entry.id}`);
    expect(lifted.statusCode).toBe(204);
    expect((await owner('GET', '/api/v1/blacklist')).json().items).toEqual([]);
    expect((await owner('DELETE', `/api/v1/blacklist/${entry.id}`)).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: mia.cookie })).statusCode).toBe(401);
    const cookie = await signIn(ctx, 'mia@x.test');
    const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie })).json();
    expect(me.memberships.map((m: { locationId: string; status: string }) => [m.locationId, m.status])).toEqual([[org.locationId, 'active']]);
  });

  it('refuses the owner themselves', async () => {
    const res = await owner('POST', '/api/v1/blacklist', { email: org.ownerEmail });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.reason).toBe('cannot_blacklist_owner');
  });
});

describe('an account another organization also holds', () => {
  it('keeps its sessions and codes; here it answers 404 and /me leaves this organization out', async () => {
    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    const mia = await activatedMember('mia@x.test');
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${rival.locationId}/invitations`,
      cookie: rival.ownerCookie,
      payload: { firstName: 'Mia', email: 'mia@x.test' },
    });
    await blacklist('mia@x.test');

    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: mia.cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().memberships.map((m: { locationId: string }) => m.locationId)).toEqual([rival.locationId]);
    expect(me.json().organizations.map((o: { id: string }) => o.id)).not.toContain(org.organizationId);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${org.locationId}/billing`, cookie: mia.cookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/portal/locations/${rival.locationId}/billing`, cookie: mia.cookie })).statusCode).toBe(200);

    const before = await mailCount('mia@x.test');
    expect((await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'mia@x.test' } })).statusCode).toBe(202);
    const mails = await ctx.mailTo('mia@x.test');
    expect(mails.length).toBe(before + 1);
    const signedIn = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: 'mia@x.test', code: codeFrom(mails[0].text) } });
    expect(signedIn.statusCode).toBe(200);
  });

  it('an administrator of ours that is blacklisted loses the admin routes (404)', async () => {
    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    await owner('POST', '/api/v1/administrators', { email: 'ada@x.test', firstName: 'Ada', locationId: null, permissions: ['customers'] });
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${rival.locationId}/nonmembers`,
      cookie: rival.ownerCookie,
      payload: { firstName: 'Ada', email: 'ada@x.test' },
    });
    const ada = await signIn(ctx, 'ada@x.test');
    expect((await ctx.request({ method: 'GET', url: at('/customers'), cookie: ada })).statusCode).toBe(200);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/users', cookie: ada })).statusCode).toBe(200);
    await blacklist('ada@x.test');
    expect((await ctx.request({ method: 'GET', url: at('/customers'), cookie: ada })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/users?organizationId=${org.organizationId}`, cookie: ada })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: ada })).json().admin).toEqual([]);
  });
});

describe('what a blacklisted email is refused', () => {
  it('an invitation, a mass-invite row (preview and job), a subscription: 422 blacklisted', async () => {
    const mia = await activatedMember('mia@x.test');
    const plan = await owner('POST', at('/plans'), { name: 'Desk', price: 10000, cycle: 'month' });
    await blacklist('mia@x.test');
    await blacklist('ben@x.test');

    const invite = await owner('POST', at('/invitations'), { firstName: 'Ben', email: 'ben@x.test' });
    expect(invite.statusCode).toBe(422);
    expect(invite.json().error.reason).toBe('blacklisted');
    expect(await mailCount('ben@x.test')).toBe(0);

    const text = 'Ben\tBlack\tben@x.test\nCara\tClear\tcara@x.test';
    const preview = await owner('POST', at('/invitations/bulk/preview'), { text });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().rows.map((r: { email: string; status: string; reason?: string }) => [r.email, r.status, r.reason ?? null])).toEqual([
      ['ben@x.test', 'invalid', 'blacklisted'],
      ['cara@x.test', 'ready', null],
    ]);
    const job = await owner('POST', at('/invitations/bulk'), { text });
    expect(job.statusCode).toBe(202);
    const jobId = job.json().jobId;
    await jobsSettled(ctx.deps);
    const status = (await owner('GET', at(`/invitations/bulk/${jobId}`))).json();
    expect(status).toMatchObject({ status: 'done', invited: 1, invalid: 1 });
    expect(await mailCount('ben@x.test')).toBe(0);

    const sub = await owner('POST', at('/subscriptions'), { customerId: mia.customerId, planId: plan.json().plan.id, startDate: '2027-01-01' });
    expect(sub.statusCode).toBe(422);
    expect(sub.json().error.reason).toBe('blacklisted');
  });

  it('a self sign-up from an account another organization holds: 422 blacklisted', async () => {
    const plan = await owner('POST', at('/plans'), { name: 'Open desk', price: 10000, cycle: 'month', visibility: 'public', selfSignUp: true });
    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    const sol = await activatedMember('sol@x.test', rival);
    await blacklist('sol@x.test');
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/portal/locations/${org.locationId}/plans/${plan.json().plan.id}/sign-up`,
      cookie: sol.cookie,
      payload: { startDate: '2026-11-28' },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.reason).toBe('blacklisted');
    expect((await owner('GET', at('/customers?type=member'))).json().items).toEqual([]);
  });

  it('join requests answer as usual and store nothing, signed in or not', async () => {
    await owner('PATCH', at(''), { joinRequests: 'approval' });
    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    const sol = await activatedMember('sol@x.test', rival);
    await blacklist('sol@x.test');
    await blacklist('vic@x.test');
    const mine = await ctx.request({ method: 'POST', url: at('/join-requests'), cookie: sol.cookie, payload: {} });
    expect(mine.statusCode).toBe(201);
    expect(mine.json()).toEqual({ status: 'pending' });
    const visitor = await ctx.request({ method: 'POST', url: at('/join-requests'), payload: { firstName: 'Vic', email: 'vic@x.test' } });
    expect(visitor.statusCode).toBe(202);
    expect(await mailCount('vic@x.test')).toBe(0);
    expect((await owner('GET', at('/join-requests?status=pending'))).json().items).toEqual([]);
    expect(await ctx.db.selectFrom('join_requests').select('id').execute()).toEqual([]);
  });

  it('a join request made before the entry cannot be approved: 422 blacklisted', async () => {
    await owner('PATCH', at(''), { joinRequests: 'approval' });
    expect((await ctx.request({ method: 'POST', url: at('/join-requests'), payload: { firstName: 'Vic', email: 'vic@x.test' } })).statusCode).toBe(202);
    const code = codeFrom((await ctx.mailTo('vic@x.test'))[0].text);
    expect((await ctx.request({ method: 'POST', url: at('/join-requests'), payload: { email: 'vic@x.test', code } })).statusCode).toBe(201);
    const [pending] = (await owner('GET', at('/join-requests?status=pending'))).json().items;
    await blacklist('vic@x.test');
    const approve = await owner('POST', at(`/join-requests/${pending.id}/approve`));
    expect(approve.statusCode).toBe(422);
    expect(approve.json().error.reason).toBe('blacklisted');
    expect((await owner('GET', at('/customers?type=member'))).json().items).toEqual([]);
  });
});

describe('who may use the blacklist', () => {
  it('the owner only: administrators 403, another organization 404', async () => {
    await owner('POST', '/api/v1/administrators', { email: 'ada@x.test', firstName: 'Ada', locationId: null, permissions: ['customers', 'settings'] });
    const ada = await signIn(ctx, 'ada@x.test');
    expect((await ctx.request({ method: 'GET', url: '/api/v1/blacklist', cookie: ada })).statusCode).toBe(403);
    expect((await ctx.request({ method: 'POST', url: '/api/v1/blacklist', cookie: ada, payload: { email: 'z@x.test' } })).statusCode).toBe(403);
    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    const entry = await blacklist('z@x.test');
    const theirs = await ctx.request({ method: 'GET', url: `/api/v1/blacklist?organizationId=${org.organizationId}`, cookie: rival.ownerCookie });
    expect(theirs.statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/blacklist', cookie: rival.ownerCookie })).json().items).toEqual([]);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/blacklist/${entry.id}`, cookie: rival.ownerCookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/blacklist' })).statusCode).toBe(401);
  });
});
