// Invitation lifecycle: invite, activate within 24 hours or by code, remind at 3 days, resend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../lib/clock.js';
import { sweepOnce } from '../../runtime.js';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

const invite = (payload: Record<string, unknown>, cookie = org.ownerCookie, locationId = org.locationId) =>
  ctx.request({ method: 'POST', url: `/api/v1/locations/${locationId}/invitations`, payload, cookie });

const tokenOf = (link: string) => link.split('/activate/')[1];

describe('invite and activate', () => {
  it('invites, and the link within 24 hours signs in and activates', async () => {
    const res = await invite({ firstName: 'Pat', lastName: 'Doe', email: 'pat@x.test', phone: '06 12 34 56 78' });
    expect(res.statusCode).toBe(201);
    expect(res.json().customer).toMatchObject({ status: 'invited', type: 'member', phone: '+33612345678', email: 'pat@x.test' });
    const [mail] = await ctx.mailTo('pat@x.test');
    expect(mail.text).toContain('Activate my account');
    const link = linkFrom(mail.text);
    expect(link.startsWith('http://atrium.test/activate/')).toBe(true);
    ctx.clock.advance(23 * HOUR);
    const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: tokenOf(link) } });
    expect(act.statusCode).toBe(200);
    expect(act.json().status).toBe('signed_in');
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: sessionCookie(act) });
    expect(me.json().memberships[0]).toMatchObject({ locationId: org.locationId, status: 'active', type: 'member' });
    const again = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: tokenOf(link) } });
    expect(again.json().status).toBe('sign_in_required');
  });

  it('after 24 hours asks for a code, and the code signs in', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const link = linkFrom((await ctx.mailTo('pat@x.test'))[0].text);
    ctx.clock.advance(25 * HOUR);
    const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token: tokenOf(link) } });
    expect(act.json()).toMatchObject({ status: 'code_required', email: 'pat@x.test' });
    const code = codeFrom((await ctx.mailTo('pat@x.test'))[0].text);
    const v = await ctx.request({ method: 'POST', url: '/api/v1/activation/verify', payload: { token: tokenOf(link), code } });
    expect(v.statusCode).toBe(200);
    expect(v.json().status).toBe('signed_in');
  });

  it('sends one reminder at 3 days, never twice', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    ctx.clock.advance(3 * DAY + HOUR);
    await sweepOnce(ctx.deps);
    await sweepOnce(ctx.deps);
    const mails = await ctx.mailTo('pat@x.test');
    expect(mails.filter((m) => m.subject.startsWith('Reminder')).length).toBe(1);
  });

  it('each reminder names the administrator who sent that invitation', async () => {
    const admin = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'ada@x.test', firstName: 'Ada', lastName: 'Admin', locationId: org.locationId, permissions: ['customers'] },
    });
    expect(admin.statusCode).toBe(201);
    const adaCookie = await signIn(ctx, 'ada@x.test');
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      payload: { firstName: 'Sam', email: 'sam@x.test' },
      cookie: adaCookie,
    });
    ctx.clock.advance(3 * DAY + HOUR);
    await sweepOnce(ctx.deps);
    const reminderTo = async (email: string) => (await ctx.mailTo(email)).find((m) => m.subject.startsWith('Reminder'))!.text;
    expect(await reminderTo('pat@x.test')).toContain('Olivia Owner');
    expect(await reminderTo('sam@x.test')).toContain('Ada Admin');
  });

  it('409 when already a member', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const res = await invite({ firstName: 'Pat', email: ' PAT@x.test ' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('already a member');
  });
});

// ---------------------------------------------------------------------------------------------
// Helpers for the tests below.

const activate = (token: string, cookie?: string) => ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token }, cookie });
const verify = (token: string, code: string, cookie?: string) =>
  ctx.request({ method: 'POST', url: '/api/v1/activation/verify', payload: { token, code }, cookie });
const resend = (customerId: string, headers: Record<string, string> = {}) =>
  ctx.request({ method: 'POST', url: `/api/v1/locations/${org.locationId}/customers/${customerId}/resend-invitation`, cookie: org.ownerCookie, headers });
const profile = async (customerId: string, locationId = org.locationId) =>
  (await ctx.request({ method: 'GET', url: `/api/v1/locations/${locationId}/customers/${customerId}`, cookie: org.ownerCookie })).json();
const kinds = (p: { activities: { kind: string }[] }) => p.activities.map((a) => a.kind);
/** The activation link of the newest mail to an address. */
const newestLink = async (email: string) => linkFrom((await ctx.mailTo(email))[0].text);
const usersWithEmail = async (email: string) => (await ctx.db.selectFrom('users').select('id').where('email', '=', email).execute()).length;

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

/** Invites a person at the location and opens the link at once: an activated, signed-in member. */
async function activatedMember(email: string, payload: Record<string, unknown> = {}, locationId = org.locationId) {
  const res = await invite({ firstName: 'Pat', lastName: 'Doe', email, ...payload }, org.ownerCookie, locationId);
  expect(res.statusCode).toBe(201);
  const act = await activate(tokenOf(await newestLink(email)));
  expect(act.json().status).toBe('signed_in');
  return { customerId: res.json().customer.id as string, userId: act.json().user.id as string, cookie: sessionCookie(act) };
}

describe('who is invited', () => {
  it('gives an activated account immediate access at a second location, with no second account', async () => {
    const pat = await activatedMember('pat@x.test');
    const south = await secondLocation('South Loft');
    const res = await invite({ firstName: 'Patrick', email: 'pat@x.test' }, org.ownerCookie, south);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ outcome: 'access_granted', customer: { status: 'active', type: 'member', userId: pat.userId, locationId: south } });
    const [mail] = await ctx.mailTo('pat@x.test');
    expect(mail.subject).toBe('You now have access to South Loft');
    expect(mail.text).toContain('You now have access to South Loft');
    expect(mail.text).not.toContain('/activate/');
    expect(await usersWithEmail('pat@x.test')).toBe(1);
    const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: pat.cookie })).json();
    expect(me.memberships.find((m: { locationId: string }) => m.locationId === south)).toMatchObject({ type: 'member', status: 'active' });
  });

  it('restores a removed customer as a member when invited again', async () => {
    const pat = await activatedMember('pat@x.test');
    const del = await ctx.request({ method: 'DELETE', url: `/api/v1/locations/${org.locationId}/customers/${pat.customerId}`, cookie: org.ownerCookie });
    expect(del.statusCode).toBe(204);
    const res = await invite({ firstName: 'Pat', email: 'pat@x.test' });
    expect(res.statusCode).toBe(201);
    expect(res.json().customer).toMatchObject({ id: pat.customerId, type: 'member', status: 'active', removedAt: null });
    expect(kinds(await profile(pat.customerId))).toContain('restored');
    const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: pat.cookie })).json();
    expect(me.memberships).toEqual([expect.objectContaining({ locationId: org.locationId, type: 'member', status: 'active' })]);
  });

  it('rejects an invalid phone with a 400 naming phone, and creates nothing', async () => {
    const res = await invite({ firstName: 'Pat', email: 'pat@x.test', phone: '12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toEqual(['phone']);
    expect(await usersWithEmail('pat@x.test')).toBe(0);
  });

  it('rejects an email given as an array (or an object) with a 400 naming email', async () => {
    for (const email of [['a@x.test', 'b@x.test'], { email: 'a@x.test' }]) {
      const res = await invite({ firstName: 'Pat', email });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain('email');
    }
    const outbox = await ctx.db.selectFrom('outbox').select('to_address').where('to_address', '!=', org.ownerEmail).execute();
    expect(outbox).toEqual([]);
  });

  it('normalises an email with spaces and capitals into one recipient', async () => {
    const res = await invite({ firstName: 'Pat', email: '  Pat.Doe@Example.TEST ' });
    expect(res.statusCode).toBe(201);
    expect(res.json().customer.email).toBe('pat.doe@example.test');
    const rows = await ctx.db.selectFrom('outbox').select('to_address').where('to_address', '!=', org.ownerEmail).execute();
    expect(rows.map((r) => r.to_address)).toEqual(['pat.doe@example.test']);
    expect(await usersWithEmail('pat.doe@example.test')).toBe(1);
    const again = await invite({ firstName: 'Pat', email: 'PAT.DOE@EXAMPLE.TEST' });
    expect(again.statusCode).toBe(409);
  });

  it('two invitations racing for one email: one 201, one 409, one account', async () => {
    const [a, b] = await Promise.all([invite({ firstName: 'Pat', email: 'race@x.test' }), invite({ firstName: 'Patty', email: 'Race@X.test' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const conflict = a.statusCode === 409 ? a : b;
    expect(conflict.json().error.message).toContain('already a member');
    expect(await usersWithEmail('race@x.test')).toBe(1);
    const customers = await ctx.db
      .selectFrom('customers')
      .innerJoin('users', 'users.id', 'customers.user_id')
      .select('customers.id')
      .where('users.email', '=', 'race@x.test')
      .execute();
    expect(customers).toHaveLength(1);
    expect(await ctx.mailTo('race@x.test')).toHaveLength(1);
  });
});

describe('administrator switch', () => {
  it('grants admin at that location with the chosen permissions', async () => {
    const res = await invite({ firstName: 'Ada', email: 'ada@x.test', administrator: true, permissions: ['customers'] });
    expect(res.statusCode).toBe(201);
    const act = await activate(tokenOf(await newestLink('ada@x.test')));
    const cookie = sessionCookie(act);
    const locs = (await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie })).json();
    expect(locs.items.map((l: { id: string }) => l.id)).toEqual([org.locationId]);
    const me = (await ctx.request({ method: 'GET', url: '/api/v1/me', cookie })).json();
    expect(me.admin).toEqual([{ locationId: org.locationId, permissions: ['customers'] }]);
    const list = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers`, cookie });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { email: string }) => c.email)).toContain('ada@x.test');
    // a permission that was not granted stays closed
    expect((await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/invitation-template`, cookie })).statusCode).toBe(403);
    const p = await profile(res.json().customer.id);
    expect(p.administrator).toEqual({ permissions: ['customers'] });
    expect(kinds(p)).toContain('admin_on');
  });

  it('an administrator cannot grant a permission they do not hold (403)', async () => {
    const grant = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'cara@x.test', firstName: 'Cara', locationId: org.locationId, permissions: ['customers'] },
    });
    expect(grant.statusCode).toBe(201);
    const cara = await signIn(ctx, 'cara@x.test');
    const refused = await invite({ firstName: 'Ben', email: 'ben@x.test', administrator: true, permissions: ['customers', 'billing'] }, cara);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('billing');
    expect(await usersWithEmail('ben@x.test')).toBe(0);
    const allowed = await invite({ firstName: 'Ben', email: 'ben@x.test', administrator: true, permissions: ['customers'] }, cara);
    expect(allowed.statusCode).toBe(201);
  });
});

describe('activation links', () => {
  it('rejects the token of invitation A with a code mailed for invitation B', async () => {
    await invite({ firstName: 'Ann', email: 'ann@x.test' });
    await invite({ firstName: 'Bob', email: 'bob@x.test' });
    const tokenA = tokenOf(await newestLink('ann@x.test'));
    const tokenB = tokenOf(await newestLink('bob@x.test'));
    ctx.clock.advance(25 * HOUR);
    expect((await activate(tokenA)).json().status).toBe('code_required');
    expect((await activate(tokenB)).json().status).toBe('code_required');
    const codeA = codeFrom((await ctx.mailTo('ann@x.test'))[0].text);
    const codeB = codeFrom((await ctx.mailTo('bob@x.test'))[0].text);
    if (codeA !== codeB) {
      const cross = await verify(tokenA, codeB);
      expect(cross.statusCode).toBe(401);
      expect(cross.headers['set-cookie']).toBeUndefined();
    }
    const own = await verify(tokenA, codeA);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ status: 'signed_in', user: { email: 'ann@x.test' } });
    const bob = await ctx.db.selectFrom('users').select('activated_at').where('email', '=', 'bob@x.test').executeTakeFirstOrThrow();
    expect(bob.activated_at).toBeNull();
  });

  it('an old link keeps its own 24 hours after a resend', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    const first = tokenOf(await newestLink('pat@x.test'));
    ctx.clock.advance(HOUR);
    expect((await resend(c.id)).statusCode).toBe(202);
    ctx.clock.advance(HOUR);
    const act = await activate(first);
    expect(act.json()).toMatchObject({ status: 'signed_in', user: { email: 'pat@x.test' } });
  });

  it('after 24 hours an old link asks for a code while the resent one still signs in', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    const first = tokenOf(await newestLink('pat@x.test'));
    ctx.clock.advance(20 * HOUR);
    await resend(c.id);
    const second = tokenOf(await newestLink('pat@x.test'));
    expect(second).not.toBe(first);
    ctx.clock.advance(5 * HOUR);
    expect((await activate(first)).json()).toMatchObject({ status: 'code_required', email: 'pat@x.test' });
    expect((await activate(second)).json().status).toBe('signed_in');
  });

  it('removal kills the links of that location; the links of another location still work', async () => {
    const south = await secondLocation();
    await invite({ firstName: 'Pat', email: 'pat@x.test' }, org.ownerCookie, south);
    const southToken = tokenOf(await newestLink('pat@x.test'));
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    const token = tokenOf(await newestLink('pat@x.test'));
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/locations/${org.locationId}/customers/${c.id}`, cookie: org.ownerCookie })).statusCode).toBe(
      204,
    );
    const dead = await activate(token);
    expect(dead.statusCode).toBe(404);
    expect(dead.json().error.message).toContain('no longer works');
    const southAct = await activate(southToken);
    expect(southAct.json()).toMatchObject({ status: 'signed_in', locationId: south });
  });

  it('an email change kills the links sent to the old address', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@typo.test' })).json().customer;
    const old = tokenOf(await newestLink('pat@typo.test'));
    const patch = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/locations/${org.locationId}/customers/${c.id}`,
      cookie: org.ownerCookie,
      payload: { email: 'pat@x.test' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().customer.email).toBe('pat@x.test');
    expect((await activate(old)).statusCode).toBe(404);
    const fresh = await activate(tokenOf(await newestLink('pat@x.test')));
    expect(fresh.json()).toMatchObject({ status: 'signed_in', user: { email: 'pat@x.test' } });
  });

  it('a token signs in once, even when two requests race', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const token = tokenOf(await newestLink('pat@x.test'));
    const answers = await Promise.all([activate(token), activate(token)]);
    expect(answers.map((a) => a.json().status).sort()).toEqual(['sign_in_required', 'signed_in']);
    expect(answers.filter((a) => a.headers['set-cookie'] !== undefined)).toHaveLength(1);
    const user = await ctx.db.selectFrom('users').select('id').where('email', '=', 'pat@x.test').executeTakeFirstOrThrow();
    expect(await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(1);
  });

  it('opening a link while signed in as someone else answers 409 and changes no session', async () => {
    await invite({ firstName: 'Pat', email: 'pat@x.test' });
    const token = tokenOf(await newestLink('pat@x.test'));
    const res = await activate(token, org.ownerCookie);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('Sign out first');
    expect(res.headers['set-cookie']).toBeUndefined();
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: org.ownerCookie });
    expect(me.json().user.email).toBe(org.ownerEmail);
    const pat = await ctx.db.selectFrom('users').select('activated_at').where('email', '=', 'pat@x.test').executeTakeFirstOrThrow();
    expect(pat.activated_at).toBeNull();
    // the link was not spent: signed out, it still works
    expect((await activate(token)).json().status).toBe('signed_in');
  });

  it('the reminder carries a new link with its own 24-hour window', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    const original = tokenOf(await newestLink('pat@x.test'));
    ctx.clock.advance(3 * DAY + HOUR);
    await sweepOnce(ctx.deps);
    const [reminder] = await ctx.mailTo('pat@x.test');
    expect(reminder.subject).toMatch(/^Reminder: /);
    const reminderToken = tokenOf(linkFrom(reminder.text));
    expect(reminderToken).not.toBe(original);
    expect((await activate(original)).json()).toMatchObject({ status: 'code_required', email: 'pat@x.test' });
    ctx.clock.advance(23 * HOUR);
    const act = await activate(reminderToken);
    expect(act.json()).toMatchObject({ status: 'signed_in', user: { email: 'pat@x.test' } });
    expect(kinds(await profile(c.id))).toEqual(expect.arrayContaining(['reminder_sent', 'activated']));
  });
});

describe('resend', () => {
  it('answers 202, mails a new link and writes an activity', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    const first = await newestLink('pat@x.test');
    const res = await resend(c.id);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'sent' });
    const mails = await ctx.mailTo('pat@x.test');
    expect(mails).toHaveLength(2);
    expect(linkFrom(mails[0].text)).not.toBe(first);
    const p = await profile(c.id);
    expect(p.activities[0]).toMatchObject({ kind: 'invitation_resent', actor: { name: 'Olivia Owner' } });
  });

  it('refuses a sixth resend within an hour with 429', async () => {
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    ctx.clock.advance(HOUR + MINUTE);
    for (let i = 0; i < 5; i++) expect((await resend(c.id)).statusCode).toBe(202);
    const sixth = await resend(c.id);
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('too_many_requests');
    expect(await ctx.mailTo('pat@x.test')).toHaveLength(6);
    ctx.clock.advance(HOUR + MINUTE);
    expect((await resend(c.id)).statusCode).toBe(202);
  });

  it('answers 409 for an activated member', async () => {
    const pat = await activatedMember('pat@x.test');
    expect((await resend(pat.customerId)).statusCode).toBe(409);
  });
});

describe('secrets and links', () => {
  it('stores tokens and codes only as hashes', async () => {
    const secrets: string[] = [];
    const c = (await invite({ firstName: 'Pat', email: 'pat@x.test' })).json().customer;
    secrets.push(tokenOf(await newestLink('pat@x.test')));
    await resend(c.id);
    secrets.push(tokenOf(await newestLink('pat@x.test')));
    ctx.clock.advance(25 * HOUR);
    await activate(secrets[1]);
    const code = codeFrom((await ctx.mailTo('pat@x.test'))[0].text);
    const signedIn = await verify(secrets[1], code);
    expect(signedIn.statusCode).toBe(200);
    secrets.push(decodeURIComponent(sessionCookie(signedIn).split('=')[1]));
    secrets.push(decodeURIComponent(org.ownerCookie.split('=')[1]));

    const invitations = await ctx.db.selectFrom('invitations').selectAll().execute();
    const codes = await ctx.db.selectFrom('sign_in_codes').selectAll().execute();
    const sessions = await ctx.db.selectFrom('sessions').selectAll().execute();
    expect(invitations).toHaveLength(2);
    expect(codes.length).toBeGreaterThan(0);
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const dump = JSON.stringify([invitations, codes, sessions]);
    for (const s of secrets) expect(dump).not.toContain(s);
    for (const r of [...invitations, ...sessions]) expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
    for (const r of codes) {
      expect(r.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Object.values(r)).not.toContain(code);
    }
  });

  it('builds links from PUBLIC_URL, whatever the Host or X-Forwarded-Host headers say', async () => {
    const forged = { host: 'evil.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https' };
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      cookie: org.ownerCookie,
      headers: forged,
      payload: { firstName: 'Pat', email: 'pat@x.test' },
    });
    expect(res.statusCode).toBe(201);
    expect((await resend(res.json().customer.id, forged)).statusCode).toBe(202);
    const mails = await ctx.mailTo('pat@x.test');
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(linkFrom(m.text).startsWith('http://atrium.test/activate/')).toBe(true);
      expect(m.text + m.html).not.toContain('evil.test');
    }
  });
});

describe('invitation template', () => {
  const tplUrl = () => `/api/v1/locations/${org.locationId}/invitation-template`;
  const putTemplate = (payload: Record<string, unknown>) => ctx.request({ method: 'PUT', url: tplUrl(), cookie: org.ownerCookie, payload });

  it('refuses a template that does not parse, naming the field and the line', async () => {
    const res = await putTemplate({ subject: 'Welcome', body: 'Hello\n\n{% if first_name %}\nno end here' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Line 3');
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'body', message: expect.stringContaining('Line 3') })]);
    const saved = (await ctx.request({ method: 'GET', url: tplUrl(), cookie: org.ownerCookie })).json();
    expect(saved.custom).toBe(false);
  });

  it('uses a saved template for the next invitation, with its variables rendered', async () => {
    const put = await putTemplate({
      subject: '{{ first_name }}, come to {{ location_name }}',
      body: 'Hello {{ first_name }} {{ last_name }}!\n\n{{ inviter_name }} saved you a desk at {{ location_name }} of {{ organization_name }}.\n\nYour own link: {{ activation_url }}',
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ custom: true, variables: expect.arrayContaining(['first_name', 'location_name', 'inviter_name', 'activation_url']) });
    await invite({ firstName: 'Pat', lastName: 'Doe', email: 'pat@x.test' });
    const [mail] = await ctx.mailTo('pat@x.test');
    expect(mail.subject).toBe('Pat, come to Acme Spaces North Hall');
    expect(mail.text).toContain('Hello Pat Doe!');
    expect(mail.text).toContain('Olivia Owner saved you a desk at Acme Spaces North Hall of Acme Spaces.');
    const link = linkFrom(mail.text);
    expect(mail.text).toContain(`Your own link: ${link}`);
    expect(mail.html).toContain('Hello Pat Doe!');
    expect(mail.html).toContain(`href="${link}"`);
    expect((await activate(tokenOf(link))).json().status).toBe('signed_in');
  });

  it('previews the rendered html and text without saving', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: `${tplUrl()}/preview`,
      cookie: org.ownerCookie,
      payload: { subject: 'Hi {{ first_name }}', body: 'Welcome to {{ location_name }}.' },
    });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p.subject).toBe('Hi Olivia');
    expect(p.text).toContain('Welcome to Acme Spaces North Hall.');
    expect(p.text).toContain('Activate my account: http://atrium.test/activate/');
    expect(p.html).toContain('<p style="margin:0 0 16px;line-height:1.5">Welcome to Acme Spaces North Hall.</p>');
    expect((await ctx.request({ method: 'GET', url: tplUrl(), cookie: org.ownerCookie })).json().custom).toBe(false);
  });

  it('sends the test to the administrator\u2019s own address only', async () => {
    const res = await ctx.request({
      method: 'POST',
      url: `${tplUrl()}/test`,
      cookie: org.ownerCookie,
      payload: { subject: 'Hi {{ first_name }}', body: 'Test body for {{ location_name }}', to: 'victim@x.test' },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ to: org.ownerEmail });
    const [mail] = await ctx.mailTo(org.ownerEmail);
    expect(mail.subject).toBe('[Test] Hi Olivia');
    expect(mail.text).toContain('Test body for Acme Spaces North Hall');
    expect(await ctx.mailTo('victim@x.test')).toHaveLength(0);
  });

  it('reads nothing beyond the given variables', async () => {
    const probe = '[{{ constructor }}][{{ first_name.constructor }}][{{ location_name.__proto__ }}][{{ process.env }}][{{ deps.config }}][{{ this }}]';
    const res = await ctx.request({ method: 'POST', url: `${tplUrl()}/preview`, cookie: org.ownerCookie, payload: { subject: 'x', body: probe } });
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toContain('[][][][][][]');
  });

  it('refuses file tags when saving, so a saved template always renders', async () => {
    const bodies = [
      "Hi\n{% include '/etc/passwd' %}",
      "Hi\n{%- render '../../package.json' -%}",
      "Hi\n{% layout '/etc/hosts' %}",
      "Hi\n{% if first_name == 'Zed' %}{% include 'x' %}{% endif %}",
      "Hi\n{% liquid\n if first_name == 'Zed'\n include 'x'\n endif %}",
    ];
    for (const body of bodies) {
      const put = await putTemplate({ subject: 'Hi', body });
      expect(put.statusCode).toBe(400);
      expect(put.json().error.details[0]).toMatchObject({ path: 'body', message: expect.stringMatching(/^Line \d+: /) });
      expect(put.json().error.message).not.toMatch(/root:|"name": "atrium"/);
      const pre = await ctx.request({ method: 'POST', url: `${tplUrl()}/preview`, cookie: org.ownerCookie, payload: { subject: 'Hi', body } });
      expect(pre.statusCode).toBe(400);
    }
    expect((await putTemplate({ subject: 'Hi', body: "Hi\n{% include '/etc/passwd' %}" })).json().error.details[0].message).toMatch(/^Line 2: /);
    expect((await ctx.request({ method: 'GET', url: tplUrl(), cookie: org.ownerCookie })).json().custom).toBe(false);
    // invitations and the reminder sweep still go out
    const inv = await invite({ firstName: 'Zed', email: 'zed@x.test' });
    expect(inv.statusCode).toBe(201);
    ctx.clock.advance(3 * DAY + HOUR);
    await sweepOnce(ctx.deps);
    const mails = await ctx.mailTo('zed@x.test');
    expect(mails.map((m) => m.subject)).toEqual(['Reminder: You are invited to Acme Spaces North Hall', 'You are invited to Acme Spaces North Hall']);
  });
});
