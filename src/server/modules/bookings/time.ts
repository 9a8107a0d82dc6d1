// Wall times and instants for bookings (design 9.1): opening hours and the slot grid are local wall
// times; bookings are instants. A spring-forward day's missing hour has no slots, a fall-back day's
// repeated hour appears twice, and durations and prices use elapsed minutes.
import { DateTime } from 'luxon';
import { addDays, type LocalDate, startOfLocalDay } from '../../lib/local-date.js';
import type { OpeningHours } from '../locations/schema.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface Interval {
  /** local wall times as the settings give them */
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/** The instant of a local wall time on a date; a time that does not exist (spring forward) moves on, as luxon does. */
export function wallInstant(date: LocalDate, hhmm: string, zone: string): Date {
  if (hhmm === '24:00') return startOfLocalDay(addDays(date, 1), zone);
  return DateTime.fromISO(`${date}T${hhmm}`, { zone }).toJSDate();
}

/** The opening intervals of a local date. */
export function openingIntervals(hours: OpeningHours, date: LocalDate, zone: string): Interval[] {
  const weekday = WEEKDAYS[DateTime.fromISO(date, { zone }).weekday - 1];
  return hours[weekday].map(([from, to]) => ({ from, to, start: wallInstant(date, from, zone), end: wallInstant(date, to, zone) }));
}

/** Minutes since local midnight on the wall clock (02:30 is 150 on both passes of a fall-back hour). */
export function wallMinute(instant: Date, zone: string): number {
  const d = DateTime.fromJSDate(instant, { zone });
  return d.hour * 60 + d.minute;
}

/** Whether an instant sits on the increment grid counted in local wall-clock minutes from local midnight. */
export function onGrid(instant: Date, zone: string, increment: number): boolean {
  return instant.getUTCSeconds() === 0 && instant.getUTCMilliseconds() === 0 && wallMinute(instant, zone) % increment === 0;
}

/** The zone's offset from UTC in minutes at an instant. */
function offsetAt(instant: number, zone: string): number {
  return DateTime.fromMillis(instant, { zone }).offset;
}

/** The slots of an interval: steps of elapsed time whose starts fall on the wall-clock grid. */
export function slotsOf(interval: { start: Date; end: Date }, zone: string, increment: number): { start: Date; end: Date }[] {
  const out: { start: Date; end: Date }[] = [];
  const step = increment * 60_000;
  const startMs = Math.ceil(interval.start.getTime() / 60_000) * 60_000;
  const endMs = interval.end.getTime();
  // Most days have one offset from start to end: the wall minute is then arithmetic. A day with a
  // daylight-saving change asks luxon for each instant instead.
  const offset = offsetAt(startMs, zone);
  const steady = offset === offsetAt(endMs, zone);
  const wall = (t: number) => (steady ? (((t / 60_000 + offset) % 1440) + 1440) % 1440 : wallMinute(new Date(t), zone));
  // the first grid point at or after the interval's start
  let t = startMs;
  while (t < endMs && wall(t) % increment !== 0) t += 60_000;
  for (; t + step <= endMs; t += step) {
    // after a jump (spring forward) the grid is found again
    if (wall(t) % increment !== 0) continue;
    out.push({ start: new Date(t), end: new Date(t + step) });
  }
  return out;
}

export const epochMinute = (d: Date) => Math.floor(d.getTime() / 60_000);
export const elapsedMinutes = (start: Date, end: Date) => Math.round((end.getTime() - start.getTime()) / 60_000);
