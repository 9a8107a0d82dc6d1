// HTTP edge of customers: the list, a profile, edits, removal and restore.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { adminScope } from '../../http/auth.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import * as lifecycle from './lifecycle.js';
import { customerListAnswer, customerParams, customerSchema, listCustomersQuery, profileAnswer, updateCustomerBody } from './schema.js';
import * as service from './service.js';

export function customerRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/customers';
    app.get(
      base,
      {
        schema: {
          tags: ['customers'],
          summary: 'Customers of a location, newest first, keyset-paged',
          params: locationParams,
          querystring: listCustomersQuery,
          response: { 200: customerListAnswer, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        const page = await service.listCustomers(deps, scope, request.query);
        const total = request.query.cursor ? undefined : await service.countCustomers(deps, scope, request.query.type);
        return { ...page, total };
      },
    );

    app.get(`${base}/:customerId`, { schema: { tags: ['customers'], summary: 'A customer profile with its activities', params: customerParams, response: { 200: profileAnswer, 404: errorSchema } } }, async (request) => {
      const scope = await adminScope(deps, request, request.params.locationId, 'customers');
      return lifecycle.profile(deps, scope, request.params.customerId);
    });

    app.patch(
      `${base}/:customerId`,
      { schema: { tags: ['customers'], summary: 'Edit a customer; 422 for the name of an activated account', params: customerParams, body: updateCustomerBody, response: { 200: z.object({ customer: customerSchema }), 404: errorSchema, 409: errorSchema, 422: errorSchema } } },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return lifecycle.update(deps, scope, request.params.customerId, request.body);
      },
    );

    app.delete(`${base}/:customerId`, { schema: { tags: ['customers'], summary: 'Remove a customer (restorable)', params: customerParams } }, async (request, reply) => {
      const scope = await adminScope(deps, request, request.params.locationId, 'customers');
      await lifecycle.remove(deps, scope, request.params.customerId);
      return reply.status(204).send();
    });

    app.post(
      `${base}/:customerId/restore`,
      { schema: { tags: ['customers'], summary: 'Restore a removed customer with their previous type', params: customerParams, response: { 200: z.object({ customer: customerSchema }), 404: errorSchema, 409: errorSchema } } },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return lifecycle.restore(deps, scope, request.params.customerId);
      },
    );
  };
}
