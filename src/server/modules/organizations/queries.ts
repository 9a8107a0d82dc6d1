// SQL for organizations (the tenants) and installation-wide settings.
import type { Organization } from '../../db/schema.js';
import type { Tx } from '../../deps.js';

export async function countOrganizations(db: Tx): Promise<number> {
  const r = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertOrganization(
  db: Tx,
  row: { id: string; name: string; owner_user_id: string; created_at: string; language: 'en' | 'fr' },
): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export function namesByIds(db: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', ids).execute();
}

export function findOrganization(db: Tx, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getSetting(db: Tx, key: string): Promise<string | undefined> {
  return (await db.selectFrom('install_settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function putSetting(db: Tx, key: string, value: string | null): Promise<void> {
  await db.deleteFrom('install_settings').where('key', '=', key).execute();
  if (value !== null) await db.insertInto('install_settings').values({ key, value }).execute();
}

export async function updateOrganization(db: Tx, id: string, set: Partial<Omit<Organization, 'id' | 'owner_user_id' | 'created_at'>>): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await db.updateTable('organizations').set(set).where('id', '=', id).execute();
}

/** The brand of the organization of a location, with the location's own logo; by the location's id alone (public logo, kiosk). */
export function locationWithOrganizationUnscoped(db: Tx, locationId: string) {
  return db
    .selectFrom('locations')
    .innerJoin('organizations', 'organizations.id', 'locations.organization_id')
    .select([
      'locations.id as location_id',
      'locations.logo_id as location_logo_id',
      'locations.logo_type as location_logo_type',
      'organizations.id',
      'organizations.name',
      'organizations.logo_id',
      'organizations.logo_type',
      'organizations.accent_color',
      'organizations.support_email',
    ])
    .where('locations.id', '=', locationId)
    .executeTakeFirst();
}

/** The organizations of these ids (every column), for the brands of /me. */
export function organizationsByIds(db: Tx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').selectAll().where('id', 'in', ids).execute();
}
