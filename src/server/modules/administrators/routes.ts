// HTTP edge of administrators: the owner grants, changes and revokes admin rights.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { requireActor } from '../access/service.js';
import { errorSchema, noContent } from '../../lib/schema.js';
import * as locations from '../locations/service.js';
import { administratorListSchema, administratorParams, administratorSchema, grantAdministratorBody, updateAdministratorBody } from './schema.js';
import * as service from './service.js';
import * as access from '../access/service.js';

const orgQuery = z.object({ organizationId: z.string().uuid().optional() });

export function administratorRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const scopeOf = (request: FastifyRequest, organizationId?: string) => access.ownerScope(deps, requireActor(request).userId, organizationId);

    app.get(
      '/api/v1/administrators',
      {
        schema: {
          tags: ['administrators'],
          summary: "List the organization's administrators",
          description:
            '`owner` is the owner of the organization: every permission at every location, not a grant, so it cannot be changed or revoked here. `items` are the grants.',
          querystring: orgQuery,
          response: { 200: administratorListSchema, 403: errorSchema },
        },
      },
      async (request) => service.listAdministrators(deps, await scopeOf(request, request.query.organizationId)),
    );

    app.post(
      '/api/v1/administrators',
      {
        schema: {
          tags: ['administrators'],
          summary: 'Grant administrator rights to a person',
          querystring: orgQuery,
          body: grantAdministratorBody,
          response: { 201: z.object({ administrator: administratorSchema }), 403: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await scopeOf(request, request.query.organizationId);
        const administrator = await service.grantAdministrator(deps, scope, request.body, async (id) =>
          Boolean(await locations.findLocation(deps.db, scope.organizationId, id)),
        );
        return reply.status(201).send({ administrator });
      },
    );

    app.patch(
      '/api/v1/administrators/:administratorId',
      {
        schema: {
          tags: ['administrators'],
          summary: "Change an administrator's location or permissions",
          querystring: orgQuery,
          params: administratorParams,
          body: updateAdministratorBody,
          response: { 200: z.object({ administrator: administratorSchema }), 404: errorSchema },
        },
      },
      async (request) => ({
        administrator: await service.updateAdministrator(
          deps,
          await scopeOf(request, request.query.organizationId),
          request.params.administratorId,
          request.body.permissions,
        ),
      }),
    );

    app.delete(
      '/api/v1/administrators/:administratorId',
      {
        schema: {
          tags: ['administrators'],
          summary: "Revoke an administrator's rights",
          response: { 204: noContent },
          querystring: orgQuery,
          params: administratorParams,
        },
      },
      async (request, reply) => {
        await service.revokeAdministrator(deps, await scopeOf(request, request.query.organizationId), request.params.administratorId);
        return reply.status(204).send(null);
      },
    );
  };
}
