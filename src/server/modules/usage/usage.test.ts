// The usage report (design 7.1 and 11.1): active users per local month and location with the
// design's reasons (subscription, booking, payment, credits); the organization total counts a person
// once, however many locations; an idle member is absent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { createTestContext, setupOrganization, signIn, type Org, type TestContext } from '../../testing/harness.js';
import type { UsageUserDto } from './schema.js';

let ctx: TestContext;
let org: Org;
let south: string;

const owner = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
  ctx.request({ method, url, cookie: org.ownerCookie, ...(payload ? { payload } : {}) });

async function ok(method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const res = await owner(method, url, payload);
  expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
  return res.json();
}

async function member(locationId: string, firstName: string, email: string): Promise<string> {
  return (await ok('POST', `/api/v1/locations/${locationId}/invitations`, { firstName, email })).customer.id;
}

async function subscribe(locationId: string, customerId: string) {
  const plan = (await ok('POST', `/api/v1/locations/${locationId}/plans`, { name: `Desk ${customerId.slice(0, 4)}`, price: 10000, cycle: 'month' })).plan.id;
  await ok('POST', `/api/v1/locations/${locationId}/subscriptions`, { customerId, planId: plan, startDate: '2026-11-28' });
}

beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
  ctx.clock.advance(MINUTE);
  south = (await ok('POST', '/api/v1/locations', { name: 'South Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' })).location.id;

  // Ava holds a subscription at both locations; Ben books a room with credits at North; Cleo is idle
  await subscribe(org.locationId, await member(org.locationId, 'Ava', 'ava@x.test'));
  await subscribe(south, await member(south, 'Ava', 'ava@x.test'));
  const ben = await member(org.locationId, 'Ben', 'ben@x.test');
  await member(org.locationId, 'Cleo', 'cleo@x.test');
  await ok('POST', `/api/v1/locations/${org.locationId}/ledger/adjustments`, { customerId: ben, unit: 'credit', amount: 4, memo: 'Welcome' });
  const room = (await ok('POST', `/api/v1/locations/${org.locationId}/resources`, { type: 'meeting_room', name: 'Blue room', creditsPerHour: 2 })).resource.id;
  await ok('POST', `/api/v1/locations/${org.locationId}/bookings`, {
    customerId: ben,
    resourceId: room,
    startsAt: '2026-11-30T09:00:00Z',
    endsAt: '2026-11-30T10:00:00Z',
    paymentMethod: 'credits',
  });
});
afterEach(() => ctx.close());

describe('the usage report', () => {
  it('counts each person once in the total, per location, with the reasons; an idle member is absent', async () => {
    const month = await ok('GET', '/api/v1/usage?month=2026-11');
    expect(month).toEqual({
      month: '2026-11',
      total: 2,
      locations: [
        { locationId: org.locationId, name: 'Acme Spaces North Hall', activeUsers: 2 },
        { locationId: south, name: 'South Annex', activeUsers: 1 },
      ],
    });
    const people: UsageUserDto[] = (await ok('GET', '/api/v1/usage/users?month=2026-11')).items;
    expect(people.map((p) => [p.email, p.locationId, p.reasons])).toEqual(
      [
        ['ava@x.test', org.locationId, ['subscription']],
        ['ava@x.test', south, ['subscription']],
        ['ben@x.test', org.locationId, ['booking', 'credits']],
      ].sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`)),
    );
    expect(people.every((p) => p.firstAt.endsWith('Z'))).toBe(true);
    expect(people.map((p) => p.email)).not.toContain('cleo@x.test');

    const southOnly = (await ok('GET', `/api/v1/usage/users?month=2026-11&locationId=${south}`)).items;
    expect(southOnly.map((p: UsageUserDto) => p.email)).toEqual(['ava@x.test']);

    // one by one through the cursor
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: UsageUserDto[]; nextCursor: string | null } = await ok(
        'GET',
        `/api/v1/usage/users?month=2026-11&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((p) => `${p.email} ${p.locationId}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(people.map((p) => `${p.email} ${p.locationId}`));
  });

  it('gives zeros for a quiet month and one entry per month of a range', async () => {
    expect((await ok('GET', '/api/v1/usage?month=2026-10')).total).toBe(0);
    expect((await ok('GET', '/api/v1/usage/users?month=2026-10')).items).toEqual([]);
    const months = (await ok('GET', '/api/v1/usage/months?from=2025-12&to=2026-11')).months;
    expect(months.length).toBe(12);
    expect(months[0]).toMatchObject({ month: '2025-12', total: 0 });
    expect(months[11]).toMatchObject({ month: '2026-11', total: 2 });
    expect(months[11].locations).toEqual([
      { locationId: org.locationId, activeUsers: 2 },
      { locationId: south, activeUsers: 1 },
    ]);
    expect((await owner('GET', '/api/v1/usage/months?from=2024-01&to=2026-11')).statusCode).toBe(400);
    expect((await owner('GET', '/api/v1/usage?month=2026-13')).statusCode).toBe(400);
  });

  it('is for the owner and organization-wide administrators with analytics; another organization gets 404', async () => {
    await owner('POST', '/api/v1/administrators', { email: 'ana@x.test', firstName: 'Ana', locationId: null, permissions: ['analytics'] });
    await owner('POST', '/api/v1/administrators', { email: 'lou@x.test', firstName: 'Lou', locationId: org.locationId, permissions: ['analytics'] });
    const ana = await signIn(ctx, 'ana@x.test');
    expect((await ctx.request({ method: 'GET', url: '/api/v1/usage?month=2026-11', cookie: ana })).json().total).toBe(2);
    const lou = await signIn(ctx, 'lou@x.test');
    expect((await ctx.request({ method: 'GET', url: '/api/v1/usage?month=2026-11', cookie: lou })).statusCode).toBe(403);

    const rival = await setupOrganization(ctx, 'Other Works', 'boss@other.test');
    const theirs = await ctx.request({
      method: 'GET',
      url: `/api/v1/usage/users?organizationId=${org.organizationId}&month=2026-11`,
      cookie: rival.ownerCookie,
    });
    expect(theirs.statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/usage?month=2026-11', cookie: rival.ownerCookie })).json().total).toBe(0);
    const ourLocation = await ctx.request({ method: 'GET', url: `/api/v1/usage/users?month=2026-11&locationId=${south}`, cookie: rival.ownerCookie });
    expect(ourLocation.statusCode).toBe(404);
  });
});
