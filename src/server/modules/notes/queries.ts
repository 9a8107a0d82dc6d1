// SQL for notes.
import type { Tx } from '../../deps.js';

export interface CustomerKey {
  organizationId: string;
  locationId: string;
  customerId: string;
}

export function listNotes(db: Tx, k: CustomerKey) {
  return db
    .selectFrom('notes')
    .innerJoin('users', 'users.id', 'notes.author_user_id')
    .select(['notes.id', 'notes.body', 'notes.author_user_id', 'notes.created_at', 'notes.updated_at', 'users.first_name', 'users.last_name'])
    .where('notes.organization_id', '=', k.organizationId)
    .where('notes.location_id', '=', k.locationId)
    .where('notes.customer_id', '=', k.customerId)
    .orderBy('notes.created_at', 'desc')
    .execute();
}

export async function insertNote(db: Tx, k: CustomerKey, n: { id: string; authorUserId: string; body: string; now: string }): Promise<void> {
  await db
    .insertInto('notes')
    .values({
      id: n.id,
      organization_id: k.organizationId,
      location_id: k.locationId,
      customer_id: k.customerId,
      author_user_id: n.authorUserId,
      body: n.body,
      created_at: n.now,
      updated_at: n.now,
    })
    .execute();
}

export async function updateNote(db: Tx, k: CustomerKey, id: string, body: string, now: string): Promise<boolean> {
  const r = await db
    .updateTable('notes')
    .set({ body, updated_at: now })
    .where('organization_id', '=', k.organizationId)
    .where('location_id', '=', k.locationId)
    .where('customer_id', '=', k.customerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function deleteNote(db: Tx, k: CustomerKey, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('notes')
    .where('organization_id', '=', k.organizationId)
    .where('location_id', '=', k.locationId)
    .where('customer_id', '=', k.customerId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
