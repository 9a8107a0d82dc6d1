// SQL for activities.
import type { Tx } from '../../deps.js';
import { insertSlices } from '../../lib/batch.js';
import { newOrderedId } from '../../lib/tokens.js';

export interface NewActivity {
  organizationId: string;
  locationId: string;
  customerId: string;
  actorUserId: string | null;
  kind: string;
  data?: Record<string, unknown>;
}

export async function insertActivities(db: Tx, list: NewActivity[], now: Date): Promise<void> {
  const rows = list.map((a) => ({
    id: newOrderedId(now),
    organization_id: a.organizationId,
    location_id: a.locationId,
    customer_id: a.customerId,
    actor_user_id: a.actorUserId,
    kind: a.kind,
    data: JSON.stringify(a.data ?? {}),
    created_at: now.toISOString(),
  }));
  for (const slice of insertSlices(rows)) await db.insertInto('activities').values(slice).execute();
}

export function listActivities(db: Tx, s: { organizationId: string; locationId: string }, customerId: string) {
  return db
    .selectFrom('activities')
    .leftJoin('users', 'users.id', 'activities.actor_user_id')
    .select(['activities.id', 'activities.kind', 'activities.data', 'activities.created_at', 'activities.actor_user_id', 'users.first_name', 'users.last_name'])
    .where('activities.organization_id', '=', s.organizationId)
    .where('activities.location_id', '=', s.locationId)
    .where('activities.customer_id', '=', customerId)
    .orderBy('activities.created_at', 'desc')
    .orderBy('activities.id', 'desc')
    .execute();
}
