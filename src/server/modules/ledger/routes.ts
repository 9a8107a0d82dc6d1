// HTTP edge of the ledger: balances, the ledger page and administrators' adjustments (billing permission).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, idempotencyHeaders, locationParams } from '../../lib/schema.js';
import { adminScope } from '../access/service.js';
import { adjustmentBody, balancesSchema, ledgerLineSchema, ledgerQuery, ownerQuery } from './schema.js';
import * as service from './service.js';

export function ledgerRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId';
    app.get(
      `${base}/balances`,
      {
        schema: {
          tags: ['ledger'],
          summary: 'Read the credit and day-pass balances of a customer or company',
          params: locationParams,
          querystring: ownerQuery,
          response: { 200: balancesSchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        const owner = await service.resolveOwner(deps, scope, request.query, { membersOnly: false });
        return service.balancesOf(deps, scope, owner);
      },
    );
    app.get(
      `${base}/ledger`,
      {
        schema: {
          tags: ['ledger'],
          operationId: 'listLedgerTransactions',
          summary: 'List the ledger transactions of a customer or company',
          params: locationParams,
          querystring: ledgerQuery,
          response: { 200: z.object({ items: z.array(ledgerLineSchema), nextCursor: z.string().nullable() }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        const owner = await service.resolveOwner(deps, scope, request.query, { membersOnly: false });
        return service.history(deps, scope, owner, request.query);
      },
    );
    app.post(
      `${base}/ledger/adjustments`,
      {
        schema: {
          tags: ['ledger'],
          summary: 'Add or remove credits or day passes by hand',
          params: locationParams,
          headers: idempotencyHeaders,
          body: adjustmentBody,
          response: { 201: z.object({ transaction: ledgerLineSchema }), 400: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        const { line } = await service.adjust(deps, scope, request.body, request.headers['idempotency-key']);
        // a replay answers as the first time did (design 6)
        return reply.status(201).send({ transaction: line });
      },
    );
  };
}
