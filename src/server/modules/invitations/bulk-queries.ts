// SQL for mass-invitation jobs.
import type { Selectable } from 'kysely';
import type { Tx } from '../../deps.js';
import type { BulkJobTable } from '../../db/schema.js';

export type BulkJob = Selectable<BulkJobTable>;

export async function insertJob(db: Tx, job: BulkJob): Promise<void> {
  await db.insertInto('bulk_jobs').values(job).execute();
}

export function findJob(db: Tx, s: { organizationId: string; locationId: string }, id: string): Promise<BulkJob | undefined> {
  return db.selectFrom('bulk_jobs').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id).executeTakeFirst();
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

export function unfinishedJobIdsUnscoped(db: Tx) {
  return db.selectFrom('bulk_jobs').select('id').where('status', 'in', ['queued', 'running']).execute();
}

/** The exact row count, once the job has parsed the paste. */
export async function setTotal(db: Tx, id: string, total: number): Promise<void> {
  await db.updateTable('bulk_jobs').set({ total }).where('id', '=', id).execute();
}
