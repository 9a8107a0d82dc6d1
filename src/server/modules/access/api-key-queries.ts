// SQL of API keys: the key behind a Bearer request (with the location its path names, in one
// statement), and the owner's list, creation and revocation. Lookups by id match the organization too.
import type { Tx } from '../../deps.js';
import { newId } from '../../lib/tokens.js';

/** A live key by its secret's hash and, when the request names a location, that location (null when unknown). */
export function findKeyAccess(db: Tx, tokenHash: string, locationId: string | null) {
  return db
    .selectFrom('api_keys')
    .select(['api_keys.id', 'api_keys.organization_id', 'api_keys.location_id', 'api_keys.permissions', 'api_keys.created_by_user_id', 'api_keys.last_used_at'])
    .where('api_keys.token_hash', '=', tokenHash)
    .where('api_keys.revoked_at', 'is', null)
    .$if(locationId !== null, (qb) =>
      qb
        .leftJoin('locations', (j) => j.on('locations.id', '=', locationId!))
        .select(['locations.id as at_id', 'locations.organization_id as at_organization_id', 'locations.name as at_name']),
    )
    .executeTakeFirst() as Promise<KeyAccessRow | undefined>;
}

export interface KeyAccessRow {
  id: string;
  organization_id: string;
  location_id: string | null;
  permissions: string;
  created_by_user_id: string;
  last_used_at: string | null;
  at_id?: string | null;
  at_organization_id?: string | null;
  at_name?: string | null;
}

export function findLocationBrief(db: Tx, locationId: string) {
  return db.selectFrom('locations').select(['id', 'organization_id', 'name']).where('id', '=', locationId).executeTakeFirst();
}

export async function touchKey(db: Tx, id: string, now: Date): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function insertKey(
  db: Tx,
  k: {
    organizationId: string;
    locationId: string | null;
    name: string;
    prefix: string;
    tokenHash: string;
    permissions: string[];
    createdBy: string;
    now: Date;
  },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('api_keys')
    .values({
      id,
      organization_id: k.organizationId,
      location_id: k.locationId,
      name: k.name,
      prefix: k.prefix,
      token_hash: k.tokenHash,
      permissions: JSON.stringify(k.permissions),
      created_by_user_id: k.createdBy,
      created_at: k.now.toISOString(),
    })
    .execute();
  return id;
}

const keyColumns = ['id', 'organization_id', 'location_id', 'name', 'prefix', 'permissions', 'created_at', 'last_used_at'] as const;

/** The organization's live keys, oldest first. */
export function listKeys(db: Tx, organizationId: string) {
  return db
    .selectFrom('api_keys')
    .select(keyColumns)
    .where('organization_id', '=', organizationId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function findKey(db: Tx, organizationId: string, id: string) {
  return db
    .selectFrom('api_keys')
    .select(keyColumns)
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}
export type KeyRow = NonNullable<Awaited<ReturnType<typeof findKey>>>;

export async function revokeKey(db: Tx, organizationId: string, id: string, now: Date): Promise<number> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: now.toISOString() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
