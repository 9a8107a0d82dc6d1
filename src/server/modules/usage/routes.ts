// HTTP edge of the usage report: the owner and organization-wide administrators with `analytics`
// (403 for the organization's other administrators, 404 for anyone else).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { errorSchema } from '../../lib/schema.js';
import { organizationScope } from '../access/service.js';
import { usageAnswer, usageMonthsAnswer, usageMonthsQuery, usageQuery, usageUsersAnswer, usageUsersQuery } from './schema.js';
import * as service from './service.js';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export function usageRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/usage',
      {
        schema: {
          tags: ['usage'],
          summary: 'Active users of a month, per location and in total (each person once)',
          querystring: usageQuery,
          response: { 200: usageAnswer, ...errors },
        },
      },
      async (request) => service.usage(deps, await organizationScope(deps, request, request.query.organizationId, 'analytics'), request.query.month),
    );
    app.get(
      '/api/v1/usage/users',
      {
        schema: {
          tags: ['usage'],
          summary: 'The people counted as active users in a month, with their reasons',
          querystring: usageUsersQuery,
          response: { 200: usageUsersAnswer, ...errors },
        },
      },
      async (request) => {
        const scope = await organizationScope(deps, request, request.query.organizationId, 'analytics');
        // a location of another organization finds nobody: the query filters by this organization first
        return service.usageUsers(deps, scope, request.query);
      },
    );
    app.get(
      '/api/v1/usage/months',
      {
        schema: {
          tags: ['usage'],
          summary: 'Active users month by month (at most 24 months), for the usage chart',
          querystring: usageMonthsQuery,
          response: { 200: usageMonthsAnswer, ...errors },
        },
      },
      async (request) => service.usageMonths(deps, await organizationScope(deps, request, request.query.organizationId, 'analytics'), request.query),
    );
  };
}
