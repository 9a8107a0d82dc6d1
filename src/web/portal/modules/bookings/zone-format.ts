// Times of bookings as people at the location read them: in the location's time zone (not the browser's), in the
// reader's language with the location's country conventions (14:00 in France, 2:00 PM in the United States).
import { currentLanguage } from '../../../lib/i18n';

/** The reader's language with the location's region ("en-FR"), or the language alone when that is no locale. */
function localeFor(country: string): string {
  const language = currentLanguage();
  if (!country) return language;
  try {
    return Intl.getCanonicalLocales(`${language}-${country}`)[0] ?? language;
  } catch {
    return language;
  }
}

export interface ZoneFormats {
  timeZone: string;
  /** "14:00" */
  time: (iso: string) => string;
  /** "Tuesday 12 January" for a local YYYY-MM-DD date */
  day: (date: string) => string;
  /** "Tue 12 Jan, 14:00 – 15:30" */
  range: (startsAt: string, endsAt: string) => string;
  /** "Tue 14:00" within the coming week, "Tue 12 Jan, 14:00" further away */
  deadline: (instant: Date, now: number) => string;
  /** Money or counts listed as alternatives: "€20.00 or 2 credits" */
  either: (items: string[]) => string;
  /** Several things together: "2 credits and €5.00" */
  both: (items: string[]) => string;
}

export function zoneFormats(timeZone: string, country: string): ZoneFormats {
  const locale = localeFor(country);
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' });
  // a local date is a calendar day: read at noon UTC it is the same day everywhere
  const day = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
  const when = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
  const soon = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: 'numeric', minute: '2-digit' });
  const either = new Intl.ListFormat(locale, { type: 'disjunction' });
  const both = new Intl.ListFormat(locale, { type: 'conjunction' });
  return {
    timeZone,
    time: (iso) => time.format(new Date(iso)),
    day: (date) => day.format(new Date(`${date}T12:00:00Z`)),
    range: (startsAt, endsAt) => when.formatRange(new Date(startsAt), new Date(endsAt)),
    deadline: (instant, now) => (instant.getTime() - now < 6 * 24 * 3_600_000 && instant.getTime() > now ? soon : when).format(instant),
    either: (items) => either.format(items),
    both: (items) => both.format(items),
  };
}

/** The browser's own time zone, to say the location's when they differ. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** "Europe/Paris" → "Paris", "America/New_York" → "New York": the zone as people name it. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}
