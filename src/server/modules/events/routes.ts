// HTTP edge of events: the administrator's events, tickets and check-in (events permission; reading
// events and tickets and the check-in also with reception), and the portal's events and tickets for any signed-in person,
// limited by visibility (a buyer without a record here becomes a nonmember).
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { forbidden, notFound } from '../../errors.js';
import { errorSchema, idempotencyHeaders, locationParams } from '../../lib/schema.js';
import type { LocationKey } from '../../scope.js';
import { adminScope, requireActor } from '../access/service.js';
import * as locations from '../locations/service.js';
import {
  adminEventsQuery,
  adminTicketSchema,
  checkInBody,
  createEventBody,
  eventParams,
  eventSchema,
  myTicketSchema,
  pageQuery,
  portalEventSchema,
  refundedSchema,
  ticketBody,
  ticketParams,
  updateEventBody,
} from './schema.js';
import { cancelEvent, createEvent, getEvent, listEvents, ticketsOfEvent, updateEvent, visibleEvent, visibleEvents } from './service.js';
import { buyTicket, cancelTicket, checkIn, myTickets } from './tickets.js';

const eventAnswer = z.object({ event: eventSchema });
const errors = { 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema };

/** Administrators at the door: `events`, or `reception` for reading events and tickets and checking in. */
async function doorScope(deps: Deps, request: FastifyRequest, locationId: string) {
  const scope = await adminScope(deps, request, locationId);
  if (!scope.permissions.includes('events') && !scope.permissions.includes('reception'))
    throw forbidden('You need the "events" permission (or "reception") here');
  return scope;
}

/** The location of a portal path (any signed-in person; what they may see is decided by visibility). */
async function portalLocation(deps: Deps, locationId: string): Promise<LocationKey> {
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  return { organizationId: location.organization_id, locationId: location.id };
}

export function eventRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const base = '/api/v1/locations/:locationId/events';
    app.get(
      base,
      {
        schema: {
          tags: ['events'],
          summary: 'List events',
          params: locationParams,
          querystring: adminEventsQuery,
          response: { 200: z.object({ items: z.array(eventSchema), nextCursor: z.string().nullable() }), 400: errorSchema, 403: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await doorScope(deps, request, request.params.locationId);
        return listEvents(deps, scope, request.query);
      },
    );
    app.post(
      base,
      { schema: { tags: ['events'], summary: 'Create an event', params: locationParams, body: createEventBody, response: { 201: eventAnswer, ...errors } } },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'events');
        return reply.status(201).send({ event: await createEvent(deps, scope, request.body) });
      },
    );
    app.get(
      `${base}/:eventId`,
      { schema: { tags: ['events'], summary: 'Read an event', params: eventParams, response: { 200: eventAnswer, ...errors } } },
      async (request) => {
        const scope = await doorScope(deps, request, request.params.locationId);
        return { event: await getEvent(deps, scope, request.params.eventId) };
      },
    );
    app.patch(
      `${base}/:eventId`,
      { schema: { tags: ['events'], summary: 'Change an event', params: eventParams, body: updateEventBody, response: { 200: eventAnswer, ...errors } } },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'events');
        return { event: await updateEvent(deps, scope, request.params.eventId, request.body) };
      },
    );
    app.post(
      `${base}/:eventId/cancel`,
      {
        schema: {
          tags: ['events'],
          summary: 'Cancels the event: every ticket (checked in or not) is canceled and refunded in full, and every holder is emailed.',
          params: eventParams,
          response: { 200: eventAnswer, ...errors },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'events');
        return { event: await cancelEvent(deps, scope, request.params.eventId) };
      },
    );
    app.get(
      `${base}/:eventId/tickets`,
      {
        schema: {
          tags: ['events'],
          summary: "List an event's tickets",
          params: eventParams,
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(adminTicketSchema), nextCursor: z.string().nullable() }), ...errors },
        },
      },
      async (request) => {
        const scope = await doorScope(deps, request, request.params.locationId);
        return ticketsOfEvent(deps, scope, request.params.eventId, request.query);
      },
    );
    app.post(
      `${base}/:eventId/check-in`,
      {
        schema: {
          tags: ['events'],
          summary:
            'Checks a ticket in by its code (case-insensitive); events or reception permission. 409 already_checked_in, ticket_canceled, ticket_not_paid.',
          params: eventParams,
          body: checkInBody,
          response: { 200: z.object({ ticket: adminTicketSchema }), ...errors },
        },
      },
      async (request) => {
        const scope = await doorScope(deps, request, request.params.locationId);
        return { ticket: await checkIn(deps, scope, request.params.eventId, request.body.code) };
      },
    );

    const portal = '/api/v1/portal/locations/:locationId';
    app.get(
      `${portal}/events`,
      {
        schema: {
          tags: ['portal'],
          summary: 'List the events the caller may see',
          params: locationParams,
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(portalEventSchema), nextCursor: z.string().nullable() }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const userId = requireActor(request).userId;
        return visibleEvents(deps, await portalLocation(deps, request.params.locationId), userId, request.query);
      },
    );
    app.get(
      `${portal}/events/:eventId`,
      {
        schema: {
          tags: ['portal'],
          summary: 'Read an event in the portal',
          params: eventParams,
          response: { 200: z.object({ event: portalEventSchema }), 404: errorSchema },
        },
      },
      async (request) => {
        const userId = requireActor(request).userId;
        return { event: await visibleEvent(deps, await portalLocation(deps, request.params.locationId), userId, request.params.eventId) };
      },
    );
    app.post(
      `${portal}/events/:eventId/tickets`,
      {
        preValidation: async (request) => {
          requireActor(request);
        },
        schema: {
          tags: ['portal'],
          summary: 'Gets a ticket. 409 already_has_ticket (checked first), sold_out, tickets_closed, event_started, event_canceled.',
          params: eventParams,
          headers: idempotencyHeaders,
          body: ticketBody,
          response: { 201: z.object({ ticket: myTicketSchema, checkoutUrl: z.string().nullable() }), ...errors },
        },
      },
      async (request, reply) => {
        const userId = requireActor(request).userId;
        const s = await portalLocation(deps, request.params.locationId);
        const out = await buyTicket(deps, s, userId, request.params.eventId, request.body, request.headers['idempotency-key']);
        return reply.status(201).send(out);
      },
    );
    app.get(
      `${portal}/tickets`,
      {
        schema: {
          tags: ['portal'],
          summary: "List the caller's tickets",
          params: locationParams,
          querystring: pageQuery,
          response: { 200: z.object({ items: z.array(myTicketSchema), nextCursor: z.string().nullable() }), 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const userId = requireActor(request).userId;
        return myTickets(deps, await portalLocation(deps, request.params.locationId), userId, request.query);
      },
    );
    app.post(
      `${portal}/tickets/:ticketId/cancel`,
      {
        schema: {
          tags: ['portal'],
          summary: "Cancel one of the caller's tickets",
          params: ticketParams,
          response: { 200: z.object({ ticket: myTicketSchema, refunded: refundedSchema }), 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const userId = requireActor(request).userId;
        return cancelTicket(deps, await portalLocation(deps, request.params.locationId), userId, request.params.ticketId);
      },
    );
  };
}
