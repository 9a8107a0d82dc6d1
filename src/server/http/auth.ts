// Sessions to request.actor, the Origin check for cookie-carrying writes, and scopes for routes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import type { Permission } from '../lib/schema.js';
import * as admins from '../modules/administrators/service.js';
import * as auth from '../modules/auth/service.js';
import * as customers from '../modules/customers/service.js';
import * as locations from '../modules/locations/service.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { AdminScope, MemberScope } from '../scope.js';

export const SESSION_COOKIE = 'atrium_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: auth.Actor | null;
  }
}


const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuth(app: FastifyInstance, deps: Deps): void {
  const allowedOrigin = new URL(deps.config.publicUrl).origin;
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    if (!SAFE_METHODS.has(request.method) && request.headers.origin !== allowedOrigin) {
      throw new AppError('forbidden', 'This request came from another site and was refused');
    }
    request.actor = await auth.resolveSession(deps, token);
  });
}

export function setSessionCookie(deps: Deps, reply: FastifyReply, session: auth.NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    expires: new Date(session.expiresAt),
  });
}

export function clearSessionCookie(deps: Deps, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies });
}

export function requireActor(request: FastifyRequest): auth.Actor {
  if (!request.actor) throw new AppError('unauthorized', 'Please sign in');
  return request.actor;
}

/**
 * The scope of an administrator's request at one location. A location the actor does not
 * administer answers 404 (it reveals nothing); a missing permission answers 403.
 */
export async function adminScope(deps: Deps, request: FastifyRequest, locationId: string, permission?: Permission): Promise<AdminScope> {
  const actor = requireActor(request);
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  const permissions = admins.permissionsAt(await admins.accessOf(deps.db, actor.userId), location);
  if (!permissions) throw notFound('Location not found');
  if (permission && !permissions.includes(permission)) throw forbidden(`You need the "${permission}" permission at ${location.name}`);
  return { organizationId: location.organization_id, locationId: location.id, actorUserId: actor.userId, permissions };
}


/** The scope of a member's portal request at a location; no live membership answers 404. */
export async function memberScope(deps: Deps, request: FastifyRequest, locationId: string): Promise<MemberScope> {
  const actor = requireActor(request);
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  const s = { organizationId: location.organization_id, locationId: location.id };
  const c = await customers.findCustomerByUser(deps.db, s, actor.userId);
  if (!c || c.status === 'removed' || c.type !== 'member') throw notFound('You are not a member of this location');
  return { ...s, actorUserId: actor.userId, customerId: c.id, companyId: c.company_id, companyManager: Boolean(c.company_manager) };
}
