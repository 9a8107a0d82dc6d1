// Organizations: the tenants. Creating one (first-run setup, `atrium setup`) makes its first location and owner.
import type { Deps, Tx } from '../../deps.js';
import type { Language } from '../../lib/i18n.js';
import { newId } from '../../lib/tokens.js';
import * as locations from '../locations/service.js';
import * as users from '../users/service.js';
import * as q from './queries.js';

export const countOrganizations = q.countOrganizations;
export const findOrganization = q.findOrganization;
export const getSetting = q.getSetting;
export const putSetting = q.putSetting;

export async function organizationNames(deps: Deps, ids: string[]): Promise<Map<string, string>> {
  const rows = await q.namesByIds(deps.db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface NewOrganization {
  organizationName: string;
  locationName: string;
  address: string;
  timeZone: string;
  currency: string;
  country: string;
  /** the first location's language for people who have not chosen one; English when not given */
  language?: Language;
  ownerEmail: string;
  ownerFirstName: string;
  ownerLastName: string;
}

/** Creates the organization, its first location and its owner (an existing account is reused). */
export async function createOrganizationInTx(deps: Deps, trx: Tx, input: NewOrganization) {
  const now = deps.clock.now();
  const owner = await users.findOrCreateAccount(trx, now, { email: input.ownerEmail, firstName: input.ownerFirstName, lastName: input.ownerLastName });
  const organizationId = newId();
  await q.insertOrganization(trx, { id: organizationId, name: input.organizationName, owner_user_id: owner.id, created_at: now.toISOString() });
  const location = await locations.createLocationInTx(deps, trx, organizationId, {
    name: input.locationName,
    address: input.address,
    timeZone: input.timeZone,
    currency: input.currency,
    country: input.country,
    language: input.language ?? 'en',
  });
  return { organizationId, location, owner };
}
