// HTTP edge of bookings: the day grid (portal and public), a member's bookings, and the
// administrator's (resources permission), who may book for a customer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { addDays, isLocalDate, startOfLocalDay } from '../../lib/local-date.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { errorSchema, idempotencyHeaders, idSchema, locationParams } from '../../lib/schema.js';
import { adminScope, customerScope, requireActor } from '../access/service.js';
import * as locations from '../locations/service.js';
import { availability } from './availability.js';
import { cancelBooking } from './cancel.js';
import * as q from './queries.js';
import { adminBookingBody, availabilityQuery, availabilitySchema, bookingBody, bookingSchema } from './schema.js';
import { book, toBookingDto } from './service.js';
import { epochMinute } from './time.js';

const page = z.object({ items: z.array(bookingSchema), nextCursor: z.string().nullable() });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

export function bookingRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/portal/locations/:locationId/availability',
      {
        schema: {
          tags: ['portal'],
          summary: 'Read the booking grid the caller may see',
          params: locationParams,
          querystring: availabilityQuery,
          response: { 200: availabilitySchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => availability(deps, requireActor(request).userId, request.params.locationId, request.query),
    );
    app.get(
      '/api/v1/public/locations/:locationId/availability',
      {
        schema: {
          tags: ['public'],
          security: [],
          summary: 'Read the public booking grid',
          params: locationParams,
          querystring: availabilityQuery,
          response: { 200: availabilitySchema, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => availability(deps, null, request.params.locationId, request.query),
    );

    app.post(
      '/api/v1/portal/locations/:locationId/bookings',
      {
        preValidation: async (request) => {
          requireActor(request);
        },
        schema: {
          tags: ['portal'],
          summary: 'Book a resource as the caller',
          params: locationParams,
          headers: idempotencyHeaders,
          body: bookingBody,
          response: { 201: z.object({ booking: bookingSchema, checkoutUrl: z.string().nullable() }), ...errors },
        },
      },
      async (request, reply) => {
        const userId = requireActor(request).userId;
        const location = await locations.findLocationUnscoped(deps.db, request.params.locationId);
        if (!location) throw notFound('Location not found');
        const s = { organizationId: location.organization_id, locationId: location.id };
        const out = await book(deps, s, { userId, asAdmin: false }, request.body, request.headers['idempotency-key']);
        return reply.status(201).send({ booking: out.booking, checkoutUrl: out.checkoutUrl });
      },
    );
    app.get(
      '/api/v1/portal/locations/:locationId/bookings',
      {
        schema: {
          tags: ['portal'],
          summary: "List the caller's bookings",
          params: locationParams,
          querystring: z.object({
            upcoming: z.enum(['true', 'false']).optional(),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(100).default(50),
          }),
          response: { 200: page, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await customerScope(deps, request, request.params.locationId);
        // upcoming=true: soonest first; false: those that ended or were canceled, newest first; left out: all, newest first
        const which = request.query.upcoming === 'true' ? 'upcoming' : request.query.upcoming === 'false' ? 'past' : 'all';
        const sort = which === 'upcoming' ? 'my-bookings' : 'my-bookings-newest';
        const after = request.query.cursor ? decodeCursor(request.query.cursor, sort) : null;
        const now = epochMinute(deps.clock.now());
        const rows = await q.bookingsOf(deps.db, scope, scope.customerId, { which, now, limit: request.query.limit }, after);
        const cut = cutPage(rows, request.query.limit, sort, (r) => String(r.start_minute));
        return { items: cut.rows.map(toBookingDto), nextCursor: cut.nextCursor };
      },
    );

    const bookingParams = z.object({ locationId: idSchema, bookingId: idSchema });
    const refundedSchema = z.object({ credits: z.number().int(), dayPasses: z.number().int(), amount: z.number().int(), expiredNotReturned: z.number().int() });
    const cancelAnswer = { 200: z.object({ booking: bookingSchema, refunded: refundedSchema }), 404: errorSchema, 409: errorSchema, 422: errorSchema };
    app.post(
      '/api/v1/portal/locations/:locationId/bookings/:bookingId/cancel',
      { schema: { tags: ['portal'], summary: "Cancel one of the caller's bookings", params: bookingParams, response: cancelAnswer } },
      async (request) => {
        const userId = requireActor(request).userId;
        const location = await locations.findLocationUnscoped(deps.db, request.params.locationId);
        if (!location) throw notFound('Location not found');
        return cancelBooking(deps, { organizationId: location.organization_id, locationId: location.id }, request.params.bookingId, { userId, admin: false });
      },
    );

    const base = '/api/v1/locations/:locationId/bookings';
    app.post(
      `${base}/:bookingId/cancel`,
      {
        schema: {
          tags: ['bookings'],
          summary: 'Cancel a booking',
          params: bookingParams,
          body: z.object({ refund: z.boolean().default(true) }).nullish(),
          response: cancelAnswer,
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'resources');
        return cancelBooking(deps, scope, request.params.bookingId, { userId: scope.actorUserId, admin: true, refund: request.body?.refund ?? true });
      },
    );
    app.get(
      base,
      {
        schema: {
          tags: ['bookings'],
          summary: 'List bookings',
          params: locationParams,
          querystring: z.object({
            from: z.string().refine(isLocalDate, 'Use YYYY-MM-DD'),
            to: z.string().refine(isLocalDate, 'Use YYYY-MM-DD'),
            resourceId: idSchema.optional(),
            customerId: idSchema.optional(),
            companyId: idSchema.optional(),
            status: z.enum(['pending_payment', 'confirmed', 'canceled']).optional(),
            cursor: z.string().max(500).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(200),
          }),
          response: { 200: page, 400: errorSchema, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'resources');
        const location = (await locations.findLocation(deps.db, scope.organizationId, scope.locationId))!;
        const f = request.query;
        // local dates, both included
        const from = epochMinute(startOfLocalDay(f.from, location.time_zone));
        const to = epochMinute(startOfLocalDay(addDays(f.to, 1), location.time_zone));
        const after = f.cursor ? decodeCursor(f.cursor, 'bookings') : null;
        const rows = await q.bookingsBetween(deps.db, scope, { ...f, from, to }, after);
        const cut = cutPage(rows, f.limit, 'bookings', (r) => String(r.start_minute));
        return { items: cut.rows.map(toBookingDto), nextCursor: cut.nextCursor };
      },
    );
    app.post(
      base,
      {
        schema: {
          tags: ['bookings'],
          summary: 'Book a resource for a customer or company',
          params: locationParams,
          headers: idempotencyHeaders,
          body: adminBookingBody,
          response: { 201: z.object({ booking: bookingSchema, checkoutUrl: z.string().nullable() }), ...errors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'resources');
        const { customerId, ...input } = request.body;
        const out = await book(deps, scope, { userId: scope.actorUserId, customerId, asAdmin: true }, input, request.headers['idempotency-key']);
        return reply.status(201).send({ booking: out.booking, checkoutUrl: out.checkoutUrl });
      },
    );
  };
}
