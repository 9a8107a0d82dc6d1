// What analytics reads about bookings: meeting-room minutes booked and open per local month, and the
// bookings starting in a date range as pages (the "bookings" report).
import type { Tx } from '../../deps.js';
import { addDays, type LocalDate, localDateAt } from '../../lib/local-date.js';
import type { DateRange, Month } from '../../lib/months.js';
import { keysetPages } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import type { OpeningHours } from '../locations/schema.js';
import * as resources from '../resources/reports.js';
import * as q from './report-queries.js';
import { elapsedMinutes, openingIntervals } from './time.js';

export const roomMinutesByMonth = q.roomMinutesByMonth;

/**
 * Opening minutes × meeting rooms per local month: each local day's opening intervals (elapsed time, so a
 * daylight-saving change inside them counts as it is) times the rooms that existed that day and were not
 * archived. Days before `since` (the location's creation) count nothing.
 */
export async function roomOpenMinutesByMonth(
  db: Tx,
  s: LocationKey,
  location: { time_zone: string; opening_hours: string; created_at: string },
  months: Month[],
): Promise<Map<Month, number>> {
  const zone = location.time_zone;
  const hours = JSON.parse(location.opening_hours) as OpeningHours;
  const rooms = await resources.meetingRooms(db, s);
  const since = localDateAt(new Date(location.created_at), zone);
  const out = new Map<Month, number>();
  for (const m of months) {
    let total = 0;
    for (let day: LocalDate = `${m}-01`; day.startsWith(m); day = addDays(day, 1)) {
      if (day < since || rooms.length === 0) continue;
      const intervals = openingIntervals(hours, day, zone);
      if (intervals.length === 0) continue;
      for (const i of intervals) {
        // a room counts for the part of the interval it existed and was not archived
        for (const r of rooms) {
          const from = Math.max(Date.parse(r.created_at), i.start.getTime());
          const to = Math.min(r.archived_at === null ? Number.POSITIVE_INFINITY : Date.parse(r.archived_at), i.end.getTime());
          if (from < to) total += elapsedMinutes(new Date(from), new Date(to));
        }
      }
    }
    out.set(m, total);
  }
  return out;
}

export type BookingReportRow = Awaited<ReturnType<typeof q.startingIn>>[number];

export function startingPages(db: Tx, s: LocationKey, r: DateRange, size = 1000): AsyncGenerator<BookingReportRow[]> {
  return keysetPages((after, n) => q.startingIn(db, s, r, after, n), size);
}
