// First-run setup: the printed link, the setup API, and `atrium setup` adding another organization.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, PUBLIC_URL, sessionCookie, type TestContext } from '../../testing/harness.js';
import { prepareSetupLink, setupFromCli } from './service.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(() => ctx.close());

const input = {
  organizationName: 'Harbour Desks',
  locationName: 'Harbour Main',
  address: '5 Dock Road',
  timeZone: 'America/New_York',
  currency: 'usd',
  country: 'us',
  ownerEmail: ' Hana@Harbour.TEST ',
  ownerFirstName: 'Hana',
  ownerLastName: 'Harbour',
};

async function setupToken(): Promise<string> {
  const link = await prepareSetupLink(ctx.deps);
  expect(link).not.toBeNull();
  expect(link!.startsWith(`${PUBLIC_URL}/admin/setup?token=`)).toBe(true);
  return new URL(link!).searchParams.get('token')!;
}

function postSetup(body: Record<string, unknown>) {
  return ctx.request({ method: 'POST', url: '/api/v1/setup', payload: body });
}

describe('first-run setup', () => {
  it('is needed on an empty database, then not', async () => {
    const before = await ctx.request({ method: 'GET', url: '/api/v1/setup' });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toEqual({ needed: true });
    const res = await postSetup({ token: await setupToken(), ...input });
    expect(res.statusCode).toBe(201);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
    expect(await prepareSetupLink(ctx.deps)).toBeNull();
  });

  it('refuses a wrong token with 403 and creates nothing', async () => {
    await setupToken();
    const res = await postSetup({ token: 'x'.repeat(43), ...input });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(await ctx.db.selectFrom('organizations').select('id').execute()).toHaveLength(0);
    expect(await ctx.db.selectFrom('users').select('id').execute()).toHaveLength(0);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: true });
  });

  it('refuses any token when no setup link was prepared', async () => {
    const res = await postSetup({ token: 'y'.repeat(43), ...input });
    expect(res.statusCode).toBe(403);
  });

  it('a new setup link replaces the previous one', async () => {
    const first = await setupToken();
    const second = await setupToken();
    expect(second).not.toBe(first);
    expect((await postSetup({ token: first, ...input })).statusCode).toBe(403);
    expect((await postSetup({ token: second, ...input })).statusCode).toBe(201);
  });

  it('creates the organization, its location and the signed-in owner', async () => {
    const res = await postSetup({ token: await setupToken(), ...input });
    expect(res.statusCode).toBe(201);
    expect(res.json().user).toMatchObject({ email: 'hana@harbour.test', firstName: 'Hana', lastName: 'Harbour' });
    const cookie = sessionCookie(res);

    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('hana@harbour.test');
    expect(me.json().organizations).toEqual([expect.objectContaining({ name: 'Harbour Desks', role: 'owner' })]);

    const locs = await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie });
    expect(locs.statusCode).toBe(200);
    const items = locs.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      name: 'Harbour Main',
      address: '5 Dock Road',
      timeZone: 'America/New_York',
      currency: 'USD',
      country: 'US',
      joinRequests: 'closed',
    });
    expect(me.json().admin).toEqual([expect.objectContaining({ locationId: items[0].id })]);
    expect(me.json().admin[0].permissions).toContain('settings');
  });

  it('answers 409 to a second setup, even with the old token', async () => {
    const token = await setupToken();
    expect((await postSetup({ token, ...input })).statusCode).toBe(201);
    const again = await postSetup({ token, ...input, organizationName: 'Second Try', ownerEmail: 'other@harbour.test' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect(await ctx.db.selectFrom('organizations').select('id').execute()).toHaveLength(1);
  });

  it('creates one organization when two setups race with the right token', async () => {
    const token = await setupToken();
    const answers = await Promise.all([
      postSetup({ token, ...input }),
      postSetup({ token, ...input, organizationName: 'Racer', ownerEmail: 'racer@harbour.test' }),
    ]);
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses[0]).toBe(201);
    expect([403, 409]).toContain(statuses[1]);
    expect(await ctx.db.selectFrom('organizations').select('id').execute()).toHaveLength(1);
  });

  it('answers 400 naming the field for a bad time zone, currency or country', async () => {
    const token = await setupToken();
    const tz = await postSetup({ token, ...input, timeZone: 'Mars/Olympus_Mons' });
    expect(tz.statusCode).toBe(400);
    expect(tz.json().error.details.map((d: { path: string }) => d.path)).toEqual(['timeZone']);
    const cur = await postSetup({ token, ...input, currency: 'EURO' });
    expect(cur.statusCode).toBe(400);
    expect(cur.json().error.details.map((d: { path: string }) => d.path)).toEqual(['currency']);
    // well-formed codes that name nothing: ISO 4217 and ISO 3166 only
    const unknown = await postSetup({ token, ...input, currency: 'XYZ', country: 'QQ' });
    expect(unknown.statusCode).toBe(400);
    expect(
      unknown
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['country', 'currency']);
    const missing = await postSetup({ token, ...input, ownerEmail: undefined, organizationName: '  ' });
    expect(missing.statusCode).toBe(400);
    expect(
      missing
        .json()
        .error.details.map((d: { path: string }) => d.path)
        .sort(),
    ).toEqual(['organizationName', 'ownerEmail']);
    // none of these used up the setup; lower case is read as the code it spells
    expect((await postSetup({ token, ...input, currency: 'chf', country: 'ch', timeZone: 'Europe/Zurich' })).statusCode).toBe(201);
  });
});

describe('`atrium setup` (setupFromCli)', () => {
  it('adds a second organization whose link signs its owner in once', async () => {
    const token = await setupToken();
    const first = await postSetup({ token, ...input });
    expect(first.statusCode).toBe(201);
    const firstCookie = sessionCookie(first);

    const second = await setupFromCli(ctx.deps, {
      organizationName: 'Second Space',
      locationName: 'Second Loft',
      address: '',
      timeZone: 'Europe/Berlin',
      currency: 'EUR',
      country: 'DE',
      ownerEmail: 'sam@second.test',
      ownerFirstName: 'Sam',
      ownerLastName: '',
    });
    expect(second.link.startsWith(`${PUBLIC_URL}/admin/link/`)).toBe(true);
    expect(await ctx.db.selectFrom('organizations').select('id').execute()).toHaveLength(2);

    const linkToken = second.link.split('/admin/link/')[1];
    const signIn = await ctx.request({ method: 'POST', url: '/api/v1/auth/link', payload: { token: linkToken } });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user.email).toBe('sam@second.test');
    const cookie = sessionCookie(signIn);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie });
    expect(me.json().organizations).toEqual([expect.objectContaining({ id: second.organizationId, name: 'Second Space', role: 'owner' })]);
    const locs = await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie });
    expect(locs.json().items.map((l: { name: string; timeZone: string }) => [l.name, l.timeZone])).toEqual([['Second Loft', 'Europe/Berlin']]);

    const reuse = await ctx.request({ method: 'POST', url: '/api/v1/auth/link', payload: { token: linkToken } });
    expect(reuse.statusCode).toBe(404);

    // the first owner still sees only their own location
    const firstLocs = await ctx.request({ method: 'GET', url: '/api/v1/locations', cookie: firstCookie });
    expect(firstLocs.json().items.map((l: { name: string }) => l.name)).toEqual(['Harbour Main']);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needed: false });
  });

  it('on an empty database, ends the pending setup link', async () => {
    const token = await setupToken();
    await setupFromCli(ctx.deps, { ...input, ownerEmail: 'cli@harbour.test', currency: 'USD', country: 'US' });
    const res = await postSetup({ token, ...input });
    expect(res.statusCode).toBe(409);
    expect(await ctx.db.selectFrom('organizations').select('id').execute()).toHaveLength(1);
  });

  it('an expired sign-in link does not sign in', async () => {
    const { link } = await setupFromCli(ctx.deps, { ...input, ownerEmail: 'late@harbour.test', currency: 'USD', country: 'US' });
    ctx.clock.advance(25 * 60 * 60_000);
    const res = await ctx.request({ method: 'POST', url: '/api/v1/auth/link', payload: { token: link.split('/admin/link/')[1] } });
    expect(res.statusCode).toBe(404);
  });
});
