// HTTP edge of benefits: the administrator's perks and applications inbox (benefits permission), and the portal's
// perks a person may see, applying, and their own applications.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { adminScope, requireActor } from '../access/service.js';
import {
  applicationParams,
  applicationSchema,
  applyBody,
  benefitParams,
  benefitSchema,
  createBenefitBody,
  decideBody,
  listApplicationsQuery,
  listBenefitsQuery,
  updateBenefitBody,
} from './schema.js';
import * as service from './service.js';

const benefitPage = z.object({ items: z.array(benefitSchema), nextCursor: z.string().nullable() });
const applicationPage = z.object({ items: z.array(applicationSchema), nextCursor: z.string().nullable() });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

export function benefitRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/benefits';
    app.get(
      base,
      {
        schema: {
          tags: ['benefits'],
          summary: "List the location's perks",
          params: locationParams,
          querystring: listBenefitsQuery,
          response: { 200: benefitPage, ...errors },
        },
      },
      async (request) => service.listBenefits(deps, await adminScope(deps, request, request.params.locationId, 'benefits'), request.query),
    );
    app.post(
      base,
      {
        schema: {
          tags: ['benefits'],
          summary: 'Create a perk',
          params: locationParams,
          body: createBenefitBody,
          response: { 201: z.object({ benefit: benefitSchema }), ...errors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'benefits');
        return reply.status(201).send({ benefit: await service.createBenefit(deps, scope, request.body) });
      },
    );
    app.patch(
      `${base}/:benefitId`,
      {
        schema: {
          tags: ['benefits'],
          summary: 'Change a perk',
          params: benefitParams,
          body: updateBenefitBody,
          response: { 200: z.object({ benefit: benefitSchema }), ...errors },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'benefits');
        return { benefit: await service.updateBenefit(deps, scope, request.params.benefitId, request.body) };
      },
    );
    app.get(
      '/api/v1/locations/:locationId/benefit-applications',
      {
        schema: {
          tags: ['benefits'],
          summary: 'List applications for perks',
          params: locationParams,
          querystring: listApplicationsQuery,
          response: { 200: applicationPage, ...errors },
        },
      },
      async (request) => service.listApplications(deps, await adminScope(deps, request, request.params.locationId, 'benefits'), request.query),
    );
    app.patch(
      '/api/v1/locations/:locationId/benefit-applications/:applicationId',
      {
        schema: {
          tags: ['benefits'],
          summary: 'Approve or decline an application for a perk',
          params: applicationParams,
          body: decideBody,
          description: '409 `invalid_transition` unless the application is new.',
          response: { 200: z.object({ application: applicationSchema }), ...errors },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'benefits');
        return { application: await service.decide(deps, scope, request.params.applicationId, request.body) };
      },
    );

    const portal = '/api/v1/portal/locations/:locationId';
    app.get(
      `${portal}/benefits`,
      {
        schema: {
          tags: ['portal'],
          summary: 'List the perks the caller may see',
          params: locationParams,
          querystring: listBenefitsQuery,
          response: { 200: benefitPage, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const userId = requireActor(request).userId;
        return service.visibleBenefits(deps, userId, await service.portalLocation(deps, request.params.locationId), request.query);
      },
    );
    app.post(
      `${portal}/benefits/:benefitId/applications`,
      {
        preValidation: async (request) => {
          requireActor(request);
        },
        schema: {
          tags: ['portal'],
          summary: 'Apply for a perk',
          params: benefitParams,
          body: applyBody,
          description: '409 `applications_closed` while applications are off; 409 `already_applied` for a benefit allowed once.',
          response: { 201: z.object({ application: applicationSchema }), ...errors },
        },
      },
      async (request, reply) => {
        const userId = requireActor(request).userId;
        const location = await service.portalLocation(deps, request.params.locationId);
        const application = await service.apply(deps, userId, location, request.params.benefitId, request.body?.message ?? '');
        return reply.status(201).send({ application });
      },
    );
    app.get(
      `${portal}/benefit-applications`,
      {
        schema: {
          tags: ['portal'],
          summary: "List the caller's applications for perks",
          params: locationParams,
          querystring: listBenefitsQuery,
          response: { 200: applicationPage, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const userId = requireActor(request).userId;
        return service.myApplications(deps, userId, await service.portalLocation(deps, request.params.locationId), request.query);
      },
    );
  };
}
