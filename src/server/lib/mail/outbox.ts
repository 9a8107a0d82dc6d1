// The transactional outbox: mail is written in the same transaction as the change that causes it.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { newId } from '../tokens.js';
import type { RenderedMail } from './layout.js';

export interface QueuedMail extends RenderedMail {
  organizationId: string | null;
  to: string;
  subject: string;
}

/** Queues a message; `db` is normally the transaction of the change that causes it. */
export async function enqueueMail(db: Kysely<Database>, now: Date, publicUrl: string, m: QueuedMail): Promise<string> {
  const id = newId();
  const host = new URL(publicUrl).hostname || 'atrium.local';
  await db
    .insertInto('outbox')
    .values({
      id,
      organization_id: m.organizationId,
      to_address: m.to,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html,
      message_id: `<${id}@${host}>`,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      claimed_until: null,
      last_error: null,
      created_at: now.toISOString(),
      sent_at: null,
    })
    .execute();
  return id;
}
