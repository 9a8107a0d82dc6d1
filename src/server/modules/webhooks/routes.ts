// HTTP edge of webhooks: the owner's endpoints (the secret answered once), their delivery log newest
// first, and replay. Owner only: administrators and API keys of the organization 403, anyone else 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema } from '../../lib/schema.js';
import { ownerOnlyScope } from '../access/api-keys.js';
import {
  createdWebhookSchema,
  createWebhookBody,
  deliveryPage,
  deliveryParams,
  deliverySchema,
  listDeliveriesQuery,
  organizationQuery,
  updateWebhookBody,
  webhookList,
  webhookParams,
  webhookSchema,
} from './schema.js';
import * as service from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const withReasons = { ...errors, 409: errorSchema, 422: errorSchema };

export function webhookRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const scopeOf = (request: Parameters<typeof ownerOnlyScope>[1], organizationId?: string) => ownerOnlyScope(deps, request, organizationId);

    app.get(
      '/api/v1/webhooks',
      {
        schema: { summary: "List the organization's webhooks", tags: ['webhooks'], querystring: organizationQuery, response: { 200: webhookList, ...errors } },
      },
      async (request) => ({ items: await service.listWebhooks(deps, await scopeOf(request, request.query.organizationId)) }),
    );
    app.post(
      '/api/v1/webhooks',
      {
        schema: {
          summary: 'Create a webhook (its signing secret is answered once)',
          description: '422 `webhook_url_not_https` or `webhook_url_private` for a URL a webhook may not use.',
          tags: ['webhooks'],
          querystring: organizationQuery,
          body: createWebhookBody,
          response: { 201: createdWebhookSchema, ...withReasons },
        },
      },
      async (request, reply) => {
        const scope = await scopeOf(request, request.query.organizationId);
        return reply.status(201).send(await service.createWebhook(deps, scope, request.body));
      },
    );
    app.patch(
      '/api/v1/webhooks/:webhookId',
      {
        schema: {
          summary: "Change a webhook's URL, events or description, or turn it on or off",
          description: '422 `webhook_url_not_https` or `webhook_url_private` for a URL a webhook may not use.',
          tags: ['webhooks'],
          querystring: organizationQuery,
          params: webhookParams,
          body: updateWebhookBody,
          response: { 200: z.object({ webhook: webhookSchema }), ...withReasons },
        },
      },
      async (request) => {
        const scope = await scopeOf(request, request.query.organizationId);
        return { webhook: await service.updateWebhook(deps, scope, request.params.webhookId, request.body) };
      },
    );
    app.delete(
      '/api/v1/webhooks/:webhookId',
      { schema: { summary: 'Delete a webhook and its delivery log', tags: ['webhooks'], querystring: organizationQuery, params: webhookParams } },
      async (request, reply) => {
        await service.deleteWebhook(deps, await scopeOf(request, request.query.organizationId), request.params.webhookId);
        return reply.status(204).send();
      },
    );
    app.get(
      '/api/v1/webhooks/:webhookId/deliveries',
      {
        schema: {
          summary: "A webhook's deliveries, newest first",
          tags: ['webhooks'],
          params: webhookParams,
          querystring: listDeliveriesQuery,
          response: { 200: deliveryPage, ...errors },
        },
      },
      async (request) => {
        const { organizationId, ...query } = request.query;
        return service.listDeliveries(deps, await scopeOf(request, organizationId), request.params.webhookId, query);
      },
    );
    app.post(
      '/api/v1/webhooks/:webhookId/deliveries/:deliveryId/replay',
      {
        schema: {
          summary: 'Send a delivery again (same webhook-id)',
          description: '409 `webhook_disabled` while the webhook is off, `delivery_pending` while the delivery is still being attempted.',
          tags: ['webhooks'],
          querystring: organizationQuery,
          params: deliveryParams,
          response: { 202: z.object({ delivery: deliverySchema }), ...withReasons },
        },
      },
      async (request, reply) => {
        const scope = await scopeOf(request, request.query.organizationId);
        const delivery = await service.replayDelivery(deps, scope, request.params.webhookId, request.params.deliveryId);
        return reply.status(202).send({ delivery });
      },
    );
  };
}
