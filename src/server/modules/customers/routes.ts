// HTTP edge of the customers list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { adminScope } from '../../http/auth.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { customerListAnswer, listCustomersQuery } from './schema.js';
import * as service from './service.js';

export function customerRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/locations/:locationId/customers',
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
  };
}
