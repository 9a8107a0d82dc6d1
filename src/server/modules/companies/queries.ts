// SQL for companies.
import type { Tx } from '../../deps.js';
import type { Company } from '../../db/schema.js';

export async function insertCompany(db: Tx, row: Company): Promise<void> {
  await db.insertInto('companies').values(row).execute();
}
