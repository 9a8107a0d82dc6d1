// SQL for mass-invitation jobs.
import type { Selectable } from 'kysely';
import type { Tx } from '../../deps.js';
import type { BulkJobTable } from '../../db/schema.js';

export type BulkJob = Selectable<BulkJobTable>;

export async function insertJob(db: Tx, job: BulkJob): Promise<void> {
  await db.insertInto('bulk_jobs').values(job).execute();
}

export function findJob(db: Tx, s: { organizationId: string; locationId: string }, id: string): Promise<BulkJob | undefined> {
  return db
    .selectFrom('bulk_jobs')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Takes the job for this runner: queued, or running with a lease that ran out (a server died). */
export async function claimJob(db: Tx, id: string, now: Date, staleBefore: string): Promise<BulkJob | undefined> {
  return db
    .updateTable('bulk_jobs')
    .set({ status: 'running', updated_at: now.toISOString() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)])]))
    .returningAll()
    .executeTakeFirst();
}

export async function recordChunk(db: Tx, id: string, d: { processed: number; invited: number; skipped: number; invalid: number; now: Date }): Promise<void> {
  await db
    .updateTable('bulk_jobs')
    .set((eb) => ({
      processed: eb('processed', '+', d.processed),
      invited: eb('invited', '+', d.invited),
      skipped: eb('skipped', '+', d.skipped),
      invalid: eb('invalid', '+', d.invalid),
      updated_at: d.now.toISOString(),
    }))
    .where('id', '=', id)
    .execute();
}

export async function finishJob(db: Tx, id: string, status: 'done' | 'failed', error: string | null, now: Date): Promise<void> {
  // The pasted text (names, emails) is dropped once the job ends.
  await db.updateTable('bulk_jobs').set({ status, error, input: '', updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Jobs a runner may take now (what claimJob accepts), oldest first: queued, or running with a lease that ran out. */
export function claimableJobIdsUnscoped(db: Tx, staleBefore: string, limit: number) {
  return db
    .selectFrom('bulk_jobs')
    .select('id')
    .where((eb) => eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('updated_at', '<', staleBefore)])]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Renews the runner's lease before a chunk, if the job is still its own: running, and where this
 * runner left it. A runner that stalled past its lease and was replaced finds `processed` moved
 * on (or the job released or finished) and stops instead of writing.
 */
export async function renewLease(db: Tx, id: string, processed: number, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('bulk_jobs')
    .set({ updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('processed', '=', processed)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Hands a job back (a server stopping between chunks): queued again, so the next runner need not wait for the lease. */
export async function releaseJob(db: Tx, id: string, processed: number, now: Date): Promise<void> {
  await db
    .updateTable('bulk_jobs')
    .set({ status: 'queued', updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('processed', '=', processed)
    .execute();
}

/** The exact row count, once the job has parsed the paste. */
export async function setTotal(db: Tx, id: string, total: number): Promise<void> {
  await db.updateTable('bulk_jobs').set({ total }).where('id', '=', id).execute();
}

/** Mass invitations of a location not finished yet (queued or running). */
export async function countUnfinished(db: Tx, s: { organizationId: string; locationId: string }): Promise<number> {
  const r = await db
    .selectFrom('bulk_jobs')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
