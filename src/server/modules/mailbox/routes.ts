// The built-in mailbox (only with the mailbox transport): delivered mail, newest first, so a
// newcomer can read codes and click activation links without SMTP.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import * as q from './queries.js';

const messageSchema = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  messageId: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export function mailboxRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    if (deps.mail.name !== 'mailbox') return; // with SMTP the route does not exist
    app.get(
      '/api/v1/dev/mailbox',
      { schema: { tags: ['dev'], summary: 'Delivered mail of the built-in mailbox, newest first', response: { 200: z.object({ messages: z.array(messageSchema) }) } } },
      async () => {
        const rows = await q.listDelivered(deps.db, 200);
        return {
          messages: rows.map((r) => ({
            id: r.id,
            to: r.to_address,
            subject: r.subject,
            text: r.text_body ?? '',
            html: r.html_body ?? '',
            messageId: r.message_id,
            createdAt: r.created_at,
            sentAt: r.sent_at,
          })),
        };
      },
    );
  };
}
