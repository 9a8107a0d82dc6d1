// HTTP edge of customer notes.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { adminScope } from '../access/service.js';
import { errorSchema, noContent } from '../../lib/schema.js';
import { customerParams } from '../customers/schema.js';
import { noteBody, noteParams, noteSchema } from './schema.js';
import * as service from './service.js';

export function noteRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/customers/:customerId/notes';
    app.get(
      base,
      {
        schema: {
          tags: ['notes'],
          summary: "List a customer's notes",
          params: customerParams,
          response: { 200: z.object({ items: z.array(noteSchema) }), 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { items: await service.list(deps, scope, request.params.customerId) };
      },
    );
    app.post(
      base,
      {
        schema: {
          tags: ['notes'],
          summary: 'Add a note to a customer',
          params: customerParams,
          body: noteBody,
          response: { 201: z.object({ note: noteSchema }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return reply.status(201).send({ note: await service.add(deps, scope, request.params.customerId, request.body.body) });
      },
    );
    app.patch(
      `${base}/:noteId`,
      {
        schema: {
          tags: ['notes'],
          summary: 'Change a note',
          params: noteParams,
          body: noteBody,
          response: { 200: z.object({ note: noteSchema }), 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { note: await service.edit(deps, scope, request.params.customerId, request.params.noteId, request.body.body) };
      },
    );
    app.delete(
      `${base}/:noteId`,
      { schema: { tags: ['notes'], summary: 'Delete a note', response: { 204: noContent }, params: noteParams } },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await service.remove(deps, scope, request.params.customerId, request.params.noteId);
        return reply.status(204).send(null);
      },
    );
  };
}
