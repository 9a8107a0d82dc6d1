// GET /health (liveness: the process answers) and GET /health/ready (readiness: the database
// answers and every migration this code knows is applied) for load balancers and uptime checks.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { readiness } from './service.js';

const checks = z.object({
  database: z.enum(['ok', 'unreachable', 'timeout']).describe('whether the database answered a trivial query within 2 seconds'),
  migrations: z
    .enum(['ok', 'pending', 'unknown'])
    .describe('ok when every migration this version knows is applied; unknown while the database does not answer'),
});
const readyAnswer = z.object({ status: z.enum(['ready', 'unavailable']), checks, pendingMigrations: z.number().int() });

export function healthRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/health',
      { schema: { tags: ['health'], security: [], summary: 'Check that the server is up', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({
        status: 'ok' as const,
      }),
    );
    app.get(
      '/api/v1/health/ready',
      {
        schema: {
          tags: ['health'],
          security: [],
          summary: 'Check that the server can serve requests',
          description:
            'Answers 200 when the database answers within 2 seconds and every migration of this version is applied, 503 otherwise with the check that failed. For load balancers and container health checks; liveness is GET /api/v1/health.',
          response: { 200: readyAnswer, 503: readyAnswer },
        },
      },
      async (_request, reply) => {
        const answer = await readiness(deps);
        return reply.status(answer.status === 'ready' ? 200 : 503).send(answer);
      },
    );
  };
}
