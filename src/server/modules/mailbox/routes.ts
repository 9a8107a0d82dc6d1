// The built-in mailbox (only with the mailbox transport): delivered mail, newest first, so a
// newcomer can read codes and click activation links without SMTP.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isLoopbackAddress, isLoopbackUrl } from '../../config.js';
import type { Deps } from '../../deps.js';
import { requireActor } from '../access/service.js';
import { forbidden } from '../../errors.js';
import { errorSchema } from '../../lib/schema.js';
import * as organizations from '../organizations/service.js';
import * as q from './queries.js';
import * as access from '../access/service.js';

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
    // Every route of this plugin (and only those) passes the gate: the mailbox holds sign-in codes.
    app.addHook('onRequest', (request) => mayReadMailbox(deps, request));
    app.get(
      '/api/v1/dev/mailbox',
      {
        schema: {
          tags: ['dev'],
          summary: 'Delivered mail of the built-in mailbox, newest first',
          description:
            'Open without sign-in only while PUBLIC_URL is a loopback address and the request comes from one; otherwise only to a signed-in owner of every organization of the installation.',
          response: { 200: z.object({ messages: z.array(messageSchema) }), 401: errorSchema, 403: errorSchema },
        },
      },
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

/**
 * A trial on this machine (loopback PUBLIC_URL, loopback client) reads the mailbox freely.
 * Anywhere else it holds codes that sign anyone in, so only an owner reads it, and only one who
 * owns every organization here: with several operators on one installation, reading another
 * organization's codes would be a way into it.
 */
async function mayReadMailbox(deps: Deps, request: FastifyRequest): Promise<void> {
  if (isLoopbackUrl(deps.config.publicUrl) && isLoopbackAddress(request.ip)) return;
  const actor = requireActor(request);
  const { owned } = await access.accessOf(deps.db, actor.userId);
  if (owned.length === 0) throw forbidden('Only an owner can read the built-in mailbox on this server');
  if (owned.length < (await organizations.countOrganizations(deps.db))) {
    throw forbidden(
      'The built-in mailbox holds the mail of every organization on this server, so only an owner of all of them can read it. Configure SMTP_URL.',
    );
  }
}
