// SQL for companies.
import type { Tx } from '../../deps.js';
import type { Company } from '../../db/schema.js';

export async function insertCompany(db: Tx, row: Company): Promise<void> {
  await db.insertInto('companies').values(row).execute();
}

export function findCompany(db: Tx, s: { organizationId: string; locationId: string }, id: string) {
  return db
    .selectFrom('companies')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
