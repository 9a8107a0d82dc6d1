// SQL for locations.
import type { Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';

/** By id alone: the caller then checks the actor's rights in the location's organization. */
export function findLocationUnscoped(db: Tx, id: string): Promise<Location | undefined> {
  return db.selectFrom('locations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLocation(db: Tx, organizationId: string, id: string): Promise<Location | undefined> {
  return db.selectFrom('locations').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

/** The locations of some organizations and some more by id, in one statement; oldest first. */
export function listByOrganizationsOrIds(db: Tx, organizationIds: string[], ids: string[]): Promise<Location[]> {
  if (organizationIds.length === 0 && ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('locations')
    .selectAll()
    .where((eb) => eb.or([...(organizationIds.length ? [eb('organization_id', 'in', organizationIds)] : []), ...(ids.length ? [eb('id', 'in', ids)] : [])]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertLocation(db: Tx, row: Location): Promise<void> {
  await db.insertInto('locations').values(row).execute();
}

export async function updateLocation(db: Tx, organizationId: string, id: string, set: Partial<Location>): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await db.updateTable('locations').set(set).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export async function setInvitationTemplate(db: Tx, organizationId: string, id: string, subject: string | null, body: string | null): Promise<void> {
  await db
    .updateTable('locations')
    .set({ invitation_subject: subject, invitation_body: body })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** The oldest location of the installation (for `atrium seed` without --location). */
export function firstLocationUnscoped(db: Tx): Promise<Location | undefined> {
  return db.selectFrom('locations').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
}

/** The organization's default language, which a new location starts with. */
export async function organizationLanguage(db: Tx, organizationId: string): Promise<'en' | 'fr'> {
  const row = await db.selectFrom('organizations').select('language').where('id', '=', organizationId).executeTakeFirst();
  return row?.language ?? 'en';
}
