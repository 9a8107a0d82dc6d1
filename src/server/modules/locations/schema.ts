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
});
export type UpdateLocationInput = z.infer<typeof updateLocationBody>;
