// HTTP edge of attachments: multipart upload, download as attachment, delete.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { adminScope } from '../access/service.js';
import { AppError } from '../../errors.js';
import { errorSchema, noContent } from '../../lib/schema.js';
import { customerParams } from '../customers/schema.js';
import { attachmentParams, attachmentSchema } from './schema.js';
import * as service from './service.js';

export function attachmentRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/customers/:customerId/attachments';
    app.get(
      base,
      {
        schema: {
          tags: ['attachments'],
          summary: "List a customer's attachments",
          params: customerParams,
          response: { 200: z.object({ items: z.array(attachmentSchema) }), 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return { items: await service.list(deps, scope, request.params.customerId) };
      },
    );

    app.post(
      base,
      {
        bodyLimit: service.MAX_ATTACHMENT_BYTES + 64 * 1024,
        schema: {
          tags: ['attachments'],
          summary: 'Upload a file (multipart field "file", up to 10 MB)',
          params: customerParams,
          response: { 201: z.object({ attachment: attachmentSchema }), 400: errorSchema, 404: errorSchema, 413: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        if (!request.isMultipart()) throw new AppError('bad_request', 'Send the file as multipart/form-data in a field named "file"');
        const part = await request.file({ limits: { fileSize: service.MAX_ATTACHMENT_BYTES, files: 1 } });
        if (!part) throw new AppError('bad_request', 'No file was sent', [{ path: 'file', message: 'Required' }]);
        const data = await part.toBuffer().catch((err: { code?: string }) => {
          if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'The file is larger than 10 MB');
          throw err;
        });
        if (part.file.truncated) throw new AppError('payload_too_large', 'The file is larger than 10 MB');
        const attachment = await service.upload(deps, scope, request.params.customerId, { filename: part.filename, data });
        return reply.status(201).send({ attachment });
      },
    );

    app.get(
      `${base}/:attachmentId/download`,
      {
        schema: {
          tags: ['attachments'],
          operationId: 'downloadCustomerAttachment',
          summary: 'Download (administrators of the location only)',
          params: attachmentParams,
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        const f = await service.open(deps, scope, request.params.customerId, request.params.attachmentId);
        const ascii = f.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
        return reply
          .header('content-type', f.contentType)
          .header('content-length', f.size)
          .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
          .header('cache-control', 'private, no-store')
          .send(f.stream);
      },
    );

    app.delete(
      `${base}/:attachmentId`,
      { schema: { tags: ['attachments'], summary: 'Delete an attachment', response: { 204: noContent }, params: attachmentParams } },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await service.remove(deps, scope, request.params.customerId, request.params.attachmentId);
        return reply.status(204).send(null);
      },
    );
  };
}
