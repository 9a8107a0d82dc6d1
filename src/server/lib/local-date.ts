// Local calendar dates ('YYYY-MM-DD' in a location's time zone) and the UTC instants of their
// midnights, through luxon so that daylight-saving changes are right.
import { DateTime } from 'luxon';

/** A local calendar date, 'YYYY-MM-DD'. */
export type LocalDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isLocalDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

function day(date: LocalDate): DateTime {
  const d = DateTime.fromISO(date, { zone: 'utc' });
  if (!ISO_DATE.test(date) || !d.isValid) throw new RangeError(`not a date: ${date}`);
  return d;
}

const out = (d: DateTime): LocalDate => d.toISODate()!;

/** The local date of an instant in a time zone. */
export function localDateAt(instant: Date, zone: string): LocalDate {
  return out(DateTime.fromJSDate(instant, { zone }));
}

/** The UTC instant of the local midnight that starts a date (DST-aware: some midnights do not exist, luxon moves on). */
export function startOfLocalDay(date: LocalDate, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return out(day(date).plus({ days }));
}

/** Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28 or 29 Feb). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  return out(day(date).plus({ months }));
}

export function addYears(date: LocalDate, years: number): LocalDate {
  return out(day(date).plus({ years }));
}

export function endOfMonth(date: LocalDate): LocalDate {
  return out(day(date).endOf('month'));
}

/** Days from a to b, both counted: the same date is 1. */
export function daysInclusive(from: LocalDate, to: LocalDate): number {
  return Math.round(day(to).diff(day(from), 'days').days) + 1;
}

/** The first day of the local month of a date, 'YYYY-MM-01'. */
export function monthOf(date: LocalDate): string {
  return `${date.slice(0, 7)}-01`;
}

/** A local date as people read it in a language ("10 March 2027", "10 mars 2027"). */
export function formatLocalDate(date: LocalDate, language: string): string {
  // one formatter per language: making one costs far more than formatting (a sweep formats thousands)
  let f = dateFormats.get(language);
  if (!f) {
    f = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
    dateFormats.set(language, f);
  }
  return f.format(new Date(`${date}T00:00:00Z`));
}
const dateFormats = new Map<string, Intl.DateTimeFormat>();

const instantFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as a reader of `language` writes it in a zone: the full date, the short time, or both (medium date).
 * Each format is made once (making one costs far more than using it).
 */
export function formatInstant(instant: Date, zone: string, language: string, style: 'date' | 'time' | 'both'): string {
  const key = `${language}|${zone}|${style}`;
  let f = instantFormats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'date' ? { dateStyle: 'full' } : style === 'time' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' };
    f = new Intl.DateTimeFormat(language, { ...options, timeZone: zone });
    instantFormats.set(key, f);
  }
  return f.format(instant);
}

/** The date and the wall times of a span (a booking, an event) in a zone, for a sentence: `{date, from, to}`. */
export function spanWords(span: { starts_at: string; ends_at: string }, zone: string, language: string) {
  const from = new Date(span.starts_at);
  return {
    date: formatInstant(from, zone, language, 'date'),
    from: formatInstant(from, zone, language, 'time'),
    to: formatInstant(new Date(span.ends_at), zone, language, 'time'),
  };
}
