// Local dates and wall-clock times at a location, whatever the browser's own time zone: the instant of "10:30 on
// 2027-03-28 in Europe/Berlin", the wall time of a booking's start, a week's days, and how they read in the reader's
// language. Daylight-saving changes are luxon's: a wall time that does not exist moves on, minutes elapsed are real.
import { DateTime } from 'luxon';
import { intl } from './format';

/** A local date, 'YYYY-MM-DD'. */
export type LocalDay = string;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY_MINUTES = 24 * 60;

const utcDay = (day: LocalDay) => DateTime.fromISO(day, { zone: 'utc' });

export function isLocalDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && utcDay(value).isValid;
}

/** Today at the location. */
export function todayAt(zone: string, now: Date = new Date()): LocalDay {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

export function addDays(day: LocalDay, days: number): LocalDay {
  return utcDay(day).plus({ days }).toISODate()!;
}

/** The Monday of a date's week. */
export function weekStart(day: LocalDay): LocalDay {
  return utcDay(day).startOf('week').toISODate()!;
}

export function weekdayOf(day: LocalDay): Weekday {
  return WEEKDAYS[utcDay(day).weekday - 1];
}

/** 'HH:MM' for minutes since midnight (1440 is '24:00', the next midnight). */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes since midnight of 'HH:MM' ('24:00' is 1440); NaN when it is no wall time. */
export function minutesOf(time: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return Number.NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= DAY_MINUTES ? minutes : Number.NaN;
}

/** The instant (ISO, UTC) of a wall time on a local date at the location; minute 1440 is the next day's midnight. */
export function instantAt(day: LocalDay, minutes: number, zone: string): string {
  const midnight = DateTime.fromISO(day, { zone }).startOf('day');
  if (minutes >= DAY_MINUTES) return DateTime.fromISO(addDays(day, 1), { zone }).startOf('day').toUTC().toISO()!;
  return midnight
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toUTC()
    .toISO()!;
}

/** Where an instant falls at the location: its local date and its wall-clock minutes since midnight. */
export function wallOf(iso: string, zone: string): { day: LocalDay; minutes: number } {
  const local = DateTime.fromISO(iso, { zone });
  return { day: local.toISODate()!, minutes: local.hour * 60 + local.minute };
}

/** Minutes that really pass between two instants (a spring-forward night's 01:00–04:00 is 120). */
export function elapsedMinutes(startIso: string, endIso: string): number {
  return Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000);
}

/** "10:30 AM" at the location, in the reader's language. */
export function formatTimeAt(iso: string, zone: string): string {
  return intl(Intl.DateTimeFormat, { timeStyle: 'short', timeZone: zone }).format(new Date(iso));
}

/** "9:30" at the location: hours and minutes without AM or PM, for a narrow calendar block beside its time axis. */
export function formatClockAt(iso: string, zone: string): string {
  return intl(Intl.DateTimeFormat, { hour: 'numeric', minute: '2-digit', timeZone: zone })
    .formatToParts(new Date(iso))
    .filter((part) => part.type !== 'dayPeriod')
    .map((part) => part.value)
    .join('')
    .trim();
}

/** A wall time of day ("8:30 AM") for minutes since midnight, in the reader's language. */
export function formatWallTime(minutes: number): string {
  const at = new Date(Date.UTC(2000, 0, 1, Math.floor(minutes / 60) % 24, minutes % 60));
  return intl(Intl.DateTimeFormat, { timeStyle: 'short', timeZone: 'UTC' }).format(at);
}

/** "Tue, Mar 3" for a local date, in the reader's language. */
export function formatShortDay(day: LocalDay): string {
  return intl(Intl.DateTimeFormat, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** "Sat 5" for a local date: a closed day's narrow column. */
export function formatTinyDay(day: LocalDay): string {
  return intl(Intl.DateTimeFormat, { weekday: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** "Tuesday, March 3, 2027" for a local date. */
export function formatLongDay(day: LocalDay): string {
  return intl(Intl.DateTimeFormat, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** "Mar 1 – 7, 2027" for two local dates. */
export function formatDayRange(from: LocalDay, to: LocalDay): string {
  return intl(Intl.DateTimeFormat, { dateStyle: 'medium', timeZone: 'UTC' }).formatRange(new Date(`${from}T00:00:00Z`), new Date(`${to}T00:00:00Z`));
}
