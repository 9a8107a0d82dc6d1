// SQL for organizations (the tenants) and installation-wide settings.
import type { Tx } from '../../deps.js';

export async function countOrganizations(db: Tx): Promise<number> {
  const r = await db
    .selectFrom('organizations')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertOrganization(db: Tx, row: { id: string; name: string; owner_user_id: string; created_at: string }): Promise<void> {
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
