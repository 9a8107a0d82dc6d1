// Organizations: the tenants. Creating one (first-run setup, `atrium setup`) makes its first location and owner.
import type { Deps, Tx } from '../../deps.js';
import type { Location, Organization } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { Language } from '../../lib/i18n.js';
import type { MailBrand } from '../../lib/mail/layout.js';
import { DEFAULT_ACCENT, readableAccent } from '../../lib/schema.js';
import { newId } from '../../lib/tokens.js';
import type { AdminScope, OwnerScope } from '../../scope.js';
import * as locations from '../locations/service.js';
import * as users from '../users/service.js';
import { brandOf, checkLogo, dropLogo, mailBrand, organizationLogoPath, readLogo, storeLogo } from './brand.js';
import * as q from './queries.js';
import type { BrandDto, OrganizationDto, PublicBrandDto, UpdateOrganizationInput } from './schema.js';

export { brandOf, mailBrand } from './brand.js';

export const countOrganizations = q.countOrganizations;
export const findOrganization = q.findOrganization;
export const getSetting = q.getSetting;
export const putSetting = q.putSetting;

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
  await q.insertOrganization(trx, {
    id: organizationId,
    name: input.organizationName,
    owner_user_id: owner.id,
    created_at: now.toISOString(),
    language: input.language ?? 'en',
  });
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

export function toOrganizationDto(o: Organization): OrganizationDto {
  return {
    id: o.id,
    name: o.name,
    logoUrl: organizationLogoPath(o),
    accentColor: o.accent_color,
    accentTextColor: readableAccent(o.accent_color ?? DEFAULT_ACCENT),
    supportEmail: o.support_email,
    language: o.language,
    createdAt: o.created_at,
  };
}

async function owned(deps: Deps, s: OwnerScope): Promise<Organization> {
  const o = await q.findOrganization(deps.db, s.organizationId);
  if (!o) throw notFound('Organization not found');
  return o;
}

export async function getOrganization(deps: Deps, s: OwnerScope): Promise<OrganizationDto> {
  return toOrganizationDto(await owned(deps, s));
}

export async function updateOrganization(deps: Deps, s: OwnerScope, input: UpdateOrganizationInput): Promise<OrganizationDto> {
  const set: Parameters<typeof q.updateOrganization>[2] = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.accentColor !== undefined) set.accent_color = input.accentColor;
  if (input.supportEmail !== undefined) set.support_email = input.supportEmail;
  if (input.language !== undefined) set.language = input.language;
  await q.updateOrganization(deps.db, s.organizationId, set);
  return getOrganization(deps, s);
}

/** Replaces the organization's logo: the new file is written first, the old one removed once the row names the new. */
export async function uploadOrganizationLogo(deps: Deps, s: OwnerScope, data: Buffer): Promise<OrganizationDto> {
  const type = await checkLogo(data);
  const before = await owned(deps, s);
  const id = await storeLogo(deps, s.organizationId, data);
  try {
    await q.updateOrganization(deps.db, s.organizationId, { logo_id: id, logo_type: type });
  } catch (err) {
    await dropLogo(deps, s.organizationId, id);
    throw err;
  }
  await dropLogo(deps, s.organizationId, before.logo_id);
  return getOrganization(deps, s);
}

export async function removeOrganizationLogo(deps: Deps, s: OwnerScope): Promise<void> {
  const before = await owned(deps, s);
  await q.updateOrganization(deps.db, s.organizationId, { logo_id: null, logo_type: null });
  await dropLogo(deps, s.organizationId, before.logo_id);
}

/** A location's own logo, overriding the organization's (an administrator with the settings permission). */
export async function uploadLocationLogo(deps: Deps, s: AdminScope, data: Buffer) {
  const type = await checkLogo(data);
  const before = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!before) throw notFound('Location not found');
  const id = await storeLogo(deps, s.organizationId, data);
  try {
    await locations.setLocationLogo(deps.db, s.organizationId, s.locationId, { id, type });
  } catch (err) {
    await dropLogo(deps, s.organizationId, id);
    throw err;
  }
  await dropLogo(deps, s.organizationId, before.logo_id);
  return locations.toLocationDto((await locations.findLocation(deps.db, s.organizationId, s.locationId))!);
}

export async function removeLocationLogo(deps: Deps, s: AdminScope): Promise<void> {
  const before = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!before) throw notFound('Location not found');
  await locations.setLocationLogo(deps.db, s.organizationId, s.locationId, null);
  await dropLogo(deps, s.organizationId, before.logo_id);
}

export interface LogoFile {
  data: Buffer;
  type: string;
  /** the logo's id: its version and ETag */
  id: string;
}

/** The organization's logo for anyone (emails and sign-in pages show it); null when it has none. */
export async function organizationLogo(deps: Deps, organizationId: string): Promise<LogoFile | null> {
  const o = await q.findOrganization(deps.db, organizationId);
  if (!o?.logo_id || !o.logo_type) return null;
  const data = await readLogo(deps, o.id, o.logo_id);
  return data ? { data, type: o.logo_type, id: o.logo_id } : null;
}

/** A location's logo for anyone: its own, else its organization's; null when neither has one. */
export async function locationLogo(deps: Deps, locationId: string): Promise<LogoFile | null> {
  const r = await q.locationWithOrganizationUnscoped(deps.db, locationId);
  if (!r) return null;
  const [id, type] = r.location_logo_id ? [r.location_logo_id, r.location_logo_type] : [r.logo_id, r.logo_type];
  if (!id || !type) return null;
  const data = await readLogo(deps, r.id, id);
  return data ? { data, type, id } : null;
}

/** The brand shown at a location (the kiosk, a public page): the organization's, with the location's own logo. */
export async function brandAtLocation(db: Tx, locationId: string): Promise<BrandDto | null> {
  const r = await q.locationWithOrganizationUnscoped(db, locationId);
  return r ? brandOf(r, { id: r.location_id, logo_id: r.location_logo_id }) : null;
}

/** What a page shows of an operator before sign-in; 404 for an id that names no organization. */
export async function publicBrand(db: Tx, organizationId: string): Promise<PublicBrandDto> {
  const o = await q.findOrganization(db, organizationId);
  if (!o) throw notFound('No such organization');
  return toPublicBrand(brandOf(o));
}

/** The public part of a brand: no support email, no derived colours (the web apps derive their own). */
export function toPublicBrand(b: BrandDto): PublicBrandDto {
  return { name: b.name, logoUrl: b.logoUrl, accentColor: b.accentColor };
}

/** The brands of these organizations, by id, for the pages of a signed-in person (/me). */
export async function brandsOf(db: Tx, organizationIds: string[]): Promise<Map<string, Organization>> {
  const rows = await q.organizationsByIds(db, [...new Set(organizationIds)]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The brand of an email about a location (its logo wins) or about the organization alone. */
export async function mailBrandFor(deps: Deps, db: Tx, organizationId: string, location?: Pick<Location, 'id' | 'logo_id'> | null): Promise<MailBrand> {
  return mailBrand(deps, await q.findOrganization(db, organizationId), location);
}
