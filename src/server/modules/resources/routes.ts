// HTTP edge of resources (resources permission).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, locationParams, noContent } from '../../lib/schema.js';
import { adminScope } from '../access/service.js';
import { createResourceBody, listResourcesQuery, resourceParams, resourceSchema, updateResourceBody } from './schema.js';
import * as service from './service.js';

export function resourceRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/resources';
    const errors = { 400: errorSchema, 404: errorSchema, 422: errorSchema };
    app.get(
      base,
      {
        schema: {
          tags: ['resources'],
          summary: 'List resources',
          params: locationParams,
          querystring: listResourcesQuery,
          response: { 200: z.object({ items: z.array(resourceSchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (request) => service.listResources(deps, await adminScope(deps, request, request.params.locationId, 'resources'), request.query),
    );
    app.post(
      base,
      {
        schema: {
          tags: ['resources'],
          summary: 'Create a resource',
          params: locationParams,
          body: createResourceBody,
          response: { 201: z.object({ resource: resourceSchema }), ...errors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'resources');
        return reply.status(201).send({ resource: await service.createResource(deps, scope, request.body) });
      },
    );
    app.get(
      `${base}/:resourceId`,
      {
        schema: {
          tags: ['resources'],
          summary: 'Read a resource',
          params: resourceParams,
          response: { 200: z.object({ resource: resourceSchema }), ...errors },
        },
      },
      async (request) => ({
        resource: await service.getResource(deps, await adminScope(deps, request, request.params.locationId, 'resources'), request.params.resourceId),
      }),
    );
    app.patch(
      `${base}/:resourceId`,
      {
        schema: {
          tags: ['resources'],
          summary: 'Change a resource',
          params: resourceParams,
          body: updateResourceBody,
          response: { 200: z.object({ resource: resourceSchema }), ...errors },
        },
      },
      async (request) => ({
        resource: await service.updateResource(
          deps,
          await adminScope(deps, request, request.params.locationId, 'resources'),
          request.params.resourceId,
          request.body,
        ),
      }),
    );
    app.delete(
      `${base}/:resourceId`,
      { schema: { tags: ['resources'], summary: 'Delete a resource', response: { 204: noContent }, params: resourceParams } },
      async (request, reply) => {
        await service.archiveResource(deps, await adminScope(deps, request, request.params.locationId, 'resources'), request.params.resourceId);
        return reply.status(204).send(null);
      },
    );
  };
}
