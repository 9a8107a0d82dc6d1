// Active users (design 7.1): a person counts at a location for a local month when they booked,
// paid or were covered by a subscription there; each (month, reason) is kept once.
import type { Tx } from '../../deps.js';
import type { LocationKey } from '../../scope.js';
import * as q from './queries.js';

export type ActiveReason = 'covered' | 'booked' | 'paid';

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
