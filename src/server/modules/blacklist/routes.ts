// HTTP edge of the blacklist: the owner lists, adds and lifts entries (design 11.1). Owner-only:
// the organization's administrators get 403, anyone else 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema } from '../../lib/schema.js';
import { organizationScope } from '../access/service.js';
import { addBlacklistEntryBody, blacklistEntryParams, blacklistEntrySchema, organizationQuery } from './schema.js';
import * as service from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export function blacklistRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/blacklist',
      {
        schema: {
          tags: ['blacklist'],
          summary: "List the organization's blacklisted emails",
          querystring: organizationQuery,
          response: { 200: z.object({ items: z.array(blacklistEntrySchema) }), ...errors },
        },
      },
      async (request) => ({ items: await service.listEntries(deps, await organizationScope(deps, request, request.query.organizationId, 'owner')) }),
    );

    app.post(
      '/api/v1/blacklist',
      {
        schema: {
          tags: ['blacklist'],
          summary: 'Blacklist an email: its sessions end and it can no longer be invited',
          querystring: organizationQuery,
          body: addBlacklistEntryBody,
          response: { 201: z.object({ entry: blacklistEntrySchema }), ...errors, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await organizationScope(deps, request, request.query.organizationId, 'owner');
        return reply.status(201).send({ entry: await service.addEntry(deps, scope, request.body) });
      },
    );

    app.delete(
      '/api/v1/blacklist/:entryId',
      {
        schema: {
          tags: ['blacklist'],
          summary: 'Lift a blacklist entry',
          querystring: organizationQuery,
          params: blacklistEntryParams,
          response: { 204: z.null().describe('The entry is lifted'), ...errors },
        },
      },
      async (request, reply) => {
        await service.removeEntry(deps, await organizationScope(deps, request, request.query.organizationId, 'owner'), request.params.entryId);
        return reply.status(204).send(null);
      },
    );
  };
}
