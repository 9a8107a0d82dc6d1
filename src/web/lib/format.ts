// Dates, relative times, numbers, money and phone numbers formatted for people in the language they read (lib/i18n.ts),
// in the location's time zone and country, and typed phone numbers read in the location's country.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { currentLanguage } from './i18n';

type IntlFormatter = typeof Intl.DateTimeFormat | typeof Intl.NumberFormat | typeof Intl.RelativeTimeFormat | typeof Intl.ListFormat;
const formatters = new Map<string, unknown>();

/**
 * One Intl formatter per kind, language and options, made once: making one costs some thirty times using it, and a
 * table of 50 customers made 150 of them at each render.
 */
export function intl<F extends IntlFormatter>(Formatter: F, options: ConstructorParameters<F>[1] = {}, language = currentLanguage()): InstanceType<F> {
  const key = `${Formatter.name}|${language}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new (Formatter as new (language: string, options: unknown) => unknown)(language, options);
    formatters.set(key, formatter);
  }
  return formatter as InstanceType<F>;
}

export function formatDate(iso: string, timeZone?: string): string {
  return intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

export function formatDateTime(iso: string, timeZone?: string): string {
  return intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
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
  const format = intl(Intl.RelativeTimeFormat, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** "2026-03-01" as a date in the reader's language; date-only values have no time zone, so none is applied. */
export function formatDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return day;
  return intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, date)));
}

/** A month ("2026-03") in the reader's language: "March 2026" (long) or "Mar 2026" (short). */
export function formatMonth(month: string, style: 'long' | 'short'): string {
  return intl(Intl.DateTimeFormat, { month: style, year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** A count or amount in the reader's language ("1,234.5", "1 234,5"). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return intl(Intl.NumberFormat, options).format(value);
}

/** Money in the location's currency and the reader's language ("€20.00", "20,00 €"); amounts in major units. */
export function formatMoney(amount: number, currency: string): string {
  return intl(Intl.NumberFormat, { style: 'currency', currency }).format(amount);
}

/** A phone number as typed: national form, read in the location's country, or international form (with +). */
function parsePhone(phone: string, country?: string) {
  return parsePhoneNumberFromString(phone, (country?.toUpperCase() || undefined) as CountryCode | undefined);
}

/** National format for numbers of the location's country, international otherwise; the raw text when it does not parse. */
export function formatPhone(phone: string, country?: string): string {
  const parsed = parsePhone(phone, country);
  if (!parsed?.isValid()) return phone;
  return parsed.country === country?.toUpperCase() ? parsed.formatNational() : parsed.formatInternational();
}

/** E.164 for a number typed in national (for the location's country) or international form; null when it is no phone number. */
export function phoneToE164(phone: string, country: string): string | null {
  const parsed = parsePhone(phone, country);
  return parsed?.isValid() ? parsed.number : null;
}

/** Whether a typed phone is a real number, read in the location's country unless it starts with +. */
export function isValidPhone(phone: string, country: string): boolean {
  return phoneToE164(phone, country) !== null;
}

/** Names listed in the reader's language ("first name, email" in English), for a list inside a catalogue sentence. */
export function formatList(items: readonly string[]): string {
  return intl(Intl.ListFormat, { type: 'unit', style: 'short' }).format(items);
}

/** How many fraction digits a currency's minor unit has (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  return intl(Intl.NumberFormat, { style: 'currency', currency }, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/** Money stored in integer minor units (cents) in the location's currency and the reader's language: 2000 EUR → "€20.00". */
export function formatMinor(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  return intl(Intl.NumberFormat, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount / 10 ** digits);
}

/** A typed amount in major units (20.5) as integer minor units (2050) of the currency. */
export function toMinor(major: number, currency: string): number {
  return Math.round(major * 10 ** currencyDigits(currency));
}

/** Integer minor units as major units, for a form field. */
export function toMajor(minor: number, currency: string): number {
  return minor / 10 ** currencyDigits(currency);
}
