// The Users page (design 11.1): every account with a record or a role in the organization (the
// owner included, removed-only accounts marked), searched, paged by cursor, filtered by the
// blacklist; for the owner and organization-wide administrators with `customers` only.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { createTestContext, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';
import type { OrganizationUserDto } from './schema.js';

let ctx: TestContext;
let org: Org;
let south: string;

const owner = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url, cookie: org.ownerCookie, ...(payload ? { payload } : {}) });

async function users(query = '', cookie = org.ownerCookie): Promise<{ items: OrganizationUserDto[]; nextCursor: string | null }> {
  const res = await ctx.request({ method: 'GET', url: `/api/v1/users${query}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
  ctx.clock.advance(MINUTE);
  south = (await owner('POST', '/api/v1/locations', { name: 'South Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' })).json().location.id;
  // a member at both locations, a nonmember, a removed-only person, an administrator without a record
  await owner('POST', `/api/v1/locations/${org.locationId}/invitations`, { firstName: 'Ava', lastName: 'Archer', email: 'ava@x.test' });
  await owner('POST', `/api/v1/locations/${south}/invitations`, { firstName: 'Ava', lastName: 'Archer', email: 'ava@x.test' });
  await owner('POST', `/api/v1/locations/${south}/nonmembers`, { firstName: 'Noah', lastName: 'Nash', email: 'noah@x.test' });
  const rem = await owner('POST', `/api/v1/locations/${org.locationId}/nonmembers`, { firstName: 'Rita', lastName: 'Gone', email: 'rita@x.test' });
  await owner('DELETE', `/api/v1/locations/${org.locationId}/customers/${rem.json().customer.id}`);
  await owner('POST', '/api/v1/administrators', { email: 'ada@x.test', firstName: 'Ada', lastName: 'Admin', locationId: null, permissions: ['customers'] });
});
afterEach(() => ctx.close());

describe('the Users page', () => {
  it('lists every account of the organization by email, the owner included, with its locations', async () => {
    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${rival.locationId}/nonmembers`,
      cookie: rival.ownerCookie,
      payload: { firstName: 'Zed', email: 'zed@other.test' },
    });
    const { items, nextCursor } = await users();
    expect(nextCursor).toBeNull();
    expect(items.map((u) => u.email)).toEqual(['ada@x.test', 'ava@x.test', 'noah@x.test', org.ownerEmail, 'rita@x.test']);
    const byEmail = new Map(items.map((u) => [u.email, u]));
    expect(byEmail.get(org.ownerEmail)).toMatchObject({ owner: true, activated: true, removedOnly: false, locations: [] });
    expect(byEmail.get('ada@x.test')).toMatchObject({ administrator: true, firstName: 'Ada', lastName: 'Admin', removedOnly: false });
    expect(byEmail.get('ava@x.test')).toMatchObject({ firstName: 'Ava', lastName: 'Archer', activated: false, blacklisted: false });
    expect(byEmail.get('ava@x.test')!.locations.map((l) => [l.name, l.type, l.status])).toEqual([
      ['Acme Spaces North Hall', 'member', 'invited'],
      ['South Annex', 'member', 'invited'],
    ]);
    expect(byEmail.get('noah@x.test')!.locations.map((l) => [l.locationId, l.type, l.status])).toEqual([[south, 'nonmember', 'active']]);
    expect(byEmail.get('rita@x.test')).toMatchObject({ removedOnly: true, locations: [{ status: 'removed' }] });
    // the other organization's people are not ours, and ours are not theirs
    expect((await users('', rival.ownerCookie)).items.map((u) => u.email)).toEqual(['boss@other.test', 'zed@other.test']);
  });

  it('searches names and emails, pages by cursor and filters by the blacklist', async () => {
    expect((await users('?q=ARCH')).items.map((u) => u.email)).toEqual(['ava@x.test']);
    expect((await users('?q=nash')).items.map((u) => u.email)).toEqual(['noah@x.test']);
    expect((await users('?q=x.test')).items.length).toBe(4);
    expect((await users('?q=50%25')).items).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: OrganizationUserDto[]; nextCursor: string | null } = await users(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((u) => u.email));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['ada@x.test', 'ava@x.test', 'noah@x.test', org.ownerEmail, 'rita@x.test']);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/users?cursor=forged', cookie: org.ownerCookie })).statusCode).toBe(400);

    const entry = (await owner('POST', '/api/v1/blacklist', { email: 'noah@x.test', reason: 'Rude' })).json().entry;
    const listed = await users('?blacklisted=true');
    expect(listed.items.map((u) => [u.email, u.blacklisted, u.blacklistEntryId])).toEqual([['noah@x.test', true, entry.id]]);
    expect((await users('?blacklisted=false')).items.map((u) => u.email)).not.toContain('noah@x.test');
  });

  it('is for the owner and organization-wide administrators with customers: 403 for others of ours, 404 for strangers', async () => {
    const ada = await signIn(ctx, 'ada@x.test');
    expect((await users('', ada)).items.length).toBe(5);
    await owner('POST', '/api/v1/administrators', { email: 'lou@x.test', firstName: 'Lou', locationId: org.locationId, permissions: ['customers'] });
    await owner('POST', '/api/v1/administrators', { email: 'set@x.test', firstName: 'Set', locationId: null, permissions: ['settings'] });
    for (const email of ['lou@x.test', 'set@x.test']) {
      const cookie = await signIn(ctx, email);
      expect((await ctx.request({ method: 'GET', url: '/api/v1/users', cookie })).statusCode, email).toBe(403);
    }
    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    const theirs = await ctx.request({ method: 'GET', url: `/api/v1/users?organizationId=${org.organizationId}`, cookie: rival.ownerCookie });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain('ava@x.test');
    expect((await ctx.request({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });
});
