// Access: who the caller is (sessions) and what they may do (ownership, administrator grants,
// memberships), turned into the scope every route works in. The lowest module: every route calls
// down into it, and it calls no other module but users.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps, Tx } from '../../deps.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { refuseForeignOrigin, sessionToken, type SessionCookie } from '../../http/session.js';
import { DAY, MINUTE } from '../../lib/clock.js';
import { PERMISSIONS, type Permission } from '../../lib/schema.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import { languageFor, type Language } from '../../lib/i18n.js';
import type { User } from '../../db/schema.js';
import type { Actor, AdminScope, MemberScope, OwnerScope } from '../../scope.js';
import * as users from '../users/service.js';
import { apiKeyAdminScope, bearerToken, refuseApiKey, registerApiKeys } from './api-keys.js';
import * as q from './queries.js';

export const SESSION_IDLE_MS = 14 * DAY;
export const SESSION_ABSOLUTE_MS = 30 * DAY;
const SESSION_TOUCH_MS = MINUTE;

/** A new session's cookie value (only its hash is stored) and its end. */
export type NewSession = SessionCookie;

/** A new session at every sign-in; only the token's hash is stored. */
export async function startSession(deps: Deps, trx: Tx, userId: string): Promise<NewSession> {
  const token = newToken();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await q.insertSession(trx, { tokenHash: hashToken(token), userId, now, expiresAt });
  return { token, expiresAt };
}

/** What the signed-in person is at one location: read with their session, in the same statement. */
interface AccessAt {
  /** null when no location has this id */
  location: { id: string; organizationId: string; name: string } | null;
  /** the permissions held there (every one for the owner), null when they do not administer it */
  permissions: Permission[] | null;
  /** their own customer record there, if any */
  record: { id: string; type: string; status: string; companyId: string | null; companyManager: boolean } | null;
}

/**
 * Per request, what `adminScope` and `memberScope` need, read in the same statement as the session.
 * Only for the request's own life: rights are read from the database at every request, so a change
 * holds on every server at the next one.
 */
const accessMemo = new WeakMap<FastifyRequest, Map<string, AccessAt>>();

function accessAtFrom(rows: q.SessionAccessRow[]): AccessAt {
  const first = rows[0];
  if (!first.location_id || !first.location_organization_id) return { location: null, permissions: null, record: null };
  const location = { id: first.location_id, organizationId: first.location_organization_id, name: first.location_name ?? '' };
  let permissions: Permission[] | null = null;
  if (first.owner_user_id === first.user_id) permissions = [...PERMISSIONS];
  else {
    const grants = rows.flatMap((r) => (r.grant_permissions == null ? [] : [r.grant_permissions]));
    if (grants.length) {
      const held = new Set(grants.flatMap((g) => JSON.parse(g) as Permission[]));
      permissions = PERMISSIONS.filter((p) => held.has(p));
    }
  }
  const record =
    first.customer_id && first.customer_type && first.customer_status
      ? {
          id: first.customer_id,
          type: first.customer_type,
          status: first.customer_status,
          companyId: first.customer_company_id ?? null,
          companyManager: Boolean(first.customer_company_manager),
        }
      : null;
  return { location, permissions, record };
}

/** The signed-in person's account row, read with the session: `GET /me` answers from it. */
const userMemo = new WeakMap<FastifyRequest, User>();

/**
 * Resolves a session cookie to its actor, ending sessions past their idle or absolute limit, and,
 * when the request names a location, what the actor is there (one statement for both).
 */
async function resolveSession(deps: Deps, token: string, locationId: string | null): Promise<{ actor: Actor; user: User; at: AccessAt | null } | null> {
  const rows = await q.findSessionAccess(deps.db, hashToken(token), locationId);
  const row = rows[0];
  if (!row) return null;
  const now = deps.clock.now();
  const idleFor = now.getTime() - Date.parse(row.last_seen_at);
  if (Date.parse(row.expires_at) <= now.getTime() || idleFor > SESSION_IDLE_MS) {
    await q.deleteSession(deps.db, row.session_id);
    return null;
  }
  // writes only when stale: a signed-in person's steady stream of requests reads, it does not write
  if (idleFor > SESSION_TOUCH_MS) await q.touchSession(deps.db, row.session_id, now);
  const lastActiveAt = await users.noteActivity(deps, { id: row.user_id, last_active_at: row.last_active_at });
  const user: User = {
    id: row.user_id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    phone: row.phone,
    activated_at: row.activated_at,
    email_verified_at: row.email_verified_at,
    last_active_at: lastActiveAt,
    created_at: row.user_created_at,
    language: row.language,
  };
  return {
    actor: { userId: row.user_id, sessionId: row.session_id, email: row.email },
    user,
    at: locationId === null ? null : accessAtFrom(rows),
  };
}

/** The location a route names in its path (`:locationId`), before validation: an unknown id only finds nothing. */
function locationParam(request: FastifyRequest): string | null {
  const id = (request.params as Record<string, unknown> | undefined)?.locationId;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
}

/** What the actor is at a location: from this request's memo, else read with the session again. */
async function accessAt(deps: Deps, request: FastifyRequest, locationId: string): Promise<AccessAt> {
  const memo = accessMemo.get(request);
  const known = memo?.get(locationId);
  if (known) return known;
  // a location other than the path's: one more statement, the same rules
  const token = sessionToken(request);
  const resolved = token ? await resolveSession(deps, token, locationId) : null;
  if (!resolved?.at || resolved.actor.userId !== request.actor?.userId) throw new AppError('unauthorized', 'Please sign in');
  if (memo) memo.set(locationId, resolved.at);
  else accessMemo.set(request, new Map([[locationId, resolved.at]]));
  return resolved.at;
}

export function signOut(deps: Deps, sessionId: string): Promise<void> {
  return q.deleteSession(deps.db, sessionId);
}

/** Every request: its session cookie, when it carries one, becomes `request.actor`. */
export function registerSessions(app: FastifyInstance, deps: Deps): void {
  app.decorateRequest('actor', null);
  registerApiKeys(app, deps);
  app.addHook('onRequest', async (request) => {
    // a request with an API key is that key's (api-keys.ts), never a session's
    if (bearerToken(request) !== undefined) return;
    const token = sessionToken(request);
    if (!token) return;
    refuseForeignOrigin(deps, request);
    const locationId = locationParam(request);
    const resolved = await resolveSession(deps, token, locationId);
    if (!resolved) return;
    request.actor = resolved.actor;
    userMemo.set(request, resolved.user);
    if (locationId !== null && resolved.at) accessMemo.set(request, new Map([[locationId, resolved.at]]));
  });
}

export function requireActor(request: FastifyRequest): Actor {
  refuseApiKey(request);
  if (!request.actor) throw new AppError('unauthorized', 'Please sign in');
  return request.actor;
}

/** The signed-in person's account as read with their session at the start of this request. */
export function signedInUser(request: FastifyRequest): User {
  refuseApiKey(request);
  const user = request.actor ? userMemo.get(request) : undefined;
  if (!user) throw new AppError('unauthorized', 'Please sign in');
  return user;
}

/** The language of whoever asks (files they download): their saved one, else their browser's, else English; an API key's is its client's Accept-Language. */
export function requesterLanguage(request: FastifyRequest): Language {
  const user = request.actor ? userMemo.get(request) : undefined;
  return languageFor(user?.language, request.headers['accept-language']);
}

export interface Access {
  owned: { id: string; name: string }[];
  grants: { id: string; organization_id: string; organization_name: string; location_id: string | null; permissions: string }[];
}

/** With `email`, what the person may use: an organization that blacklisted the email grants nothing. */
export async function accessOf(db: Tx, userId: string, email?: string): Promise<Access> {
  const rows = await q.rightsOfUser(db, userId, email);
  return {
    owned: rows.filter((r) => r.kind === 'owner').map((r) => ({ id: r.organization_id, name: r.organization_name })),
    grants: rows.flatMap((r) =>
      r.kind === 'grant' && r.grant_id && r.permissions !== null
        ? [
            {
              id: r.grant_id,
              organization_id: r.organization_id,
              organization_name: r.organization_name,
              location_id: r.location_id,
              permissions: r.permissions,
            },
          ]
        : [],
    ),
  };
}

/** The permissions a user holds at a location, or null when they do not administer it. */
export function permissionsAt(access: Access, location: { id: string; organization_id: string }): Permission[] | null {
  if (access.owned.some((o) => o.id === location.organization_id)) return [...PERMISSIONS];
  const held = new Set<Permission>();
  let any = false;
  for (const g of access.grants) {
    if (g.organization_id !== location.organization_id) continue;
    if (g.location_id !== null && g.location_id !== location.id) continue;
    any = true;
    for (const p of JSON.parse(g.permissions) as Permission[]) held.add(p);
  }
  return any ? PERMISSIONS.filter((p) => held.has(p)) : null;
}

/** The organization the owner acts on: the one named, or the only one they own. */
export async function ownerScope(deps: Deps, userId: string, organizationId?: string): Promise<OwnerScope> {
  const owned = await q.ownedOrganizationIds(deps.db, userId);
  const org = organizationId ? owned.find((o) => o.id === organizationId) : owned[0];
  if (!org) {
    if (organizationId) throw notFound('Organization not found');
    throw new AppError('forbidden', 'Only the owner of the organization can do this');
  }
  return { organizationId: org.id, actorUserId: userId };
}

/**
 * The scope of an administrator's request at one location. A location the actor does not
 * administer answers 404 (it reveals nothing); a missing permission answers 403.
 */
export async function adminScope(deps: Deps, request: FastifyRequest, locationId: string, permission?: Permission): Promise<AdminScope> {
  const byKey = await apiKeyAdminScope(deps, request, locationId, permission);
  if (byKey) return byKey;
  const actor = requireActor(request);
  const { location, permissions } = await accessAt(deps, request, locationId);
  if (!location || !permissions) throw notFound('Location not found');
  if (permission && !permissions.includes(permission)) throw forbidden(`You need the "${permission}" permission at ${location.name}`);
  return { organizationId: location.organizationId, locationId: location.id, actorUserId: actor.userId, permissions };
}

/** The scope of a member's portal request at a location; no live membership answers 404. */
export async function memberScope(deps: Deps, request: FastifyRequest, locationId: string): Promise<MemberScope> {
  const actor = requireActor(request);
  const { location, record: c } = await accessAt(deps, request, locationId);
  if (!location) throw notFound('Location not found');
  if (!c || c.status === 'removed' || c.type !== 'member') throw notFound('You are not a member of this location');
  return {
    organizationId: location.organizationId,
    locationId: location.id,
    actorUserId: actor.userId,
    customerId: c.id,
    companyId: c.companyId,
    companyManager: c.companyManager,
  };
}

/** Anyone with a place at the location: its administrators and its customers who are not removed; 404 for everyone else. */
export async function requirePlaceAt(deps: Deps, request: FastifyRequest, locationId: string): Promise<void> {
  requireActor(request);
  const { location, permissions, record } = await accessAt(deps, request, locationId);
  if (!location || (!permissions && (!record || record.status === 'removed'))) throw notFound('Location not found');
}

/** Like memberScope, for what nonmembers have too (their invoices): any record here that is not removed. */
export async function customerScope(deps: Deps, request: FastifyRequest, locationId: string): Promise<MemberScope> {
  const actor = requireActor(request);
  const { location, record: c } = await accessAt(deps, request, locationId);
  if (!location) throw notFound('Location not found');
  if (!c || c.status === 'removed') throw notFound('You have no record at this location');
  return {
    organizationId: location.organizationId,
    locationId: location.id,
    actorUserId: actor.userId,
    customerId: c.id,
    companyId: c.companyId,
    companyManager: c.companyManager,
  };
}

/**
 * Grants (or replaces) administrator permissions at a location, or organization-wide with
 * locationId null. The names this organization entered stay on the grant (shown until the
 * person activates the account).
 */
export async function grantInTx(
  deps: Deps,
  trx: Tx,
  scope: OwnerScope,
  userId: string,
  locationId: string | null,
  permissions: string[],
  entered: { firstName: string; lastName: string },
): Promise<string> {
  const existing = await q.findGrant(trx, scope.organizationId, userId, locationId);
  if (existing) {
    await q.setGrantPermissions(trx, scope.organizationId, existing.id, permissions);
    return existing.id;
  }
  return q.insertGrant(trx, { organizationId: scope.organizationId, userId, locationId, permissions, now: deps.clock.now(), ...entered });
}

/**
 * Giving, moving or ending administrator rights is granting: the actor must hold every one of
 * them. `refusal` words the 403 for the case at hand.
 */
export function requireHeldPermissions(scope: AdminScope, permissions: readonly Permission[], refusal: (notHeld: string) => string, reason?: string): void {
  const notHeld = permissions.filter((p) => !scope.permissions.includes(p));
  if (notHeld.length) throw new AppError('forbidden', refusal(notHeld.join(', ')), undefined, reason);
}

/** Removing a customer ends their admin rights at that location at once. */
export function revokeAtLocation(trx: Tx, organizationId: string, locationId: string, userId: string): Promise<number> {
  return q.deleteLocationGrantsOfUser(trx, organizationId, locationId, userId);
}

export function findGrantAt(trx: Tx, organizationId: string, userId: string, locationId: string) {
  return q.findGrant(trx, organizationId, userId, locationId);
}

/** The organization's grants with their people, for the owner's Administrators page. */
export const liveRecordLocationIds = q.liveRecordLocationIds;
export const listGrants = q.listAdministrators;
export const findOwner = q.findOwner;
export const findGrantById = q.findAdministrator;
export const setGrantPermissions = q.setGrantPermissions;
export const deleteGrant = q.deleteGrant;
export type GrantRow = Awaited<ReturnType<typeof q.listAdministrators>>[number];

/** An organization route's caller (design 6, Clarifications): the owner, or an organization-wide administrator where allowed. */
export interface OrganizationActorScope extends OwnerScope {
  owner: boolean;
}

/**
 * The scope of an organization route (`?organizationId=`, else the caller's first organization).
 * `need` is 'owner' for owner-only routes, or the permission an organization-wide administrator
 * (a grant with no location) must hold. Someone who does not belong to the organization (no
 * ownership, no grant, or an email it blacklisted) gets 404; an administrator it does not allow, 403.
 */
export async function organizationScope(
  deps: Deps,
  request: FastifyRequest,
  organizationId: string | undefined,
  need: 'owner' | Permission,
): Promise<OrganizationActorScope> {
  const actor = requireActor(request);
  const rights = await accessOf(deps.db, actor.userId, actor.email);
  const orgId =
    organizationId ?? rights.owned[0]?.id ?? rights.grants.find((g) => g.location_id === null)?.organization_id ?? rights.grants[0]?.organization_id;
  if (!orgId) throw notFound('Organization not found');
  if (rights.owned.some((o) => o.id === orgId)) return { organizationId: orgId, actorUserId: actor.userId, owner: true };
  const grants = rights.grants.filter((g) => g.organization_id === orgId);
  if (!grants.length) throw notFound('Organization not found');
  if (need === 'owner') throw forbidden('Only the owner of the organization can do this');
  const wide = grants.some((g) => g.location_id === null && (JSON.parse(g.permissions) as string[]).includes(need));
  if (!wide) throw forbidden(`You need the "${need}" permission at every location of the organization`);
  return { organizationId: orgId, actorUserId: actor.userId, owner: false };
}

/** Ends every session of an account at once (blacklisting it where it has nothing else). */
export const endSessionsOf = q.deleteSessionsOfUser;
