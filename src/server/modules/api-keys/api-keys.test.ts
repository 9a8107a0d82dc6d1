// API keys (design 11.1): the owner makes them, Bearer requests act as an administrator with exactly
// the key's permissions at its location, keys never reach the owner's routes or a person's, revoked
// keys answer 401, 600 requests a minute per key, lastUsedAt at most once a minute.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MINUTE } from '../../lib/clock.js';
import { createTestContext, setupOrganization, signIn, T0, type Org, type TestContext } from '../../testing/harness.js';
import type { CreatedApiKey } from './schema.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

async function makeKey(body: Record<string, unknown>, cookie = org.ownerCookie): Promise<CreatedApiKey> {
  const r = await ctx.request({ method: 'POST', url: '/api/v1/api-keys', cookie, payload: body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** A request with the key only: no cookie, no Origin header. */
function withKey(secret: string, opts: { method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: Record<string, unknown> }) {
  return ctx.app.inject({ method: opts.method ?? 'GET', url: opts.url, payload: opts.payload, headers: { authorization: `Bearer ${secret}` } });
}

const customersUrl = (locationId: string) => `/api/v1/locations/${locationId}/customers?type=nonmember`;

describe('API keys', () => {
  it('are made by the owner, shown once, listed by prefix, and act with exactly their permissions', async () => {
    const { apiKey, secret } = await makeKey({ name: 'CRM sync', permissions: ['customers'], locationId: null });
    expect(secret).toMatch(/^atr_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: 'CRM sync', prefix: secret.slice(0, 12), permissions: ['customers'], locationId: null, lastUsedAt: null });
    const list = await ctx.request({ method: 'GET', url: '/api/v1/api-keys', cookie: org.ownerCookie });
    expect(list.json().items).toHaveLength(1);
    expect(list.body).not.toContain(secret);
    const stored = await ctx.db.selectFrom('api_keys').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    // no Origin check for Bearer requests: a state-changing request from anywhere
    const added = await withKey(secret, {
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/nonmembers`,
      payload: { firstName: 'Kay', email: 'kay@x.test' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const listed = await withKey(secret, { url: customersUrl(org.locationId) });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((c: { email: string }) => c.email)).toEqual(['kay@x.test']);
    // a permission the key does not hold
    expect((await withKey(secret, { url: `/api/v1/locations/${org.locationId}/plans` })).statusCode).toBe(403);
    const billing = await makeKey({ name: 'Accounting', permissions: ['billing'] });
    expect((await withKey(billing.secret, { url: customersUrl(org.locationId) })).statusCode).toBe(403);
  });

  it('never act as a person or as the owner: 403 in their organization, 404 elsewhere', async () => {
    const { secret } = await makeKey({ name: 'All', permissions: ['customers', 'billing', 'settings'] });
    const rival = await setupOrganization(ctx, 'Rival Works', 'owner@rival.test');
    for (const url of ['/api/v1/api-keys', '/api/v1/webhooks', '/api/v1/administrators', '/api/v1/me']) {
      expect((await withKey(secret, { url })).statusCode, url).toBe(403);
    }
    expect((await withKey(secret, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'Child', permissions: ['customers'] } })).statusCode).toBe(403);
    expect((await withKey(secret, { method: 'POST', url: '/api/v1/webhooks', payload: { url: 'https://example.com/h', events: ['*'] } })).statusCode).toBe(403);
    expect((await withKey(secret, { url: `/api/v1/portal/locations/${org.locationId}/plans` })).statusCode).toBe(403);
    // another organization: its routes and its locations reveal nothing
    expect((await withKey(secret, { url: `/api/v1/api-keys?organizationId=${rival.organizationId}` })).statusCode).toBe(404);
    expect((await withKey(secret, { url: `/api/v1/webhooks?organizationId=${rival.organizationId}` })).statusCode).toBe(404);
    expect((await withKey(secret, { url: customersUrl(rival.locationId) })).statusCode).toBe(404);
    expect((await withKey(secret, { url: `/api/v1/portal/locations/${rival.locationId}/plans` })).statusCode).toBe(404);
    expect(await ctx.db.selectFrom('api_keys').select('id').execute()).toHaveLength(1);
  });

  it('keeps to their location', async () => {
    const annex = await ctx.request({
      method: 'POST',
      url: '/api/v1/locations',
      cookie: org.ownerCookie,
      payload: { name: 'Annex', timeZone: 'Europe/Paris', currency: 'EUR', country: 'FR' },
    });
    expect(annex.statusCode, annex.body).toBe(201);
    const annexId = annex.json().location.id as string;
    const { apiKey, secret } = await makeKey({ name: 'North only', permissions: ['customers'], locationId: org.locationId });
    expect(apiKey.locationId).toBe(org.locationId);
    expect((await withKey(secret, { url: customersUrl(org.locationId) })).statusCode).toBe(200);
    expect((await withKey(secret, { url: customersUrl(annexId) })).statusCode).toBe(404);
    const reached = (await withKey(secret, { url: '/api/v1/locations' })).json().items.map((l: { id: string }) => l.id);
    expect(reached).toEqual([org.locationId]);
    const all = await makeKey({ name: 'Everywhere', permissions: ['customers'] });
    expect((await withKey(all.secret, { url: customersUrl(annexId) })).statusCode).toBe(200);
    const everywhere = (await withKey(all.secret, { url: '/api/v1/locations' })).json().items.map((l: { id: string }) => l.id);
    expect(everywhere.sort()).toEqual([org.locationId, annexId].sort());
    // a location of another organization is refused when the key is made
    const rival = await setupOrganization(ctx, 'Rival Works', 'owner@rival.test');
    const foreign = await ctx.request({
      method: 'POST',
      url: '/api/v1/api-keys',
      cookie: org.ownerCookie,
      payload: { name: 'X', permissions: [], locationId: rival.locationId },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('are the owner’s alone: administrators 403, another organization’s owner 404', async () => {
    const granted = await ctx.request({
      method: 'POST',
      url: '/api/v1/administrators',
      cookie: org.ownerCookie,
      payload: { email: 'deputy@x.test', firstName: 'Dee', locationId: null, permissions: ['customers', 'settings'] },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    const deputy = await signIn(ctx, 'deputy@x.test');
    expect((await ctx.request({ method: 'GET', url: `/api/v1/api-keys?organizationId=${org.organizationId}`, cookie: deputy })).statusCode).toBe(403);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/api-keys', cookie: deputy })).statusCode).toBe(403);
    const rival = await setupOrganization(ctx, 'Rival Works', 'owner@rival.test');
    const { apiKey } = await makeKey({ name: 'Ours', permissions: ['customers'] });
    expect((await ctx.request({ method: 'GET', url: `/api/v1/api-keys?organizationId=${org.organizationId}`, cookie: rival.ownerCookie })).statusCode).toBe(
      404,
    );
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, cookie: rival.ownerCookie })).statusCode).toBe(404);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/api-keys', cookie: rival.ownerCookie })).json().items).toEqual([]);
  });

  it('answer 401 once revoked, and to an unknown secret', async () => {
    const { apiKey, secret } = await makeKey({ name: 'Temp', permissions: ['customers'] });
    expect((await withKey(secret, { url: customersUrl(org.locationId) })).statusCode).toBe(200);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, cookie: org.ownerCookie })).statusCode).toBe(204);
    expect((await withKey(secret, { url: customersUrl(org.locationId) })).statusCode).toBe(401);
    expect((await withKey(secret, { url: '/api/v1/health' })).statusCode).toBe(401);
    expect((await withKey(`atr_${'A'.repeat(43)}`, { url: customersUrl(org.locationId) })).statusCode).toBe(401);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/api-keys', cookie: org.ownerCookie })).json().items).toEqual([]);
    expect((await ctx.request({ method: 'DELETE', url: `/api/v1/api-keys/${apiKey.id}`, cookie: org.ownerCookie })).statusCode).toBe(404);
  });

  it('note when they were last used, writing at most once a minute', async () => {
    const { apiKey, secret } = await makeKey({ name: 'Sync', permissions: ['customers'] });
    const lastUsed = async () =>
      (await ctx.db.selectFrom('api_keys').select('last_used_at').where('id', '=', apiKey.id).executeTakeFirstOrThrow()).last_used_at;
    ctx.clock.set('2026-11-28T10:00:00.000Z');
    await withKey(secret, { url: customersUrl(org.locationId) });
    expect(await lastUsed()).toBe('2026-11-28T10:00:00.000Z');
    ctx.clock.set('2026-11-28T10:00:30.000Z');
    await withKey(secret, { url: customersUrl(org.locationId) });
    expect(await lastUsed()).toBe('2026-11-28T10:00:00.000Z');
    ctx.clock.set(new Date(Date.parse('2026-11-28T10:00:00.000Z') + 2 * MINUTE));
    await withKey(secret, { url: customersUrl(org.locationId) });
    expect(await lastUsed()).toBe('2026-11-28T10:02:00.000Z');
    const listed = (await ctx.request({ method: 'GET', url: '/api/v1/api-keys', cookie: org.ownerCookie })).json().items[0];
    expect(listed.lastUsedAt).toBe('2026-11-28T10:02:00.000Z');
    expect(T0 < listed.lastUsedAt).toBe(true);
  });

  it('allow 600 requests a minute per key, then 429', async () => {
    const { secret } = await makeKey({ name: 'Busy', permissions: ['customers'] });
    const other = await makeKey({ name: 'Calm', permissions: ['customers'] });
    for (let i = 0; i < 600; i++) {
      const r = await withKey(secret, { url: '/api/v1/health' });
      if (r.statusCode !== 200) throw new Error(`request ${i + 1}: ${r.statusCode}`);
    }
    const over = await withKey(secret, { url: customersUrl(org.locationId) });
    expect(over.statusCode).toBe(429);
    expect(over.json().error.code).toBe('too_many_requests');
    // counted per key: another key and the owner's session go on
    expect((await withKey(other.secret, { url: customersUrl(org.locationId) })).statusCode).toBe(200);
    expect((await ctx.request({ method: 'GET', url: customersUrl(org.locationId), cookie: org.ownerCookie })).statusCode).toBe(200);
  });
});
