// zod pieces shared by the modules' schemas: emails, ids, names, errors.
import { getCountry } from 'countries-and-timezones';
import { z } from 'zod';

/** One account per email: trimmed and lower-cased before anything else sees it. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long')
  .pipe(z.email({ message: 'Enter a valid email address' }));

export const idSchema = z.string().uuid({ message: 'Not a valid id' });
/** A first name (required). */
export const nameSchema = z.string().trim().min(1, 'Required').max(100, 'At most 100 characters');
/** A last name, which may be empty. */
export const lastNameSchema = z.string().trim().max(100, 'At most 100 characters');
/** A last name left out counts as empty. */
export const optionalNameSchema = lastNameSchema.default('');
/** A phone number as typed, read against the location's country by lib/phone.ts. */
export const phoneInputSchema = z.string().trim().max(40).nullable().optional();

export const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** stable snake_case reason of a 409 or 422, for the web apps to translate */
    reason: z.string().optional(),
    details: z
      .array(
        z.object({ path: z.string(), message: z.string(), bookingId: z.string().optional(), startsAt: z.string().optional(), endsAt: z.string().optional() }),
      )
      .optional(),
  }),
});

/** The answer of a route that answers 204 with no body (for the OpenAPI document; nothing is serialized). */
export const noContent = z.null().describe('No content');

export const locationParams = z.object({ locationId: idSchema });

export const PERMISSIONS = ['customers', 'billing', 'resources', 'content', 'events', 'shop', 'benefits', 'analytics', 'settings', 'reception'] as const;
export type Permission = (typeof PERMISSIONS)[number];
export const permissionSchema = z.enum(PERMISSIONS);

/** The languages Atrium speaks (emails, portal); English is complete, French proves the rest. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const languageSchema = z.enum(LANGUAGES);

/** The Idempotency-Key header of POSTs that spend, charge or record money (design 6): 1 to 100 characters. */
export const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(100).optional() });

/** An ISO 4217 currency code the runtime can format (Intl knows the current ones). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
export const isCurrencyCode = (code: string) => CURRENCIES.has(code);

/** An ISO 3166-1 alpha-2 code of a country or territory (its zones come from the same list the setup form uses). */
export const isCountryCode = (code: string) => getCountry(code) !== null;
