// Mass invitation: preview every pasted row, then invite the ready ones in a background job,
// in chunks of at most 1,000 rows, each chunk one transaction with its outbox rows; a crash
// leaves whole chunks, and the job (or the same paste sent again) finishes without duplicates.
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../http/errors.js';
import { csvLines } from '../../lib/csv.js';
import { MINUTE } from '../../lib/clock.js';
import { newId } from '../../lib/tokens.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as q from './bulk-queries.js';
import { grantMembershipsInTx, type ActorScope } from './grant.js';
import { checkPasteSize, checkRows, parsePaste, withoutNul, type CheckedRow } from './paste.js';
import { mailContext } from './service.js';

/**
 * Rows per transaction. SQLite has one writer, so a chunk holds back every other request's
 * database work while it runs: smaller chunks there keep the pages responsive.
 */
export function chunkRows(kind: Deps['dbKind']): number {
  return kind === 'sqlite' ? 100 : 1000;
}
const LEASE_MS = 2 * MINUTE;

export interface BulkInput {
  text: string;
  companyId?: string | null;
}

/** Parses and checks a paste against the location as it is now. */
export async function checkPaste(deps: Deps, scope: ActorScope, input: BulkInput, opts: { withMembers: boolean } = { withMembers: true }): Promise<CheckedRow[]> {
  const { rows } = parsePaste(input.text);
  const ctx = await mailContext(deps, deps.db, scope);
  if (input.companyId && !(await companies.findCompany(deps.db, scope, input.companyId))) {
    throw new AppError('bad_request', 'This company does not exist at this location', [{ path: 'companyId', message: 'Unknown company' }]);
  }
  const names = [...new Set(rows.map((r) => r.company.toLowerCase()).filter(Boolean))];
  const found = input.companyId ? [] : await companies.findByNamesCaseInsensitive(deps.db, scope, names);
  const memberEmails = opts.withMembers ? await customers.memberEmailsAmong(deps.db, scope, [...new Set(rows.map((r) => r.email).filter(Boolean))]) : [];
  return checkRows(rows, {
    country: ctx.location.country,
    companyId: input.companyId ?? null,
    companiesByName: new Map(found.map((c) => [c.name.toLowerCase(), c.id])),
    memberEmails: new Set(memberEmails),
  });
}

export async function preview(deps: Deps, scope: ActorScope, input: BulkInput) {
  const rows = await checkPaste(deps, scope, input);
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  const invalid = rows.filter((r) => r.status === 'invalid');
  return {
    rows: rows.map((r) => ({ line: r.line, firstName: r.firstName, lastName: r.lastName, email: r.email, phone: r.phone, company: r.company, status: r.status, reason: r.reason })),
    counts: { ready: count('ready'), skipped: count('skipped'), invalid: invalid.length },
    invalidCsv: csvLines([['line', 'first name', 'last name', 'email', 'phone', 'company', 'reason'], ...invalid.map((r) => [String(r.line), r.firstName, r.lastName, r.email, r.phone, r.company, r.reason ?? ''])]),
  };
}

/**
 * Creates the job and starts it in the background. Only the size and the company are checked
 * here (the preview has shown every row's status); the job parses and checks the rows.
 */
export async function start(deps: Deps, scope: ActorScope & { actorUserId: string }, input: BulkInput): Promise<string> {
  const total = checkPasteSize(input.text);
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
  return { id: job.id, status: job.status, total: job.total, processed: job.processed, invited: job.invited, skipped: job.skipped, invalid: job.invalid, error: job.error };
}

const running = new Set<string>();

export function runInBackground(deps: Deps, id: string): void {
  if (running.has(id)) return;
  running.add(id);
  runJob(deps, id)
    .catch((err) => deps.log.error({ err, jobId: id }, 'mass invitation failed'))
    .finally(() => running.delete(id));
}

/** Resumes the jobs a stopped server left unfinished. */
export async function resumeUnfinished(deps: Deps): Promise<number> {
  const ids = await q.unfinishedJobIdsUnscoped(deps.db);
  for (const { id } of ids) runInBackground(deps, id);
  return ids.length;
}

/**
 * Runs a job to the end from where it stands. `maxChunks` stops early (as a crash would),
 * for tests; the job is then left running and its lease lets another run take it over.
 */
export async function runJob(deps: Deps, id: string, opts: { maxChunks?: number } = {}): Promise<void> {
  const now = deps.clock.now();
  const job = await q.claimJob(deps.db, id, now, new Date(now.getTime() - LEASE_MS).toISOString());
  if (!job) return;
  const scope = { organizationId: job.organization_id, locationId: job.location_id, actorUserId: job.actor_user_id };
  try {
    const rows = await checkPaste(deps, scope, { text: job.input, companyId: job.company_id }, { withMembers: false });
    if (rows.length !== job.total) await q.setTotal(deps.db, id, rows.length);
    const ctx = await mailContext(deps, deps.db, scope);
    const size = chunkRows(deps.dbKind);
    let processed = job.processed;
    let chunks = 0;
    while (processed < rows.length) {
      if (opts.maxChunks !== undefined && chunks >= opts.maxChunks) return;
      const chunk = rows.slice(processed, processed + size);
      const chunkStarted = Date.now();
      const ready = chunk.filter((r) => r.status === 'ready');
      await deps.db.transaction().execute(async (trx) => {
        const results = await grantMembershipsInTx(
          deps,
          trx,
          scope,
          ready.map((r) => ({ firstName: r.firstName, lastName: r.lastName, email: r.email, phone: r.phoneE164, companyId: r.companyId, companyManager: false, source: 'mass_invitation' as const })),
          ctx,
        );
        const skipped = results.filter((r) => r.outcome === 'skipped').length;
        await q.recordChunk(trx, id, {
          processed: chunk.length,
          invited: results.length - skipped,
          skipped: skipped + chunk.filter((r) => r.status === 'skipped').length,
          invalid: chunk.filter((r) => r.status === 'invalid').length,
          now: deps.clock.now(),
        });
      });
      processed += chunk.length;
      chunks++;
      // SQLite: one connection serves every request, and each of a request's queries waits for
      // the chunk in progress. A pause as long as the chunk lets the pages keep up while a
      // mass invitation runs, at the cost of a job that takes about twice as long.
      if (deps.dbKind === 'sqlite' && processed < rows.length) await new Promise((r) => setTimeout(r, Date.now() - chunkStarted));
    }
    await q.finishJob(deps.db, id, 'done', null, deps.clock.now());
  } catch (err) {
    await q.finishJob(deps.db, id, 'failed', err instanceof Error ? err.message.slice(0, 500) : String(err), deps.clock.now());
    throw err;
  }
}
