// GET /health for load balancers and uptime checks.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export function healthRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/health',
      { schema: { tags: ['health'], security: [], summary: 'Check that the server is up', response: { 200: z.object({ status: z.literal('ok') }) } } },
      async () => ({
        status: 'ok' as const,
      }),
    );
  };
}
