// HTTP edge of subscriptions (billing permission): sell, list, change, cancel, and the offboarding preview.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { invoiceSchema } from '../invoices/schema.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { planSchema } from '../plans/schema.js';
import { adminScope, memberScope, requireActor } from '../access/service.js';
import {
  billingSummarySchema,
  createSubscriptionBody,
  listSubscriptionsQuery,
  offboardingQuery,
  offboardingSchema,
  portalPlanParams,
  signUpBody,
  subscriptionParams,
  subscriptionSchema,
  updateSubscriptionBody,
} from './schema.js';
import * as selfService from './self-service.js';
import * as service from './service.js';

export function subscriptionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/subscriptions';
    const one = z.object({ subscription: subscriptionSchema });
    app.get(
      base,
      {
        schema: {
          tags: ['subscriptions'],
          summary: 'List subscriptions',
          params: locationParams,
          querystring: listSubscriptionsQuery,
          response: { 200: z.object({ items: z.array(subscriptionSchema), nextCursor: z.string().nullable() }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return service.listSubscriptions(deps, scope, request.query);
      },
    );
    app.post(
      base,
      {
        schema: {
          tags: ['subscriptions'],
          summary: 'Subscribe a customer or company to a plan',
          params: locationParams,
          body: createSubscriptionBody,
          response: {
            // null when a sweep drafts it later
            201: z.object({ subscription: subscriptionSchema, invoice: invoiceSchema.nullable() }),
            400: errorSchema,
            404: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return reply.status(201).send(await service.createSubscription(deps, scope, request.body));
      },
    );
    app.patch(
      `${base}/:subscriptionId`,
      {
        schema: {
          tags: ['subscriptions'],
          summary: 'Change a subscription',
          params: subscriptionParams,
          body: updateSubscriptionBody,
          response: { 200: one, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return { subscription: await service.updateSubscription(deps, scope, request.params.subscriptionId, request.body) };
      },
    );
    app.post(
      `${base}/:subscriptionId/cancel`,
      {
        schema: {
          tags: ['subscriptions'],
          summary: 'End a subscription now or at the end of its period',
          params: subscriptionParams,
          response: { 200: one, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return { subscription: await service.cancelSubscription(deps, scope, request.params.subscriptionId) };
      },
    );
    app.get(
      `${base}/:subscriptionId/offboarding`,
      {
        schema: {
          tags: ['subscriptions'],
          summary: 'Preview what ending a subscription ends',
          params: subscriptionParams,
          querystring: offboardingQuery,
          response: { 200: offboardingSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        return service.offboarding(deps, scope, request.params.subscriptionId, request.query.endDate);
      },
    );

    // the portal and the public site
    const plansAnswer = { 200: z.object({ items: z.array(planSchema) }), 404: errorSchema };
    app.get(
      '/api/v1/portal/locations/:locationId/plans',
      { schema: { tags: ['portal'], summary: 'List the plans the caller may see', params: locationParams, response: plansAnswer } },
      async (request) => ({
        items: await selfService.visiblePlans(deps, requireActor(request).userId, request.params.locationId),
      }),
    );
    app.get(
      '/api/v1/public/locations/:locationId/plans',
      { schema: { tags: ['public'], security: [], summary: "List a location's public plans", params: locationParams, response: plansAnswer } },
      async (request) => ({
        items: await selfService.visiblePlans(deps, null, request.params.locationId),
      }),
    );
    app.post(
      '/api/v1/portal/locations/:locationId/plans/:planId/sign-up',
      {
        // signed out is 401 before any body is read
        preValidation: async (request) => {
          requireActor(request);
        },
        schema: {
          tags: ['portal'],
          summary: 'Subscribe the caller to a plan',
          params: portalPlanParams,
          body: signUpBody,
          response: {
            201: z.object({ subscription: subscriptionSchema, invoice: invoiceSchema.nullable(), checkoutUrl: z.string().nullable() }),
            400: errorSchema,
            404: errorSchema,
            409: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await selfService.signUp(deps, requireActor(request).userId, request.params.locationId, request.params.planId, request.body)),
    );
    app.get(
      '/api/v1/portal/locations/:locationId/billing',
      {
        schema: {
          tags: ['portal'],
          summary: "Read the caller's billing summary",
          params: locationParams,
          response: { 200: billingSummarySchema, 404: errorSchema },
        },
      },
      async (request) => selfService.billingSummary(deps, await memberScope(deps, request, request.params.locationId)),
    );
  };
}
