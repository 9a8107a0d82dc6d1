// Locations: the owner lists, creates and edits them; administrators see only theirs; other
// organizations' ids answer 404 and reveal nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { createTestContext, sessionCookie, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';
import { setupFromCli } from '../setup/service.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

interface LocationDto {
  id: string;
  organizationId: string;
  name: string;
  address: string;
  timeZone: string;
  currency: string;
  country: string;
  joinRequests: string;
  createdAt: string;
}

async function createLocation(cookie: string, name: string, extra: Record<string, unknown> = {}) {
  ctx.clock.advance(MINUTE);
  return ctx.request({
    method: 'POST',
    url: '/api/v1/locations',
    cookie,
    payload: { name, timeZone: 'Europe/Lisbon', currency: 'EUR', country: 'PT', ...extra },
  });
}

async function listLocations(cookie: string): Promise<LocationDto[]> {
  const res = await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

async function grant(locationId: string | null, permissions: string[], email = 'ada@acme.test') {
  const res = await ctx.request({
    method: 'POST',
    url: '/api/v1/administrators',
    cookie: org.ownerCookie,
    payload: { email, firstName: 'Ada', locationId, permissions },
  });
  expect(res.statusCode).toBe(201);
  return res.json().administrator as { id: string };
}

/** A second organization, created like `atrium setup` does, with its owner signed in. */
async function otherOrganization() {
  const created = await setupFromCli(ctx.deps, {
    organizationName: 'Rival Works',
    locationName: 'Rival Tower',
    address: '9 Rival Street',
    timeZone: 'Europe/London',
    currency: 'GBP',
    country: 'GB',
    ownerEmail: 'rita@rival.test',
    ownerFirstName: 'Rita',
    ownerLastName: 'Rival',
  });
  const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/link', payload: { token: created.link.split('/admin/link/')[1] } });
  expect(res.statusCode).toBe(200);
  return { organizationId: created.organizationId, locationId: created.location.id, cookie: sessionCookie(res) };
}

describe('the owner', () => {
  it('lists locations oldest first, creates one and edits one', async () => {
    const created = await createLocation(org.ownerCookie, 'South Annex', { address: '2 Side Street' });
    expect(created.statusCode).toBe(201);
    const b = created.json().location as LocationDto;
    expect(b).toMatchObject({
      organizationId: org.organizationId,
      name: 'South Annex',
      address: '2 Side Street',
      timeZone: 'Europe/Lisbon',
      currency: 'EUR',
      country: 'PT',
      joinRequests: 'closed',
    });
    const c = (await createLocation(org.ownerCookie, 'Attic')).json().location as LocationDto;

    const items = await listLocations(org.ownerCookie);
    expect(items.map((l) => l.id)).toEqual([org.locationId, b.id, c.id]);
    expect(items.map((l) => l.name)).toEqual(['Acme Spaces North Hall', 'South Annex', 'Attic']);

    const patched = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/locations/${b.id}`,
      cookie: org.ownerCookie,
      payload: { name: '  South Wing ', joinRequests: 'approval' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().location).toMatchObject({
      id: b.id,
      name: 'South Wing',
      joinRequests: 'approval',
      timeZone: 'Europe/Lisbon',
      address: '2 Side Street',
    });

    const one = await ctx.request({ method: 'GET', url: `/api/v1/locations/${b.id}`, cookie: org.ownerCookie });
    expect(one.json().location).toMatchObject({ name: 'South Wing', joinRequests: 'approval' });
    // the order stays by creation, not by last edit
    expect((await listLocations(org.ownerCookie)).map((l) => l.name)).toEqual(['Acme Spaces North Hall', 'South Wing', 'Attic']);
  });

  it('changes time zone, currency and country, normalised', async () => {
    const res = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/locations/${org.locationId}`,
      cookie: org.ownerCookie,
      payload: { timeZone: 'Asia/Tokyo', currency: 'jpy', country: 'jp' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().location).toMatchObject({ timeZone: 'Asia/Tokyo', currency: 'JPY', country: 'JP', name: 'Acme Spaces North Hall' });
  });

  it('gets 400 naming the field for bad values', async () => {
    const tz = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/locations/${org.locationId}`,
      cookie: org.ownerCookie,
      payload: { timeZone: 'Nowhere/Land' },
    });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().error.details.map((d: { path: string }) => d.path)).toEqual(['timeZone']);
    const jr = await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, cookie: org.ownerCookie, payload: { joinRequests: 'open' } });
    expect(jr.statusCode).toBe(400);
    expect(jr.json().error.details.map((d: { path: string }) => d.path)).toEqual(['joinRequests']);
    const name = await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, cookie: org.ownerCookie, payload: { name: '   ' } });
    expect(name.statusCode).toBe(400);
    const create = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'X', timeZone: 'UTC', currency: 'EU', country: 'FR' },
    });
    expect(create.statusCode).toBe(400);
    expect(create.json().error.details.map((d: { path: string }) => d.path)).toEqual(['currency']);
    // nothing changed
    const [loc] = await listLocations(org.ownerCookie);
    expect(loc).toMatchObject({ name: 'Acme Spaces North Hall', timeZone: 'Europe/Paris', joinRequests: 'closed' });
  });
});

describe('an administrator of one location', () => {
  let adminCookie: string;
  let b: LocationDto;
  beforeEach(async () => {
    b = (await createLocation(org.ownerCookie, 'South Annex')).json().location;
    await grant(org.locationId, ['customers']);
    adminCookie = await signIn(ctx, 'ada@acme.test');
  });

  it('sees only that location', async () => {
    const items = await listLocations(adminCookie);
    expect(items.map((l) => l.id)).toEqual([org.locationId]);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: adminCookie });
    expect(me.json().admin).toEqual([{ locationId: org.locationId, permissions: ['customers'] }]);
  });

  it('gets 404 for the other location, its customers and its edit', async () => {
    const customersB = await ctx.request({ method: 'GET', url: `/api/v1/locations/${b.id}/customers`, cookie: adminCookie });
    expect(customersB.statusCode).toBe(404);
    const getB = await ctx.request({ method: 'GET', url: `/api/v1/locations/${b.id}`, cookie: adminCookie });
    expect(getB.statusCode).toBe(404);
    const patchB = await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${b.id}`, cookie: adminCookie, payload: { name: 'Mine now' } });
    expect(patchB.statusCode).toBe(404);
    expect(patchB.body).not.toContain('South Annex');
    // a location id that exists nowhere answers the same
    const nowhere = await ctx.request({
      method: 'PATCH',
      url: '/api/v1/locations/00000000-0000-4000-8000-000000000000',
      cookie: adminCookie,
      payload: { name: 'x' },
    });
    expect(nowhere.statusCode).toBe(404);
    expect(nowhere.json().error.message).toBe(patchB.json().error.message);
    const [loc] = (await listLocations(org.ownerCookie)).filter((l) => l.id === b.id);
    expect(loc.name).toBe('South Annex');
  });

  it('can read its customers but gets 403 editing the location without "settings"', async () => {
    const customersA = await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}/customers`, cookie: adminCookie });
    expect(customersA.statusCode).toBe(200);
    const patchA = await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, cookie: adminCookie, payload: { name: 'Renamed' } });
    expect(patchA.statusCode).toBe(403);
    expect(patchA.json().error.message).toContain('settings');
    expect((await listLocations(org.ownerCookie))[0].name).toBe('Acme Spaces North Hall');
  });

  it('may edit it once granted "settings"', async () => {
    await grant(org.locationId, ['customers', 'settings']);
    const patchA = await ctx.request({
      method: 'PATCH',
      url: `/api/v1/locations/${org.locationId}`,
      cookie: adminCookie,
      payload: { joinRequests: 'approval' },
    });
    expect(patchA.statusCode).toBe(200);
    expect(patchA.json().location.joinRequests).toBe('approval');
  });

  it('cannot create a location (owner only)', async () => {
    const res = await createLocation(adminCookie, 'Sneaky');
    expect(res.statusCode).toBe(403);
    expect((await listLocations(org.ownerCookie)).map((l) => l.name)).not.toContain('Sneaky');
  });
});

describe('signed out', () => {
  it('answers 401', async () => {
    expect((await ctx.request({ method: 'GET', url: '/api/v1/locations' })).statusCode).toBe(401);
    expect((await ctx.request({ method: 'GET', url: `/api/v1/locations/${org.locationId}` })).statusCode).toBe(401);
    const patch = await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${org.locationId}`, payload: { name: 'Anonymous' } });
    expect(patch.statusCode).toBe(401);
    expect(patch.json().error.code).toBe('unauthorized');
    const create = await ctx.request({ method: 'POST', url: '/api/v1/locations', payload: { name: 'Anon', timeZone: 'UTC', currency: 'EUR', country: 'FR' } });
    expect(create.statusCode).toBe(401);
    // a cookie that no longer names a session is signed out too
    const out = await ctx.request({ method: 'POST', url: '/api/v1/auth/sign-out', cookie: org.ownerCookie });
    expect(out.statusCode).toBe(204);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie: org.ownerCookie })).statusCode).toBe(401);
  });
});

describe('another organization', () => {
  it("gets 404 on the first organization's locations and sees nothing of theirs", async () => {
    const rival = await otherOrganization();
    const mine = [org.organizationId, org.locationId, 'Acme Spaces', org.ownerEmail];

    const list = await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie: rival.cookie });
    expect(list.json().items.map((l: LocationDto) => l.id)).toEqual([rival.locationId]);
    const answers = [list];

    for (const [method, url, payload] of [
      ['GET', `/api/v1/locations/${org.locationId}`, undefined],
      ['PATCH', `/api/v1/locations/${org.locationId}`, { name: 'Taken over' }],
      ['GET', `/api/v1/locations/${org.locationId}/customers`, undefined],
    ] as const) {
      const res = await ctx.request({ method, url, cookie: rival.cookie, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      answers.push(res);
    }
    // naming the first organization explicitly does not help either
    const create = await createLocation(rival.cookie, 'Planted', { organizationId: org.organizationId });
    expect(create.statusCode).toBe(404);
    answers.push(create);
    answers.push(await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: rival.cookie }));
    answers.push(await ctx.request({ method: 'GET', url: '/api/v1/administrators', cookie: rival.cookie }));

    for (const res of answers) for (const secret of mine) expect(res.body).not.toContain(secret);

    // and the first organization is untouched
    const [loc, ...rest] = await listLocations(org.ownerCookie);
    expect(rest).toHaveLength(0);
    expect(loc.name).toBe('Acme Spaces North Hall');
  });

  it("the first owner gets 404 on the other organization's location", async () => {
    const rival = await otherOrganization();
    const res = await ctx.request({ method: 'PATCH', url: `/api/v1/locations/${rival.locationId}`, cookie: org.ownerCookie, payload: { name: 'Mine' } });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Rival');
    expect((await listLocations(org.ownerCookie)).map((l) => l.id)).toEqual([org.locationId]);
  });
});
