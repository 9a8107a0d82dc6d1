// HTTP edge of transfers: move a customer to another location of the organization in one step, and the
// preview of what ending their personal subscriptions would take away. `customers` at both locations.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { errorSchema } from '../../lib/schema.js';
import type { AdminScope } from '../../scope.js';
import { adminScope } from '../access/service.js';
import { customerParams } from '../customers/schema.js';
import * as service from './service.js';
import { transferAnswer, transferBody, transferPreviewAnswer, transferPreviewQuery } from './schema.js';

const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

/**
 * The caller's scope at the target location: one they administer with `customers`, in the organization
 * of the source. Anything else answers 404, as another organization's id in a body does.
 */
async function targetScope(deps: Deps, request: FastifyRequest, from: AdminScope, toLocationId: string): Promise<AdminScope> {
  // no permission asked here: a location without `customers` answers 404 below, not 403
  const to = await adminScope(deps, request, toLocationId);
  if (to.organizationId !== from.organizationId || !to.permissions.includes('customers')) throw notFound('Location not found');
  return to;
}

export function transferRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/customers/:customerId/transfer';
    app.post(
      base,
      {
        schema: {
          tags: ['customers'],
          summary: 'Transfer a customer to another location of the organization in one step',
          params: customerParams,
          body: transferBody,
          response: { 200: transferAnswer, ...errors },
        },
      },
      async (request) => {
        const from = await adminScope(deps, request, request.params.locationId, 'customers');
        const to = await targetScope(deps, request, from, request.body.toLocationId);
        return service.transfer(deps, from, to, request.params.customerId, request.body);
      },
    );
    app.get(
      `${base}/preview`,
      {
        schema: {
          tags: ['customers'],
          summary: 'What ending the personal subscriptions in a transfer would take away',
          params: customerParams,
          querystring: transferPreviewQuery,
          response: { 200: transferPreviewAnswer, ...errors },
        },
      },
      async (request) => {
        const from = await adminScope(deps, request, request.params.locationId, 'customers');
        return service.preview(deps, from, request.params.customerId, request.query.endSubscriptions);
      },
    );
  };
}
