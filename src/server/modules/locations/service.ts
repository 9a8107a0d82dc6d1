// Locations: create and edit (owner / settings permission), and the list a person may see.
import type { Deps, Tx } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { Location } from '../../db/schema.js';
import { newId } from '../../lib/tokens.js';
import * as q from './queries.js';
import type { CreateLocationInput, LocationDto, UpdateLocationInput } from './schema.js';
import type { OwnerScope } from '../../scope.js';
import type * as access from '../access/service.js';

export const findLocationUnscoped = q.findLocationUnscoped;
export const findLocation = q.findLocation;
export const firstLocation = q.firstLocationUnscoped;

/** The public path of a location's own logo, versioned by the logo's id (so it can be cached for good); null without one. */
export function locationLogoPath(l: Pick<Location, 'id' | 'logo_id'>): string | null {
  return l.logo_id ? `/api/v1/public/locations/${l.id}/logo?v=${l.logo_id}` : null;
}

/** Sets (or, with null, removes) a location's own logo; the file itself is the caller's (organizations/brand.ts). */
export async function setLocationLogo(db: Tx, organizationId: string, locationId: string, logo: { id: string; type: string } | null): Promise<void> {
  await q.updateLocation(db, organizationId, locationId, { logo_id: logo?.id ?? null, logo_type: logo?.type ?? null });
}

export function toLocationDto(l: Location): LocationDto {
  return {
    id: l.id,
    organizationId: l.organization_id,
    name: l.name,
    address: l.address,
    timeZone: l.time_zone,
    currency: l.currency,
    country: l.country,
    joinRequests: l.join_requests,
    language: l.language,
    logoUrl: locationLogoPath(l),
    taxRateBps: l.tax_rate_bps,
    pricesIncludeTax: l.prices_include_tax === 1,
    paymentTermsDays: l.payment_terms_days,
    invoiceDaysAhead: l.invoice_days_ahead,
    invoiceNumberPattern: l.invoice_number_pattern,
    billingAnchor: l.billing_anchor,
    autoRemoveMembers: l.auto_remove_members === 1,
    billingDetails: JSON.parse(l.billing_details) as LocationDto['billingDetails'],
    openingHours: JSON.parse(l.opening_hours) as LocationDto['openingHours'],
    bookAheadDays: l.book_ahead_days,
    cancellationNoticeHours: l.cancellation_notice_hours,
    bookingReminderMinutes: l.booking_reminder_minutes,
    receptionLeaveContacts: l.reception_leave_contacts === 1,
    receptionVisitors: l.reception_visitors === 1,
    receptionConsentText: l.reception_consent_text,
    createdAt: l.created_at,
  };
}

/** The billing settings of a new location (design 6), as the migration gives existing ones. */
const BILLING_DEFAULTS = {
  tax_rate_bps: 0,
  prices_include_tax: 0,
  payment_terms_days: 14,
  invoice_days_ahead: 7,
  invoice_number_pattern: 'INV-{YYYY}-{NNNN}',
  billing_anchor: 'start_date',
  auto_remove_members: 0,
  billing_details: '{}',
} as const satisfies Partial<Location>;

const WEEKDAYS = { mon: [['08:00', '20:00']], tue: [['08:00', '20:00']], wed: [['08:00', '20:00']], thu: [['08:00', '20:00']], fri: [['08:00', '20:00']] };

/** The space settings of a new location (design 6): Monday to Friday 08:00–20:00, as the migration gives existing ones. */
const SPACE_DEFAULTS = {
  opening_hours: JSON.stringify({ ...WEEKDAYS, sat: [], sun: [] }),
  book_ahead_days: 90,
  cancellation_notice_hours: 24,
  booking_reminder_minutes: 60,
} satisfies Partial<Location>;

/** The consent sentence of the kiosk until an administrator writes the location's own (the migration gives it to existing ones). */
export const DEFAULT_CONSENT_TEXT = 'I agree that this location keeps my contact details to get back to me about its offers.';

/** The kiosk settings of a new location (design 6), as the migration gives existing ones. */
const RECEPTION_DEFAULTS = {
  reception_leave_contacts: 1,
  reception_visitors: 0,
  reception_consent_text: DEFAULT_CONSENT_TEXT,
} satisfies Partial<Location>;

export async function createLocationInTx(
  deps: Deps,
  trx: Tx,
  organizationId: string,
  input: Omit<CreateLocationInput, 'organizationId' | 'language'> & { language: Location['language'] },
): Promise<Location> {
  const row: Location = {
    id: newId(),
    organization_id: organizationId,
    name: input.name,
    address: input.address,
    time_zone: input.timeZone,
    currency: input.currency,
    country: input.country,
    join_requests: 'closed',
    language: input.language,
    ...BILLING_DEFAULTS,
    ...SPACE_DEFAULTS,
    ...RECEPTION_DEFAULTS,
    invitation_subject: null,
    invitation_body: null,
    logo_id: null,
    logo_type: null,
    created_at: deps.clock.now().toISOString(),
  };
  await q.insertLocation(trx, row);
  return row;
}

export async function createLocation(deps: Deps, scope: OwnerScope, input: CreateLocationInput): Promise<LocationDto> {
  // a new location starts in the organization's default language unless told otherwise
  const language = input.language ?? (await q.organizationLanguage(deps.db, scope.organizationId));
  return toLocationDto(await createLocationInTx(deps, deps.db, scope.organizationId, { ...input, language }));
}

export async function updateLocation(deps: Deps, scope: { organizationId: string; locationId: string }, input: UpdateLocationInput): Promise<LocationDto> {
  const set: Partial<Location> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.address !== undefined) set.address = input.address;
  if (input.timeZone !== undefined) set.time_zone = input.timeZone;
  if (input.currency !== undefined) set.currency = input.currency;
  if (input.country !== undefined) set.country = input.country;
  if (input.joinRequests !== undefined) set.join_requests = input.joinRequests;
  if (input.language !== undefined) set.language = input.language;
  if (input.taxRateBps !== undefined) set.tax_rate_bps = input.taxRateBps;
  if (input.pricesIncludeTax !== undefined) set.prices_include_tax = input.pricesIncludeTax ? 1 : 0;
  if (input.paymentTermsDays !== undefined) set.payment_terms_days = input.paymentTermsDays;
  if (input.invoiceDaysAhead !== undefined) set.invoice_days_ahead = input.invoiceDaysAhead;
  if (input.invoiceNumberPattern !== undefined) set.invoice_number_pattern = input.invoiceNumberPattern;
  if (input.billingAnchor !== undefined) set.billing_anchor = input.billingAnchor;
  if (input.autoRemoveMembers !== undefined) set.auto_remove_members = input.autoRemoveMembers ? 1 : 0;
  if (input.billingDetails !== undefined) set.billing_details = JSON.stringify(input.billingDetails);
  if (input.openingHours !== undefined) set.opening_hours = JSON.stringify(input.openingHours);
  if (input.bookAheadDays !== undefined) set.book_ahead_days = input.bookAheadDays;
  if (input.cancellationNoticeHours !== undefined) set.cancellation_notice_hours = input.cancellationNoticeHours;
  if (input.bookingReminderMinutes !== undefined) set.booking_reminder_minutes = input.bookingReminderMinutes;
  if (input.receptionLeaveContacts !== undefined) set.reception_leave_contacts = input.receptionLeaveContacts ? 1 : 0;
  if (input.receptionVisitors !== undefined) set.reception_visitors = input.receptionVisitors ? 1 : 0;
  if (input.receptionConsentText !== undefined) set.reception_consent_text = input.receptionConsentText;
  await q.updateLocation(deps.db, scope.organizationId, scope.locationId, set);
  const l = await q.findLocation(deps.db, scope.organizationId, scope.locationId);
  if (!l) throw notFound('Location not found');
  return toLocationDto(l);
}

/**
 * Locations the person administers (all of an owned organization) or is a customer of; oldest
 * first. `rights` is what `access.accessOf` read for them (the caller often needs it too).
 */
export function locationsVisibleTo(deps: Deps, rights: access.Access, customerLocationIds: string[]): Promise<Location[]> {
  const orgWide = [...rights.owned.map((o) => o.id), ...rights.grants.filter((g) => g.location_id === null).map((g) => g.organization_id)];
  const ids = [...rights.grants.filter((g) => g.location_id !== null).map((g) => g.location_id!), ...customerLocationIds];
  return q.listByOrganizationsOrIds(deps.db, [...new Set(orgWide)], [...new Set(ids)]);
}

export function setInvitationTemplate(
  deps: Deps,
  scope: { organizationId: string; locationId: string },
  t: { subject: string; body: string } | null,
): Promise<void> {
  return q.setInvitationTemplate(deps.db, scope.organizationId, scope.locationId, t?.subject ?? null, t?.body ?? null);
}
