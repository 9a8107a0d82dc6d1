// HTTP edge of online payment: which providers exist, a portal checkout, Stripe's signed webhook
// (only when Stripe is configured), and with PAYMENTS_DEV=1 the dev provider's checkout page and
// the route its buttons call, which feeds the same event path as the webhook.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { errorSchema, idempotencyHeaders, idSchema, locationParams } from '../../lib/schema.js';
import { adminScope, customerScope, requireActor, requirePlaceAt } from '../access/service.js';
import { addCreditNote } from '../invoices/payments.js';
import { creditNoteBody, creditNoteSchema, invoiceParams, invoiceSchema } from '../invoices/schema.js';
import { portalInvoiceRow } from '../invoices/service.js';
import { applyEvent, devCheckoutFor, refundOnline, startCheckout } from './checkout.js';
import { WebhookSignatureError } from './provider.js';
import { devProviderOf, providerNamed, providersOf } from './providers.js';

export function paymentRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/locations/:locationId/payment-providers',
      {
        schema: {
          tags: ['payments'],
          summary: 'List the online payment providers',
          params: locationParams,
          response: { 200: z.object({ items: z.array(z.object({ name: z.string() })) }), 404: errorSchema },
        },
      },
      async (request) => {
        await requirePlaceAt(deps, request, request.params.locationId);
        return { items: providersOf(deps).map((p) => ({ name: p.name })) };
      },
    );

    app.post(
      '/api/v1/portal/locations/:locationId/invoices/:invoiceId/checkout',
      {
        // signed out is 401 before any body is read
        preValidation: async (request) => {
          requireActor(request);
        },
        schema: {
          tags: ['portal'],
          summary: 'Start paying an invoice online',
          params: z.object({ locationId: idSchema, invoiceId: idSchema }),
          body: z.object({ provider: z.enum(['stripe', 'dev']).optional() }).nullish(),
          response: { 201: z.object({ url: z.string(), expiresAt: z.string() }), 400: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await customerScope(deps, request, request.params.locationId);
        await portalInvoiceRow(deps, scope, request.params.invoiceId);
        const out = await startCheckout(deps, scope, request.params.invoiceId, request.body?.provider);
        return reply.status(201).send({ url: out.url, expiresAt: out.expiresAt });
      },
    );

    // a credit note on a paid invoice may pay back online, through the provider that took the money
    app.post(
      '/api/v1/locations/:locationId/invoices/:invoiceId/credit-notes',
      {
        schema: {
          tags: ['invoices'],
          summary: 'Add a credit note to an invoice',
          params: invoiceParams,
          headers: idempotencyHeaders,
          body: creditNoteBody,
          response: {
            201: z.object({ creditNote: creditNoteSchema, invoice: invoiceSchema }),
            400: errorSchema,
            404: errorSchema,
            409: errorSchema,
            422: errorSchema,
          },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'billing');
        const out = await addCreditNote(deps, scope, request.params.invoiceId, request.body, request.headers['idempotency-key'], (paid, amount, key) =>
          refundOnline(deps, paid, amount, key),
        );
        return reply.status(201).send(out);
      },
    );

    const stripe = providerNamed(deps, 'stripe');
    if (stripe) {
      // the signature covers the exact bytes Stripe sent: this route keeps the raw body
      await app.register(async (raw) => {
        raw.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
        raw.post(
          '/api/v1/payments/stripe/webhook',
          {
            config: { rawBody: true },
            schema: {
              tags: ['payments'],
              summary: "Receive Stripe's signed events",
              description: 'Called by Stripe only; a request whose `Stripe-Signature` does not match answers 400.',
              operationId: 'receiveStripeEvent',
              security: [],
            },
          },
          async (request, reply) => {
            let event: Awaited<ReturnType<typeof stripe.parseWebhook>>;
            try {
              event = await stripe.parseWebhook(request.body as Buffer, request.headers);
            } catch (err) {
              if (err instanceof WebhookSignatureError) throw new AppError('bad_request', 'The webhook signature does not match.');
              throw err;
            }
            if (event) await applyEvent(deps, 'stripe', event);
            return reply.status(200).send({ received: true });
          },
        );
      });
    }

    const dev = devProviderOf(deps);
    if (dev) {
      app.post(
        '/api/v1/dev/checkout/:checkoutId/complete',
        {
          schema: {
            tags: ['payments'],
            summary: 'Complete a pretend checkout (dev provider)',
            params: z.object({ checkoutId: idSchema }),
            body: z.object({ outcome: z.enum(['paid', 'failed']) }),
            response: { 200: z.object({ invoiceId: z.string(), locationId: z.string(), outcome: z.string() }), 404: errorSchema, 409: errorSchema },
          },
        },
        async (request) => {
          const co = await devCheckoutFor(deps, request.params.checkoutId, requireActor(request).userId);
          if (co.status !== 'open' || Date.parse(co.expires_at) <= deps.clock.now().getTime())
            throw new AppError('conflict', 'This checkout is closed.', undefined, 'invalid_state');
          await applyEvent(deps, 'dev', dev.complete(co.id, request.body.outcome, co.amount, co.invoice_id));
          return { invoiceId: co.invoice_id, locationId: co.location_id, outcome: request.body.outcome };
        },
      );
      // what the portal's dev checkout page shows (the page itself is part of the portal app)
      app.get(
        '/api/v1/dev/checkout/:checkoutId',
        {
          schema: {
            tags: ['payments'],
            summary: 'Read a pretend checkout (dev provider)',
            params: z.object({ checkoutId: idSchema }),
            response: {
              200: z.object({
                checkoutId: z.string(),
                invoiceId: z.string(),
                locationId: z.string(),
                amount: z.number().int(),
                currency: z.string(),
                status: z.string(),
                expiresAt: z.string(),
              }),
              404: errorSchema,
            },
          },
        },
        async (request) => {
          const co = await devCheckoutFor(deps, request.params.checkoutId, requireActor(request).userId);
          const open = co.status === 'open' && Date.parse(co.expires_at) > deps.clock.now().getTime();
          return {
            checkoutId: co.id,
            invoiceId: co.invoice_id,
            locationId: co.location_id,
            amount: co.amount,
            currency: co.currency,
            status: open ? 'open' : co.status === 'open' ? 'expired' : co.status,
            expiresAt: co.expires_at,
          };
        },
      );
    }
  };
}
