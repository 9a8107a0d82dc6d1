// HTTP edge of the Users page: the owner and organization-wide administrators with `customers`
// (403 for the organization's other administrators, 404 for anyone else).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { errorSchema } from '../../lib/schema.js';
import { organizationScope } from '../access/service.js';
import { listUsersQuery, usersPage } from './schema.js';
import * as service from './service.js';

export function peopleRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/users',
      {
        schema: {
          tags: ['users'],
          summary: "List the organization's users: every account with a record or a role there",
          querystring: listUsersQuery,
          response: { 200: usersPage, 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => service.listUsers(deps, await organizationScope(deps, request, request.query.organizationId, 'customers'), request.query),
    );
  };
}
