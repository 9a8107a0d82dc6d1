// API keys (design 11.1): `Authorization: Bearer atr_...` turns a request into an administrator with
// exactly the key's permissions at its location (or every location of its organization). The
// owner makes and revokes them; only the secret's SHA-256 is kept. A key is never a person: every
// route that needs one (the portal, /me, the owner's routes: keys, webhooks, blacklist...) refuses
// it, 403 in its own organization and 404 elsewhere. 600 requests a minute per key, as
// @fastify/rate-limit counts them (one-minute windows), before the key is even looked up.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.js';
import { AppError, forbidden, notFound } from '../../errors.js';
import { MINUTE } from '../../lib/clock.js';
import { PERMISSIONS, type Permission } from '../../lib/schema.js';
import { hashToken, newToken } from '../../lib/tokens.js';
import type { AdminScope, OwnerScope } from '../../scope.js';
import * as q from './api-key-queries.js';
import type { Access } from './service.js';
import { ownedOrganizationIds, rightsOfUser } from './queries.js';

export const API_KEY_PREFIX = 'atr_';
export const API_KEY_REQUESTS_PER_MINUTE = 600;
const TOUCH_MS = MINUTE;

interface Place {
  id: string;
  organizationId: string;
  name: string;
}

/** The key behind a request, and the locations this request has looked at (null: no such location). */
interface KeyAccess {
  id: string;
  organizationId: string;
  locationId: string | null;
  permissions: Permission[];
  createdBy: string;
  places: Map<string, Place | null>;
}

const keyMemo = new WeakMap<FastifyRequest, KeyAccess>();

/** The Bearer token of a request, when it sends one (whatever it holds). */
export function bearerToken(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(.*)$/i.exec(h.trim());
  return m ? m[1].trim() : undefined;
}

/** Whether the request was made with an API key (resolved at the start of the request). */
export function isApiKeyRequest(request: FastifyRequest): boolean {
  return keyMemo.has(request);
}

function locationParam(request: FastifyRequest): string | null {
  const id = (request.params as Record<string, unknown> | undefined)?.locationId;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
}

/**
 * Every request with a Bearer token: counted against the key's minute, then resolved in one statement
 * (the key and the location the path names). An unknown or revoked key answers 401; the session
 * cookie and its Origin check are not consulted.
 */
export function registerApiKeys(app: FastifyInstance, deps: Deps, perMinute = API_KEY_REQUESTS_PER_MINUTE): void {
  const limit = app.createRateLimit({ max: perMinute, timeWindow: MINUTE, keyGenerator: (request) => `api-key:${hashToken(bearerToken(request) ?? '')}` });
  app.addHook('onRequest', async (request, reply) => {
    const token = bearerToken(request);
    if (token === undefined) return;
    const counted = await limit(request);
    if (!counted.isAllowed && counted.isExceeded) {
      reply.header('retry-after', counted.ttlInSeconds);
      throw new AppError('too_many_requests', `At most ${perMinute} requests a minute per API key`);
    }
    if (!token.startsWith(API_KEY_PREFIX)) throw new AppError('unauthorized', 'Not a valid API key');
    const locationId = locationParam(request);
    const row = await q.findKeyAccess(deps.db, hashToken(token), locationId);
    if (!row) throw new AppError('unauthorized', 'This API key is not valid or was revoked');
    const now = deps.clock.now();
    // written at most once a minute: a busy integration reads, it does not write
    if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= TOUCH_MS) await q.touchKey(deps.db, row.id, now);
    const held = new Set(JSON.parse(row.permissions) as string[]);
    const places = new Map<string, Place | null>();
    if (locationId !== null) {
      places.set(locationId, row.at_id && row.at_organization_id ? { id: row.at_id, organizationId: row.at_organization_id, name: row.at_name ?? '' } : null);
    }
    keyMemo.set(request, {
      id: row.id,
      organizationId: row.organization_id,
      locationId: row.location_id,
      permissions: PERMISSIONS.filter((p) => held.has(p)),
      createdBy: row.created_by_user_id,
      places,
    });
  });
}

async function placeOf(deps: Deps, key: KeyAccess, locationId: string): Promise<Place | null> {
  if (key.places.has(locationId)) return key.places.get(locationId) ?? null;
  const row = await q.findLocationBrief(deps.db, locationId);
  const place = row ? { id: row.id, organizationId: row.organization_id, name: row.name } : null;
  key.places.set(locationId, place);
  return place;
}

function covers(key: KeyAccess, place: Place | null): place is Place {
  return place !== null && place.organizationId === key.organizationId && (key.locationId === null || key.locationId === place.id);
}

/**
 * adminScope for a request made with a key, or null when the request has none: a location outside
 * the key's organization or location answers 404, a permission the key lacks 403.
 */
export async function apiKeyAdminScope(deps: Deps, request: FastifyRequest, locationId: string, permission?: Permission): Promise<AdminScope | null> {
  const key = keyMemo.get(request);
  if (!key) return null;
  const place = await placeOf(deps, key, locationId);
  if (!covers(key, place)) throw notFound('Location not found');
  if (permission && !key.permissions.includes(permission)) throw forbidden(`This API key does not hold the "${permission}" permission`);
  return { organizationId: place.organizationId, locationId: place.id, actorUserId: key.createdBy, permissions: key.permissions };
}

/** What a key holds, shaped like a person's rights (`accessOf`), for the routes that list what the caller may reach; null without a key. */
export function apiKeyRights(request: FastifyRequest): Access | null {
  const key = keyMemo.get(request);
  if (!key) return null;
  return {
    owned: [],
    grants: [
      { id: key.id, organization_id: key.organizationId, organization_name: '', location_id: key.locationId, permissions: JSON.stringify(key.permissions) },
    ],
  };
}

function namedOrganization(request: FastifyRequest): string | undefined {
  const fromQuery = (request.query as Record<string, unknown> | undefined)?.organizationId;
  const fromBody = (request.body as Record<string, unknown> | undefined)?.organizationId;
  const id = fromQuery ?? fromBody;
  return typeof id === 'string' ? id : undefined;
}

/**
 * For routes that need a person (the portal, /me, the owner's routes): a key is refused, 403 in its
 * own organization (and location), 404 when the request names another one. Does nothing without a key.
 */
export function refuseApiKey(request: FastifyRequest): void {
  const key = keyMemo.get(request);
  if (!key) return;
  const organizationId = namedOrganization(request);
  if (organizationId !== undefined && organizationId !== key.organizationId) throw notFound('Organization not found');
  const locationId = locationParam(request);
  if (locationId !== null && !covers(key, key.places.get(locationId) ?? null)) throw notFound('Location not found');
  throw forbidden('API keys cannot do this: it needs a person signed in');
}

/**
 * The owner's scope for owner-only organization routes (API keys, webhooks): the owner of the
 * organization named (or of their only one); its administrators and its API keys 403; anyone else 404.
 */
export async function ownerOnlyScope(deps: Deps, request: FastifyRequest, organizationId?: string): Promise<OwnerScope> {
  refuseApiKey(request);
  if (!request.actor) throw new AppError('unauthorized', 'Please sign in');
  const userId = request.actor.userId;
  const owned = await ownedOrganizationIds(deps.db, userId);
  const org = organizationId ? owned.find((o) => o.id === organizationId) : owned[0];
  if (org) return { organizationId: org.id, actorUserId: userId };
  if (!organizationId) throw forbidden('Only the owner of the organization can do this');
  const rights = await rightsOfUser(deps.db, userId);
  if (rights.some((r) => r.organization_id === organizationId)) throw forbidden('Only the owner of the organization can do this');
  throw notFound('Organization not found');
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  permissions: Permission[];
  locationId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

function toApiKey(r: q.KeyRow): ApiKey {
  const held = new Set(JSON.parse(r.permissions) as string[]);
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    permissions: PERMISSIONS.filter((p) => held.has(p)),
    locationId: r.location_id,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  };
}

export async function listApiKeys(deps: Deps, scope: OwnerScope): Promise<ApiKey[]> {
  return (await q.listKeys(deps.db, scope.organizationId)).map(toApiKey);
}

/** A new key: its secret is answered once and never again (only its hash is kept). */
export async function createApiKey(
  deps: Deps,
  scope: OwnerScope,
  input: { name: string; permissions: Permission[]; locationId: string | null },
): Promise<{ apiKey: ApiKey; secret: string }> {
  if (input.locationId !== null) {
    const place = await q.findLocationBrief(deps.db, input.locationId);
    if (!place || place.organization_id !== scope.organizationId) throw notFound('Location not found');
  }
  const secret = `${API_KEY_PREFIX}${newToken()}`;
  const id = await q.insertKey(deps.db, {
    organizationId: scope.organizationId,
    locationId: input.locationId,
    name: input.name,
    prefix: secret.slice(0, 12),
    tokenHash: hashToken(secret),
    permissions: PERMISSIONS.filter((p) => input.permissions.includes(p)),
    createdBy: scope.actorUserId,
    now: deps.clock.now(),
  });
  const row = await q.findKey(deps.db, scope.organizationId, id);
  return { apiKey: toApiKey(row!), secret };
}

/** Revoking is at once: the key's next request answers 401. */
export async function revokeApiKey(deps: Deps, scope: OwnerScope, keyId: string): Promise<void> {
  if ((await q.revokeKey(deps.db, scope.organizationId, keyId, deps.clock.now())) === 0) throw notFound('API key not found');
}
