// A mass invitation whose process is really killed (SIGKILL) in the middle: whole chunks or
// nothing are left, and running the job again invites every ready row exactly once, one email each.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testConfig } from '../../config.js';
import { openDatabase, type Db, type DbHandle } from '../../db/database.js';
import type { Deps } from '../../deps.js';
import { FixedClock, MINUTE } from '../../lib/clock.js';
import { mailboxTransport } from '../../lib/mail/transports.js';
import { freshDatabase, type TestDb } from '../../testing/harness.js';
import { chunkRows, runJob } from './bulk.js';

const ROWS = 5000;
const DOMAIN = '%@crash.test';

let child: ChildProcess | null = null;
let tmp: string | null = null;
let handle: DbHandle | null = null;
let testDb: TestDb | null = null;

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (testDb) await testDb.drop();
  else if (handle) await handle.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  child = tmp = handle = testDb = null;
});

const n = (v: unknown) => Number(v ?? 0);

/** What a mass invitation writes, counted: each must equal the rows processed. */
async function counts(db: Db, organizationId: string) {
  const count = async (qb: { executeTakeFirstOrThrow(): Promise<{ n: unknown }> }) => n((await qb.executeTakeFirstOrThrow()).n);
  return {
    invitations: await count(
      db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organization_id', '=', organizationId),
    ),
    customers: await count(
      db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organization_id', '=', organizationId)
        .where('source', '=', 'mass_invitation'),
    ),
    users: await count(
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('email', 'like', DOMAIN),
    ),
    outbox: await count(
      db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('to_address', 'like', DOMAIN),
    ),
    invitedActivities: await count(
      db
        .selectFrom('activities')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('organization_id', '=', organizationId)
        .where('kind', '=', 'invited'),
    ),
  };
}

/** Starts the child; resolves with the ids it prints once the job is stored and running. */
function startChild(env: NodeJS.ProcessEnv): Promise<{ jobId: string; organizationId: string; locationId: string }> {
  child = spawn(process.execPath, ['--import', 'tsx', 'src/server/testing/bulk-child.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, BULK_ROWS: String(ROWS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child!.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child!.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child!.on('exit', (code, signal) => reject(new Error(`child exited early (${code ?? signal}): ${err.slice(0, 2000)}`)));
  });
}

function killed(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGKILL');
  });
}

describe('mass invitation killed mid-job', () => {
  it('leaves whole chunks, and the re-run invites every ready row once with one email each', async () => {
    let env: NodeJS.ProcessEnv;
    if (process.env.DATABASE_URL) {
      testDb = await freshDatabase();
      handle = testDb.handle;
      env = { DATABASE_URL: testDb.url };
    } else {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'atrium-crash-'));
      env = { DATABASE_URL: '', ATRIUM_DATA_DIR: tmp };
    }
    const ids = await startChild(env);
    handle ??= openDatabase({ sqliteFile: path.join(tmp!, 'atrium.sqlite') });
    const db = handle.db;
    const CHUNK_ROWS = chunkRows(handle.kind);

    // poll until at least one chunk is committed, and kill before the last one is
    let processed = 0;
    const deadline = Date.now() + 90_000;
    for (;;) {
      const job = await db.selectFrom('bulk_jobs').select(['processed', 'status']).where('id', '=', ids.jobId).executeTakeFirst();
      processed = n(job?.processed);
      if (processed >= CHUNK_ROWS) break;
      if (job?.status === 'failed') throw new Error('the job failed in the child');
      if (Date.now() > deadline) throw new Error('no chunk committed in time');
      await new Promise((r) => setTimeout(r, 5));
    }
    await killed(child!);
    expect(child!.signalCode).toBe('SIGKILL');

    const job = await db.selectFrom('bulk_jobs').selectAll().where('id', '=', ids.jobId).executeTakeFirstOrThrow();
    expect(job.status).toBe('running');
    expect(job.total).toBe(ROWS);
    expect(n(job.processed)).toBeGreaterThanOrEqual(CHUNK_ROWS);
    expect(n(job.processed)).toBeLessThan(ROWS);
    // whole chunks: the counter, and every table the chunk writes, stand at a multiple of 1,000
    expect(n(job.processed) % CHUNK_ROWS).toBe(0);
    expect(n(job.invited)).toBe(n(job.processed));
    const afterCrash = await counts(db, ids.organizationId);
    expect(afterCrash).toEqual({
      invitations: n(job.processed),
      customers: n(job.processed),
      users: n(job.processed),
      outbox: n(job.processed),
      invitedActivities: n(job.processed),
    });

    // the re-run, in this process, with a clock past the dead runner's lease
    const deps: Deps = {
      db,
      dbKind: handle.kind,
      clock: new FixedClock(new Date(), 0),
      config: testConfig({ publicUrl: 'http://atrium.test', dataDir: tmp ?? os.tmpdir() }),
      mail: mailboxTransport(),
      log: pino({ level: 'silent' }),
    };
    // while the lease holds, nobody takes the job over
    await runJob(deps, ids.jobId);
    expect(await counts(db, ids.organizationId)).toEqual(afterCrash);
    (deps.clock as FixedClock).set(new Date(Date.now() + 3 * MINUTE));
    await runJob(deps, ids.jobId);

    const done = await db.selectFrom('bulk_jobs').selectAll().where('id', '=', ids.jobId).executeTakeFirstOrThrow();
    expect(done).toMatchObject({ status: 'done', input: '', error: null });
    expect([n(done.total), n(done.processed), n(done.invited), n(done.skipped), n(done.invalid)]).toEqual([ROWS, ROWS, ROWS, 0, 0]);
    expect(await counts(db, ids.organizationId)).toEqual({ invitations: ROWS, customers: ROWS, users: ROWS, outbox: ROWS, invitedActivities: ROWS });

    // exactly once per person: one account, one customer, one invitation, one email
    const perEmail = await db
      .selectFrom('outbox')
      .select(['to_address', (eb) => eb.fn.countAll().as('n')])
      .where('to_address', 'like', DOMAIN)
      .groupBy('to_address')
      .execute();
    expect(perEmail).toHaveLength(ROWS);
    expect(perEmail.every((r) => n(r.n) === 1)).toBe(true);
    const perUser = await db
      .selectFrom('invitations')
      .select(['user_id', (eb) => eb.fn.countAll().as('n')])
      .where('organization_id', '=', ids.organizationId)
      .groupBy('user_id')
      .execute();
    expect(perUser).toHaveLength(ROWS);
    expect(perUser.every((r) => n(r.n) === 1)).toBe(true);
    const emails = new Set((await db.selectFrom('users').select('email').where('email', 'like', DOMAIN).execute()).map((u) => u.email));
    for (let i = 0; i < ROWS; i++) expect(emails.has(`p${i}@crash.test`)).toBe(true);
    const statuses = await db
      .selectFrom('customers')
      .select(['type', 'status', (eb) => eb.fn.countAll().as('n')])
      .where('organization_id', '=', ids.organizationId)
      .groupBy(['type', 'status'])
      .execute();
    expect(statuses.map((s) => [s.type, s.status, n(s.n)])).toEqual([['member', 'invited', ROWS]]);

    // running it once more changes nothing
    (deps.clock as FixedClock).advance(10 * MINUTE);
    await runJob(deps, ids.jobId);
    expect(await counts(db, ids.organizationId)).toEqual({ invitations: ROWS, customers: ROWS, users: ROWS, outbox: ROWS, invitedActivities: ROWS });
  }, 180_000);
});
