// One organization's volume or hostility must not reach the others: sign-in codes go before bulk
// mail, a location cannot queue unlimited mass invitations, resends hold their limit under 20
// parallel requests, and a signed-out or deeply nested body is refused before it costs anything.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../testing/harness.js';
import { insertJob } from './invitations/bulk-queries.js';

let ctx: TestContext;
let a: Org;
let b: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  a = await setupOrganization(ctx, 'Acme Spaces', 'owner@acme.test');
  b = await setupOrganization(ctx, 'Bravo Works', 'owner@bravo.test');
});
afterEach(async () => {
  for (let i = 0; i < 400; i++) {
    const busy = await ctx.db
      .selectFrom('bulk_jobs')
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .where('actor_user_id', '!=', 'nobody')
      .execute();
    if (busy.length === 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await ctx.close();
});

async function waitForJob(o: Org, jobId: string) {
  for (let i = 0; i < 400; i++) {
    const r = await ctx.request({ method: 'GET', url: `/api/v1/locations/${o.locationId}/invitations/bulk/${jobId}`, cookie: o.ownerCookie });
    if (r.json().status === 'done') return r.json();
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('job did not finish');
}

describe('mail of one organization does not hold up another', () => {
  it("a sign-in code asked for after another organization's mass invitation is sent first", async () => {
    await ctx.deliver();
    const text = Array.from({ length: 60 }, (_, i) => `P${i}\t\tp${i}@bulk.test`).join('\n');
    const job = await ctx.request({ method: 'POST', url: `/api/v1/locations/${b.locationId}/invitations/bulk`, payload: { text }, cookie: b.ownerCookie });
    expect(job.statusCode).toBe(202);
    expect((await waitForJob(b, job.json().jobId)).invited).toBe(60);
    expect((await ctx.request({ method: 'POST', url: '/api/v1/auth/code', payload: { email: 'owner@acme.test' } })).statusCode).toBe(202);
    await ctx.deliver();
    const sent = await ctx.db.selectFrom('outbox').select(['to_address', 'sent_at']).where('status', '=', 'sent').orderBy('sent_at').execute();
    const code = sent.findIndex((m) => m.to_address === 'owner@acme.test');
    const firstBulk = sent.findIndex((m) => m.to_address.endsWith('@bulk.test'));
    expect(code).toBeGreaterThanOrEqual(0);
    expect(code).toBeLessThan(firstBulk);
  });
});

describe('mass invitations per location', () => {
  it('refuses a fourth unfinished mass invitation at a location with 429, and leaves other locations alone', async () => {
    const now = ctx.clock.now().toISOString();
    for (let i = 0; i < 3; i++) {
      await insertJob(ctx.db, {
        id: crypto.randomUUID(),
        organization_id: a.organizationId,
        location_id: a.locationId,
        actor_user_id: 'nobody',
        company_id: null,
        input: '',
        status: 'running',
        total: 1,
        processed: 0,
        invited: 0,
        skipped: 0,
        invalid: 0,
        error: null,
        created_at: now,
        updated_at: now,
      });
    }
    const refused = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${a.locationId}/invitations/bulk`,
      payload: { text: 'Ann\t\tann@x.test' },
      cookie: a.ownerCookie,
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.message).toContain('still being sent');
    const other = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${b.locationId}/invitations/bulk`,
      payload: { text: 'Ann\t\tann@x.test' },
      cookie: b.ownerCookie,
    });
    expect(other.statusCode).toBe(202);
    await waitForJob(b, other.json().jobId);
  });
});

describe('limits that hold under 20 parallel requests', () => {
  it('20 resends at once send the hourly limit of 5, no more', async () => {
    const inv = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${a.locationId}/invitations`,
      payload: { firstName: 'Rex', email: 'rex@x.test' },
      cookie: a.ownerCookie,
    });
    const id = inv.json().customer.id;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        ctx.request({ method: 'POST', url: `/api/v1/locations/${a.locationId}/customers/${id}/resend-invitation`, cookie: a.ownerCookie }),
      ),
    );
    expect(answers.filter((r) => r.statusCode === 202)).toHaveLength(5);
    expect(answers.filter((r) => r.statusCode === 429)).toHaveLength(15);
    expect(await ctx.mailTo('rex@x.test')).toHaveLength(6);
  });
});

describe('bodies refused before they cost anything', () => {
  it('a signed-out mass-invitation body is refused before it is read', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${a.locationId}/invitations/bulk/preview`,
      payload: deep,
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('a deeply nested body answers 400, never 500', async () => {
    const deep = `{"firstName":${'['.repeat(50_000)}${']'.repeat(50_000)},"email":"x@x.test"}`;
    const res = await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${a.locationId}/invitations`,
      payload: deep,
      headers: { 'content-type': 'application/json' },
      cookie: a.ownerCookie,
    });
    expect(res.statusCode).toBe(400);
    expect((await ctx.request({ method: 'GET', url: '/api/v1/health' })).statusCode).toBe(200);
  });
});
