// HTTP edge of invoices: the administrator's (billing permission) and the portal's (the caller's
// own invoices and, for company managers, the company's; never drafts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { errorSchema, idempotencyHeaders, locationParams, noContent } from '../../lib/schema.js';
import { adminScope, customerScope } from '../access/service.js';
import * as payments from './payments.js';
import { invoicePdf, portalInvoicePdf } from './pdf-service.js';
import { createInvoiceBody, invoiceParams, invoiceSchema, listInvoicesQuery, paymentBody, paymentParams, paymentSchema, updateInvoiceBody } from './schema.js';
import * as service from './service.js';

const invoiceAnswer = z.object({ invoice: invoiceSchema });
const errors = { 400: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };
const pageQuery = z.object({ cursor: z.string().max(500).optional(), limit: z.coerce.number().int().min(1).max(100).default(50) });

export function invoiceRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/invoices';
    const admin = (request: Parameters<typeof adminScope>[1], locationId: string) => adminScope(deps, request, locationId, 'billing');

    app.get(
      base,
      {
        schema: {
          tags: ['invoices'],
          summary: 'List invoices',
          params: locationParams,
          querystring: listInvoicesQuery,
          response: { 200: z.object({ items: z.array(invoiceSchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (request) => service.listInvoices(deps, await admin(request, request.params.locationId), request.query),
    );
    app.post(
      base,
      {
        schema: {
          tags: ['invoices'],
          summary: 'Create a draft invoice',
          params: locationParams,
          body: createInvoiceBody,
          response: { 201: invoiceAnswer, ...errors },
        },
      },
      async (request, reply) => {
        const scope = await admin(request, request.params.locationId);
        return reply.status(201).send({ invoice: await service.createInvoice(deps, scope, request.body) });
      },
    );
    app.get(
      `${base}/:invoiceId`,
      { schema: { tags: ['invoices'], summary: 'Read an invoice', params: invoiceParams, response: { 200: invoiceAnswer, ...errors } } },
      async (request) => ({
        invoice: await service.getInvoice(deps, await admin(request, request.params.locationId), request.params.invoiceId),
      }),
    );
    app.patch(
      `${base}/:invoiceId`,
      {
        schema: {
          tags: ['invoices'],
          summary: 'Change a draft invoice',
          params: invoiceParams,
          body: updateInvoiceBody,
          response: { 200: invoiceAnswer, ...errors },
        },
      },
      async (request) => ({
        invoice: await service.updateInvoice(deps, await admin(request, request.params.locationId), request.params.invoiceId, request.body),
      }),
    );
    app.delete(
      `${base}/:invoiceId`,
      { schema: { tags: ['invoices'], summary: 'Delete a draft invoice', response: { 204: noContent }, params: invoiceParams } },
      async (request, reply) => {
        await service.deleteInvoice(deps, await admin(request, request.params.locationId), request.params.invoiceId);
        return reply.status(204).send(null);
      },
    );
    app.post(
      `${base}/:invoiceId/issue`,
      { schema: { tags: ['invoices'], summary: 'Issue a draft invoice', params: invoiceParams, response: { 200: invoiceAnswer, ...errors } } },
      async (request) => ({
        invoice: await service.issueInvoice(deps, await admin(request, request.params.locationId), request.params.invoiceId),
      }),
    );
    app.post(
      `${base}/:invoiceId/void`,
      { schema: { tags: ['invoices'], summary: 'Void an issued invoice', params: invoiceParams, response: { 200: invoiceAnswer, ...errors } } },
      async (request) => ({
        invoice: await service.voidInvoice(deps, await admin(request, request.params.locationId), request.params.invoiceId),
      }),
    );
    app.get(
      `${base}/:invoiceId/pdf`,
      { schema: { tags: ['invoices'], summary: 'Download an invoice as PDF', params: invoiceParams } },
      async (request, reply) => {
        const pdf = await invoicePdf(deps, await admin(request, request.params.locationId), request.params.invoiceId);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${pdf.filename}"`).send(pdf.body);
      },
    );
    app.post(
      `${base}/:invoiceId/payments`,
      {
        schema: {
          tags: ['invoices'],
          summary: 'Record a payment on an invoice',
          params: invoiceParams,
          headers: idempotencyHeaders,
          body: paymentBody,
          response: { 201: z.object({ payment: paymentSchema, invoice: invoiceSchema }), ...errors },
        },
      },
      async (request, reply) => {
        const scope = await admin(request, request.params.locationId);
        // a replay answers as the first time did (design 6)
        return reply.status(201).send(await payments.addPayment(deps, scope, request.params.invoiceId, request.body, request.headers['idempotency-key']));
      },
    );
    app.delete(
      `${base}/:invoiceId/payments/:paymentId`,
      { schema: { tags: ['invoices'], summary: 'Delete a recorded payment', response: { 204: noContent }, params: paymentParams } },
      async (request, reply) => {
        await payments.deletePayment(deps, await admin(request, request.params.locationId), request.params.invoiceId, request.params.paymentId);
        return reply.status(204).send(null);
      },
    );
    // the portal
    const portal = '/api/v1/portal/locations/:locationId/invoices';
    app.get(
      portal,
      {
        schema: {
          tags: ['portal'],
          summary: "List the caller's invoices",
          params: locationParams,
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(invoiceSchema), nextCursor: z.string().nullable() }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => service.portalInvoices(deps, await customerScope(deps, request, request.params.locationId), request.query),
    );
    app.get(
      `${portal}/:invoiceId`,
      { schema: { tags: ['portal'], summary: "Read one of the caller's invoices", params: invoiceParams, response: { 200: invoiceAnswer, 404: errorSchema } } },
      async (request) => ({
        invoice: await service.portalInvoice(deps, await customerScope(deps, request, request.params.locationId), request.params.invoiceId),
      }),
    );
    app.get(
      `${portal}/:invoiceId/pdf`,
      { schema: { tags: ['portal'], summary: "Download one of the caller's invoices as PDF", params: invoiceParams } },
      async (request, reply) => {
        const pdf = await portalInvoicePdf(deps, await customerScope(deps, request, request.params.locationId), request.params.invoiceId);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${pdf.filename}"`).send(pdf.body);
      },
    );
  };
}
