// SQL for attachments.
import type { Tx } from '../../deps.js';
import type { AttachmentTable } from '../../db/schema.js';

export interface CustomerKey {
  organizationId: string;
  locationId: string;
  customerId: string;
}

function scoped(db: Tx, k: CustomerKey) {
  return db
    .selectFrom('attachments')
    .innerJoin('users', 'users.id', 'attachments.uploaded_by_user_id')
    .selectAll('attachments')
    .select(['users.first_name', 'users.last_name'])
    .where('attachments.organization_id', '=', k.organizationId)
    .where('attachments.location_id', '=', k.locationId)
    .where('attachments.customer_id', '=', k.customerId);
}

export function listAttachments(db: Tx, k: CustomerKey) {
  return scoped(db, k).orderBy('attachments.created_at', 'desc').execute();
}

export function findAttachment(db: Tx, k: CustomerKey, id: string) {
  return scoped(db, k).where('attachments.id', '=', id).executeTakeFirst();
}

export async function insertAttachment(db: Tx, row: AttachmentTable): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function deleteAttachment(db: Tx, k: CustomerKey, id: string): Promise<void> {
  await db
    .deleteFrom('attachments')
    .where('organization_id', '=', k.organizationId)
    .where('location_id', '=', k.locationId)
    .where('customer_id', '=', k.customerId)
    .where('id', '=', id)
    .execute();
}
