// HTTP edge of membership: a customer's profile, edits, removal and restore, adding a
// nonmember, and the Customers page's counts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, locationParams, noContent } from '../../lib/schema.js';
import { adminScope } from '../access/service.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import { addNonmemberBody, customerCountsAnswer, customerParams, customerSchema, profileAnswer, updateCustomerBody } from '../customers/schema.js';
import * as service from './service.js';

export function membershipRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/customers';
    app.get(
      `${base}/counts`,
      {
        schema: {
          tags: ['customers'],
          operationId: 'countCustomers',
          summary: 'How many members, nonmembers and companies (removed not counted)',
          params: locationParams,
          response: { 200: customerCountsAnswer },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        const [c, companyCount] = await Promise.all([customers.counts(deps, scope), companies.countCompanies(deps, scope)]);
        return { ...c, companies: companyCount };
      },
    );

    app.post(
      '/api/v1/locations/:locationId/nonmembers',
      {
        schema: {
          tags: ['customers'],
          summary: 'Add a nonmember (no email is sent)',
          params: locationParams,
          body: addNonmemberBody,
          response: { 201: z.object({ customer: customerSchema }), 400: errorSchema, 409: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return reply.status(201).send(await service.addNonmember(deps, scope, request.body));
      },
    );

    app.get(
      `${base}/:customerId`,
      {
        schema: {
          tags: ['customers'],
          summary: 'A customer profile with its activities',
          params: customerParams,
          response: { 200: profileAnswer, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return service.profile(deps, scope, request.params.customerId);
      },
    );

    app.patch(
      `${base}/:customerId`,
      {
        schema: {
          tags: ['customers'],
          summary: 'Edit a customer; 422 for the name of an activated account',
          params: customerParams,
          body: updateCustomerBody,
          response: { 200: z.object({ customer: customerSchema }), 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return service.update(deps, scope, request.params.customerId, request.body);
      },
    );

    app.delete(
      `${base}/:customerId`,
      {
        schema: {
          tags: ['customers'],
          operationId: 'removeCustomer',
          summary: 'Remove a customer (restorable)',
          response: { 204: noContent },
          params: customerParams,
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await service.remove(deps, scope, request.params.customerId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      `${base}/:customerId/restore`,
      {
        schema: {
          tags: ['customers'],
          summary: 'Restore a removed customer with their previous type',
          params: customerParams,
          response: { 200: z.object({ customer: customerSchema }), 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return service.restore(deps, scope, request.params.customerId);
      },
    );
  };
}
