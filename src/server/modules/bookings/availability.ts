// The day grid (design 9.2): every resource the caller may see, cut into slots on its increment
// grid inside the opening hours of the location's date, each with the seats still free; a wholly
// assigned resource is listed with no free seat, and one the caller may not book says so.
import type { Deps } from '../../deps.js';
import type { Visibility } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { addDays, isLocalDate, localDateAt, startOfLocalDay } from '../../lib/local-date.js';
import { AppError } from '../../errors.js';
import { visibleLevels } from '../access/visibility.js';
import * as locations from '../locations/service.js';
import type { OpeningHours } from '../locations/schema.js';
import * as resources from '../resources/service.js';
import * as q from './queries.js';
import { seatsInUse } from './service.js';
import { epochMinute, openingIntervals, slotsOf } from './time.js';

export async function availability(
  deps: Deps,
  userId: string | null,
  locationId: string,
  query: { date?: string; type?: resources.ResourceRow['type']; resourceId?: string },
) {
  const location = await locations.findLocationUnscoped(deps.db, locationId);
  if (!location) throw notFound('Location not found');
  const f = { ...query, date: query.date ?? localDateAt(deps.clock.now(), location.time_zone) };
  if (!isLocalDate(f.date)) throw new AppError('bad_request', 'Not a date', [{ path: 'date', message: 'Use YYYY-MM-DD' }]);
  const s = { organizationId: location.organization_id, locationId: location.id };
  const levels: Visibility[] = await visibleLevels(deps, userId, location);
  const zone = location.time_zone;
  const list = await resources.resourcesVisibleAt(deps.db, s, levels, { type: f.type, id: f.resourceId });
  const intervals = openingIntervals(JSON.parse(location.opening_hours) as OpeningHours, f.date, zone);
  const dayStart = epochMinute(startOfLocalDay(f.date, zone));
  const dayEnd = epochMinute(startOfLocalDay(addDays(f.date, 1), zone));
  // what holds seats that day, for the whole location at once: one statement each, grouped by resource
  const [held, assigned] =
    list.length === 0
      ? [[], []]
      : await Promise.all([q.holdingAt(deps.db, s, dayStart, dayEnd, f.resourceId), q.assignedAt(deps.db, s, f.date, f.date, f.resourceId)]);
  const heldBy = groupBy(held);
  const assignedBy = groupBy(assigned);
  // the same grid for every resource with the same step
  const grids = new Map<number, GridSlot[]>();
  const gridOf = (increment: number) => {
    let g = grids.get(increment);
    if (!g) {
      g = intervals.flatMap((iv) =>
        slotsOf(iv, zone, increment).map((slot) => ({
          from: epochMinute(slot.start),
          to: epochMinute(slot.end),
          startsAt: slot.start.toISOString(),
          endsAt: slot.end.toISOString(),
        })),
      );
      grids.set(increment, g);
    }
    return g;
  };
  return {
    date: f.date,
    timeZone: zone,
    opening: intervals.map((iv) => ({ from: iv.from, to: iv.to })),
    resources: list.map((r) => {
      const assignedHere = assignedBy.get(r.id) ?? [];
      const wholeAssigned = assignedHere.some((a) => a.seats === null);
      const slots = freeSeats(r, heldBy.get(r.id) ?? [], assignedHere, gridOf(r.increment_minutes));
      return {
        id: r.id,
        name: r.name,
        type: r.type,
        seats: r.seats,
        pricePerHour: r.price_per_hour,
        creditsPerHour: r.credits_per_hour,
        currency: location.currency,
        dayPassAccepted: r.day_pass_accepted === 1,
        minMinutes: r.min_minutes,
        maxMinutes: r.max_minutes,
        incrementMinutes: r.increment_minutes,
        bookable: r.bookable === 1 && levels.includes(r.booking_level),
        assigned: wholeAssigned,
        slots,
      };
    }),
  };
}

interface GridSlot {
  from: number;
  to: number;
  startsAt: string;
  endsAt: string;
}

function groupBy<T extends { resource_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.resource_id);
    if (list) list.push(row);
    else out.set(row.resource_id, [row]);
  }
  return out;
}

/**
 * The grid of one resource with its free seats: a slot no booking touches has every seat not
 * assigned, one touched by a single booking loses that booking's seats, and only a slot where
 * bookings meet counts the most seats in use at once (`seatsInUse`).
 */
function freeSeats(
  r: Pick<resources.ResourceRow, 'seats'>,
  held: { seats: number; start_minute: number; end_minute: number }[],
  assigned: { seats: number | null }[],
  grid: GridSlot[],
) {
  const byAssignment = assigned.reduce((sum, a) => sum + (a.seats ?? r.seats), 0);
  const open = Math.max(0, r.seats - byAssignment);
  return grid.map((slot) => {
    let touching = 0;
    let seats = 0;
    for (const b of held) {
      if (b.end_minute <= slot.from || b.start_minute >= slot.to) continue;
      touching++;
      seats = b.seats;
    }
    const seatsFree =
      touching === 0 ? open : touching === 1 ? Math.max(0, open - seats) : Math.max(0, r.seats - seatsInUse(r, held, assigned, slot.from, slot.to));
    return { startsAt: slot.startsAt, endsAt: slot.endsAt, seatsFree };
  });
}
