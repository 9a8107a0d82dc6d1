// One log line per request (request id, method, path, status, time) and the request id sent back
// in `x-request-id`. Never a header, a cookie or a body; the path without secrets: sign-in and
// activation links carry their token in the path, the setup link and some exports in the query.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** An incoming id a proxy or a client chose: kept when it is short and plain, so it cannot forge log lines. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function requestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Path segments whose next segment is a secret: /link/<token>, /admin/link/<token>, /activate/<token>. */
const SECRET_AFTER = new Set(['link', 'activate']);
/** Query parameters whose values are kept: harmless words and ids the pages and lists use; every other value is hidden. */
const KEPT_QUERY = new Set([
  'locationId',
  'organizationId',
  'customerId',
  'companyId',
  'resourceId',
  'planId',
  'status',
  'tab',
  'page',
  'limit',
  'cursor',
  'sort',
  'order',
  'from',
  'to',
  'at',
  'day',
  'date',
  'lang',
  'format',
  'kind',
]);

/** The path and query of a URL as logged: secret path segments and unknown query values replaced by `*`. */
export function loggablePath(url: string): string {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  const segments = pathname.split('/');
  for (let i = 1; i < segments.length; i++) if (SECRET_AFTER.has(segments[i - 1]) && segments[i]) segments[i] = '*';
  const path = segments.join('/');
  if (q === -1) return path;
  const params = new URLSearchParams(url.slice(q + 1));
  const shown = [...params].map(([k, v]) => `${encodeURIComponent(k)}=${KEPT_QUERY.has(k) ? encodeURIComponent(v) : '*'}`);
  return shown.length ? `${path}?${shown.join('&')}` : path;
}

export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ method: request.method, path: loggablePath(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });
}
