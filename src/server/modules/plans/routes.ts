// HTTP edge of plans (billing permission).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, locationParams, noContent } from '../../lib/schema.js';
import { adminScope } from '../access/service.js';
import { createPlanBody, listPlansQuery, planParams, planSchema, updatePlanBody } from './schema.js';
import * as service from './service.js';

export function planRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/plans';
    app.get(
      base,
      {
        schema: {
          tags: ['plans'],
          summary: 'List plans',
          params: locationParams,
          querystring: listPlansQuery,
          response: { 200: z.object({ items: z.array(planSchema), nextCursor: z.string().nullable() }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return service.listPlans(deps, scope, request.query);
      },
    );
    app.post(
      base,
      {
        schema: {
          tags: ['plans'],
          summary: 'Create a plan',
          params: locationParams,
          body: createPlanBody,
          response: { 201: z.object({ plan: planSchema }), 400: errorSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return reply.status(201).send({ plan: await service.createPlan(deps, scope, request.body) });
      },
    );
    app.patch(
      `${base}/:planId`,
      {
        schema: {
          tags: ['plans'],
          summary: 'Change or archive a plan',
          params: planParams,
          body: updatePlanBody,
          response: { 200: z.object({ plan: planSchema }), 400: errorSchema, 404: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return { plan: await service.updatePlan(deps, scope, request.params.planId, request.body) };
      },
    );
    app.delete(
      `${base}/:planId`,
      { schema: { tags: ['plans'], summary: 'Delete a plan never sold', response: { 204: noContent }, params: planParams } },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        await service.deletePlan(deps, scope, request.params.planId);
        return reply.status(204).send(null);
      },
    );
  };
}
