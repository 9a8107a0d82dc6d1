// SQL of the access module: sessions, organization ownership, administrator grants, and the
// lookups that turn a request into a scope (the location, the caller's membership there).
// Sessions, grants and ownerships belong to accounts across organizations: those lookups are by user.
import { sql } from 'kysely';
import type { Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { newId } from '../../lib/tokens.js';

export async function insertSession(db: Tx, s: { tokenHash: string; userId: string; now: Date; expiresAt: string }): Promise<string> {
  const id = newId();
  const t = s.now.toISOString();
  await db.insertInto('sessions').values({ id, token_hash: s.tokenHash, user_id: s.userId, created_at: t, last_seen_at: t, expires_at: s.expiresAt }).execute();
  return id;
}

export function findSessionWithUser(db: Tx, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'sessions.expires_at', 'users.id as user_id', 'users.email', 'users.last_active_at'])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Tx, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function deleteSession(db: Tx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionByHash(db: Tx, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export function ownedOrganizationIds(db: Tx, userId: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('owner_user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

export function grantsOfUser(db: Tx, userId: string) {
  return db
    .selectFrom('administrators')
    .innerJoin('organizations', 'organizations.id', 'administrators.organization_id')
    .select([
      'administrators.id',
      'administrators.organization_id',
      'administrators.location_id',
      'administrators.permissions',
      'organizations.name as organization_name',
    ])
    .where('administrators.user_id', '=', userId)
    .execute();
}

/** An organization's grants with their person: the names the organization entered until the person activates. */
function grantsWithPeople(db: Tx, organizationId: string) {
  return db
    .selectFrom('administrators')
    .innerJoin('users', 'users.id', 'administrators.user_id')
    .select([
      'administrators.id',
      'administrators.user_id',
      'administrators.location_id',
      'administrators.permissions',
      'administrators.created_at',
      'users.email',
      sql<string>`case when users.activated_at is null then administrators.first_name else users.first_name end`.as('first_name'),
      sql<string>`case when users.activated_at is null then administrators.last_name else users.last_name end`.as('last_name'),
    ])
    .where('administrators.organization_id', '=', organizationId);
}

export function listAdministrators(db: Tx, organizationId: string) {
  return grantsWithPeople(db, organizationId).orderBy('administrators.created_at').execute();
}

export function findAdministrator(db: Tx, organizationId: string, id: string) {
  return grantsWithPeople(db, organizationId).where('administrators.id', '=', id).executeTakeFirst();
}

export function findGrant(db: Tx, organizationId: string, userId: string, locationId: string | null) {
  let qb = db.selectFrom('administrators').selectAll().where('organization_id', '=', organizationId).where('user_id', '=', userId);
  qb = locationId === null ? qb.where('location_id', 'is', null) : qb.where('location_id', '=', locationId);
  return qb.executeTakeFirst();
}

export async function insertGrant(
  db: Tx,
  g: { organizationId: string; userId: string; locationId: string | null; permissions: string[]; now: Date; firstName: string; lastName: string },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('administrators')
    .values({
      id,
      organization_id: g.organizationId,
      user_id: g.userId,
      location_id: g.locationId,
      permissions: JSON.stringify(g.permissions),
      created_at: g.now.toISOString(),
      first_name: g.firstName,
      last_name: g.lastName,
    })
    .execute();
  return id;
}

export async function setGrantPermissions(db: Tx, organizationId: string, id: string, permissions: string[]): Promise<void> {
  await db
    .updateTable('administrators')
    .set({ permissions: JSON.stringify(permissions) })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

export async function deleteGrant(db: Tx, organizationId: string, id: string): Promise<void> {
  await db.deleteFrom('administrators').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export async function deleteLocationGrantsOfUser(db: Tx, organizationId: string, locationId: string, userId: string): Promise<number> {
  const r = await db
    .deleteFrom('administrators')
    .where('organization_id', '=', organizationId)
    .where('location_id', '=', locationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** A location by id alone: the caller's rights decide what they may do with it. */
export function findLocationUnscoped(db: Tx, id: string): Promise<Location | undefined> {
  return db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The caller's own record at a location (for the portal's member scope). */
export function findOwnRecord(db: Tx, s: { organizationId: string; locationId: string }, userId: string) {
  return db
    .selectFrom('customers')
    .select(['id', 'type', 'status', 'company_id', 'company_manager'])
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The locations where the person has a record that is not removed. */
export async function liveRecordLocationIds(db: Tx, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('customers').select('location_id').where('user_id', '=', userId).where('status', '!=', 'removed').execute();
  return rows.map((r) => r.location_id);
}

/** The locations of an organization where the person is a member (not removed): what `location_members` and `network_members` ask. */
export async function memberLocationIdsInOrganization(db: Tx, userId: string, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select('location_id')
    .where('user_id', '=', userId)
    .where('organization_id', '=', organizationId)
    .where('type', '=', 'member')
    .where('status', '!=', 'removed')
    .execute();
  return rows.map((r) => r.location_id);
}
