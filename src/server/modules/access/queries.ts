// SQL of the access module: sessions, organization ownership, administrator grants, and the
// lookups that turn a request into a scope (the location, the caller's membership there).
// Sessions, grants and ownerships belong to accounts across organizations: those lookups are by user.
import { type InferResult, sql } from 'kysely';
import type { Tx } from '../../deps.js';
import { compiledOnce, standIn } from '../../db/compiled-once.js';
import { newId } from '../../lib/tokens.js';

export async function insertSession(db: Tx, s: { tokenHash: string; userId: string; now: Date; expiresAt: string }): Promise<string> {
  const id = newId();
  const t = s.now.toISOString();
  await db.insertInto('sessions').values({ id, token_hash: s.tokenHash, user_id: s.userId, created_at: t, last_seen_at: t, expires_at: s.expiresAt }).execute();
  return id;
}

/**
 * A session with its person (the whole account row) and, when the request names a location, what the person is there: the
 * location (none when the id is unknown), its organization's owner, each grant of that organization
 * that applies to it (one row per grant, so a row even without any) and the person's own record.
 * The actor and scope of a request in one statement: it runs on every signed-in request, and reads
 * rights afresh each time, so a revoked grant or a removed member is refused at the next request.
 */
function sessionAccessQuery(db: Tx, tokenHash: string, locationId: string | null) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.email',
      'users.first_name',
      'users.last_name',
      'users.phone',
      'users.activated_at',
      'users.email_verified_at',
      'users.last_active_at',
      'users.created_at as user_created_at',
      'users.language',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .$if(locationId !== null, (qb) =>
      qb
        // an organization that blacklisted the person's email is not there for them: its locations answer 404
        .leftJoin('locations', (j) =>
          j
            .on('locations.id', '=', locationId!)
            .on((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('blacklist_entries')
                    .select('blacklist_entries.id')
                    .whereRef('blacklist_entries.organization_id', '=', 'locations.organization_id')
                    .whereRef('blacklist_entries.email', '=', 'users.email'),
                ),
              ),
            ),
        )
        .leftJoin('organizations', 'organizations.id', 'locations.organization_id')
        .leftJoin('administrators', (j) =>
          j
            .onRef('administrators.user_id', '=', 'users.id')
            .onRef('administrators.organization_id', '=', 'locations.organization_id')
            .on((eb) => eb.or([eb('administrators.location_id', 'is', null), eb('administrators.location_id', '=', eb.ref('locations.id'))])),
        )
        .leftJoin('customers', (j) =>
          j
            .onRef('customers.organization_id', '=', 'locations.organization_id')
            .onRef('customers.location_id', '=', 'locations.id')
            .onRef('customers.user_id', '=', 'users.id'),
        )
        .select([
          'locations.id as location_id',
          'locations.organization_id as location_organization_id',
          'locations.name as location_name',
          'organizations.owner_user_id',
          'administrators.permissions as grant_permissions',
          'customers.id as customer_id',
          'customers.type as customer_type',
          'customers.status as customer_status',
          'customers.company_id as customer_company_id',
          'customers.company_manager as customer_company_manager',
        ]),
    );
}
export type SessionAccessRow = InferResult<ReturnType<typeof sessionAccessQuery>>[number];

/**
 * Built and compiled once per database handle and shape (db/compiled-once.ts): building the join costs more than the
 * few index probes that answer it. On PostgreSQL each connection plans it once too.
 */
export function findSessionAccess(db: Tx, tokenHash: string, locationId: string | null): Promise<SessionAccessRow[]> {
  return compiledOnce(
    db,
    locationId === null ? 'session' : 'session at a location',
    () => sessionAccessQuery(db, standIn('token'), locationId === null ? null : standIn('location')),
    { token: tokenHash, location: locationId },
    { prepared: true },
  );
}

export async function touchSession(db: Tx, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function deleteSession(db: Tx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Every session of an account (a blacklisting by the only organization that holds it). */
export async function deleteSessionsOfUser(db: Tx, userId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSessionByHash(db: Tx, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export function ownedOrganizationIds(db: Tx, userId: string) {
  return db.selectFrom('organizations').select(['id', 'name']).where('owner_user_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

/**
 * Everything a user holds, in one statement: the organizations they own (kind 'owner', oldest first)
 * and their administrator grants (kind 'grant', oldest first) with their organization's name.
 * With `email`, what the person may use: the grants of an organization that blacklisted it are left out.
 */
function rightsOfUserQuery(db: Tx, userId: string, email?: string) {
  const owned = db
    .selectFrom('organizations')
    .select([
      sql<'owner' | 'grant'>`'owner'`.as('kind'),
      'organizations.id as organization_id',
      'organizations.name as organization_name',
      sql<string | null>`null`.as('grant_id'),
      sql<string | null>`null`.as('location_id'),
      sql<string | null>`null`.as('permissions'),
      'organizations.created_at as since',
    ])
    .where('organizations.owner_user_id', '=', userId);
  const granted = db
    .selectFrom('administrators')
    .innerJoin('organizations', 'organizations.id', 'administrators.organization_id')
    .select([
      sql<'owner' | 'grant'>`'grant'`.as('kind'),
      'administrators.organization_id',
      'organizations.name as organization_name',
      'administrators.id as grant_id',
      'administrators.location_id',
      'administrators.permissions',
      'administrators.created_at as since',
    ])
    .where('administrators.user_id', '=', userId)
    .$if(email !== undefined, (qb) =>
      qb.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('blacklist_entries')
              .select('blacklist_entries.id')
              .whereRef('blacklist_entries.organization_id', '=', 'administrators.organization_id')
              .where('blacklist_entries.email', '=', email!),
          ),
        ),
      ),
    );
  // 'owner' sorts after 'grant': descending puts ownerships first
  return owned.unionAll(granted).orderBy('kind', 'desc').orderBy('since').orderBy('organization_id');
}

/** Built and compiled once per database handle (GET /me and the pages that list a person's locations run it each time). */
export function rightsOfUser(db: Tx, userId: string, email?: string) {
  return compiledOnce(
    db,
    email === undefined ? 'rights' : 'rights without blacklisted',
    () => rightsOfUserQuery(db, standIn('user'), email === undefined ? undefined : standIn('email')),
    { user: userId, email },
  );
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

/** The organization's owner, for the Administrators list: always there, never a grant. */
export function findOwner(db: Tx, organizationId: string) {
  return db
    .selectFrom('organizations')
    .innerJoin('users', 'users.id', 'organizations.owner_user_id')
    .select(['users.id as user_id', 'users.email', 'users.first_name', 'users.last_name', 'organizations.created_at'])
    .where('organizations.id', '=', organizationId)
    .executeTakeFirstOrThrow();
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

/** The locations where the person has a record that is not removed (with `email`: not at an organization that blacklisted it). */
export async function liveRecordLocationIds(db: Tx, userId: string, email?: string): Promise<string[]> {
  const rows = await db
    .selectFrom('customers')
    .select('location_id')
    .where('user_id', '=', userId)
    .where('status', '!=', 'removed')
    .$if(email !== undefined, (qb) =>
      qb.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('blacklist_entries')
              .select('blacklist_entries.id')
              .whereRef('blacklist_entries.organization_id', '=', 'customers.organization_id')
              .where('blacklist_entries.email', '=', email!),
          ),
        ),
      ),
    )
    .execute();
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
