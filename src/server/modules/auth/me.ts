// GET /me: the person, their memberships, their admin rights and organizations.
import type { Deps } from '../../deps.js';
import type { User } from '../../db/schema.js';
import { DEFAULT_ACCENT } from '../../lib/schema.js';
import * as customers from '../customers/service.js';
import * as locations from '../locations/service.js';
import * as organizations from '../organizations/service.js';
import * as users from '../users/service.js';
import type { z } from 'zod';
import type { meAnswer } from './schema.js';
import * as access from '../access/service.js';

/** `user` is the account row read with the session (`access.signedInUser`): no second read of it. */
export async function describeMe(deps: Deps, user: User): Promise<z.infer<typeof meAnswer>> {
  const userId = user.id;
  // an organization that blacklisted the person's email is not theirs to see: neither it nor their records there
  const [memberships, rights] = await Promise.all([customers.customersOfUser(deps.db, userId, user.email), access.accessOf(deps.db, userId, user.email)]);
  const adminLocations = await locations.locationsVisibleTo(deps, rights, []);
  const admin = adminLocations
    .map((l) => ({ locationId: l.id, permissions: access.permissionsAt(rights, l) }))
    .filter((a): a is { locationId: string; permissions: NonNullable<typeof a.permissions> } => a.permissions !== null);
  const orgs = new Map<string, { id: string; name: string; role: 'owner' | 'admin' | 'member' }>();
  for (const o of rights.owned) orgs.set(o.id, { id: o.id, name: o.name, role: 'owner' });
  for (const g of rights.grants)
    if (!orgs.has(g.organization_id)) orgs.set(g.organization_id, { id: g.organization_id, name: g.organization_name, role: 'admin' });
  for (const m of memberships) if (!orgs.has(m.organization_id)) orgs.set(m.organization_id, { id: m.organization_id, name: '', role: 'member' });
  // every organization's row at once: names and brands (name, logo, colours) for the apps' frames
  const rows = await organizations.brandsOf(deps.db, [...orgs.keys()]);
  const brandAt = (organizationId: string, location?: { id: string; logo_id: string | null }) => {
    const row = rows.get(organizationId);
    return row
      ? organizations.brandOf(row, location)
      : { name: orgs.get(organizationId)?.name ?? '', logoUrl: null, accentColor: null, accentTextColor: DEFAULT_ACCENT, supportEmail: null };
  };
  return {
    user: users.toUserDto(user),
    memberships: memberships.map((m) => ({
      locationId: m.location_id,
      locationName: m.location_name,
      organizationId: m.organization_id,
      customerId: m.id,
      type: m.type,
      status: m.status,
      company: m.company_id && m.company_name ? { id: m.company_id, name: m.company_name, manager: Boolean(m.company_manager) } : null,
      brand: brandAt(m.organization_id, { id: m.location_id, logo_id: m.location_logo_id }),
    })),
    country: phoneCountry(memberships),
    admin,
    organizations: [...orgs.values()].map((o) => {
      const brand = brandAt(o.id);
      return { ...o, name: brand.name || o.name, brand };
    }),
    mailTransport: deps.mail.name,
  };
}

/** The country a person's own phone number is read in: that of their first live location. */
export function phoneCountry(memberships: { status: string; location_country: string }[]): string {
  return (memberships.find((m) => m.status !== 'removed') ?? memberships[0])?.location_country ?? 'US';
}
