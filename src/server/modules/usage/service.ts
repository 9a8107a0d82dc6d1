// Active users (design 7.1 and 11.1): a person counts at a location for a local month when they
// held a subscription, booked, paid, or spent credits or day passes there; each (month, reason) is
// kept once. The report counts each person once in the organization's total.
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import type { LocationKey, OrganizationScope } from '../../scope.js';
import * as q from './queries.js';
import { ACTIVE_REASONS, type ActiveReason, type UsageDto, type UsageMonthsDto, type UsageUserDto, type UsageUsersQuery } from './schema.js';

export type { ActiveReason } from './schema.js';

/** Marks people active in a local month ('YYYY-MM') for a reason; repeats change nothing. */
export function markActiveInTx(trx: Tx, s: LocationKey, userIds: string[], month: string, reason: ActiveReason, now: Date): Promise<void> {
  return q.insertMarks(
    trx,
    [...new Set(userIds)].map((userId) => ({
      location_id: s.locationId,
      organization_id: s.organizationId,
      user_id: userId,
      month,
      reason,
      created_at: now.toISOString(),
    })),
  );
}

export const activeUsers = q.activeUsers;

const currentMonth = (deps: Deps) => deps.clock.now().toISOString().slice(0, 7);

/** The month `n` months before `month`. */
function monthsBack(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const index = y * 12 + (m - 1) - n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** Months of the chart, oldest first: every month asked for, zeros where nobody counted. */
export async function usageMonths(deps: Deps, scope: OrganizationScope, range: { from?: string; to?: string }): Promise<UsageMonthsDto> {
  const to = range.to ?? currentMonth(deps);
  const from = range.from ?? monthsBack(to, 11);
  const months = from <= to ? monthsBetween(from, to) : [];
  if (months.length > 24) throw new AppError('bad_request', 'At most 24 months at once', [{ path: 'from', message: 'At most 24 months' }]);
  const [locations, counts] = await Promise.all([
    q.organizationLocations(deps.db, scope.organizationId),
    q.countsByMonth(deps.db, scope.organizationId, from, to),
  ]);
  return {
    months: months.map((month) => ({
      month,
      total: counts.total.find((c) => c.month === month)?.n ?? 0,
      locations: locations.map((l) => ({ locationId: l.id, activeUsers: counts.perLocation.find((c) => c.month === month && c.locationId === l.id)?.n ?? 0 })),
    })),
  };
}

/** GET /usage: one month, per location and in total. */
export async function usage(deps: Deps, scope: OrganizationScope, month = currentMonth(deps)): Promise<UsageDto> {
  const [locations, counts] = await Promise.all([
    q.organizationLocations(deps.db, scope.organizationId),
    q.countsByMonth(deps.db, scope.organizationId, month, month),
  ]);
  return {
    month,
    total: counts.total[0]?.n ?? 0,
    locations: locations.map((l) => ({ locationId: l.id, name: l.name, activeUsers: counts.perLocation.find((c) => c.locationId === l.id)?.n ?? 0 })),
  };
}

const SORT = 'email';

/** GET /usage/users: the people behind the counts, one item a person and location, with the reasons. */
export async function usageUsers(deps: Deps, scope: OrganizationScope, query: UsageUsersQuery): Promise<{ items: UsageUserDto[]; nextCursor: string | null }> {
  const month = query.month ?? currentMonth(deps);
  const after = query.cursor ? decodeCursor(query.cursor, SORT) : null;
  if (query.locationId && !(await q.organizationLocations(deps.db, scope.organizationId)).some((l) => l.id === query.locationId))
    throw notFound('Location not found');
  const rows = await q.activePeople(deps.db, scope.organizationId, month, query.locationId, after, query.limit);
  const page = cutPage(
    rows.map((r) => ({ ...r, id: r.location_id })),
    query.limit,
    SORT,
    (r) => r.email,
  );
  const marks = await q.reasonsOf(deps.db, scope.organizationId, month, [...new Set(page.rows.map((r) => r.user_id))]);
  return {
    items: page.rows.map((r) => {
      const held = new Set(marks.filter((m) => m.user_id === r.user_id && m.location_id === r.location_id).map((m) => m.reason));
      return {
        userId: r.user_id,
        email: r.email,
        firstName: r.first_name,
        lastName: r.last_name,
        locationId: r.location_id,
        reasons: ACTIVE_REASONS.filter((reason) => held.has(reason)),
        firstAt: r.first_at,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
