// Bounds of what an administrator can make the server do: template renders, template previews and
// tests, pasted tables, and mass-invitation jobs that outlive their server or its graceful stop.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sweeps } from '../../modules/index.js';
import { MINUTE } from '../../lib/clock.js';
import { isRememberedAsFailing } from '../../lib/mail/liquid.js';
import { runSweeps } from '../../lib/sweeps.js';
import { startServer } from '../../runtime.js';
import { createTestContext, freshDatabase, setupOrganization, type Org, type TestContext, type TestDb } from '../../testing/harness.js';
import { insertJob } from './bulk-queries.js';
import { chunkRows, runJob } from './bulk.js';
import { DEFAULT_BODY } from './mail.js';

let ctx: TestContext;
let org: Org;
let ownDb: TestDb | null = null;
beforeEach(async () => {
  ctx = await createTestContext();
  org = await setupOrganization(ctx);
});
afterEach(async () => {
  await ctx.close();
  if (ownDb) await ownDb.drop();
  ownDb = null;
});

const tplUrl = () => `/api/v1/locations/${org.locationId}/invitation-template`;
const bulkUrl = (p = '') => `/api/v1/locations/${org.locationId}/invitations/bulk${p}`;
const count = async (t: 'invitations' | 'outbox' | 'bulk_jobs') =>
  Number(
    (
      await ctx.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

// Each passed the old check: 0.6 s of blocked event loop, a loop of loops, and a string that
// doubles itself through {% capture %} (which liquidjs does not charge) into a 4-million-character rope.
const SLOW = '{% for i in (1..999990) %}{% endfor %}';
const NESTED = 'Hi {{ first_name }}\n{% for i in (1..3000) %}{% for j in (1..3000) %}{% endfor %}{% endfor %}';
const GROWING = '{% capture s %}x{% endcapture %}{% for i in (1..22) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}';
const APPENDING = '{% assign s = "x" %}{% for i in (1..30) %}{% assign s = s | append: s | split: "" | join: "" %}{% endfor %}{{ s | size }}';

describe('operator templates are bounded', () => {
  it('refuses a loop, a loop of loops and growing strings at save and at preview, naming the field, while health keeps answering', async () => {
    for (const body of [SLOW, NESTED, GROWING, APPENDING]) {
      const put = await ctx.request({ method: 'PUT', url: tplUrl(), cookie: org.ownerCookie, payload: { subject: 'Welcome', body } });
      expect(put.statusCode, body).toBe(400);
      expect(put.json().error.message).toMatch(/^The template cannot be used\. body: Line \d+: This template (takes too long to render|builds too much text)/);
      expect(put.json().error.details).toEqual([expect.objectContaining({ path: 'body' })]);

      // the health check, sent together with the preview, is answered as soon as the bounded render ends
      const [preview, health] = await Promise.all([
        ctx.request({ method: 'POST', url: `${tplUrl()}/preview`, cookie: org.ownerCookie, payload: { subject: 'Welcome', body } }),
        ctx.request({ method: 'GET', url: '/api/v1/health' }),
      ]);
      expect(preview.statusCode).toBe(400);
      expect(preview.json().error.details[0].message).toMatch(/takes too long to render|builds too much text/);
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: 'ok' });
    }
    // the subject is bounded the same way, and named
    const subject = await ctx.request({ method: 'PUT', url: tplUrl(), cookie: org.ownerCookie, payload: { subject: SLOW, body: 'Hello' } });
    expect(subject.statusCode).toBe(400);
    expect(subject.json().error.details).toEqual([expect.objectContaining({ path: 'subject' })]);
    expect((await ctx.request({ method: 'GET', url: tplUrl(), cookie: org.ownerCookie })).json().custom).toBe(false);
    // an ordinary template with a short loop still saves
    const ok = await ctx.request({
      method: 'PUT',
      url: tplUrl(),
      cookie: org.ownerCookie,
      payload: { subject: 'Hi {{ first_name }}', body: 'Hello{% for i in (1..3) %} {{ i }}{% endfor %}' },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('sends the invitation with the default template when a template saved before the limits goes over them, and does not render it again', async () => {
    // saved before the check existed: straight into the table
    await ctx.db
      .updateTable('locations')
      .set({ invitation_subject: 'Custom {{ location_name }}', invitation_body: SLOW })
      .where('id', '=', org.locationId)
      .execute();
    const invite = (email: string) =>
      ctx.request({ method: 'POST', url: `/api/v1/locations/${org.locationId}/invitations`, cookie: org.ownerCookie, payload: { firstName: 'Pat', email } });
    expect((await invite('pat@x.test')).statusCode).toBe(201);
    const [mail] = await ctx.mailTo('pat@x.test');
    expect(mail.subject).toBe('You are invited to Acme Spaces North Hall');
    expect(mail.text).toContain('invited you to become a member of Acme Spaces North Hall');
    expect(DEFAULT_BODY).toContain('invited you to become a member');
    // later invitations fall back at once, without paying the limit again
    expect(isRememberedAsFailing(SLOW)).toBe(true);
    expect((await invite('sam@x.test')).statusCode).toBe(201);
    expect((await ctx.mailTo('sam@x.test'))[0].subject).toBe('You are invited to Acme Spaces North Hall');
  });

  it('answers 429 past 30 previews and 5 test mails a minute', async () => {
    const payload = { subject: 'Hi {{ first_name }}', body: 'Welcome to {{ location_name }}.' };
    for (let i = 0; i < 30; i++)
      expect((await ctx.request({ method: 'POST', url: `${tplUrl()}/preview`, cookie: org.ownerCookie, payload })).statusCode).toBe(200);
    const limited = await ctx.request({ method: 'POST', url: `${tplUrl()}/preview`, cookie: org.ownerCookie, payload });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('too_many_requests');
    for (let i = 0; i < 5; i++) expect((await ctx.request({ method: 'POST', url: `${tplUrl()}/test`, cookie: org.ownerCookie, payload })).statusCode).toBe(202);
    expect((await ctx.request({ method: 'POST', url: `${tplUrl()}/test`, cookie: org.ownerCookie, payload })).statusCode).toBe(429);
  });
});

describe('pastes are bounded', () => {
  const both = async (text: string) => [
    await ctx.request({ method: 'POST', url: bulkUrl('/preview'), cookie: org.ownerCookie, payload: { text } }),
    await ctx.request({ method: 'POST', url: bulkUrl(), cookie: org.ownerCookie, payload: { text } }),
  ];

  it('refuses a flood of line breaks, and more than 10,001 lines, with 400 on preview and send before any parsing', async () => {
    const row = 'Ann\tLee\tann@x.test';
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `P${i}\tQ\tp${i}@x.test`);
    const refused = [
      // millions of blank lines around one person: inside the body limit, once 3 million rows
      '\n'.repeat(3_000_000) + row,
      '\r'.repeat(3_000_000) + row,
      row + '\r\n'.repeat(1_500_000) + row.replace('ann', 'bob'),
      // 10,002 people
      rows(10_002).join('\n'),
      // a header, 10,000 people and one blank line among them
      ['First name\tLast name\tEmail', ...rows(5_000), '', ...rows(10_000).slice(5_000)].join('\r\n'),
    ];
    for (const text of refused) {
      for (const res of await both(text)) {
        expect(res.statusCode).toBe(400);
        expect(res.json().error.message).toMatch(/^At most 10,000 rows can be invited at once/);
      }
    }
    expect(await count('bulk_jobs')).toBe(0);
    // the final line breaks of a spreadsheet copy do not count
    const preview = await ctx.request({
      method: 'POST',
      url: bulkUrl('/preview'),
      cookie: org.ownerCookie,
      payload: { text: `${['First name\tLast name\tEmail', ...rows(10_000)].join('\r\n')}\r\n\r\n` },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().counts.ready).toBe(10_000);
    // 8 MB of newlines is a 16 MB JSON body: refused at the body limit, before it is read
    for (const res of await both('\n'.repeat(8 * 1024 * 1024))) expect(res.statusCode).toBe(413);
  });

  it('takes the body of 10,000 rows with every cell at its limit, and answers 413 above it', async () => {
    // names 100 characters, email 254, phone 40, company 200: 694 characters a row
    const full = `${'A'.repeat(100)}\t${'B'.repeat(100)}\t${'e'.repeat(247)}@x.test\t${'1'.repeat(40)}\t${'C'.repeat(200)}`;
    const text = `${['First name\tLast name\tEmail\tPhone number\tCompany', ...Array.from({ length: 10_000 }, () => full)].join('\r\n')}\r\n`;
    const fits = await ctx.request({ method: 'POST', url: bulkUrl('/preview'), cookie: org.ownerCookie, payload: { text } });
    expect(fits.statusCode).toBe(200);
    expect(fits.json().rows).toHaveLength(10_000);
    const over = { text: `Ann\tLee\tann@x.test\t${'1'.repeat(7_100_000)}` };
    for (const url of [bulkUrl('/preview'), bulkUrl()]) {
      const res = await ctx.request({ method: 'POST', url, cookie: org.ownerCookie, payload: over });
      expect(res.statusCode).toBe(413);
    }
    expect(await count('bulk_jobs')).toBe(0);
  });
});

describe('mass-invitation jobs', () => {
  async function insertRunningJob(rowCount: number) {
    const owner = await ctx.db.selectFrom('users').select('id').where('email', '=', org.ownerEmail).executeTakeFirstOrThrow();
    const jobId = 'b3f1c2d4-0000-4000-8000-000000000007';
    const now = ctx.clock.now().toISOString();
    const text = Array.from({ length: rowCount }, (_, i) => `P${i}\tQ\tp${i}@x.test`).join('\n');
    await insertJob(ctx.db, {
      id: jobId,
      organization_id: org.organizationId,
      location_id: org.locationId,
      actor_user_id: owner.id,
      company_id: null,
      input: text,
      status: 'queued',
      total: rowCount,
      processed: 0,
      invited: 0,
      skipped: 0,
      invalid: 0,
      error: null,
      created_at: now,
      updated_at: now,
    });
    return jobId;
  }
  const job = (id: string) => ctx.db.selectFrom('bulk_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  async function waitFor(id: string, done: (j: Awaited<ReturnType<typeof job>>) => boolean) {
    for (let i = 0; i < 2400; i++) {
      const j = await job(id);
      if (done(j)) return j;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the job did not get there in time');
  }

  it('a job left running by a crashed server is finished by the sweep once its lease runs out, without a restart', async () => {
    const chunk = chunkRows(ctx.deps.dbKind);
    const total = Math.round(2.5 * chunk);
    const id = await insertRunningJob(total);
    // the crashed server: one chunk done, the job left running under its lease
    await runJob(ctx.deps, id, { maxChunks: 1 });
    expect(await job(id)).toMatchObject({ status: 'running', processed: chunk });

    // while the lease holds, the sweep leaves the job alone
    await runSweeps(ctx.db, ctx.deps.dbKind, sweeps(ctx.deps), ctx.clock.now());
    await new Promise((r) => setTimeout(r, 100));
    expect(await job(id)).toMatchObject({ status: 'running', processed: chunk });

    ctx.clock.advance(3 * MINUTE);
    const counts = await runSweeps(ctx.db, ctx.deps.dbKind, sweeps(ctx.deps), ctx.clock.now());
    expect(counts?.['mass-invitations']).toBe(1);
    const done = await waitFor(id, (j) => j.status === 'done' || j.status === 'failed');
    expect(done).toMatchObject({ status: 'done', processed: total, invited: total, input: '' });
    expect(await count('invitations')).toBe(total);
    expect(await count('outbox')).toBe(total);
  });

  it('a stopping server stops its job between chunks and releases it, so the next runner takes it at once', async () => {
    // a server of its own on its own database (stopping it stops the jobs of that database)
    ownDb = await freshDatabase();
    await ctx.close();
    ctx = await createTestContext({ db: ownDb });
    org = await setupOrganization(ctx);
    const server = await startServer({ deps: ctx.deps, handle: ownDb.handle, close: async () => {} });

    const chunk = chunkRows(ctx.deps.dbKind);
    const total = 2 * chunk + 10;
    const start = await ctx.request({
      method: 'POST',
      url: bulkUrl(),
      cookie: org.ownerCookie,
      payload: { text: Array.from({ length: total }, (_, i) => `P${i}\tQ\tp${i}@x.test`).join('\n') },
    });
    expect(start.statusCode).toBe(202);
    const id = start.json().jobId as string;
    await waitFor(id, (j) => j.processed >= chunk);
    await server.stop();

    // stopped after the chunk in progress: whole chunks, not all of them, and queued again
    const released = await job(id);
    expect(released.status).toBe('queued');
    expect(released.processed % chunk).toBe(0);
    expect(released.processed).toBeLessThan(total);
    expect(await count('invitations')).toBe(released.processed);
    await new Promise((r) => setTimeout(r, 100));
    expect((await job(id)).processed).toBe(released.processed);

    // no lease to wait for: another runner takes it now, on the same clock
    await runJob(ctx.deps, id);
    expect(await job(id)).toMatchObject({ status: 'done', processed: total, invited: total });
    expect(await count('invitations')).toBe(total);
  }, 120_000); // 2,010 real invitations on PostgreSQL, on a CI machine running other suites
});
