// Mass invitation: preview every pasted row, then invite the ready ones in a background job,
// in chunks of 1,000 rows, each chunk one transaction with its outbox rows; a crash leaves
// whole chunks, and the job (or the same paste sent again) finishes without duplicates.
import type { KyselyPlugin } from 'kysely';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { csvLines } from '../../lib/csv.js';
import type { Language } from '../../lib/i18n.js';
import { notInvitedHeader, rowReason } from './csv-labels.js';
import { MINUTE } from '../../lib/clock.js';
import { nextTurn } from '../../lib/slices.js';
import { newId } from '../../lib/tokens.js';
import * as blacklist from '../blacklist/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as q from './bulk-queries.js';
import type { ActorScope } from '../../scope.js';
import { grantMembershipsInTx, prepareInvitations, type GrantResult, type Membership } from './grant.js';
import { checkPasteSize, checkRowsInSlices, parsePasteInSlices, withoutNul, type CheckedRow } from './paste.js';
import { mailContext } from './service.js';

/**
 * Rows per transaction, on both databases. A chunk's emails are rendered before it (in slices), so
 * its transaction only writes; each commit has a cost of its own (on SQLite the full-text index
 * writes a segment), so fewer, larger chunks finish the job sooner.
 */
export function chunkRows(_kind: Deps['dbKind']): number {
  return 1000;
}

/**
 * Rows per part of a chunk: each part is one multi-row INSERT per table, and the transaction lets
 * requests run between statements. better-sqlite3 runs a statement in one go on the event loop:
 * 1,000 customers with their search-index triggers took 120 to 500 ms, 100 take 10 to 50. On
 * PostgreSQL the statement runs in the server, but building and sending one of 1,000 rows kept the
 * event loop for 50 to 250 ms; 250 rows, 15 to 45 ms (measured on a loaded 2-core machine).
 */
export function partRows(kind: Deps['dbKind']): number {
  return kind === 'sqlite' ? 100 : 250;
}
const LEASE_MS = 2 * MINUTE;

/**
 * better-sqlite3 answers synchronously, so without this a chunk's transaction would run in one
 * turn of the event loop and every request would wait for its commit, however many read
 * connections SQLite has. After each statement the job lets the requests that arrived meanwhile
 * run; their reads can go to a read connection (WAL) beside the writer this transaction holds.
 */
const yieldAfterEachStatement: KyselyPlugin = {
  transformQuery: ({ node }) => node,
  transformResult: async ({ result }) => {
    await new Promise((r) => setImmediate(r));
    return result;
  },
};

export interface BulkInput {
  text: string;
  companyId?: string | null;
}

/** Parses and checks a paste against the location as it is now. */
export async function checkPaste(
  deps: Deps,
  scope: ActorScope,
  input: BulkInput,
  opts: { withMembers: boolean } = { withMembers: true },
): Promise<CheckedRow[]> {
  // 10,000 rows take a few hundred milliseconds to parse and check: in slices, so requests go on meanwhile
  const { rows } = await parsePasteInSlices(input.text);
  const ctx = await mailContext(deps.db, scope);
  if (input.companyId && !(await companies.findCompany(deps.db, scope, input.companyId))) {
    throw new AppError('bad_request', 'This company does not exist at this location', [{ path: 'companyId', message: 'Unknown company' }]);
  }
  const names = [...new Set(rows.map((r) => r.company.toLowerCase()).filter(Boolean))];
  const found = input.companyId ? [] : await companies.findByNamesCaseInsensitive(deps.db, scope, names);
  const emails = [...new Set(rows.map((r) => r.email).filter(Boolean))];
  const memberEmails = opts.withMembers ? await customers.memberEmailsAmong(deps.db, scope, emails) : [];
  return checkRowsInSlices(rows, {
    country: ctx.location.country,
    companyId: input.companyId ?? null,
    companiesByName: new Map(found.map((c) => [c.name.toLowerCase(), c.id])),
    memberEmails: new Set(memberEmails),
    blacklisted: await blacklist.blacklistedAmong(deps.db, scope.organizationId, emails),
  });
}

/** The checked rows, counted, with the invalid ones as CSV in the requester's language (the reasons as the page words them). */
export async function preview(deps: Deps, scope: ActorScope, input: BulkInput, lang: Language = 'en') {
  const rows = await checkPaste(deps, scope, input);
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const invalid = rows.filter((r) => r.status === 'invalid');
  return {
    rows: rows.map((r) => ({
      line: r.line,
      firstName: r.firstName,
      lastName: r.lastName,
      email: r.email,
      phone: r.phone,
      company: r.company,
      status: r.status,
      code: r.code,
      reason: r.reason,
      duplicateOf: r.duplicateOf,
    })),
    counts: { ready: count('ready'), skipped: count('skipped'), invalid: invalid.length },
    invalidCsv: csvLines([
      notInvitedHeader(lang),
      ...invalid.map((r) => [String(r.line), r.firstName, r.lastName, r.email, r.phone, r.company, rowReason(lang, r)]),
    ]),
  };
}

/** Unfinished mass invitations a location may have at once: one location cannot fill every server's job slots. */
export const UNFINISHED_PER_LOCATION = 3;

/**
 * Creates the job and starts it in the background. Only the size and the company are checked
 * here (the preview has shown every row's status); the job parses and checks the rows.
 */

export async function start(deps: Deps, scope: ActorScope & { actorUserId: string }, input: BulkInput): Promise<string> {
  const total = checkPasteSize(input.text);
  if ((await q.countUnfinished(deps.db, scope)) >= UNFINISHED_PER_LOCATION) {
    throw new AppError(
      'too_many_requests',
      `${UNFINISHED_PER_LOCATION} mass invitations are still being sent at this location. Wait for one to finish, then send this one.`,
    );
  }
  if (input.companyId && !(await companies.findCompany(deps.db, scope, input.companyId))) {
    throw new AppError('bad_request', 'This company does not exist at this location', [{ path: 'companyId', message: 'Unknown company' }]);
  }
  // stored as parsed: a NUL would make PostgreSQL refuse the row
  const text = withoutNul(input.text);
  const id = newId();
  const now = deps.clock.now().toISOString();
  await q.insertJob(deps.db, {
    id,
    organization_id: scope.organizationId,
    location_id: scope.locationId,
    actor_user_id: scope.actorUserId,
    company_id: input.companyId ?? null,
    input: text,
    status: 'queued',
    total,
    processed: 0,
    invited: 0,
    skipped: 0,
    invalid: 0,
    error: null,
    created_at: now,
    updated_at: now,
  });
  runInBackground(deps, id);
  return id;
}

export async function status(deps: Deps, scope: ActorScope, id: string) {
  const job = await q.findJob(deps.db, scope, id);
  if (!job) throw notFound('Job not found');
  return {
    id: job.id,
    status: job.status,
    total: job.total,
    processed: job.processed,
    invited: job.invited,
    skipped: job.skipped,
    invalid: job.invalid,
    error: job.error,
  };
}

/** The jobs this process runs against one database, and whether it is stopping. */
interface Runner {
  stopping: boolean;
  jobs: Map<string, Promise<void>>;
}
// By database rather than module-wide: tests run several apps, each on its own database, in one process.
const runners = new WeakMap<Deps['db'], Runner>();

function runnerFor(deps: Deps): Runner {
  let runner = runners.get(deps.db);
  if (!runner) {
    runner = { stopping: false, jobs: new Map() };
    runners.set(deps.db, runner);
  }
  return runner;
}

/** Starts the job in this process unless it already runs here or the process is stopping. */
export function runInBackground(deps: Deps, id: string): boolean {
  const runner = runnerFor(deps);
  if (runner.stopping || runner.jobs.has(id)) return false;
  const done = runJob(deps, id, { shouldStop: () => runner.stopping })
    .catch((err) => deps.log.error({ err, jobId: id }, 'mass invitation failed'))
    .finally(() => runner.jobs.delete(id));
  runner.jobs.set(id, done);
  return true;
}

/** Jobs one process runs at once when it picks them up; the rest wait for the next sweep (or another server). */
const JOBS_PER_PROCESS = 4;

/** Starts the jobs nobody runs: queued, or running under a lease that ran out (its server died). */
async function startDue(deps: Deps, db: Deps['db'], now: Date): Promise<number> {
  const runner = runnerFor(deps);
  const room = JOBS_PER_PROCESS - runner.jobs.size;
  if (runner.stopping || room <= 0) return 0;
  // the jobs this process already runs may be listed too (queued, not yet claimed): ask for enough
  const due = await q.claimableJobIdsUnscoped(db, new Date(now.getTime() - LEASE_MS).toISOString(), room + runner.jobs.size);
  let started = 0;
  for (const { id } of due) if (started < room && runInBackground(deps, id)) started++;
  return started;
}

/** At startup: the jobs a stopped server left queued or whose lease already ran out. */
export function resumeUnfinished(deps: Deps): Promise<number> {
  return startDue(deps, deps.db, deps.clock.now());
}

/**
 * Sweep: a job whose server crashed is taken over once its lease runs out, by whichever server
 * sweeps next, without waiting for a restart. The claim in runJob is conditional, so two servers
 * never run one job; the job runs in the background of this process, after the sweep's transaction.
 */
export function jobSweep(deps: Deps) {
  return {
    name: 'mass-invitations',
    run: (trx: Deps['db'], now: Date): Promise<number> => startDue(deps, trx, now),
  };
}

/** Waits for the jobs this process runs (`atrium sweep` finishes those its sweep started). */
export async function jobsSettled(deps: Deps): Promise<void> {
  const runner = runnerFor(deps);
  while (runner.jobs.size) await Promise.all([...runner.jobs.values()]);
}

/**
 * Graceful stop: no job starts in this process any more, and each running one stops after the
 * chunk in progress and is released, so another server (or the next sweep) takes it at once
 * instead of after its lease. Resolves when they have all stopped.
 */
export async function stopJobs(deps: Deps): Promise<number> {
  const runner = runnerFor(deps);
  runner.stopping = true;
  const stopped = runner.jobs.size;
  await jobsSettled(deps);
  return stopped;
}

/**
 * Runs a job to the end from where it stands. `maxChunks` stops early (as a crash would),
 * for tests; the job is then left running and its lease lets another run take it over.
 * `shouldStop`, asked between chunks, stops and releases it (a graceful stop).
 */
export async function runJob(deps: Deps, id: string, opts: { maxChunks?: number; shouldStop?: () => boolean } = {}): Promise<void> {
  const now = deps.clock.now();
  const job = await q.claimJob(deps.db, id, now, new Date(now.getTime() - LEASE_MS).toISOString());
  if (!job) return;
  const scope = { organizationId: job.organization_id, locationId: job.location_id, actorUserId: job.actor_user_id };
  try {
    const rows = await checkPaste(deps, scope, { text: job.input, companyId: job.company_id }, { withMembers: false });
    if (rows.length !== job.total) await q.setTotal(deps.db, id, rows.length);
    const ctx = await mailContext(deps.db, scope);
    const size = chunkRows(deps.dbKind);
    let processed = job.processed;
    let chunks = 0;
    while (processed < rows.length) {
      // requests that arrived during the last commit (or the parsing) go first
      await nextTurn();
      if (opts.maxChunks !== undefined && chunks >= opts.maxChunks) return;
      if (opts.shouldStop?.()) return await q.releaseJob(deps.db, id, processed, deps.clock.now());
      // The lease is renewed before each chunk (and by recordChunk after it); a runner that lost
      // the job to another one (it stalled past its lease) stops here without writing.
      if (!(await q.renewLease(deps.db, id, processed, deps.clock.now()))) return;
      const chunk = rows.slice(processed, processed + size);
      // blacklisted since the paste was checked: invalid too
      const refused = await blacklist.blacklistedAmong(
        deps.db,
        scope.organizationId,
        chunk.filter((r) => r.status === 'ready').map((r) => r.email),
      );
      const ready: Membership[] = chunk
        .filter((r) => r.status === 'ready' && !refused.has(r.email))
        .map((r) => ({
          firstName: r.firstName,
          lastName: r.lastName,
          email: r.email,
          phone: r.phoneE164,
          companyId: r.companyId,
          companyManager: false,
          source: 'mass_invitation' as const,
        }));
      const prepared = await prepareInvitations(deps, scope, ctx, ready);
      await nextTurn();
      await deps.db.transaction().execute(async (tx) => {
        const trx = deps.dbKind === 'sqlite' ? tx.withPlugin(yieldAfterEachStatement) : tx;
        const results: GrantResult[] = [];
        const part = partRows(deps.dbKind);
        for (let i = 0; i < ready.length; i += part) {
          results.push(...(await grantMembershipsInTx(deps, trx, scope, ready.slice(i, i + part), ctx, prepared)));
        }
        const skipped = results.filter((r) => r.outcome === 'skipped').length;
        await q.recordChunk(trx, id, {
          processed: chunk.length,
          invited: results.length - skipped,
          skipped: skipped + chunk.filter((r) => r.status === 'skipped').length,
          invalid: chunk.filter((r) => r.status === 'invalid').length + refused.size,
          now: deps.clock.now(),
        });
      });
      processed += chunk.length;
      chunks++;
    }
    await q.finishJob(deps.db, id, 'done', null, deps.clock.now());
  } catch (err) {
    await q.finishJob(deps.db, id, 'failed', err instanceof Error ? err.message.slice(0, 500) : String(err), deps.clock.now());
    throw err;
  }
}
