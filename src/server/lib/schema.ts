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

/** An accent colour as #rrggbb (lower-cased). */
export const hexColorSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, 'Use a colour like #1c7ed6');

// The contrast rule of the brand (WCAG 2.x), in one place for the server (emails) and the web apps (Mantine's
// primary colour): white text on the accent colour must reach 4.5:1 (AA for normal text), else the colour used
// behind and as text is the accent darkened until it does. It lives here because the web apps may import only
// the server's schema files.

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

/** The relative luminance of a #rrggbb colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two #rrggbb colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

/**
 * The accent colour to put white text on (buttons) and to write text in on white (links): the colour itself when
 * white on it reaches 4.5:1, else the colour darkened step by step (its hue kept) until it does.
 */
export function readableAccent(hex: string, min = MIN_TEXT_CONTRAST): string {
  const rgb = channels(hex.toLowerCase());
  for (let k = 0; k <= 100; k++) {
    const c = toHex(rgb.map((v) => v * (1 - k / 100)));
    if (contrastRatio(c, '#ffffff') >= min) return c;
  }
  return '#000000';
}

/** A shade of a #rrggbb colour mixed with white (amount > 0) or black (amount < 0), amount from -1 to 1. */
export function mixColor(hex: string, amount: number): string {
  const target = amount >= 0 ? 255 : 0;
  const a = Math.abs(amount);
  return toHex(channels(hex.toLowerCase()).map((v) => v + (target - v) * a));
}

/** Atrium's own accent colour (Mantine's blue 8), used when an organization has not chosen one. */
export const DEFAULT_ACCENT = '#1971c2';
