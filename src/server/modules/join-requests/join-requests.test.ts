// Join requests: the location setting, a signed-in person asking at once, a visitor confirming the
// email with a code first (no session, no account), duplicates, approve, decline, and who may decide.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

const base = (locationId = org.locationId) => `/api/v1/locations/${locationId}/join-requests`;
const ask = (payload: Record<string, unknown>, cookie?: string, locationId = org.locationId) =>
  ctx.request({ method: 'POST', url: base(locationId), payload, cookie });
const list = (cookie = org.ownerCookie, locationId = org.locationId, status = 'pending') =>
  ctx.request({ method: 'GET', url: `${base(locationId)}?status=${status}`, cookie });
const approve = (id: string, cookie = org.ownerCookie, locationId = org.locationId) =>
  ctx.request({ method: 'POST', url: `${base(locationId)}/${id}/approve`, cookie });
const decline = (id: string, reason?: string, cookie = org.ownerCookie, locationId = org.locationId) =>
  ctx.request({ method: 'POST', url: `${base(locationId)}/${id}/decline`, cookie, payload: reason === undefined ? {} : { reason } });

async function openForRequests(locationId = org.locationId, cookie = org.ownerCookie) {
  const res = await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${locationId}`, cookie, payload: { joinRequests: 'approval' } });
  expect(res.statusCode).toBe(200);
  expect(res.json().location.joinRequests).toBe('approval');
}

async function secondLocation(name = 'South Loft'): Promise<string> {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/locations',
    cookie: org.ownerCookie,
    payload: { name, timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
  });
  expect(res.statusCode).toBe(201);
  return res.json().location.id;
}

/** A person with an activated account (a member of another location), signed in. */
async function activatedPerson(email: string, firstName = 'Sam'): Promise<string> {
  const south = await secondLocation(`Loft of ${firstName}`);
  expect(
    (
      await ctx.request({
        method: 'POST',
        url: `/api/v1/locations/${south}/invitations`,
        cookie: org.ownerCookie,
        payload: { firstName, lastName: 'Lee', email },
      })
    ).statusCode,
  ).toBe(201);
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
  expect(act.json().status).toBe('signed_in');
  return sessionCookie(act);
}

/** A visitor's request, confirmed with the code from the mailbox. */
async function visitorRequest(email: string, firstName = 'Vic', lastName = 'Visitor') {
  const first = await ask({ firstName, lastName, email });
  expect(first.statusCode).toBe(202);
  const code = codeFrom((await ctx.mailTo(email))[0].text);
  const confirm = await ask({ email, code });
  expect(confirm.statusCode).toBe(201);
  return confirm;
}

const rowsOf = (email: string) => ctx.db.selectFrom('join_requests').select(['id', 'status', 'first_name', 'user_id']).where('email', '=', email).execute();
const noCookie = (res: { headers: Record<string, unknown> }) => expect(res.headers['set-cookie']).toBeUndefined();

describe('the location setting', () => {
  it('refuses requests with 403 while the location is closed, for visitors and signed-in people', async () => {
    const visitor = await ask({ firstName: 'Vic', email: 'vic@x.test' });
    expect(visitor.statusCode).toBe(403);
    expect(visitor.json().error.message).toContain('does not accept requests');
    const sam = await activatedPerson('sam@x.test');
    expect((await ask({}, sam)).statusCode).toBe(403);
    expect(await ctx.mailTo('vic@x.test')).toHaveLength(0);
    const pub = await ctx.request({ method: 'GET', url: `/api/v1/public/locations/${org.locationId}` });
    expect(pub.json().location).toMatchObject({ name: 'Acme Spaces North Hall', joinRequests: 'closed' });
  });

  it('opens with PATCH joinRequests "approval" and answers 404 for an unknown location', async () => {
    await openForRequests();
    const pub = await ctx.request({ method: 'GET', url: `/api/v1/public/locations/${org.locationId}` });
    expect(pub.json().location.joinRequests).toBe('approval');
    expect((await ask({ firstName: 'Vic', email: 'vic@x.test' }, undefined, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('asking to join', () => {
  beforeEach(() => openForRequests());

  it('a signed-in person asks at once: 201 pending', async () => {
    const sam = await activatedPerson('sam@x.test');
    const res = await ask({}, sam);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ status: 'pending' });
    const items = (await list()).json().items;
    expect(items).toEqual([expect.objectContaining({ email: 'sam@x.test', firstName: 'Sam', lastName: 'Lee', status: 'pending', hasAccount: true })]);
  });

  it('collapses duplicate requests into one pending row', async () => {
    const sam = await activatedPerson('sam@x.test');
    expect((await ask({}, sam)).statusCode).toBe(201);
    expect((await ask({}, sam)).statusCode).toBe(201);
    await visitorRequest('vic@x.test');
    await visitorRequest('vic@x.test', 'Victoria');
    await visitorRequest('sam@x.test', 'Samuel');
    expect((await rowsOf('sam@x.test')).filter((r) => r.status === 'pending')).toHaveLength(1);
    const vic = await rowsOf('vic@x.test');
    expect(vic).toEqual([expect.objectContaining({ status: 'pending', first_name: 'Victoria' })]);
    expect((await list()).json().items).toHaveLength(2);
  });

  it('a visitor confirms the email with a code; no session is made and no account created', async () => {
    const first = await ask({ firstName: 'Vic', lastName: 'Visitor', email: ' Vic@X.test ' });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ status: 'code_required' });
    noCookie(first);
    const [mail] = await ctx.mailTo('vic@x.test');
    expect(mail.subject).toBe('Confirm your email to join Acme Spaces North Hall');
    expect((await list()).json().items).toEqual([]); // not listed before the email is confirmed
    const confirm = await ask({ email: 'vic@x.test', code: codeFrom(mail.text) });
    expect(confirm.statusCode).toBe(201);
    expect(confirm.json()).toEqual({ status: 'pending' });
    noCookie(confirm);
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', 'vic@x.test').execute()).toEqual([]);
    expect(await rowsOf('vic@x.test')).toEqual([expect.objectContaining({ status: 'pending', first_name: 'Vic', user_id: null })]);
    expect((await list()).json().items).toEqual([expect.objectContaining({ email: 'vic@x.test', hasAccount: false })]);
  });

  it('a visitor request cannot activate an existing account or sign anyone in', async () => {
    const south = await secondLocation();
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${south}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Nia', email: 'nia@x.test' },
    });
    const confirm = await visitorRequest('nia@x.test', 'Nia');
    noCookie(confirm);
    const nia = await ctx.db
      .selectFrom('users')
      .select(['activated_at', 'email_verified_at', 'id'])
      .where('email', '=', 'nia@x.test')
      .executeTakeFirstOrThrow();
    expect(nia).toMatchObject({ activated_at: null, email_verified_at: null });
    expect(await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', nia.id).execute()).toEqual([]);
  });

  it('a visitor cannot confirm with a wrong code', async () => {
    await ask({ firstName: 'Vic', email: 'vic@x.test' });
    const code = codeFrom((await ctx.mailTo('vic@x.test'))[0].text);
    const wrong = code === '000000' ? '111111' : '000000';
    const res = await ask({ email: 'vic@x.test', code: wrong });
    expect(res.statusCode).toBe(401);
    noCookie(res);
    expect(await rowsOf('vic@x.test')).toEqual([expect.objectContaining({ status: 'unconfirmed' })]);
    // a code for another address does not confirm this one either
    await ask({ firstName: 'Eve', email: 'eve@x.test' });
    const eveCode = codeFrom((await ctx.mailTo('eve@x.test'))[0].text);
    if (eveCode !== code) expect((await ask({ email: 'vic@x.test', code: eveCode })).statusCode).toBe(401);
    expect((await list()).json().items).toEqual([]);
  });

  it('a visitor cannot learn whether an email is a member: the first step answers alike', async () => {
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Mia', email: 'mia@x.test' },
    });
    const member = await ask({ firstName: 'Eve', email: 'mia@x.test' });
    const stranger = await ask({ firstName: 'Eve', email: 'nobody@x.test' });
    expect(member.statusCode).toBe(stranger.statusCode);
    expect(member.body).toBe(stranger.body);
    // only the owner of the mailbox, with the code, is told
    const code = codeFrom((await ctx.mailTo('mia@x.test'))[0].text);
    const confirm = await ask({ email: 'mia@x.test', code });
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().error.message).toContain('already a member');
    expect((await list()).json().items).toEqual([]);
  });

  it('answers 409 to a person who is already a member', async () => {
    const sam = await activatedPerson('sam@x.test');
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      payload: { firstName: 'Sam', email: 'sam@x.test' },
    });
    const res = await ask({}, sam);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('already a member');
  });
});

describe('deciding', () => {
  beforeEach(() => openForRequests());

  it('approving a visitor makes an invited member who gets the invitation email', async () => {
    await visitorRequest('vic@x.test', 'Vic', 'Visitor');
    const [item] = (await list()).json().items;
    const res = await approve(item.id);
    expect(res.statusCode).toBe(200);
    expect(res.json().request).toMatchObject({ id: item.id, status: 'approved', email: 'vic@x.test' });
    const customers = (await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers?q=vic`, cookie: org.ownerCookie })).json().items;
    expect(customers).toEqual([
      expect.objectContaining({ email: 'vic@x.test', firstName: 'Vic', lastName: 'Visitor', type: 'member', status: 'invited', source: 'join_request' }),
    ]);
    const [mail] = await ctx.mailTo('vic@x.test');
    expect(mail.subject).toBe('You are invited to Acme Spaces North Hall');
    const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: linkFrom(mail.text).split('/activate/')[1] } });
    expect(act.json()).toMatchObject({ status: 'signed_in', locationId: org.locationId });
    expect((await approve(item.id)).statusCode).toBe(409);
    expect((await list()).json().items).toEqual([]);
  });

  it('approving an activated account gives immediate access and says so', async () => {
    const sam = await activatedPerson('sam@x.test');
    await ask({}, sam);
    const [item] = (await list()).json().items;
    expect((await approve(item.id)).statusCode).toBe(200);
    const [mail] = await ctx.mailTo('sam@x.test');
    expect(mail.subject).toBe('You now have access to Acme Spaces North Hall');
    expect(mail.text).not.toContain('/activate/');
    const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: sam })).json();
    expect(me.memberships.find((m: { locationId: string }) => m.locationId === org.locationId)).toMatchObject({ type: 'member', status: 'active' });
  });

  it('declining emails the reason', async () => {
    await visitorRequest('vic@x.test');
    const [item] = (await list()).json().items;
    const res = await decline(item.id, 'We are full until March.');
    expect(res.statusCode).toBe(200);
    expect(res.json().request).toMatchObject({ status: 'declined', reason: 'We are full until March.' });
    const [mail] = await ctx.mailTo('vic@x.test');
    expect(mail.subject).toBe('Your request to join Acme Spaces North Hall');
    expect(mail.text).toContain('was declined');
    expect(mail.text).toContain('We are full until March.');
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', 'vic@x.test').execute()).toEqual([]);
    expect((await decline(item.id)).statusCode).toBe(409);
    expect((await list(org.ownerCookie, org.locationId, 'declined')).json().items).toEqual([expect.objectContaining({ id: item.id })]);
  });

  it('listing, approving and declining need the customers permission', async () => {
    await visitorRequest('vic@x.test');
    const [item] = (await list()).json().items;
    const grant = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'set@x.test', firstName: 'Set', locationId: org.locationId, permissions: ['settings'] },
    });
    expect(grant.statusCode).toBe(201);
    const settingsOnly = await signIn(ctx, 'set@x.test');
    expect((await list(settingsOnly)).statusCode).toBe(403);
    expect((await approve(item.id, settingsOnly)).statusCode).toBe(403);
    expect((await decline(item.id, 'no', settingsOnly)).statusCode).toBe(403);
    await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'cus@x.test', firstName: 'Cus', locationId: org.locationId, permissions: ['customers'] },
    });
    const customersAdmin = await signIn(ctx, 'cus@x.test');
    expect((await list(customersAdmin)).json().items).toEqual([expect.objectContaining({ id: item.id })]);
    expect((await approve(item.id, customersAdmin)).statusCode).toBe(200);
    expect((await ctx.request({ method: 'GET', url: base() })).statusCode).toBe(401);
  });

  it("another organization's administrator gets 404 and learns nothing", async () => {
    await visitorRequest('vic@x.test');
    const [item] = (await list()).json().items;
    const other = await setupOrganization(ctx, 'Rival Works', 'boss@rival.test');
    for (const res of [await list(other.ownerCookie), await approve(item.id, other.ownerCookie), await decline(item.id, 'x', other.ownerCookie)]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('vic@x.test');
      expect(res.body).not.toContain('Acme');
    }
    // their own location with our request id: 404 too
    await openForRequests(other.locationId, other.ownerCookie);
    expect((await approve(item.id, other.ownerCookie, other.locationId)).statusCode).toBe(404);
    expect((await decline(item.id, 'x', other.ownerCookie, other.locationId)).statusCode).toBe(404);
    expect((await list(other.ownerCookie, other.locationId)).json().items).toEqual([]);
    expect(await rowsOf('vic@x.test')).toEqual([expect.objectContaining({ status: 'pending' })]);
  });
});
