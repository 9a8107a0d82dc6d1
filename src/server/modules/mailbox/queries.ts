// SQL for the built-in mailbox: the delivered outbox rows.
import type { Tx } from '../../deps.js';

export function listDelivered(db: Tx, limit: number) {
  return db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'text_body', 'html_body', 'created_at', 'sent_at', 'status', 'message_id'])
    .where('status', '=', 'sent')
    .orderBy('sent_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
