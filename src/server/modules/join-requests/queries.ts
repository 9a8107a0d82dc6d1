// SQL for join requests.
import type { Tx } from '../../deps.js';
import { unindexed } from '../../db/database.js';
import type { JoinRequestTable } from '../../db/schema.js';
import type { Selectable } from 'kysely';
import { newId } from '../../lib/tokens.js';
import type { LocationKey } from '../../scope.js';

export type JoinRequestRow = Selectable<JoinRequestTable>;

export function findOpen(db: Tx, s: LocationKey, email: string, status: 'unconfirmed' | 'pending'): Promise<JoinRequestRow | undefined> {
  // by (location_id, email): the location's index by status would walk every unconfirmed request of the location
  return db
    .selectFrom('join_requests')
    .selectAll()
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('email', '=', email)
    .where('status', '=', status)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

export function findRequest(db: Tx, s: LocationKey, id: string): Promise<JoinRequestRow | undefined> {
  return db
    .selectFrom('join_requests')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRequest(
  db: Tx,
  s: LocationKey,
  r: { userId: string | null; firstName: string; lastName: string; email: string; status: 'unconfirmed' | 'pending' },
  now: Date,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('join_requests')
    .values({
      id,
      organization_id: s.organizationId,
      location_id: s.locationId,
      user_id: r.userId,
      first_name: r.firstName,
      last_name: r.lastName,
      email: r.email,
      status: r.status,
      reason: null,
      decided_by_user_id: null,
      decided_at: null,
      created_at: now.toISOString(),
    })
    .execute();
  return id;
}

export async function updateRequest(db: Tx, s: LocationKey, id: string, set: Partial<JoinRequestRow>): Promise<void> {
  await db
    .updateTable('join_requests')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** Decides a pending request once: false when someone else decided it first. */
export async function decide(
  db: Tx,
  s: LocationKey,
  id: string,
  d: { status: 'approved' | 'declined'; reason: string | null; by: string; now: Date },
): Promise<boolean> {
  const r = await db
    .updateTable('join_requests')
    .set({ status: d.status, reason: d.reason, decided_by_user_id: d.by, decided_at: d.now.toISOString() })
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteRequest(db: Tx, s: LocationKey, id: string): Promise<void> {
  await db.deleteFrom('join_requests').where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id).execute();
}

export function listRequests(db: Tx, s: LocationKey, status: string) {
  return db
    .selectFrom('join_requests')
    .leftJoin('users', 'users.email', 'join_requests.email')
    .selectAll('join_requests')
    .select('users.id as account_id')
    .where('join_requests.organization_id', '=', s.organizationId)
    .where('join_requests.location_id', '=', s.locationId)
    .where('join_requests.status', '=', status as 'pending')
    .orderBy('join_requests.created_at', 'desc')
    .limit(500)
    .execute();
}

export type { LocationKey };
