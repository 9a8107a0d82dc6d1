// The monthly figures of a location (design 11.1 Analytics), read through each owning module: members and
// nonmembers at each month's end (live for the current month), invitations sent and accepted, active users,
// meeting-room minutes booked and open, revenue and invoiced. Months before the location existed are zeros.
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { localDateAt } from '../../lib/local-date.js';
import { monthBoundaries, monthsBetween } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';
import * as bookings from '../bookings/reports.js';
import * as customers from '../customers/reports.js';
import * as invitations from '../invitations/reports.js';
import * as invoices from '../invoices/reports.js';
import * as locations from '../locations/service.js';
import * as usage from '../usage/reports.js';
import type { AnalyticsAnswer, AnalyticsQuery, MonthFigures } from './schema.js';

export async function locationOf(deps: Deps, s: LocationKey) {
  const location = await locations.findLocation(deps.db, s.organizationId, s.locationId);
  if (!location) throw notFound();
  return location;
}

export async function monthlyFigures(deps: Deps, s: LocationKey, range: AnalyticsQuery): Promise<AnalyticsAnswer> {
  const location = await locationOf(deps, s);
  const zone = location.time_zone;
  const now = deps.clock.now();
  const current = localDateAt(now, zone).slice(0, 7);
  const all = monthsBetween(range.from, range.to);
  // months after the current one have nothing yet
  const months = all.filter((m) => m <= current);
  const bounds = monthBoundaries(months, zone);
  // a month's snapshot is taken at its end, or now for the current month
  const snapshotAt = bounds.slice(1).map((b) => new Date(Math.min(b.getTime(), now.getTime())).toISOString());
  const [counts, invited, active, booked, open, money] = await Promise.all([
    customers.countsAt(deps.db, s, snapshotAt),
    invitations.invitationsByMonth(deps.db, s, months, bounds),
    usage.activeUserCounts(deps.db, s, months),
    bookings.roomMinutesByMonth(deps.db, s, months, bounds),
    bookings.roomOpenMinutesByMonth(deps.db, s, location, months),
    invoices.moneyByMonth(deps.db, s, months, bounds),
  ]);
  const figures: MonthFigures[] = all.map((month) => {
    const i = months.indexOf(month);
    if (i < 0) return zeros(month);
    return {
      month,
      members: counts[i].members,
      nonmembers: counts[i].nonmembers,
      invitationsSent: invited.get(month)?.sent ?? 0,
      invitationsAccepted: invited.get(month)?.accepted ?? 0,
      activeUsers: active.get(month) ?? 0,
      roomBookedMinutes: booked.get(month) ?? 0,
      roomOpenMinutes: open.get(month) ?? 0,
      revenue: money.get(month)?.revenue ?? 0,
      invoiced: money.get(month)?.invoiced ?? 0,
    };
  });
  return { currency: location.currency, timeZone: zone, months: figures };
}

const zeros = (month: string): MonthFigures => ({
  month,
  members: 0,
  nonmembers: 0,
  invitationsSent: 0,
  invitationsAccepted: 0,
  activeUsers: 0,
  roomBookedMinutes: 0,
  roomOpenMinutes: 0,
  revenue: 0,
  invoiced: 0,
});
