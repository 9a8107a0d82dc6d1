// Dates, relative times and phone numbers formatted for people, in the location's time zone and country.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export function formatDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago", "just now"-style hint. */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** National format for numbers of the location's country, international otherwise; the raw text when it does not parse. */
export function formatPhone(phone: string, country?: string): string {
  const parsed = parsePhoneNumberFromString(phone, country?.toUpperCase() as CountryCode | undefined);
  if (!parsed?.isValid()) return phone;
  return parsed.country === country?.toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}
