// HTTP edge of customers: the list with its search, filters and sorts, and the CSV export.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { adminScope, requesterLanguage } from '../access/service.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { customerFilterQuery, customerListAnswer, listCustomersQuery } from './schema.js';
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
          response: { 200: customerListAnswer, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        service.checkPlanFilter(scope, request.query);
        return service.listCustomers(deps, scope, request.query);
      },
    );

    app.get(
      `${base}/export.csv`,
      {
        schema: {
          tags: ['customers'],
          operationId: 'exportCustomers',
          summary: 'Every customer matching the filter, as CSV (streamed); a last "plan" column for administrators who hold billing',
          description:
            "UTF-8 with a BOM. Column names, types, statuses and sources are the words the Customers page shows, in the requester's language (their saved language, else Accept-Language; English or French).",
          params: locationParams,
          querystring: customerFilterQuery,
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        // checked before the first byte: an error once the stream has started cannot become a 400
        service.checkFilter(request.query);
        service.checkPlanFilter(scope, request.query);
        const name = `customers-${deps.clock.now().toISOString().slice(0, 10)}.csv`;
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
        return reply.send(Readable.from(service.exportCsv(deps, scope, request.query, { plans: service.seesPlans(scope), lang: requesterLanguage(request) })));
      },
    );
  };
}
