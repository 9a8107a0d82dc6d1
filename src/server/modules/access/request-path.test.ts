// The request path's cost in statements: the session and the caller's rights at the location named in
// the path come in one statement, read afresh at every request, so a change of rights made through
// one server holds at the next request on another.
import { type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
import { MINUTE } from '../../lib/clock.js';
import {
  createTestContext,
  freshDatabase,
  linkFrom,
  sessionCookie,
  setupOrganization,
  signIn,
  T0,
  type Org,
  type TestContext,
  type TestDb,
} from '../../testing/harness.js';
import { findSessionAccess } from './queries.js';

/** Counts the statements the app runs, and which of them write. */
class Counter implements KyselyPlugin {
  statements = 0;
  writes: string[] = [];
  transformQuery(args: { node: RootOperationNode }): RootOperationNode {
    if (args.node.kind !== 'SelectQueryNode') this.writes.push(args.node.kind);
    return args.node;
  }
  // once per statement run (transformQuery also sees each part of a union)
  async transformResult<T>(args: { result: T }): Promise<T> {
    this.statements++;
    return args.result;
  }
}

let shared: TestDb;
let ctx: TestContext;
let org: Org;
const counter = new Counter();
beforeEach(async () => {
  shared = await freshDatabase();
  ctx = await createTestContext({ db: { ...shared, handle: { ...shared.handle, db: shared.handle.db.withPlugin(counter) } } });
  org = await setupOrganization(ctx);
});
afterEach(async () => {
  await ctx.close();
  await shared.drop();
});

const listUrl = (locationId = org.locationId) => `/api/v1/locations/${locationId}/customers?type=member&limit=50`;

/** Statements run (and writes among them) by one GET. */
async function cost(url: string, cookie: string, status = 200) {
  counter.statements = 0;
  counter.writes = [];
  const r = await ctx.request({ method: 'GET', url, cookie });
  expect(r.statusCode, r.body).toBe(status);
  return { statements: counter.statements, writes: counter.writes };
}

/** Invites a member and opens the activation link: their session cookie. */
async function activatedMember(email: string): Promise<{ id: string; cookie: string }> {
  const r = await ctx.request({
    method: 'POST',
    url: `/api/v1/locations/${org.locationId}/invitations`,
    cookie: org.ownerCookie,
    payload: { firstName: 'Mia', email },
  });
  expect(r.statusCode, r.body).toBe(201);
  const token = linkFrom((await ctx.mailTo(email))[0].text).split('/activate/')[1];
  const act = await ctx.request({ method: 'POST', url: '/api/v1/activation', payload: { token } });
  return { id: r.json().customer.id, cookie: sessionCookie(act) };
}

describe('statements per request', () => {
  it('the customers list: one for the session and scope, one for the page; no write while the session is fresh', async () => {
    await cost(listUrl(), org.ownerCookie);
    expect(await cost(listUrl(), org.ownerCookie)).toEqual({ statements: 2, writes: [] });
  });

  it("GET /me: the session with the person, their records, their rights, their locations, their organizations' brands", async () => {
    await cost('/api/v1/me', org.ownerCookie);
    expect(await cost('/api/v1/me', org.ownerCookie)).toEqual({ statements: 5, writes: [] });
  });

  it('a stale session is touched once, then reads alone', async () => {
    await cost(listUrl(), org.ownerCookie);
    ctx.clock.advance(2 * MINUTE);
    expect((await cost(listUrl(), org.ownerCookie)).writes.length).toBeGreaterThan(0);
    expect((await cost(listUrl(), org.ownerCookie)).writes).toEqual([]);
  });

  it('GET /me after a while away shows the activity this very request recorded', async () => {
    ctx.clock.advance(3 * 24 * 60 * MINUTE);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: org.ownerCookie });
    const stored = await ctx.db.selectFrom('users').select('last_active_at').where('email', '=', org.ownerEmail).executeTakeFirstOrThrow();
    expect(me.json().user.lastActiveAt).toBe(stored.last_active_at);
    expect(Date.parse(stored.last_active_at ?? '')).toBeGreaterThan(Date.parse(T0) + 3 * 24 * 60 * MINUTE - 1);
  });

  it('an administrator with a location grant and an organization-wide one: the same two statements, the permissions of both', async () => {
    const grant = (locationId: string | null, permissions: string[]) =>
      ctx.request({
        method: 'POST',
        url: '/api/v1/administrators',
        cookie: org.ownerCookie,
        payload: { email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace', locationId, permissions },
      });
    expect((await grant(org.locationId, ['customers'])).statusCode).toBe(201);
    expect((await grant(null, ['settings'])).statusCode).toBe(201);
    const ada = await signIn(ctx, 'ada@acme.test');
    await cost(listUrl(), ada);
    expect((await cost(listUrl(), ada)).statements).toBe(2);
    const me = await ctx.request({ method: 'GET', url: '/api/v1/me', cookie: ada });
    expect(me.json().admin).toEqual([{ locationId: org.locationId, permissions: ['customers', 'settings'] }]);
  });
});

describe('on PostgreSQL', () => {
  it.runIf(Boolean(process.env.DATABASE_URL))('the session-and-scope statement is prepared once per connection', async () => {
    const one = openDatabase({ databaseUrl: shared.url, poolSize: 1 });
    try {
      for (let i = 0; i < 3; i++) expect(await findSessionAccess(one.db, 'no-such-token', org.locationId)).toEqual([]);
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_prepared_statements where statement like '%"sessions"."token_hash" = $%'`.execute(one.db);
      expect(rows[0].n).toBe(1);
    } finally {
      await one.close();
    }
  });
});

describe('rights are read at every request, on every server', () => {
  it('a revoked administrator is refused at their next request on another server', async () => {
    const other = await createTestContext({ db: shared });
    try {
      const g = await ctx.request({
        method: 'POST',
        url: '/api/v1/administrators',
        cookie: org.ownerCookie,
        payload: { email: 'ada@acme.test', firstName: 'Ada', lastName: 'Lovelace', locationId: org.locationId, permissions: ['customers'] },
      });
      const ada = await signIn(ctx, 'ada@acme.test');
      expect((await other.request({ method: 'GET', url: listUrl(), cookie: ada })).statusCode).toBe(200);
      // a permission taken away: 403 at once there
      await ctx.request({
        method: 'PATCH',
        url: `/api/v1/administrators/${g.json().administrator.id}`,
        cookie: org.ownerCookie,
        payload: { permissions: ['settings'] },
      });
      expect((await other.request({ method: 'GET', url: listUrl(), cookie: ada })).statusCode).toBe(403);
      // the grant revoked: the location is no longer theirs (404, as for any other)
      await ctx.request({ method: 'DELETE', url: `/api/v1/administrators/${g.json().administrator.id}`, cookie: org.ownerCookie });
      expect((await other.request({ method: 'GET', url: listUrl(), cookie: ada })).statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('a removed member is refused at their next portal request on another server', async () => {
    const other = await createTestContext({ db: shared });
    try {
      const mia = await activatedMember('mia@x.test');
      const portal = `/api/v1/portal/locations/${org.locationId}/company/invitations`;
      const colleague = { firstName: 'Col', email: 'col@x.test' };
      // a member without a company is refused by the route (404 from the company rule), not by the scope:
      // the difference shows in the message
      const before = await other.request({ method: 'POST', url: portal, cookie: mia.cookie, payload: colleague });
      expect(before.statusCode).toBe(404);
      expect(before.json().error.message).not.toBe('You are not a member of this location');
      expect(
        (await ctx.request({ method: 'DELETE', url: `/api/v1/locations/${org.locationId}/customers/${mia.id}`, cookie: org.ownerCookie })).statusCode,
      ).toBe(204);
      const after = await other.request({ method: 'POST', url: portal, cookie: mia.cookie, payload: colleague });
      expect(after.statusCode).toBe(404);
      expect(after.json().error.message).toBe('You are not a member of this location');
    } finally {
      await other.close();
    }
  });

  it("another organization's location answers 404, an unknown one too, and a signed-out caller 401", async () => {
    const { locationId: theirs } = await setupOrganization(ctx, 'Other Spaces', 'owner@other.test');
    expect((await cost(listUrl(theirs), org.ownerCookie, 404)).statements).toBe(1);
    expect((await cost(listUrl('00000000-0000-4000-8000-000000000000'), org.ownerCookie, 404)).statements).toBe(1);
    expect((await ctx.request({ method: 'GET', url: listUrl() })).statusCode).toBe(401);
  });
});
