// HTTP edge of join requests, and the public facts about a location that the portal's join page needs.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { adminScope } from '../access/service.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { authRateLimit } from '../../http/rate-limits.js';
import { declineBody, joinRequestBody, joinRequestParams, joinRequestSchema, listJoinRequestsQuery, publicLocationSchema } from './schema.js';
import * as service from './service.js';

export function joinRequestRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/public/locations/:locationId',
      {
        schema: {
          tags: ['join requests'],
          security: [],
          summary: 'Name and join setting of a location, for its join page',
          params: locationParams,
          response: { 200: z.object({ location: publicLocationSchema }), 404: errorSchema },
        },
      },
      async (request) => ({
        location: await service.publicLocation(deps, request.params.locationId),
      }),
    );

    app.post(
      '/api/v1/locations/:locationId/join-requests',
      {
        config: authRateLimit,
        schema: {
          tags: ['join requests'],
          security: [{}, { cookieAuth: [] }],
          summary: 'Ask to join a location',
          params: locationParams,
          body: joinRequestBody,
          response: {
            201: z.object({ status: z.literal('pending') }),
            202: z.object({ status: z.literal('code_required') }),
            400: errorSchema,
            401: errorSchema,
            403: errorSchema,
            404: errorSchema,
            409: errorSchema,
            429: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const r = await service.request(
          deps,
          request.params.locationId,
          request.body,
          request.actor?.userId ?? null,
          request.ip,
          request.headers['accept-language'],
        );
        return r.status === 'pending' ? reply.status(201).send({ status: 'pending' as const }) : reply.status(202).send({ status: 'code_required' as const });
      },
    );

    app.get(
      '/api/v1/locations/:locationId/join-requests',
      {
        schema: {
          tags: ['join requests'],
          summary: 'List join requests',
          params: locationParams,
          querystring: listJoinRequestsQuery,
          response: { 200: z.object({ items: z.array(joinRequestSchema) }), 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { items: await service.list(deps, scope, request.query.status) };
      },
    );

    app.post(
      '/api/v1/locations/:locationId/join-requests/:requestId/approve',
      {
        schema: {
          tags: ['join requests'],
          summary: 'Approve a join request',
          params: joinRequestParams,
          response: { 200: z.object({ request: joinRequestSchema }), 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { request: await service.approve(deps, scope, request.params.requestId) };
      },
    );

    app.post(
      '/api/v1/locations/:locationId/join-requests/:requestId/decline',
      {
        schema: {
          tags: ['join requests'],
          summary: 'Decline a join request',
          params: joinRequestParams,
          body: declineBody,
          response: { 200: z.object({ request: joinRequestSchema }), 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { request: await service.decline(deps, scope, request.params.requestId, request.body.reason) };
      },
    );
  };
}
