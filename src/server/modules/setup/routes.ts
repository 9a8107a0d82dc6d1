// HTTP edge of first-run setup.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.js';
import { setSessionCookie } from '../../http/session.js';
import { errorSchema } from '../../lib/schema.js';
import { authRateLimit } from '../../http/rate-limits.js';
import { signedInAnswer } from '../auth/schema.js';
import { toUserDto } from '../users/service.js';
import { setupBody, setupStatusAnswer } from './schema.js';
import * as service from './service.js';

export function setupRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/setup',
      { schema: { tags: ['setup'], security: [], summary: 'Whether first-run setup is still needed', response: { 200: setupStatusAnswer } } },
      async () => ({
        needed: await service.isSetupNeeded(deps),
      }),
    );

    app.post(
      '/api/v1/setup',
      {
        config: authRateLimit,
        schema: {
          tags: ['setup'],
          security: [],
          summary: 'Create the organization, first location and owner',
          body: setupBody,
          response: { 201: signedInAnswer, 403: errorSchema, 409: errorSchema },
        },
      },
      async (request, reply) => {
        const { token, ...input } = request.body;
        const { user, session } = await service.completeSetup(deps, token, input);
        setSessionCookie(deps, reply, session);
        return reply.status(201).send({ user: toUserDto(user) });
      },
    );
  };
}
