// HTTP edge of invitations: invite, resend, activation, and the invitation template.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { adminScope, memberScope, requesterLanguage, requireActor } from '../access/service.js';
import * as companies from '../companies/service.js';
import { setSessionCookie } from '../../http/session.js';
import { errorSchema, locationParams } from '../../lib/schema.js';
import { authRateLimit } from '../../http/rate-limits.js';
import { customerParams } from '../customers/schema.js';
import * as bulk from './bulk.js';
import { MAX_PASTE_LINES, MAX_ROW_CHARS } from './paste.js';
import {
  activationAnswer,
  activationBody,
  bulkBody,
  bulkJobAnswer,
  bulkPreviewAnswer,
  activationVerifyBody,
  colleagueBody,
  inviteAnswer,
  inviteBody,
  previewAnswer,
  templateAnswer,
  templateBody,
} from './schema.js';
import * as activation from './activation.js';
import * as reminders from './reminders.js';
import * as service from './service.js';
import * as template from './template.js';

export function invitationRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/locations/:locationId/invitations',
      {
        schema: {
          tags: ['invitations'],
          summary: 'Invite one person as a member',
          params: locationParams,
          body: inviteBody,
          response: { 201: inviteAnswer, 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return reply.status(201).send(await service.invite(deps, scope, request.body));
      },
    );

    // What a paste of 10,000 real rows needs, and no more: a header and 10,000 rows, each row every
    // cell at its longest (MAX_ROW_CHARS, 694) with 4 separators and a CRLF as JSON sends them
    // (\t, \r, \n: 2 bytes each), and 1 KiB for the rest of the body: 10,001 x 706 + 1,024, about
    // 7.06 MB. Counted one byte a character: a name in another script takes 2 or 3, but a real row
    // (about 60 characters) is far from every cell at its limit. Past it Fastify answers 413 before
    // reading the body.
    // Up to 7 MB of body: nobody signed out gets it read and parsed.
    const signedInFirst = async (request: FastifyRequest) => {
      requireActor(request);
    };
    const bulkLimit = MAX_PASTE_LINES * (MAX_ROW_CHARS + 4 * 2 + 2 * 2) + 1024;
    app.post(
      '/api/v1/locations/:locationId/invitations/bulk/preview',
      {
        bodyLimit: bulkLimit,
        onRequest: signedInFirst,
        schema: {
          tags: ['invitations'],
          operationId: 'previewMassInvitation',
          summary: 'Check a pasted table: each row ready, skipped or invalid with its code and English reason',
          params: locationParams,
          body: bulkBody,
          response: { 200: bulkPreviewAnswer, 400: errorSchema, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return bulk.preview(deps, scope, request.body, requesterLanguage(request));
      },
    );
    app.post(
      '/api/v1/locations/:locationId/invitations/bulk',
      {
        bodyLimit: bulkLimit,
        onRequest: signedInFirst,
        schema: {
          tags: ['invitations'],
          operationId: 'startMassInvitation',
          summary: 'Invite the ready rows of a paste in the background',
          params: locationParams,
          body: bulkBody,
          response: { 202: z.object({ jobId: z.string() }), 400: errorSchema, 401: errorSchema, 404: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return reply.status(202).send({ jobId: await bulk.start(deps, scope, request.body) });
      },
    );
    app.get(
      '/api/v1/locations/:locationId/invitations/bulk/:jobId',
      {
        schema: {
          tags: ['invitations'],
          operationId: 'getMassInvitation',
          summary: 'Progress of a mass invitation',
          params: z.object({ locationId: z.string().uuid(), jobId: z.string().uuid() }),
          response: { 200: bulkJobAnswer, 404: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        return bulk.status(deps, scope, request.params.jobId);
      },
    );

    app.post(
      '/api/v1/locations/:locationId/customers/:customerId/resend-invitation',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['invitations'],
          operationId: 'resendInvitation',
          summary: 'Send a new invitation link',
          params: customerParams,
          response: { 202: z.object({ status: z.literal('sent') }), 404: errorSchema, 409: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'customers');
        await reminders.resend(deps, scope, request.params.customerId);
        return reply.status(202).send({ status: 'sent' as const });
      },
    );

    app.post(
      '/api/v1/activation',
      {
        config: authRateLimit,
        schema: {
          tags: ['invitations'],
          security: [],
          operationId: 'activate',
          summary: 'Open an activation link',
          body: activationBody,
          response: { 200: activationAnswer, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request, reply) => {
        const r = await activation.activate(deps, request.body.token, request.actor?.userId ?? null, request.ip, request.headers['accept-language']);
        if (r.status !== 'signed_in') return r;
        setSessionCookie(deps, reply, r.session);
        return { status: r.status, user: r.user, locationId: r.locationId };
      },
    );

    app.post(
      '/api/v1/activation/verify',
      {
        config: authRateLimit,
        schema: {
          tags: ['invitations'],
          security: [],
          summary: 'Activate with the emailed code',
          body: activationVerifyBody,
          response: { 200: activationAnswer, 401: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request, reply) => {
        const r = await activation.verifyActivation(deps, request.body.token, request.body.code, request.actor?.userId ?? null);
        if (r.status !== 'signed_in') return r;
        setSessionCookie(deps, reply, r.session);
        return { status: r.status, user: r.user, locationId: r.locationId };
      },
    );

    const tpl = '/api/v1/locations/:locationId/invitation-template';
    app.get(
      tpl,
      { schema: { tags: ['invitations'], summary: 'The invitation email template', params: locationParams, response: { 200: templateAnswer } } },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'settings');
        return template.getTemplate(deps, scope);
      },
    );
    // Saving renders the template once with sample values, like a preview: limited alike.
    app.put(
      tpl,
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['invitations'],
          summary: 'Save a custom template (rejected with line and reason when it does not parse)',
          params: locationParams,
          body: templateBody,
          response: { 200: templateAnswer, 400: errorSchema, 429: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'settings');
        return template.saveTemplate(deps, scope, request.body);
      },
    );
    app.delete(
      tpl,
      { schema: { tags: ['invitations'], summary: 'Go back to the default template', params: locationParams, response: { 200: templateAnswer } } },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'settings');
        return template.saveTemplate(deps, scope, null);
      },
    );
    // Each preview and test renders an operator's template (up to the 50 ms render limit, twice):
    // limited so that nobody keeps a server busy with them. Unlike a save, they change nothing.
    app.post(
      `${tpl}/preview`,
      {
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['invitations'],
          summary: 'Render the invitation template with sample data',
          params: locationParams,
          body: templateBody,
          response: { 200: previewAnswer, 400: errorSchema, 429: errorSchema },
        },
      },
      async (request) => {
        const scope = await adminScope(deps, request, request.params.locationId, 'settings');
        const m = await template.previewTemplate(deps, scope, request.body);
        return { subject: m.subject, html: m.html, text: m.text };
      },
    );
    app.post(
      `${tpl}/test`,
      {
        config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
        schema: {
          tags: ['invitations'],
          summary: 'Send the template to me',
          params: locationParams,
          body: templateBody,
          response: { 202: z.object({ to: z.string() }), 400: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        requireActor(request);
        const scope = await adminScope(deps, request, request.params.locationId, 'settings');
        return reply.status(202).send({ to: await template.sendTestTemplate(deps, scope, request.body) });
      },
    );

    // Portal: any company user invites a colleague into the same company. A colleague must be new
    // to the location: restoring or converting a customer is an administrator's call.
    app.post(
      '/api/v1/portal/locations/:locationId/company/invitations',
      {
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['portal'],
          summary: 'Invite a colleague into my company',
          params: locationParams,
          body: colleagueBody,
          response: { 201: inviteAnswer, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (request, reply) => {
        const s = await memberScope(deps, request, request.params.locationId);
        const companyId = companies.companyOfMember(s);
        const r = await service.invite(
          deps,
          { ...s, permissions: [] },
          { ...request.body, companyId, companyManager: false, administrator: false, permissions: [] },
          { newCustomersOnly: true },
        );
        return reply.status(201).send(r);
      },
    );
  };
}
