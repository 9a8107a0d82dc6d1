// HTTP edge of customers: the list, a profile, edits, removal and restore.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { adminScope } from '../access/service.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import * as companiesService from '../companies/service.js';
import * as lifecycle from './lifecycle.js';
import { addNonmemberBody, customerCountsAnswer, customerFilterQuery, customerListAnswer, customerParams, customerSchema, listCustomersQuery, profileAnswer, updateCustomerBody } from './schema.js';
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
        return service.listCustomers(deps, scope, request.query);
      },
    );

    app.get(
      `${base}/export.csv`,
      { schema: { tags: ['customers'], summary: 'Every customer matching the filter, as CSV (streamed)', params: locationParams, querystring: customerFilterQuery } },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        // checked before the first byte: an error once the stream has started cannot become a 400
        service.checkFilter(request.query);
        const name = `customers-${deps.clock.now().toISOString().slice(0, 10)}.csv`;
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`);
        return reply.send(Readable.from(service.exportCsv(deps, scope, request.query)));
      },
    );

    app.get(`${base}/counts`, { schema: { tags: ['customers'], summary: 'How many members, nonmembers and companies (removed not counted)', params: locationParams, response: { 200: customerCountsAnswer } } }, async (request) => {
      const scope = await adminScope(deps, request, request.params.locationId, 'customers');
      const [c, companies] = await Promise.all([service.counts(deps, scope), companiesService.countCompanies(deps, scope)]);
      return { ...c, companies };
    });

    app.post(
      '/api/v1/locations/:locationId/nonmembers',
      { schema: { tags: ['customers'], summary: 'Add a nonmember (no email is sent)', params: locationParams, body: addNonmemberBody, response: { 201: z.object({ customer: customerSchema }), 400: errorSchema, 409: errorSchema } } },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return reply.status(201).send(await lifecycle.addNonmember(deps, scope, request.body));
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
