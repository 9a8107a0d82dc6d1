// Small conversions of the profile page: phone input to E.164, and date-only values (contract dates) for people.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** E.164 for a number typed in national (for the location's country) or international form; null when it is no phone number. */
export function phoneToE164(input: string, country: string): string | null {
  const parsed = parsePhoneNumberFromString(input, country.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** "2026-03-01" as a date in the reader's language; date-only values have no time zone, so none is applied. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, date)));
}
