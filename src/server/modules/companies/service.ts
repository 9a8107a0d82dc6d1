// Companies: businesses that are customers of a location.
import type { Tx } from '../../deps.js';
import { newId } from '../../lib/tokens.js';
import * as q from './queries.js';

export const findCompany = q.findCompany;

export interface NewCompany {
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  taxId?: string | null;
}

export async function createCompanyInTx(trx: Tx, s: { organizationId: string; locationId: string }, c: NewCompany, now: Date): Promise<string> {
  const id = newId();
  await q.insertCompany(trx, {
    id,
    organization_id: s.organizationId,
    location_id: s.locationId,
    name: c.name,
    email: c.email ?? null,
    phone: c.phone ?? null,
    address: c.address ?? null,
    tax_id: c.taxId ?? null,
    created_at: now.toISOString(),
    deleted_at: null,
  });
  return id;
}
