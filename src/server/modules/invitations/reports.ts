// What analytics reads about invitations: invitations sent (people first invited) and accepted (of those,
// activated by now) per local month. A resend or a reminder is not a new invitation; a transfer's is.
import type { Tx } from '../../deps.js';
import type { Month } from '../../lib/months.js';
import type { LocationKey } from '../../scope.js';
import * as q from './report-queries.js';

export async function invitationsByMonth(db: Tx, s: LocationKey, months: Month[], boundaries: Date[]): Promise<Map<Month, { sent: number; accepted: number }>> {
  const out = new Map(months.map((m) => [m, { sent: 0, accepted: 0 }]));
  if (months.length === 0) return out;
  const iso = boundaries.map((b) => b.toISOString());
  for (const r of await q.firstInvitedBetween(db, s, iso[0], iso[iso.length - 1])) {
    // the month whose [start, next start) holds the instant
    let i = 0;
    while (i + 1 < months.length && r.firstAt >= iso[i + 1]) i++;
    const m = out.get(months[i])!;
    m.sent++;
    if (r.activated) m.accepted++;
  }
  return out;
}
