// Locations: one space of an organization.
import { z } from 'zod';
import { isCountryCode, isCurrencyCode, languageSchema } from '../../lib/schema.js';

const timeZone = z
  .string()
  .trim()
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone');
const currency = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: 'Use a 3-letter currency code, like EUR', abort: true })
  .refine(isCurrencyCode, 'Unknown currency: use an ISO 4217 code, like EUR');
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, { message: 'Use a 2-letter country code, like FR', abort: true })
  .refine(isCountryCode, 'Unknown country: use an ISO 3166 code, like FR');

const billingDetailsSchema = z.object({
  legalName: z.string().trim().max(200).optional(),
  address: z.string().trim().max(500).optional(),
  taxId: z.string().trim().max(100).optional(),
  footer: z.string().trim().max(1000).optional(),
});

const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Use HH:MM, from 00:00 to 24:00');
const dayHours = z
  .array(z.tuple([wallTime, wallTime]))
  .max(6)
  .refine((intervals) => intervals.every(([from, to]) => from < to), 'Each interval must end after it starts')
  .refine((intervals) => intervals.every((iv, i) => i === 0 || intervals[i - 1][1] <= iv[0]), 'Intervals must be in order and not overlap');
/** Opening hours per weekday in local wall times (24:00 is the next midnight); a day without intervals is closed. */
export const openingHoursSchema = z.object({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours });
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** The space settings of a location (design 6 and 9). */
const spaceSettings = {
  openingHours: openingHoursSchema,
  /** how many local days ahead people may book */
  bookAheadDays: z.number().int().min(0).max(730),
  /** cancel at least this long before the start for a refund */
  cancellationNoticeHours: z.number().int().min(0).max(720),
  /** minutes before the start for the reminder email; 0 = off */
  bookingReminderMinutes: z.number().int().min(0).max(10_080),
};

/** The billing settings of a location (design 6), the same in answers and in PATCH. */
const billingSettings = {
  /** default tax rate in basis points (2000 = 20 %) */
  taxRateBps: z.number().int().min(0).max(10_000),
  /** prices are gross (tax included) when true */
  pricesIncludeTax: z.boolean(),
  paymentTermsDays: z.number().int().min(0).max(90),
  invoiceDaysAhead: z.number().int().min(0).max(60),
  invoiceNumberPattern: z
    .string()
    .trim()
    .min(6)
    .max(40)
    .refine((p) => p.includes('{NNNN}'), 'The pattern needs {NNNN}, where the number goes'),
  billingAnchor: z.enum(['start_date', 'first_of_month']),
  /** members no longer covered by a subscription become nonmembers when one ends */
  autoRemoveMembers: z.boolean(),
  billingDetails: billingDetailsSchema,
};

/** The reception kiosk's settings of a location (design 11.1). */
const receptionSettings = {
  /** the kiosk offers "Leave your contacts" */
  receptionLeaveContacts: z.boolean(),
  /** the kiosk offers "I'm visiting someone" */
  receptionVisitors: z.boolean(),
  /** the sentence a person agrees to when leaving contacts, stored with each lead */
  receptionConsentText: z.string().trim().min(1, 'Required').max(1000),
};

export const locationSchema = z.object({
  id: z.string(),
  organizationId: z.string(),
  name: z.string(),
  address: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  country: z.string(),
  joinRequests: z.enum(['closed', 'approval']),
  /** the language of emails to people who have not chosen one (an invitation to a new person) */
  language: languageSchema,
  /** the location's own logo (a path on this server), which overrides the organization's; null: the organization's */
  logoUrl: z.string().nullable(),
  ...billingSettings,
  ...spaceSettings,
  ...receptionSettings,
  createdAt: z.string(),
});
export type LocationDto = z.infer<typeof locationSchema>;

export const createLocationBody = z.object({
  organizationId: z.string().uuid().optional(),
  name: z.string().trim().min(1, 'Required').max(100),
  address: z.string().trim().max(300).default(''),
  timeZone,
  currency,
  country,
  /** left out: the organization's default language */
  language: languageSchema.optional(),
});
export type CreateLocationInput = z.infer<typeof createLocationBody>;

export const updateLocationBody = z.object({
  name: z.string().trim().min(1, 'Required').max(100).optional(),
  address: z.string().trim().max(300).optional(),
  timeZone: timeZone.optional(),
  currency: currency.optional(),
  country: country.optional(),
  joinRequests: z.enum(['closed', 'approval']).optional(),
  language: languageSchema.optional(),
  taxRateBps: billingSettings.taxRateBps.optional(),
  pricesIncludeTax: billingSettings.pricesIncludeTax.optional(),
  paymentTermsDays: billingSettings.paymentTermsDays.optional(),
  invoiceDaysAhead: billingSettings.invoiceDaysAhead.optional(),
  invoiceNumberPattern: billingSettings.invoiceNumberPattern.optional(),
  billingAnchor: billingSettings.billingAnchor.optional(),
  autoRemoveMembers: billingSettings.autoRemoveMembers.optional(),
  billingDetails: billingSettings.billingDetails.optional(),
  openingHours: spaceSettings.openingHours.optional(),
  bookAheadDays: spaceSettings.bookAheadDays.optional(),
  cancellationNoticeHours: spaceSettings.cancellationNoticeHours.optional(),
  bookingReminderMinutes: spaceSettings.bookingReminderMinutes.optional(),
  receptionLeaveContacts: receptionSettings.receptionLeaveContacts.optional(),
  receptionVisitors: receptionSettings.receptionVisitors.optional(),
  receptionConsentText: receptionSettings.receptionConsentText.optional(),
});
export type UpdateLocationInput = z.infer<typeof updateLocationBody>;
