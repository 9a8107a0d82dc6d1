// SQL for resources.
import type { Selectable } from 'kysely';
import type { DbKind } from '../../db/database.js';
import type { ResourceTable, ResourceType, Visibility } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export type ResourceRow = Selectable<ResourceTable>;

export async function insertResource(db: Tx, row: ResourceRow): Promise<void> {
  await db.insertInto('resources').values(row).execute();
}

export function findResource(db: Tx, s: LocationKey, id: string): Promise<ResourceRow | undefined> {
  return db
    .selectFrom('resources')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The resource, locked for the rest of the transaction (PostgreSQL); SQLite's single writer serialises instead. */
export function lockResource(db: Tx, kind: DbKind, s: LocationKey, id: string): Promise<ResourceRow | undefined> {
  const qb = db
    .selectFrom('resources')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

export async function updateResource(db: Tx, s: LocationKey, id: string, set: Partial<ResourceRow>): Promise<void> {
  await db
    .updateTable('resources')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** By type, then name, keyset-paged on (type|name, id). */
export function listResources(
  db: Tx,
  s: LocationKey,
  f: { type?: ResourceType; archived?: boolean; limit: number },
  after: Keyset | null,
): Promise<ResourceRow[]> {
  let qb = db.selectFrom('resources').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId);
  if (f.type) qb = qb.where('type', '=', f.type);
  if (f.archived !== undefined) qb = qb.where('archived_at', f.archived ? 'is not' : 'is', null);
  if (after) {
    const [typeValue, name] = after.value.split('\u0001');
    const type = typeValue as ResourceType;
    qb = qb.where((eb) =>
      eb.or([eb('type', '>', type), eb.and([eb('type', '=', type), eb.or([eb('name', '>', name), eb.and([eb('name', '=', name), eb('id', '>', after.id)])])])]),
    );
  }
  return qb
    .orderBy('type')
    .orderBy('name')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

/** Live resources a person may see, by visibility level (the booking grid). */
export function resourcesVisibleAt(db: Tx, s: LocationKey, levels: Visibility[], f: { type?: ResourceType; id?: string }): Promise<ResourceRow[]> {
  if (levels.length === 0) return Promise.resolve([]);
  let qb = db
    .selectFrom('resources')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('archived_at', 'is', null)
    .where('visibility', 'in', levels);
  if (f.type) qb = qb.where('type', '=', f.type);
  if (f.id) qb = qb.where('id', '=', f.id);
  return qb.orderBy('type').orderBy('name').orderBy('id').limit(500).execute();
}
