// The transactional outbox: mail is written in the same transaction as the change that causes it.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { insertSlices } from '../batch.js';
import { newId } from '../tokens.js';
import type { RenderedMail } from './layout.js';

export interface QueuedMail extends RenderedMail {
  organizationId: string | null;
  to: string;
  subject: string;
  /**
   * Mail sent to many at once (mass invitations, reminders) waits behind the rest: a sign-in code
   * asked for after a 10,000-row paste must not wait for those 10,000 emails.
   */
  bulk?: boolean;
  /** an iCalendar file to attach (a booking's confirmation) */
  calendar?: string;
}

/** Queues a message; `db` is normally the transaction of the change that causes it. */
export async function enqueueMail(db: Kysely<Database>, now: Date, publicUrl: string, m: QueuedMail): Promise<string> {
  const [id] = await enqueueMails(db, now, publicUrl, [m]);
  return id;
}

/** Queues many messages with multi-row inserts (mass invitations). */
export async function enqueueMails(db: Kysely<Database>, now: Date, publicUrl: string, mails: QueuedMail[]): Promise<string[]> {
  const host = new URL(publicUrl).hostname || 'atrium.local';
  const rows = mails.map((m) => {
    const id = newId();
    return {
      id,
      organization_id: m.organizationId,
      to_address: m.to,
      subject: m.subject,
      text_body: m.text,
      html_body: m.html,
      calendar: m.calendar ?? null,
      message_id: `<${id}@${host}>`,
      priority: m.bulk ? 1 : 0,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now.toISOString(),
      claimed_until: null,
      last_error: null,
      created_at: now.toISOString(),
      sent_at: null,
    } as const;
  });
  for (const slice of insertSlices(rows)) await db.insertInto('outbox').values(slice).execute();
  return rows.map((r) => r.id);
}
