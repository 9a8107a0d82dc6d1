// HTTP edge of locations.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { apiKeyRights } from '../access/api-keys.js';
import { adminScope, requireActor } from '../access/service.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { createLocationBody, locationSchema, updateLocationBody } from './schema.js';
import * as service from './service.js';
import * as access from '../access/service.js';

export function locationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/locations',
      {
        schema: {
          tags: ['locations'],
          summary: 'Locations the caller administers or belongs to, oldest first',
          response: { 200: z.object({ items: z.array(locationSchema) }), 401: errorSchema },
        },
      },
      async (request) => {
        // an API key lists the locations it reaches
        const keyRights = apiKeyRights(request);
        if (keyRights) return { items: (await service.locationsVisibleTo(deps, keyRights, [])).map(service.toLocationDto) };
        const actor = requireActor(request);
        const [memberOf, rights] = await Promise.all([
          access.liveRecordLocationIds(deps.db, actor.userId, actor.email),
          access.accessOf(deps.db, actor.userId, actor.email),
        ]);
        const items = await service.locationsVisibleTo(deps, rights, memberOf);
        return { items: items.map(service.toLocationDto) };
      },
    );

    app.post(
      '/api/v1/locations',
      {
        schema: {
          tags: ['locations'],
          summary: 'Create a location (owner)',
          body: createLocationBody,
          response: { 201: z.object({ location: locationSchema }), 403: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await access.ownerScope(deps, requireActor(request).userId, request.body.organizationId);
        return reply.status(201).send({ location: await service.createLocation(deps, scope, request.body) });
      },
    );

    app.get(
      '/api/v1/locations/:locationId',
      {
        schema: {
          tags: ['locations'],
          summary: 'Read a location and its settings',
          params: locationParams,
          response: { 200: z.object({ location: locationSchema }), 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId);
        const l = await service.findLocation(deps.db, scope.organizationId, scope.locationId);
        return { location: service.toLocationDto(l!) };
      },
    );

    app.patch(
      '/api/v1/locations/:locationId',
      {
        schema: {
          tags: ['locations'],
          summary: 'Edit a location (settings permission)',
          params: locationParams,
          body: updateLocationBody,
          response: { 200: z.object({ location: locationSchema }), 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'settings');
        return { location: await service.updateLocation(deps, scope, request.body) };
      },
    );
  };
}
