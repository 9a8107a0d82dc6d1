// Administrators: the owner grants, lists, changes and revokes admin rights, per location or
// organization-wide; nobody else may; other organizations' administrators answer 404.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { createTestContext, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';
import { setupFromCli } from '../setup/service.js';

let ctx: TestContext;
let org: Org;
let locationB: string;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
  ctx.clock.advance(MINUTE);
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/locations',
    cookie: org.ownerCookie,
    payload: { name: 'South Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
  });
  expect(res.statusCode).toBe(201);
  locationB = res.json().location.id;
});
afterEach(() => ctx.close());

interface AdministratorDto {
  id: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  locationId: string | null;
  permissions: string[];
  createdAt: string;
}

function grantAs(cookie: string, body: Record<string, unknown>) {
  return ctx.request({ method: 'POST', url: '/api/v1/administrators', cookie, payload: body });
}

async function grant(body: Record<string, unknown>): Promise<AdministratorDto> {
  const res = await grantAs(org.ownerCookie, { firstName: 'Ada', ...body });
  expect(res.statusCode).toBe(201);
  return res.json().administrator;
}

async function list(cookie = org.ownerCookie): Promise<AdministratorDto[]> {
  const res = await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

async function locationIds(cookie: string): Promise<string[]> {
  return (await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie })).json().items.map((l: { id: string }) => l.id);
}

const customersOf = (locationId: string, cookie: string) => ctx.request({ method: 'GET', url: `/api/v1/locations/${locationId}/customers`, cookie });

describe('the owner', () => {
  it('grants, lists, changes and revokes an administrator', async () => {
    const granted = await grant({
      email: '  ADA@Acme.TEST ',
      lastName: 'Lovelace',
      locationId: org.locationId,
      permissions: ['settings', 'customers', 'customers'],
    });
    expect(granted).toMatchObject({
      email: 'ada@acme.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      locationId: org.locationId,
      permissions: ['customers', 'settings'],
    });

    const items = await list();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: granted.id, email: 'ada@acme.test', locationId: org.locationId, permissions: ['customers', 'settings'] });

    const ada = await signIn(ctx, 'ada@acme.test');
    expect(await locationIds(ada)).toEqual([org.locationId]);
    expect((await customersOf(org.locationId, ada)).statusCode).toBe(200);
    expect(
      (await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, cookie: ada, payload: { address: '3 New Road' } })).statusCode,
    ).toBe(200);

    const changed = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/administrators/${granted.id}`,
      cookie: org.ownerCookie,
      payload: { permissions: ['customers'] },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().administrator).toMatchObject({ id: granted.id, permissions: ['customers'], email: 'ada@acme.test' });
    expect((await list())[0].permissions).toEqual(['customers']);
    // the change holds at once for the signed-in administrator
    expect(
      (await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, cookie: ada, payload: { address: '4 New Road' } })).statusCode,
    ).toBe(403);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: ada });
    expect(me.json().admin).toEqual([{ locationId: org.locationId, permissions: ['customers'] }]);

    const revoked = await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${granted.id}`, cookie: org.ownerCookie });
    expect(revoked.statusCode).toBe(204);
    expect(revoked.body).toBe('');
    expect(await list()).toEqual([]);
    expect((await customersOf(org.locationId, ada)).statusCode).toBe(404);
    expect(await locationIds(ada)).toEqual([]);
    const meAfter = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: ada });
    expect(meAfter.json().admin).toEqual([]);

    // revoking twice: nothing left to revoke
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${granted.id}`, cookie: org.ownerCookie })).statusCode).toBe(404);
  });

  it('the list names the owner apart from the grants: every permission, nothing to change or revoke', async () => {
    await grant({ email: 'ada@acme.test', locationId: org.locationId, permissions: ['customers'] });
    const res = await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie: org.ownerCookie });
    const body = res.json() as { owner: { userId: string; email: string; firstName: string; lastName: string }; items: AdministratorDto[] };
    expect(body.owner).toMatchObject({ email: org.ownerEmail, firstName: 'Olivia', lastName: 'Owner' });
    expect(body.items.map((a) => a.email)).toEqual(['ada@acme.test']);
    // the owner is no grant: its id names nothing to change or revoke
    const ownerId = body.owner.userId;
    expect(
      (await ctx.request({ method: 'PATCH', url: `/api/v1/administrators/${ownerId}`, cookie: org.ownerCookie, payload: { permissions: [] } })).statusCode,
    ).toBe(404);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${ownerId}`, cookie: org.ownerCookie })).statusCode).toBe(404);
  });

  it('granting the same person and place again replaces the permissions', async () => {
    const first = await grant({ email: 'ada@acme.test', locationId: org.locationId, permissions: ['customers'] });
    const second = await grant({ email: 'ada@acme.test', locationId: org.locationId, permissions: ['billing'] });
    expect(second.id).toBe(first.id);
    expect(second.permissions).toEqual(['billing']);
    expect(await list()).toHaveLength(1);
  });

  it('an organization-wide grant sees every location, new ones included', async () => {
    const wide = await grant({ email: 'will@acme.test', firstName: 'Will', locationId: null, permissions: ['customers'] });
    expect(wide.locationId).toBeNull();
    const will = await signIn(ctx, 'will@acme.test');
    expect(await locationIds(will)).toEqual([org.locationId, locationB]);
    expect((await customersOf(org.locationId, will)).statusCode).toBe(200);
    expect((await customersOf(locationB, will)).statusCode).toBe(200);

    ctx.clock.advance(MINUTE);
    const c = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'Attic', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
    });
    expect(await locationIds(will)).toEqual([org.locationId, locationB, c.json().location.id]);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: will });
    expect(me.json().admin.map((a: { locationId: string }) => a.locationId)).toEqual([org.locationId, locationB, c.json().location.id]);
  });

  it('rejects bad grants with 400 naming the field', async () => {
    const perm = await grantAs(org.ownerCookie, { email: 'ada@acme.test', firstName: 'Ada', locationId: org.locationId, permissions: ['everything'] });
    expect(perm.statusCode).toBe(400);
    expect(perm.json().error.details[0].path).toMatch(/^permissions/);
    const email = await grantAs(org.ownerCookie, { email: ['ada@acme.test'], firstName: 'Ada', locationId: org.locationId, permissions: [] });
    expect(email.statusCode).toBe(400);
    expect(email.json().error.details.map((d: { path: string }) => d.path)).toContain('email');
    const loc = await grantAs(org.ownerCookie, { email: 'ada@acme.test', firstName: 'Ada', locationId: 'nope', permissions: [] });
    expect(loc.statusCode).toBe(400);
    expect(loc.json().error.details.map((d: { path: string }) => d.path)).toContain('locationId');
    expect(await list()).toEqual([]);
  });
});

describe('an owner of two organizations', () => {
  it('names the organization to act on, and each keeps its own administrators', async () => {
    // `atrium setup` with the same owner email: one account owns both
    const second = await setupFromCli(ctx.deps, {
      organizationName: 'Second Space',
      locationName: 'Second Loft',
      address: '',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      country: 'DE',
      ownerEmail: org.ownerEmail,
      ownerFirstName: 'Olivia',
      ownerLastName: '',
    });
    const q = `?organizationId=${second.organizationId}`;
    expect(await locationIds(org.ownerCookie)).toEqual([org.locationId, locationB, second.location.id]);

    const wrongPlace = await ctx.request({
      method: 'POST',
      url: `/api/v1/administrators${q}`,
      cookie: org.ownerCookie,
      payload: { email: 'ada@acme.test', firstName: 'Ada', locationId: org.locationId, permissions: ['customers'] },
    });
    expect(wrongPlace.statusCode).toBe(404);
    const there = await ctx.request({
      method: 'POST',
      url: `/api/v1/administrators${q}`,
      cookie: org.ownerCookie,
      payload: { email: 'ada@acme.test', firstName: 'Ada', locationId: second.location.id, permissions: ['customers'] },
    });
    expect(there.statusCode).toBe(201);
    const id = there.json().administrator.id;

    const listed = await ctx.request({ method: 'GET', url: `/api/v1/administrators${q}`, cookie: org.ownerCookie });
    expect(listed.json().items.map((a: AdministratorDto) => a.id)).toEqual([id]);
    const first = await ctx.request({ method: 'GET', url: `/api/v1/administrators?organizationId=${org.organizationId}`, cookie: org.ownerCookie });
    expect(first.json().items).toEqual([]);
    // an administrator id answers only under its own organization
    const crossed = await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${id}?organizationId=${org.organizationId}`, cookie: org.ownerCookie });
    expect(crossed.statusCode).toBe(404);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${id}${q}`, cookie: org.ownerCookie })).statusCode).toBe(204);
  });
});

describe('someone who is not the owner', () => {
  it('gets 403 on every administrators route', async () => {
    const granted = await grant({ email: 'ada@acme.test', locationId: null, permissions: ['customers', 'settings'] });
    const ada = await signIn(ctx, 'ada@acme.test');
    expect((await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie: ada })).statusCode).toBe(403);
    expect((await grantAs(ada, { email: 'friend@acme.test', firstName: 'Friend', locationId: null, permissions: ['customers'] })).statusCode).toBe(403);
    expect(
      (
        await ctx.request({
          method: 'PATCH',
          url: `/api/v1/administrators/${granted.id}`,
          cookie: ada,
          payload: { permissions: ['customers', 'settings', 'billing'] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${granted.id}`, cookie: ada })).statusCode).toBe(403);
    const items = await list();
    expect(items).toHaveLength(1);
    expect(items[0].permissions).toEqual(['customers', 'settings']);
  });

  it('signed out gets 401', async () => {
    expect((await ctx.request({ method: 'GET', url: '/api/v1/administrators' })).statusCode).toBe(401);
    expect(
      (
        await ctx.request({
          method: 'POST',
          url: '/api/v1/administrators',
          payload: { email: 'x@acme.test', firstName: 'X', locationId: null, permissions: [] },
        })
      ).statusCode,
    ).toBe(401);
  });
});

describe('another organization', () => {
  async function rival() {
    const created = await setupFromCli(ctx.deps, {
      organizationName: 'Rival Works',
      locationName: 'Rival Tower',
      address: '',
      timeZone: 'Europe/London',
      currency: 'GBP',
      country: 'GB',
      ownerEmail: 'rita@rival.test',
      ownerFirstName: 'Rita',
      ownerLastName: '',
    });
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/link', payload: { token: created.link.split('/admin/link/')[1] } });
    return { ...created, cookie: sessionCookie(res) };
  }

  it("sees its own owner in the list, never the first organization's", async () => {
    const r = await rival();
    const theirs = (await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie: r.cookie })).json();
    expect(theirs.owner).toMatchObject({ email: 'rita@rival.test', firstName: 'Rita' });
    expect(theirs.items).toEqual([]);
  });

  it("gets 404 on the first organization's administrator ids and locations", async () => {
    const ada = await grant({ email: 'ada@acme.test', locationId: org.locationId, permissions: ['customers'] });
    const r = await rival();

    const patch = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/administrators/${ada.id}`,
      cookie: r.cookie,
      payload: { permissions: ['customers', 'settings'] },
    });
    expect(patch.statusCode).toBe(404);
    const del = await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${ada.id}`, cookie: r.cookie });
    expect(del.statusCode).toBe(404);
    // granting at the first organization's location
    const planted = await grantAs(r.cookie, { email: 'mole@rival.test', firstName: 'Mole', locationId: org.locationId, permissions: ['customers'] });
    expect(planted.statusCode).toBe(404);
    // or naming the first organization
    const named = await ctx.request({ method: 'GET', url: `/api/v1/administrators?organizationId=${org.organizationId}`, cookie: r.cookie });
    expect(named.statusCode).toBe(404);

    const theirs = await list(r.cookie);
    expect(theirs).toEqual([]);
    for (const res of [patch, del, planted, named]) {
      expect(res.body).not.toContain('ada@acme.test');
      expect(res.body).not.toContain('Acme');
    }
    // Ada's grant is untouched
    expect((await list())[0]).toMatchObject({ id: ada.id, permissions: ['customers'] });
    // the refused grant created no account either
    expect(await ctx.db.selectFrom('users').select('id').where('email', '=', 'mole@rival.test').execute()).toEqual([]);
  });

  it('an administrator of both organizations keeps the two grants apart', async () => {
    await grant({ email: 'ada@acme.test', locationId: org.locationId, permissions: ['customers'] });
    const r = await rival();
    const theirGrant = await grantAs(r.cookie, { email: 'ada@acme.test', firstName: 'Ada', locationId: null, permissions: ['settings'] });
    expect(theirGrant.statusCode).toBe(201);
    const ada = await signIn(ctx, 'ada@acme.test');
    expect(await locationIds(ada)).toEqual([org.locationId, r.location.id]);
    // the rival's org-wide grant gives nothing at the first organization's other location
    expect((await customersOf(locationB, ada)).statusCode).toBe(404);
    expect((await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, cookie: ada, payload: { name: 'x' } })).statusCode).toBe(403);
    expect((await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${r.location.id}`, cookie: ada, payload: { name: 'Rival Top' } })).statusCode).toBe(
      200,
    );
    // each owner lists only their own grant
    expect((await list()).map((a) => a.locationId)).toEqual([org.locationId]);
    expect((await list(r.cookie)).map((a) => a.locationId)).toEqual([null]);
  });
});
