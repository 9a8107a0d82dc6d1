// HTTP edge of the purchase history: a customer's profile and a company's page (customers permission, like the profile).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { errorSchema } from '../../lib/schema.js';
import { adminScope } from '../access/service.js';
import { companyPurchasesParams, customerPurchasesParams, purchasesPage, purchasesQuery } from './schema.js';
import { purchaseHistory } from './service.js';

const answers = { 200: purchasesPage, 400: errorSchema, 403: errorSchema, 404: errorSchema };

export function purchaseHistoryRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/locations/:locationId/customers/:customerId/purchases',
      {
        schema: {
          tags: ['customers'],
          summary: "List a customer's purchases",
          params: customerPurchasesParams,
          querystring: purchasesQuery,
          response: answers,
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return purchaseHistory(deps, scope, { customerId: request.params.customerId }, request.query);
      },
    );
    app.get(
      '/api/v1/locations/:locationId/companies/:companyId/purchases',
      {
        schema: { tags: ['companies'], summary: "List a company's purchases", params: companyPurchasesParams, querystring: purchasesQuery, response: answers },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return purchaseHistory(deps, scope, { companyId: request.params.companyId }, request.query);
      },
    );
  };
}
