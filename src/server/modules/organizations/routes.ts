// HTTP edge of organization settings (owner only: anyone else, including another organization's owner and the
// organization's own administrators, gets 404), the logos (upload and remove), and the logos served publicly.
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { errorSchema, noContent } from '../../lib/schema.js';
import { adminScope, ownerScope, requireActor } from '../access/service.js';
import { locationSchema } from '../locations/schema.js';
import { publicReadRateLimit } from '../../http/rate-limits.js';
import { logoTooLarge } from './brand.js';
import { locationLogoParams, logoQuery, MAX_LOGO_BYTES, organizationParams, organizationSchema, publicBrandSchema, updateOrganizationBody } from './schema.js';
import * as service from './service.js';

/** The uploaded logo's bytes (multipart field "file"); too large answers 413 `logo_too_large`. */
async function logoUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('bad_request', 'Send the logo as multipart/form-data in a field named "file"');
  const part: MultipartFile | undefined = await request.file({ limits: { fileSize: MAX_LOGO_BYTES, files: 1 } });
  if (!part) throw new AppError('bad_request', 'No file was sent', [{ path: 'file', message: 'Required' }]);
  const data = await part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw logoTooLarge();
    throw err;
  });
  if (part.file.truncated) throw logoTooLarge();
  return data;
}

/** An image for anyone: its type, no sniffing, and cached for good when the URL names the current version. */
function sendLogo(reply: FastifyReply, logo: service.LogoFile | null, version: string | undefined) {
  if (!logo) throw notFound('No logo');
  return reply
    .header('content-type', logo.type)
    .header('content-length', logo.data.length)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'")
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('etag', `"${logo.id}"`)
    .header('cache-control', version === logo.id ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
    .send(logo.data);
}

const uploadLimit = MAX_LOGO_BYTES + 64 * 1024;

export function organizationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/organizations/:organizationId';
    const owner = (request: FastifyRequest, organizationId: string) => ownerScope(deps, requireActor(request).userId, organizationId);

    app.get(
      base,
      {
        schema: {
          tags: ['organizations'],
          summary: "Read the organization's settings (owner)",
          params: organizationParams,
          response: { 200: z.object({ organization: organizationSchema }), 401: errorSchema, 404: errorSchema },
        },
      },
      async (request) => ({ organization: await service.getOrganization(deps, await owner(request, request.params.organizationId)) }),
    );

    app.patch(
      base,
      {
        schema: {
          tags: ['organizations'],
          summary: "Change the organization's name, accent colour, support email or default language (owner)",
          params: organizationParams,
          body: updateOrganizationBody,
          response: { 200: z.object({ organization: organizationSchema }), 400: errorSchema, 401: errorSchema, 404: errorSchema },
        },
      },
      async (request) => ({ organization: await service.updateOrganization(deps, await owner(request, request.params.organizationId), request.body) }),
    );

    app.post(
      `${base}/logo`,
      {
        bodyLimit: uploadLimit,
        schema: {
          tags: ['organizations'],
          summary: 'Upload the logo: a PNG, JPEG or WebP image up to 2 MB (multipart field "file"; owner)',
          params: organizationParams,
          response: {
            200: z.object({ organization: organizationSchema }),
            400: errorSchema,
            401: errorSchema,
            404: errorSchema,
            413: errorSchema.describe('`logo_too_large`'),
            422: errorSchema.describe('`logo_not_image`: not a PNG, JPEG or WebP image'),
          },
        },
      },
      async (request) => {
        const scope = await owner(request, request.params.organizationId);
        return { organization: await service.uploadOrganizationLogo(deps, scope, await logoUpload(request)) };
      },
    );

    app.delete(
      `${base}/logo`,
      {
        schema: {
          tags: ['organizations'],
          summary: 'Remove the logo (owner)',
          params: organizationParams,
          response: { 204: noContent, 401: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        await service.removeOrganizationLogo(deps, await owner(request, request.params.organizationId));
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/v1/locations/:locationId/logo',
      {
        bodyLimit: uploadLimit,
        schema: {
          tags: ['organizations'],
          summary: "Upload the location's own logo, shown there instead of the organization's (settings permission)",
          params: locationLogoParams,
          response: {
            200: z.object({ location: locationSchema }),
            400: errorSchema,
            401: errorSchema,
            403: errorSchema,
            404: errorSchema,
            413: errorSchema.describe('`logo_too_large`'),
            422: errorSchema.describe('`logo_not_image`: not a PNG, JPEG or WebP image'),
          },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'settings');
        return { location: await service.uploadLocationLogo(deps, scope, await logoUpload(request)) };
      },
    );

    app.delete(
      '/api/v1/locations/:locationId/logo',
      {
        schema: {
          tags: ['organizations'],
          summary: "Remove the location's own logo: the organization's shows again (settings permission)",
          params: locationLogoParams,
          response: { 204: noContent, 401: errorSchema, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        await service.removeLocationLogo(deps, await adminScope(deps, request, request.params.locationId, 'settings'));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/public/organizations/:organizationId/logo',
      {
        schema: {
          tags: ['organizations'],
          security: [],
          operationId: 'getOrganizationLogo',
          summary: "The organization's logo image, for anyone (emails, sign-in pages); 404 without one",
          params: organizationParams,
          querystring: logoQuery,
        },
      },
      async (request, reply) => sendLogo(reply, await service.organizationLogo(deps, request.params.organizationId), request.query.v),
    );

    app.get(
      '/api/v1/public/organizations/:organizationId/brand',
      {
        config: publicReadRateLimit,
        schema: {
          tags: ['organizations'],
          security: [],
          operationId: 'getOrganizationBrand',
          summary: "The organization's name, logo and accent colour, for anyone: the sign-in page of a link that names it (`/sign-in?o=<id>`)",
          params: organizationParams,
          response: { 200: publicBrandSchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => service.publicBrand(deps.db, request.params.organizationId),
    );

    app.get(
      '/api/v1/public/locations/:locationId/logo',
      {
        schema: {
          tags: ['organizations'],
          security: [],
          operationId: 'getLocationLogo',
          summary: "A location's logo image for anyone: its own, else its organization's; 404 without one",
          params: locationLogoParams,
          querystring: logoQuery,
        },
      },
      async (request, reply) => sendLogo(reply, await service.locationLogo(deps, request.params.locationId), request.query.v),
    );
  };
}
