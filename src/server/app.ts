// buildApp: the Fastify server with the edge (errors, security headers, cookies, rate limits,
// OpenAPI, sessions, input checks) and the routes of every module listed in modules/index.ts.
import fastifyCompress from '@fastify/compress';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { API } from './api-docs.js';
import { fastifyTrustProxy } from './config.js';
import type { Deps } from './deps.js';
import { registerSessions } from './modules/access/service.js';
import { registerErrorHandling } from './http/errors.js';
import { registerInputChecks } from './http/input.js';
import { registerRequestLog, requestId } from './http/request-log.js';
import { swaggerOptions } from './http/openapi.js';
import { answerSerializerCompiler } from './http/serializer.js';
import { registerWeb } from './http/web.js';
import { modules } from './modules/index.js';

export const BODY_LIMIT = 1024 * 1024;

export interface BuildOptions {
  /** serve the built web apps (off in API tests) */
  web?: boolean;
  /** where the built web apps are (tests) */
  webDir?: string;
  /** also check every answer with zod against its schema, and that the compiled serializer wrote the same (tests) */
  checkAnswers?: boolean;
}

/**
 * Brotli or gzip when the client asks, above 1 KB, for compressible types only (JSON, CSV, HTML,
 * scripts; not PDFs, images or office files, which are compressed already); partial content (206)
 * is never compressed. The plugin's Brotli quality is kept low for answers built per request.
 */
export const COMPRESSION = { global: true, encodings: ['br', 'gzip'] as ('br' | 'gzip')[], threshold: 1024 };

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  // the camera for the admin's QR check-in at the door (same origin only)
  'permissions-policy': 'camera=(self), microphone=(), geolocation=()',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export async function buildApp(deps: Deps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // one line per request of our own (http/request-log.ts): Fastify's two lines log the full URL, tokens included
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(answerSerializerCompiler({ check: opts.checkAnswers }));
  registerErrorHandling(app);
  registerRequestLog(app);

  app.addHook('onSend', async (request, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    if (!request.url.startsWith('/api/docs')) reply.header('content-security-policy', CSP);
    if (deps.config.secureCookies) reply.header('strict-transport-security', 'max-age=15552000; includeSubDomains');
  });

  // before every route: it wraps the answers of the routes registered after it (API answers, CSV exports, the web apps)
  await app.register(fastifyCompress, COMPRESSION);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyMultipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(fastifySwagger, swaggerOptions(API, deps.config.publicUrl));
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerSessions(app, deps);
  registerInputChecks(app);
  for (const m of modules) if (m.routes) await app.register(m.routes(deps));
  if (opts.web !== false) await registerWeb(app, opts.webDir);
  return app;
}
