// Where things go on the calendar grid, in wall-clock minutes at the location: a booking's part of each day, lanes for
// bookings side by side, the hours shown, the closed stretches of a day, and whether a resource is wholly assigned.
import type { Location } from '../../../lib/types';
import { minutesOf, wallOf, weekdayOf } from '../../../lib/wall-time';
import type { Assignment } from '../resources/api';
import type { Booking } from './api';

const DAY = 24 * 60;

/** A booking's part on one local day, in wall-clock minutes (a booking past midnight shows on both days). */
export function partOn(booking: Pick<Booking, 'startsAt' | 'endsAt'>, day: string, zone: string): { from: number; to: number } | null {
  const start = wallOf(booking.startsAt, zone);
  const end = wallOf(booking.endsAt, zone);
  if (start.day > day || end.day < day || (end.day === day && end.minutes === 0 && start.day < day)) return null;
  const from = start.day < day ? 0 : start.minutes;
  let to = end.day > day ? DAY : end.minutes;
  // The hour that comes twice when clocks go back: the block keeps its real length.
  if (to <= from) to = Math.min(DAY, from + Math.round((Date.parse(booking.endsAt) - Date.parse(booking.startsAt)) / 60_000));
  return { from, to };
}

/** Side-by-side lanes for bookings that overlap (the seats of a hot-desk zone): each part's lane, and how many lanes. */
export function lanesOf<T extends { from: number; to: number }>(parts: T[]): { placed: { part: T; lane: number }[]; count: number } {
  const ends: number[] = [];
  const placed = [...parts]
    .sort((a, b) => a.from - b.from || b.to - a.to)
    .map((part) => {
      let lane = ends.findIndex((end) => end <= part.from);
      if (lane === -1) lane = ends.push(part.to) - 1;
      else ends[lane] = part.to;
      return { part, lane };
    });
  return { placed, count: Math.max(1, ends.length) };
}

/** The hours the grid shows: the opening hours of its days and every booking, in whole hours (08:00 to 20:00 when nothing is open). */
export function hoursShown(location: Location, days: string[], parts: { from: number; to: number }[]): [number, number] {
  let from = DAY;
  let to = 0;
  for (const day of days) {
    for (const [open, close] of location.openingHours[weekdayOf(day)]) {
      from = Math.min(from, minutesOf(open));
      to = Math.max(to, minutesOf(close));
    }
  }
  for (const part of parts) {
    from = Math.min(from, part.from);
    to = Math.max(to, part.to);
  }
  if (from >= to) return [8 * 60, 20 * 60];
  return [Math.floor(from / 60) * 60, Math.min(DAY, Math.ceil(to / 60) * 60)];
}

/** The stretches of a day outside its opening hours, within [from, to). */
export function closedStretches(location: Location, day: string, from: number, to: number): [number, number][] {
  const open = location.openingHours[weekdayOf(day)].map(([a, b]) => [minutesOf(a), minutesOf(b)] as const);
  const closed: [number, number][] = [];
  let at = from;
  for (const [a, b] of open) {
    if (a > at) closed.push([at, Math.min(a, to)]);
    at = Math.max(at, b);
  }
  if (at < to) closed.push([at, to]);
  return closed.filter(([a, b]) => b > a);
}

export const whollyAssignedOn = (assignments: Assignment[], resourceId: string, day: string) =>
  assignments.some((a) => a.resourceId === resourceId && a.seats === null && a.startDate <= day && (a.endDate === null || a.endDate >= day));
