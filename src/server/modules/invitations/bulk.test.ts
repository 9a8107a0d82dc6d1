// Mass invitation: preview statuses, the background job, resume after a stop, and the paste limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestContext, setupOrganization, type Org, type TestContext } from '../../testing/harness.js';
import { insertJob } from './bulk-queries.js';
import { chunkRows, runJob } from './bulk.js';

let ctx: TestContext;
let org: Org;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(() => ctx.close());

const url = (p: string) => `/api/v1/locations/${org.locationId}/invitations/bulk${p}`;

async function waitDone(jobId: string) {
  for (let i = 0; i < 200; i++) {
    const r = await ctx.request({ method: 'GET', url: url(`/${jobId}`), cookie: org.ownerCookie });
    if (r.json().status === 'done' || r.json().status === 'failed') return r.json();
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('job did not finish');
}

describe('mass invite', () => {
  it('previews ready, skipped and invalid rows and invites the ready ones once', async () => {
    await ctx.request({
      method: 'POST',
      url: `/api/v1/locations/${org.locationId}/invitations`,
      payload: { firstName: 'Old', email: 'old@x.test' },
      cookie: org.ownerCookie,
    });
    const text =
      '\uFEFFFirst name\tLast name\tEmail\tPhone number\r\nAna\tMartin\tana@x.test\t06 12 34 56 78\r\n\r\nBen\t\tnot-an-email\t\r\n\tNo\tnofirst@x.test\t\r\nOld\tOne\told@x.test\t\r\nAna\tAgain\tANA@x.test\t\r\nCara\tZ\tcara@x.test\t123\r\n';
    const p = await ctx.request({ method: 'POST', url: url('/preview'), payload: { text }, cookie: org.ownerCookie });
    expect(p.statusCode).toBe(200);
    const rows = p.json().rows as { line: number; status: string; reason?: string }[];
    expect(rows.map((r) => r.status)).toEqual(['ready', 'invalid', 'invalid', 'skipped', 'invalid', 'invalid']);
    expect(rows[1].reason).toMatch(/valid email/);
    expect(rows[2].reason).toMatch(/first name/);
    expect(rows[4].reason).toMatch(/Duplicate of line 2/);
    expect(rows[5].reason).toMatch(/phone/);
    expect(p.json().invalidCsv.split('\r\n').length).toBeGreaterThan(4);

    const s = await ctx.request({ method: 'POST', url: url(''), payload: { text }, cookie: org.ownerCookie });
    expect(s.statusCode).toBe(202);
    const job = await waitDone(s.json().jobId);
    expect(job).toMatchObject({ status: 'done', total: 6, processed: 6, invited: 1, skipped: 1, invalid: 4 });
    expect((await ctx.mailTo('ana@x.test')).length).toBe(1);

    const again = await ctx.request({ method: 'POST', url: url(''), payload: { text }, cookie: org.ownerCookie });
    const job2 = await waitDone(again.json().jobId);
    expect(job2).toMatchObject({ invited: 0, skipped: 2 });
    expect((await ctx.mailTo('ana@x.test')).length).toBe(1);
  });

  it('refuses more than 10,000 rows before any work', async () => {
    const text = Array.from({ length: 10_001 }, (_, i) => `P${i}\t\tp${i}@x.test`).join('\n');
    const r = await ctx.request({ method: 'POST', url: url(''), payload: { text }, cookie: org.ownerCookie });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/10,000/);
    expect(await ctx.db.selectFrom('bulk_jobs').selectAll().execute()).toHaveLength(0);
  });

  it('a job stopped between chunks finishes on the next run, everyone invited once', async () => {
    const text = Array.from({ length: 2500 }, (_, i) => `P${i}\tQ\tp${i}@x.test`).join('\n');
    const owner = await ctx.db.selectFrom('users').select('id').where('email', '=', org.ownerEmail).executeTakeFirstOrThrow();
    const jobId = 'a3f1c2d4-0000-4000-8000-000000000001';
    const now = ctx.clock.now().toISOString();
    await insertJob(ctx.db, {
      id: jobId,
      organization_id: org.organizationId,
      location_id: org.locationId,
      actor_user_id: owner.id,
      company_id: null,
      input: text,
      status: 'queued',
      total: 2500,
      processed: 0,
      invited: 0,
      skipped: 0,
      invalid: 0,
      error: null,
      created_at: now,
      updated_at: now,
    });
    await runJob(ctx.deps, jobId, { maxChunks: 1 });
    const count = async (t: 'invitations' | 'outbox') =>
      Number(
        (
          await ctx.db
            .selectFrom(t)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const chunk = chunkRows(ctx.deps.dbKind);
    expect(await count('invitations')).toBe(chunk);
    // a second runner cannot take the job while its lease holds
    await runJob(ctx.deps, jobId);
    expect(await count('invitations')).toBe(chunk);
    ctx.clock.advance(3 * 60_000);
    await runJob(ctx.deps, jobId);
    const job = await ctx.db.selectFrom('bulk_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'done', processed: 2500, invited: 2500, input: '' });
    expect(await count('invitations')).toBe(2500);
    expect(await count('outbox')).toBe(2500);
  });
});
