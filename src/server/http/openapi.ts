// The OpenAPI document's generic parts, the same for every route so that a new route needs only its
// own `summary` and `tags`: security schemes (session cookie, API key) and who needs them, an
// operationId from method and path, the error answers as shared components, and no web route.
import type { FastifyDynamicSwaggerOptions, SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorSchema } from '../lib/schema.js';
import { SESSION_COOKIE } from './session.js';

export interface ApiTag {
  name: string;
  description: string;
}

export interface ApiDescription {
  title: string;
  version: string;
  description: string;
  license: { name: string; url: string };
  /** every tag a route may use, with what it groups, in the order the docs show them */
  tags: ApiTag[];
}

/** The error answers every route may give, each a shared response of the `Error` schema. */
export const ERROR_RESPONSES = {
  400: { name: 'BadRequest', description: 'The request is malformed or a field is invalid; `details` names the fields.' },
  401: { name: 'Unauthorized', description: 'Not signed in, or the API key is unknown or revoked.' },
  403: {
    name: 'Forbidden',
    description: 'The caller may not do this (a permission is missing, an owner-only route), or a cookie request came from another origin.',
  },
  404: {
    name: 'NotFound',
    description: "Not found, or not visible to the caller: another organization's or location's ids answer 404 and reveal nothing.",
  },
  409: { name: 'Conflict', description: 'The current state does not allow it; `reason` says why (a stable snake_case word).' },
  413: { name: 'PayloadTooLarge', description: 'The request body is too large.' },
  422: { name: 'Unprocessable', description: 'A rule refuses it; `reason` says which (a stable snake_case word).' },
  429: { name: 'TooManyRequests', description: 'Too many requests: wait a little and try again.' },
} as const;
type ErrorStatus = keyof typeof ERROR_RESPONSES;

const SUCCESS: Record<string, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

/** Where this document keeps, on each operation, the error statuses the route may answer besides those it declares. */
const ERRORS_KEY = 'x-atrium-errors';

const COOKIE_AUTH = 'cookieAuth';
const BEARER_AUTH = 'bearerAuth';
const SIGNED_IN: Record<string, string[]>[] = [{ [COOKIE_AUTH]: [] }, { [BEARER_AUTH]: [] }];
/** The portal is a person's own: an API key acts as an administrator, never as a member. */
const PERSON_ONLY: Record<string, string[]>[] = [{ [COOKIE_AUTH]: [] }];

/** The swagger options: the document's head, and the per-route and whole-document transforms below. */
export function swaggerOptions(api: ApiDescription, publicUrl: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: { title: api.title, version: api.version, description: api.description, license: api.license },
      // links and docs come from the configured public URL, never from a request's Host header
      servers: [{ url: publicUrl.replace(/\/+$/, ''), description: 'This installation' }],
      tags: api.tags,
      security: SIGNED_IN,
      components: {
        securitySchemes: {
          [COOKIE_AUTH]: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'The session cookie set by sign-in (web apps). A state-changing request with it must send an `Origin` equal to the public URL.',
          },
          [BEARER_AUTH]: {
            type: 'http',
            scheme: 'bearer',
            description:
              "An API key (`atr_...`) created by the owner under Settings > API keys: acts as an administrator with the key's permissions and location. 600 requests a minute.",
          },
        },
      },
    },
    transform: routeTransform,
    transformObject: documentTransform,
  };
}

/** Per route: the zod schemas as JSON Schema, web routes hidden, and the generic operationId, security and errors. */
export const routeTransform: SwaggerTransform = (input) => {
  const method = (Array.isArray(input.route.method) ? input.route.method[0] : input.route.method).toUpperCase();
  // the web apps (catch-all, static files) are not the API; /api/docs hides its own routes
  if (!input.url.startsWith('/api/v1/')) return { schema: { hide: true }, url: input.url };
  const out = jsonSchemaTransform(input as Parameters<typeof jsonSchemaTransform>[0]);
  if ((out.schema as { hide?: boolean } | undefined)?.hide) return out;
  const schema = { ...out.schema } as Record<string, unknown>;
  schema.operationId ??= operationIdOf(method, input.url);
  if (!schema.security && input.url.startsWith('/api/v1/portal/')) schema.security = PERSON_ONLY;
  const secured = !Array.isArray(schema.security) || schema.security.length > 0;
  const errors = new Set<ErrorStatus>();
  const hasParams = input.url.includes('/:');
  // malformed JSON answers 400 on any route that takes a body, declared or not
  if (schema.params || schema.querystring || schema.body || schema.headers || ['POST', 'PUT', 'PATCH'].includes(method)) errors.add(400);
  if (schema.body) errors.add(413);
  if (secured) {
    errors.add(401);
    errors.add(403);
    // another organization's ids, in the path or in a body, answer 404
    if (hasParams || schema.body) errors.add(404);
    // API keys are rate-limited on every route they may call
    errors.add(429);
  } else if (hasParams) errors.add(404);
  if ((input.route.config as { rateLimit?: unknown } | undefined)?.rateLimit) errors.add(429);
  schema[ERRORS_KEY] = [...errors];
  return { schema, url: input.url };
};

/** The whole document: the `Error` schema and its responses, every error answer pointing at them, and tidy schemas. */
export const documentTransform: SwaggerTransformObject = (input) => {
  const doc = (input as { openapiObject: unknown }).openapiObject as OpenApiDocument;
  const used = new Set<ErrorStatus>();
  const tags = new Set((doc.tags ?? []).map((t) => t.name));
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const extra = (op[ERRORS_KEY] ?? []) as ErrorStatus[];
      delete op[ERRORS_KEY];
      const responses = op.responses as Record<string, { description?: string; content?: unknown; $ref?: string }>;
      for (const [status, response] of Object.entries(responses)) {
        if (response.description === 'Default Response') response.description = SUCCESS[status] ?? 'Answer';
        // a 204 has no body
        if (status === '204') delete response.content;
      }
      for (const status of Object.keys(ERROR_RESPONSES).map(Number) as ErrorStatus[]) {
        const declared = responses[status] as unknown as { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> } | undefined;
        // a route that answers its own shape for an error status keeps it
        if (declared && !declared.content?.['application/json']?.schema?.properties?.error) continue;
        if (!declared && !extra.includes(status)) continue;
        responses[status] = { $ref: `#/components/responses/${ERROR_RESPONSES[status].name}` };
        used.add(status);
      }
      for (const tag of (op.tags ?? []) as string[]) {
        // a tag missing from the list still shows; the lint warns that it has no description
        if (!tags.has(tag)) {
          tags.add(tag);
          doc.tags = [...(doc.tags ?? []), { name: tag }];
        }
      }
    }
  }
  // the list's order, without the tags no route uses (a part of the API this installation does not run)
  const usedTags = new Set(Object.values(doc.paths ?? {}).flatMap((item) => Object.values(item).flatMap((op) => (op?.tags ?? []) as string[])));
  doc.tags = (doc.tags ?? []).filter((t) => usedTags.has(t.name));
  doc.components = doc.components ?? {};
  const components = doc.components;
  components.schemas = { ...components.schemas, Error: errorJsonSchema() };
  components.responses = {
    ...components.responses,
    ...Object.fromEntries(
      [...used]
        .sort()
        .map((s) => [
          ERROR_RESPONSES[s].name,
          { description: ERROR_RESPONSES[s].description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ]),
    ),
  };
  tidySchemas(doc.paths);
  return doc as ReturnType<SwaggerTransformObject>;
};

interface OpenApiDocument {
  tags?: { name: string; description?: string }[];
  paths?: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
}

/** The `Error` component, from the zod schema errors.ts answers with. */
function errorJsonSchema(): unknown {
  const json = z.toJSONSchema(errorSchema, { target: 'openapi-3.0', io: 'output' }) as Record<string, unknown>;
  delete json.$schema;
  return {
    ...json,
    description:
      'Every error answer: `code` (bad_request, unauthorized, forbidden, not_found, conflict, unprocessable, too_many_requests, payload_too_large, internal), a `message` for people, `reason` (409 and 422) and `details` (the failing fields of a 400).',
  };
}

/**
 * A stable camelCase operationId from method and path: `GET /api/v1/locations/:locationId/customers` is
 * `listCustomers`, `POST .../invoices/:invoiceId/void` is `voidInvoice`. A route may give its own.
 */
export function operationIdOf(method: string, url: string): string {
  const segments = url
    .replace(/^\/api\/v1\//, '')
    .split('/')
    .filter(Boolean);
  // `locations/:locationId/...` is the scope of most routes, not a word of their name
  const path: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    if (segments[i] === 'locations' && isParam(segments[i + 1]) && i + 2 < segments.length) i++;
    else path.push(segments[i]);
  }
  const last = path[path.length - 1];
  const words: string[] = [];
  path.forEach((segment, i) => {
    if (isParam(segment)) return;
    words.push(isParam(path[i + 1]) ? singular(segment) : segment);
  });
  let verb: string;
  if (isParam(last)) verb = { GET: 'get', PATCH: 'update', PUT: 'replace', DELETE: 'delete', POST: 'post' }[method] ?? method.toLowerCase();
  else if (method === 'GET') verb = isPlural(last) ? 'list' : 'get';
  else if (method === 'POST' && isPlural(last)) {
    verb = 'create';
    words[words.length - 1] = singular(last);
  } else if (method === 'POST' && path.length > 0) {
    // an action on what comes before it: restore, issue, void, cancel, check-in...
    verb = words.pop() as string;
  } else verb = { PATCH: 'update', PUT: 'replace', DELETE: 'delete' }[method] ?? method.toLowerCase();
  const camel = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const parts = [...camel(verb), ...words.flatMap(camel)];
  return parts.map((p, i) => (i === 0 ? p.toLowerCase() : p[0].toUpperCase() + p.slice(1))).join('') || method.toLowerCase();
}

const isParam = (segment: string | undefined) => segment !== undefined && (segment.startsWith(':') || segment.includes('{'));
const isPlural = (word: string) => word === 'people' || (/s$/.test(word) && !/ss$/.test(word));
function singular(word: string): string {
  if (word === 'people') return 'person';
  if (/ies$/.test(word)) return word.replace(/ies$/, 'y');
  if (/(ss|x|ch|sh)es$/.test(word)) return word.replace(/es$/, '');
  return isPlural(word) ? word.replace(/s$/, '') : word;
}

/**
 * What zod's OpenAPI 3.0 output leaves untidy: a tuple's identical `anyOf` members (3.0 has no
 * prefixItems), and `nullable` beside an `anyOf` without a `type` (moved into each member).
 */
function tidySchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) tidySchemas(n);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const list = o[key];
    if (!Array.isArray(list)) continue;
    const first = JSON.stringify(list[0]);
    if (list.length > 1 && list.every((m) => JSON.stringify(m) === first)) {
      delete o[key];
      Object.assign(o, list[0]);
    } else if (o.nullable === true && o.type === undefined) {
      delete o.nullable;
      for (const m of list as Record<string, unknown>[]) {
        if (m.type === undefined) continue;
        m.nullable = true;
        if (Array.isArray(m.enum) && !m.enum.includes(null)) m.enum = [...m.enum, null];
      }
    }
  }
  for (const v of Object.values(o)) tidySchemas(v);
}
