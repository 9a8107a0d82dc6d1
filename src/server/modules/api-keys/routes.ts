// HTTP edge of API keys: the owner lists, makes (the secret answered once) and revokes them. Owner
// only: administrators and API keys of the organization 403, anyone else 404.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { errorSchema } from '../../lib/schema.js';
import { createApiKey, listApiKeys, ownerOnlyScope, revokeApiKey } from '../access/api-keys.js';
import { apiKeyList, apiKeyParams, createApiKeyBody, createdApiKeySchema, organizationQuery } from './schema.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export function apiKeyRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/api-keys',
      {
        schema: {
          summary: "List the organization's API keys",
          tags: ['api keys'],
          querystring: organizationQuery,
          response: { 200: apiKeyList, ...errors },
        },
      },
      async (request) => ({ items: await listApiKeys(deps, await ownerOnlyScope(deps, request, request.query.organizationId)) }),
    );
    app.post(
      '/api/v1/api-keys',
      {
        schema: {
          summary: 'Create an API key (its secret is answered once)',
          tags: ['api keys'],
          querystring: organizationQuery,
          body: createApiKeyBody,
          response: { 201: createdApiKeySchema, ...errors },
        },
      },
      async (request, reply) => {
        const scope = await ownerOnlyScope(deps, request, request.query.organizationId);
        return reply.status(201).send(await createApiKey(deps, scope, request.body));
      },
    );
    app.delete(
      '/api/v1/api-keys/:keyId',
      {
        schema: {
          summary: 'Revoke an API key',
          tags: ['api keys'],
          querystring: organizationQuery,
          params: apiKeyParams,
        },
      },
      async (request, reply) => {
        await revokeApiKey(deps, await ownerOnlyScope(deps, request, request.query.organizationId), request.params.keyId);
        return reply.status(204).send();
      },
    );
  };
}
