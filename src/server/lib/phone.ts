// Phone numbers: read in the location's country, stored in E.164, shown in national format.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { AppError } from '../errors.js';

/** E.164 for a valid number, null for an empty one; a 400 naming `path` otherwise. */
export function normalisePhone(input: string | null | undefined, country: string, path = 'phone'): string | null {
  const raw = (input ?? '').trim();
  if (!raw) return null;
  const parsed = parsePhoneNumberFromString(raw, country as CountryCode);
  if (!parsed?.isValid()) {
    throw new AppError('bad_request', 'Enter a valid phone number', [{ path, message: 'Enter a valid phone number' }]);
  }
  return parsed.number;
}

/** The same check without throwing, for row-by-row validation. */
export function tryNormalisePhone(input: string, country: string): string | null | undefined {
  try {
    return normalisePhone(input, country);
  } catch {
    return undefined;
  }
}
