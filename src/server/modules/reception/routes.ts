// HTTP edge of the reception kiosk: pairing codes and devices for administrators with `reception`,
// and the routes a paired tablet calls with its device cookie (its own location only).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { authRateLimit } from '../../http/rate-limits.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import * as devices from '../access/devices.js';
import { adminScope } from '../access/service.js';
import {
  checkInBody,
  deviceParams,
  deviceSchema,
  hostSchema,
  hostsQuery,
  kioskSchema,
  kioskTicketSchema,
  leadAnswer,
  leadBody,
  pairAnswer,
  pairBody,
  pairingCodeAnswer,
  pairingCodeBody,
  visitBody,
  visitSchema,
} from './schema.js';
import * as service from './service.js';

const adminErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };
const kioskErrors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export function receptionRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    const admin = '/api/v1/locations/:locationId/reception';
    app.post(
      `${admin}/pairing-codes`,
      {
        schema: {
          tags: ['reception'],
          summary: 'Make a one-time code (8 characters, 10 minutes) that pairs a tablet with this location (reception permission)',
          params: locationParams,
          body: pairingCodeBody,
          response: { 201: pairingCodeAnswer, ...adminErrors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'reception');
        return reply.status(201).send(await devices.createPairingCode(deps, scope, request.body?.name));
      },
    );
    app.get(
      `${admin}/devices`,
      {
        schema: {
          tags: ['reception'],
          summary: 'The tablets paired with this location and not revoked, newest first (reception permission)',
          params: locationParams,
          response: { 200: z.object({ items: z.array(deviceSchema) }), ...adminErrors },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'reception');
        return { items: await devices.listDevices(deps, scope) };
      },
    );
    app.delete(
      `${admin}/devices/:deviceId`,
      {
        schema: {
          tags: ['reception'],
          summary: 'Revoke a paired tablet: its cookie stops working at once (reception permission)',
          params: deviceParams,
          response: { 204: z.null().describe('Revoked'), ...adminErrors },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'reception');
        await devices.revokeDevice(deps, scope, request.params.deviceId);
        return reply.status(204).send(null);
      },
    );

    const kiosk = '/api/v1/reception';
    app.post(
      `${kiosk}/pair`,
      {
        config: authRateLimit,
        schema: {
          tags: ['reception'],
          summary: 'Pair this tablet with the code an administrator shows; sets the device cookie. 10 failures per address in 15 minutes, then 429',
          body: pairBody,
          response: { 200: pairAnswer, 400: errorSchema, 404: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        const { device, token } = await devices.pairDevice(deps, request.body.code, request.ip);
        devices.setDeviceCookie(deps, reply, token);
        return { device };
      },
    );
    app.get(
      `${kiosk}/me`,
      {
        schema: {
          tags: ['reception'],
          summary: 'The paired tablet: its location and which screens are on; 401 when not paired or revoked',
          response: { 200: kioskSchema, 401: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await devices.deviceScope(deps, request);
        // the cookie lives until revoked: renewed at every start of the kiosk
        devices.setDeviceCookie(deps, reply, devices.deviceToken(request)!);
        return service.kiosk(deps, scope);
      },
    );
    app.post(
      `${kiosk}/leads`,
      {
        schema: {
          tags: ['reception'],
          summary: 'Leave contacts: a lead (nonmember with source reception); 422 consent_required; 20 a device an hour, then 429',
          body: leadBody,
          response: { 201: leadAnswer, ...kioskErrors, 422: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await devices.deviceScope(deps, request);
        await service.leaveContacts(deps, scope, request.body);
        return reply.status(201).send({ status: 'received' as const });
      },
    );
    app.get(
      `${kiosk}/hosts`,
      {
        schema: {
          tags: ['reception'],
          summary: 'Members a visitor may name as host: 2 letters at least, 10 at most, first name, last initial and company only',
          querystring: hostsQuery,
          response: { 200: z.object({ items: z.array(hostSchema) }), ...kioskErrors },
        },
      },
      async (request) => {
        const scope = await devices.deviceScope(deps, request);
        return { items: await service.hosts(deps, scope, request.query.q) };
      },
    );
    app.post(
      `${kiosk}/visits`,
      {
        schema: {
          tags: ['reception'],
          summary: 'Check a visitor in for a host, who is emailed',
          body: visitBody,
          response: { 201: z.object({ visit: visitSchema }), ...kioskErrors },
        },
      },
      async (request, reply) => {
        const scope = await devices.deviceScope(deps, request);
        return reply.status(201).send({ visit: await service.checkInVisitor(deps, scope, request.body) });
      },
    );
    app.post(
      `${kiosk}/check-in`,
      {
        schema: {
          tags: ['reception'],
          summary: 'Check an event ticket in by its code at this location; 409 already_checked_in, ticket_canceled, ticket_not_paid',
          body: checkInBody,
          response: { 200: z.object({ ticket: kioskTicketSchema }), ...kioskErrors, 409: errorSchema },
        },
      },
      async (request) => {
        const scope = await devices.deviceScope(deps, request);
        return { ticket: await service.checkInTicket(deps, scope, request.body.code) };
      },
    );
  };
}
