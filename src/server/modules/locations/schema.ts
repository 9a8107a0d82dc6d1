// Locations: one space of an organization.
import { z } from 'zod';
import { languageSchema } from '../../lib/schema.js';

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
  .regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code, like EUR');
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a 2-letter country code, like FR');

const billingDetailsSchema = z.object({
  legalName: z.string().trim().max(200).optional(),
  address: z.string().trim().max(500).optional(),
  taxId: z.string().trim().max(100).optional(),
  footer: z.string().trim().max(1000).optional(),
});

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
  ...billingSettings,
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
  language: languageSchema.default('en'),
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
});
export type UpdateLocationInput = z.infer<typeof updateLocationBody>;
