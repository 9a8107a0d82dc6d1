// One account per person across organizations (DESIGN §2 "Accounts across organizations"): no
// organization can take over, read or change what another one holds through the shared account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeFrom, createTestContext, linkFrom, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
let a: Org;
let b: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  a = await setupOrganization(ctx, 'Acme Spaces', 'owner@acme.test');
  b = await setupOrganization(ctx, 'Bravo Works', 'owner@bravo.test');
});
afterEach(() => ctx.close());

type Payload = Record<string, unknown>;
const at = (o: Org, path: string) => `/api/v1/locations/${o.locationId}${path}`;
const post = (url: string, payload: Payload, cookie: string) => ctx.request({ method: 'POST', url, payload, cookie });
const patch = (url: string, payload: Payload, cookie: string) => ctx.request({ method: 'PATCH', url, payload, cookie });
const get = (url: string, cookie: string) => ctx.request({ method: 'GET', url, cookie });
const userRow = (email: string) => ctx.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();

async function grantAdmin(o: Org, email: string, locationId: string | null, permissions: string[], firstName = 'Pending', lastName = 'Person') {
  const res = await post('/api/v1/administrators', { email, firstName, lastName, locationId, permissions }, o.ownerCookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().administrator;
}

/** Signs in by code; returns the cookie (the attacker owns the mailbox of this address). */
async function signInAs(email: string) {
  expect((await post('/api/v1/auth/code', { email }, '')).statusCode).toBe(202);
  const mail = (await ctx.mailTo(email))[0];
  const res = await post('/api/v1/auth/sign-in', { email, code: codeFrom(mail.text) }, '');
  expect(res.statusCode, res.body).toBe(200);
  return sessionCookie(res);
}

describe('an email change never re-addresses a shared account', () => {
  for (const route of ['nonmembers', 'invitations'] as const) {
    it(`an administrator of A cannot take over B's pending administrator (through ${route})`, async () => {
      await grantAdmin(b, 'boss@bravo.test', null, ['customers', 'settings', 'billing']);
      const added = await post(at(a, `/${route}`), { firstName: 'Trap', email: 'boss@bravo.test' }, a.ownerCookie);
      expect(added.statusCode, added.body).toBe(201);
      const moved = await patch(at(a, `/customers/${added.json().customer.id}`), { email: 'mallory@evil.test' }, a.ownerCookie);
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json().customer).toMatchObject({ email: 'mallory@evil.test', firstName: 'Trap' });

      // B's pending administrator keeps the address; the record went to a new account
      expect(await userRow('boss@bravo.test')).toMatchObject({ email: 'boss@bravo.test', activated_at: null });
      expect((await userRow('mallory@evil.test'))!.id).not.toBe((await userRow('boss@bravo.test'))!.id);
      const mallory = await signInAs('mallory@evil.test');
      const me = (await get('/api/v1/me', mallory)).json();
      expect(me.admin).toEqual([]);
      expect((await get(at(b, '/customers'), mallory)).statusCode).toBe(404);
      const bAdmins = (await get('/api/v1/administrators', b.ownerCookie)).json().items;
      expect(bAdmins.map((x: { email: string }) => x.email)).toEqual(['boss@bravo.test']);
      // the real person still signs in to B with their rights
      const boss = await signInAs('boss@bravo.test');
      expect((await get(at(b, '/customers'), boss)).statusCode).toBe(200);
    });
  }

  it('inside one organization, a customers-only administrator cannot move a pending administrator with more rights', async () => {
    const clerk = (await grantAdmin(a, 'clerk@acme.test', a.locationId, ['customers'])) && (await signIn(ctx, 'clerk@acme.test'));
    const invited = await post(
      at(a, '/invitations'),
      { firstName: 'Sue', email: 'sue@acme.test', administrator: true, permissions: ['customers'] },
      a.ownerCookie,
    );
    expect(invited.statusCode).toBe(201);
    await patch(
      `/api/v1/administrators/${(await ctx.db.selectFrom('administrators').select('id').where('first_name', '=', 'Sue').executeTakeFirstOrThrow()).id}`,
      { permissions: ['customers', 'settings'] },
      a.ownerCookie,
    );
    const id = invited.json().customer.id;
    const moved = await patch(at(a, `/customers/${id}`), { email: 'clerk-alias@evil.test' }, clerk);
    expect(moved.statusCode, moved.body).toBe(403);
    expect(moved.json().error.message).toContain('settings');
    expect(await userRow('clerk-alias@evil.test')).toBeUndefined();
    // the owner holds every permission: the rights follow the corrected address
    const fixed = await patch(at(a, `/customers/${id}`), { email: 'sue.right@acme.test' }, a.ownerCookie);
    expect(fixed.statusCode, fixed.body).toBe(200);
    const admins = (await get('/api/v1/administrators', a.ownerCookie)).json().items.map((x: { email: string }) => x.email);
    expect(admins).toContain('sue.right@acme.test');
    expect(admins).not.toContain('sue@acme.test');
    expect(await userRow('sue@acme.test')).toBeUndefined();
    // an org-wide pending administrator with an A record: the grant does not move at all
    await grantAdmin(a, 'wide@acme.test', null, ['customers', 'settings']);
    const lead = await post(at(a, '/nonmembers'), { firstName: 'Wide', email: 'wide@acme.test' }, clerk);
    const wideMoved = await patch(at(a, `/customers/${lead.json().customer.id}`), { email: 'clerk-alias2@evil.test' }, clerk);
    expect(wideMoved.statusCode).toBe(200);
    const alias = await signInAs('clerk-alias2@evil.test');
    expect((await get('/api/v1/me', alias)).json().admin).toEqual([]);
    expect(await userRow('wide@acme.test')).toMatchObject({ email: 'wide@acme.test' });
  });

  it('moves the record to the new address: old links die, the new one works, an unheld old account is deleted', async () => {
    const inv = await post(at(a, '/invitations'), { firstName: 'Tom', email: 'tom@typo.test' }, a.ownerCookie);
    const oldToken = linkFrom((await ctx.mailTo('tom@typo.test'))[0].text).split('/activate/')[1];
    const moved = await patch(at(a, `/customers/${inv.json().customer.id}`), { email: 'tom@right.test' }, a.ownerCookie);
    expect(moved.statusCode).toBe(200);
    expect(moved.json().customer).toMatchObject({ email: 'tom@right.test', status: 'invited', firstName: 'Tom' });
    expect(await userRow('tom@typo.test')).toBeUndefined();
    expect((await post('/api/v1/activation', { token: oldToken }, '')).statusCode).toBe(404);
    const newToken = linkFrom((await ctx.mailTo('tom@right.test'))[0].text).split('/activate/')[1];
    const act = await post('/api/v1/activation', { token: newToken }, '');
    expect(act.json()).toMatchObject({ status: 'signed_in', user: { email: 'tom@right.test', firstName: 'Tom' } });
  });

  it('keeps an old account that another organization holds, and its links there keep working', async () => {
    await post(at(b, '/invitations'), { firstName: 'Kim', email: 'kim@x.test' }, b.ownerCookie);
    const bToken = linkFrom((await ctx.mailTo('kim@x.test'))[0].text).split('/activate/')[1];
    const aKim = await post(at(a, '/invitations'), { firstName: 'Kimberly', email: 'kim@x.test' }, a.ownerCookie);
    expect((await patch(at(a, `/customers/${aKim.json().customer.id}`), { email: 'kim@other.test' }, a.ownerCookie)).statusCode).toBe(200);
    expect(await userRow('kim@x.test')).toMatchObject({ email: 'kim@x.test' });
    const act = await post('/api/v1/activation', { token: bToken }, '');
    expect(act.json()).toMatchObject({ status: 'signed_in', user: { email: 'kim@x.test', firstName: 'Kim' } });
  });

  it('refuses an address that is already a customer of this location, and changes nothing', async () => {
    const one = await post(at(a, '/nonmembers'), { firstName: 'One', email: 'one@x.test' }, a.ownerCookie);
    await post(at(a, '/nonmembers'), { firstName: 'Two', email: 'two@x.test' }, a.ownerCookie);
    const res = await patch(at(a, `/customers/${one.json().customer.id}`), { email: 'two@x.test', firstName: 'Uno' }, a.ownerCookie);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.reason).toBe('email_already_customer');
    expect((await get(at(a, `/customers/${one.json().customer.id}`), a.ownerCookie)).json().customer).toMatchObject({ email: 'one@x.test', firstName: 'One' });
  });

  it('an email moved to an activated account gives access at once, as an invitation would', async () => {
    await post(at(b, '/invitations'), { firstName: 'Ray', email: 'ray@x.test' }, b.ownerCookie);
    await signInAs('ray@x.test');
    const inv = await post(at(a, '/invitations'), { firstName: 'Raymond', email: 'ray@typo.test' }, a.ownerCookie);
    const moved = await patch(at(a, `/customers/${inv.json().customer.id}`), { email: 'ray@x.test' }, a.ownerCookie);
    expect(moved.json().customer).toMatchObject({ status: 'active', email: 'ray@x.test', firstName: 'Ray' });
    expect((await ctx.mailTo('ray@x.test'))[0].subject).toContain('You now have access to Acme Spaces North Hall');
  });
});

describe("answers carry only this organization's data", () => {
  it("adding or inviting a known email shows what this organization entered, and B's view is untouched", async () => {
    const bSam = await post(at(b, '/invitations'), { firstName: 'Samuel', lastName: 'Secret', email: 'sam@x.test', phone: '06 12 34 56 78' }, b.ownerCookie);
    expect(bSam.statusCode).toBe(201);
    const inv = await post(at(a, '/invitations'), { firstName: 'Sam', email: 'sam@x.test' }, a.ownerCookie);
    expect(inv.json().customer).toMatchObject({ firstName: 'Sam', lastName: '', phone: null, lastActiveAt: null });
    expect(inv.body).not.toContain('Secret');
    expect(inv.body).not.toContain('612345678');
    const other = await post(at(a, '/nonmembers'), { firstName: 'Samantha', email: 'sam2@x.test' }, a.ownerCookie);
    expect(other.statusCode).toBe(201);
    await post(at(b, '/nonmembers'), { firstName: 'Lee', lastName: 'Hidden', email: 'lee@x.test', phone: '06 98 76 54 32' }, b.ownerCookie);
    const lee = await post(at(a, '/nonmembers'), { firstName: 'Lee', email: 'lee@x.test' }, a.ownerCookie);
    expect(lee.json().customer).toMatchObject({ firstName: 'Lee', lastName: '', phone: null });
    const granted = await post('/api/v1/administrators', { email: 'lee@x.test', firstName: 'Leo', locationId: a.locationId, permissions: [] }, a.ownerCookie);
    expect(granted.json().administrator).toMatchObject({ firstName: 'Leo', lastName: '' });
    // A's list and search, and B's profile
    const list = (await get(at(a, '/customers?q=hidden'), a.ownerCookie)).json().items;
    expect(list).toEqual([]);
    const bProfile = (await get(at(b, `/customers/${bSam.json().customer.id}`), b.ownerCookie)).json().customer;
    expect(bProfile).toMatchObject({ firstName: 'Samuel', lastName: 'Secret', phone: '+33612345678' });
    expect((await ctx.mailTo('sam@x.test')).map((m) => m.text.split('\n')[0]).sort()).toEqual(['Hi Sam,', 'Hi Samuel,']);
  });

  it("a company user's portal invitation shows only what they entered", async () => {
    await post(at(b, '/nonmembers'), { firstName: 'Nia', lastName: 'Private', email: 'nia@x.test', phone: '06 11 22 33 44' }, b.ownerCookie);
    const company = (await post(at(a, '/companies'), { name: 'Widgets' }, a.ownerCookie)).json().company;
    await post(at(a, '/invitations'), { firstName: 'Cal', email: 'cal@x.test', companyId: company.id }, a.ownerCookie);
    const cal = await signInAs('cal@x.test');
    const res = await post(`/api/v1/portal/locations/${a.locationId}/company/invitations`, { firstName: 'Nia', email: 'nia@x.test' }, cal);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().customer).toMatchObject({ firstName: 'Nia', lastName: '', phone: null, companyId: company.id });
    expect(res.body).not.toContain('Private');
  });
});

describe('portal company invitations never restore nor convert a customer', () => {
  it('answers 409 "ask an administrator" for a removed customer and for a nonmember, and changes nothing', async () => {
    const company = (await post(at(a, '/companies'), { name: 'Widgets' }, a.ownerCookie)).json().company;
    await post(at(a, '/invitations'), { firstName: 'Cal', email: 'cal@x.test', companyId: company.id }, a.ownerCookie);
    const cal = await signInAs('cal@x.test');
    const gone = await post(at(a, '/invitations'), { firstName: 'Gone', email: 'gone@x.test' }, a.ownerCookie);
    await signInAs('gone@x.test'); // activated: the removal keeps the record
    expect((await ctx.request({ method: 'DELETE', url: at(a, `/customers/${gone.json().customer.id}`), cookie: a.ownerCookie })).statusCode).toBe(204);
    const lead = await post(at(a, '/nonmembers'), { firstName: 'Lead', email: 'lead@x.test' }, a.ownerCookie);
    for (const email of ['gone@x.test', 'lead@x.test']) {
      const res = await post(`/api/v1/portal/locations/${a.locationId}/company/invitations`, { firstName: 'X', email }, cal);
      expect(res.statusCode, email).toBe(409);
      expect(res.json().error).toMatchObject({ reason: 'ask_an_administrator' });
      expect(res.json().error.message).toContain('Ask an administrator');
    }
    expect((await get(at(a, `/customers/${gone.json().customer.id}`), a.ownerCookie)).json().customer).toMatchObject({ status: 'removed', companyId: null });
    expect((await get(at(a, `/customers/${lead.json().customer.id}`), a.ownerCookie)).json().customer).toMatchObject({ type: 'nonmember', companyId: null });
  });
});

describe('wrong-email cleanup counts every record, grant and ownership', () => {
  it("removing A's wrong-email invitee keeps B's removed, restorable record of the same person", async () => {
    const bLee = await post(at(b, '/nonmembers'), { firstName: 'Lee', lastName: 'Lead', email: 'lee@x.test' }, b.ownerCookie);
    expect((await ctx.request({ method: 'DELETE', url: at(b, `/customers/${bLee.json().customer.id}`), cookie: b.ownerCookie })).statusCode).toBe(204);
    const aLee = await post(at(a, '/invitations'), { firstName: 'Lee', email: 'lee@x.test' }, a.ownerCookie);
    expect((await ctx.request({ method: 'DELETE', url: at(a, `/customers/${aLee.json().customer.id}`), cookie: a.ownerCookie })).statusCode).toBe(204);
    expect(await userRow('lee@x.test')).toBeDefined();
    // A's wrong-email record goes (decided on A's data alone, so it tells A nothing of B); the account stays
    expect((await get(at(a, `/customers/${aLee.json().customer.id}`), a.ownerCookie)).statusCode).toBe(404);
    const restored = await post(at(b, `/customers/${bLee.json().customer.id}/restore`), {}, b.ownerCookie);
    expect(restored.statusCode).toBe(200);
    expect(restored.json().customer).toMatchObject({ firstName: 'Lee', lastName: 'Lead', status: 'active', type: 'nonmember' });
  });

  it('keeps an account that holds a grant or an ownership, and deletes a revoked pending administrator', async () => {
    const admin = await grantAdmin(a, 'ada@x.test', null, ['customers']);
    const inv = await post(at(a, '/invitations'), { firstName: 'Ada', email: 'ada@x.test' }, a.ownerCookie);
    expect((await ctx.request({ method: 'DELETE', url: at(a, `/customers/${inv.json().customer.id}`), cookie: a.ownerCookie })).statusCode).toBe(204);
    expect(await userRow('ada@x.test')).toBeDefined();
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${admin.id}`, cookie: a.ownerCookie })).statusCode).toBe(204);
    expect(await userRow('ada@x.test')).toBeDefined(); // A's removed record (kept: A knows Ada as an administrator) holds it
    const typo = await grantAdmin(a, 'ada@typo.test', a.locationId, ['customers']);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${typo.id}`, cookie: a.ownerCookie })).statusCode).toBe(204);
    expect(await userRow('ada@typo.test')).toBeUndefined();
    const own = await post(at(a, '/invitations'), { firstName: 'Boss', email: 'owner@bravo.test' }, a.ownerCookie);
    await ctx.request({ method: 'DELETE', url: at(a, `/customers/${own.json().customer.id}`), cookie: a.ownerCookie });
    expect(await userRow('owner@bravo.test')).toBeDefined();
  });
});

describe('administrator rights go only as far as the actor could grant them', () => {
  it('a customers-only administrator cannot remove a customer who administers the location with more rights', async () => {
    await grantAdmin(a, 'clerk@acme.test', a.locationId, ['customers']);
    const clerk = await signIn(ctx, 'clerk@acme.test');
    const boss = await post(
      at(a, '/invitations'),
      { firstName: 'Bo', email: 'bo@acme.test', administrator: true, permissions: ['customers', 'settings'] },
      a.ownerCookie,
    );
    const res = await ctx.request({ method: 'DELETE', url: at(a, `/customers/${boss.json().customer.id}`), cookie: clerk });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.reason).toBe('administrator_rights_not_held');
    const admins = (await get('/api/v1/administrators', a.ownerCookie)).json().items.map((x: { email: string }) => x.email);
    expect(admins).toContain('bo@acme.test');
    expect((await ctx.request({ method: 'DELETE', url: at(a, `/customers/${boss.json().customer.id}`), cookie: a.ownerCookie })).statusCode).toBe(204);
  });
});

describe('under 20 parallel requests', () => {
  it('the same new person invited at 20 locations of two organizations at once gets one account', async () => {
    const locations = [a.locationId, b.locationId];
    for (let i = 0; locations.length < 20; i++) {
      const o = i % 2 ? a : b;
      const res = await post('/api/v1/locations', { name: `Annex ${i}`, timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' }, o.ownerCookie);
      expect(res.statusCode).toBe(201);
      locations.push(res.json().location.id);
    }
    const cookieOf = async (locationId: string) =>
      (await get(`/api/v1/locations/${locationId}`, a.ownerCookie)).statusCode === 200 ? a.ownerCookie : b.ownerCookie;
    const cookies = await Promise.all(locations.map(cookieOf));
    const answers = await Promise.all(
      locations.map((l, i) => post(`/api/v1/locations/${l}/invitations`, { firstName: `Nova ${i}`, email: 'nova@x.test' }, cookies[i])),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(locations.map(() => 201));
    const accounts = await ctx.db.selectFrom('users').select('id').where('email', '=', 'nova@x.test').execute();
    expect(accounts).toHaveLength(1);
    expect(new Set(answers.map((r) => r.json().customer.userId))).toEqual(new Set([accounts[0].id]));
    expect(answers.map((r) => r.json().customer.firstName)).toEqual(locations.map((_, i) => `Nova ${i}`));
  });

  it('20 records moved to one new address at once: exactly one takes it', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await post(at(a, '/nonmembers'), { firstName: `P${i}`, email: `p${i}@x.test` }, a.ownerCookie)).json().customer.id);
    const answers = await Promise.all(ids.map((id) => patch(at(a, `/customers/${id}`), { email: 'same@x.test' }, a.ownerCookie)));
    expect(answers.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.statusCode === 409)).toHaveLength(19);
    const rows = await ctx.db
      .selectFrom('customers')
      .innerJoin('users', 'users.id', 'customers.user_id')
      .select(['users.email'])
      .where('customers.location_id', '=', a.locationId)
      .execute();
    expect(rows.filter((r) => r.email === 'same@x.test')).toHaveLength(1);
    expect(rows.filter((r) => /^p\d+@x\.test$/.test(r.email))).toHaveLength(19);
  });
});
