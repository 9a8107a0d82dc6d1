// HTTP edge of assignments (resources permission).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { adminScope } from '../access/service.js';
import { assignmentParams, assignmentSchema, createAssignmentBody, listAssignmentsQuery, updateAssignmentBody } from './schema.js';
import * as service from './service.js';

export function assignmentRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/assignments';
    const errors = { 400: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
    app.get(
      base,
      {
        schema: {
          tags: ['assignments'],
          summary: 'List resource assignments',
          params: locationParams,
          querystring: listAssignmentsQuery,
          response: { 200: z.object({ items: z.array(assignmentSchema) }), ...errors },
        },
      },
      async (request) => service.listAssignments(deps, await adminScope(deps, request, request.params.locationId, 'resources'), request.query),
    );
    app.post(
      base,
      {
        schema: {
          tags: ['assignments'],
          summary: 'Assign a resource or seats to a customer or company',
          params: locationParams,
          body: createAssignmentBody,
          response: { 201: z.object({ assignment: assignmentSchema }), ...errors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'resources');
        return reply.status(201).send({ assignment: await service.createAssignment(deps, scope, request.body) });
      },
    );
    app.patch(
      `${base}/:assignmentId`,
      {
        schema: {
          tags: ['assignments'],
          summary: 'Change or end an assignment',
          params: assignmentParams,
          body: updateAssignmentBody,
          response: { 200: z.object({ assignment: assignmentSchema }), ...errors },
        },
      },
      async (request) => ({
        assignment: await service.updateAssignment(
          deps,
          await adminScope(deps, request, request.params.locationId, 'resources'),
          request.params.assignmentId,
          request.body.endDate,
        ),
      }),
    );
  };
}
