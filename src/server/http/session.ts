// The session cookie at the HTTP edge: reading, setting and clearing it, and the Origin check for
// state-changing requests that carry it. Who the cookie belongs to is the access module's work.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import type { Actor } from '../scope.js';

export const SESSION_COOKIE = 'atrium_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** the signed-in person, set by the access module from the session cookie */
    actor: Actor | null;
  }
}

export interface SessionCookie {
  token: string;
  expiresAt: string;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionToken(request: FastifyRequest): string | undefined {
  return request.cookies[SESSION_COOKIE];
}

/** A state-changing request that carries the session cookie must come from the public URL's origin. */
export function refuseForeignOrigin(deps: Deps, request: FastifyRequest): void {
  if (!SAFE_METHODS.has(request.method) && request.headers.origin !== new URL(deps.config.publicUrl).origin) {
    throw new AppError('forbidden', 'This request came from another site and was refused');
  }
}

export function setSessionCookie(deps: Deps, reply: FastifyReply, session: SessionCookie): void {
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
