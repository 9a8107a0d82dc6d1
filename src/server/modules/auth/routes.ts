// HTTP edge of sign-in: codes, sign-in, sign-out, one-time links and /me.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import { requireActor } from '../access/service.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session.js';
import { errorSchema, noContent } from '../../lib/schema.js';
import { authRateLimit } from '../../http/rate-limits.js';
import * as customers from '../customers/service.js';
import { updateMeBody } from '../users/schema.js';
import { toUserDto, updateOwnProfile } from '../users/service.js';
import { linkBody, meAnswer, requestCodeBody, signedInAnswer, signInBody } from './schema.js';
import * as service from './service.js';
import { describeMe, phoneCountry } from './me.js';
import * as access from '../access/service.js';

export function authRoutes(deps: Deps): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/auth/code',
      {
        config: authRateLimit,
        schema: {
          tags: ['auth'],
          security: [],
          operationId: 'sendSignInCode',
          summary: 'Email a 6-digit sign-in code',
          body: requestCodeBody,
          response: { 202: z.object({ status: z.literal('sent') }), 400: errorSchema, 429: errorSchema },
        },
      },
      async (request, reply) => {
        await service.requestSignInCode(deps, request.body.email, request.ip, request.headers['accept-language']);
        return reply.status(202).send({ status: 'sent' as const });
      },
    );

    app.post(
      '/api/v1/auth/sign-in',
      {
        config: authRateLimit,
        schema: {
          tags: ['auth'],
          security: [],
          operationId: 'signIn',
          summary: 'Sign in with an emailed code',
          body: signInBody,
          response: { 200: signedInAnswer, 401: errorSchema },
        },
      },
      async (request, reply) => {
        const { user, session } = await service.signInWithCode(deps, request.body.email, request.body.code);
        setSessionCookie(deps, reply, session);
        return { user: toUserDto(user) };
      },
    );

    app.post(
      '/api/v1/auth/link',
      {
        config: authRateLimit,
        schema: {
          tags: ['auth'],
          security: [],
          operationId: 'signInWithLink',
          summary: 'Sign in with a one-time link',
          body: linkBody,
          response: { 200: signedInAnswer, 404: errorSchema },
        },
      },
      async (request, reply) => {
        const { user, session } = await service.signInWithLink(deps, request.body.token);
        setSessionCookie(deps, reply, session);
        return { user: toUserDto(user) };
      },
    );

    app.post(
      '/api/v1/auth/sign-out',
      {
        schema: {
          tags: ['auth'],
          security: [{}, { cookieAuth: [] }],
          operationId: 'signOut',
          summary: 'Sign out (ends this session)',
          response: { 204: noContent },
        },
      },
      async (request, reply) => {
        if (request.actor) await access.signOut(deps, request.actor.sessionId);
        clearSessionCookie(deps, reply);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/me',
      { schema: { tags: ['auth'], summary: 'The signed-in person, their locations and admin rights', response: { 200: meAnswer, 401: errorSchema } } },
      async (request) => {
        return describeMe(deps, access.signedInUser(request));
      },
    );

    app.patch(
      '/api/v1/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'Edit my own name, phone and language',
          body: updateMeBody,
          response: { 200: signedInAnswer, 400: errorSchema, 401: errorSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const country = phoneCountry(await customers.customersOfUser(deps.db, actor.userId));
        return { user: await updateOwnProfile(deps, actor.userId, request.body, country) };
      },
    );
  };
}
