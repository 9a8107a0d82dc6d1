// Writes and reads the Activities timeline of a customer.
import type { Tx } from '../../deps.js';
import * as q from './queries.js';
import type { ActivityDto } from './schema.js';

export type { NewActivity } from './queries.js';

export function record(trx: Tx, a: q.NewActivity, now: Date): Promise<void> {
  return q.insertActivities(trx, [a], now);
}

/** Many activities with multi-row inserts; in list order, which is their order in time. */
export function recordMany(trx: Tx, list: q.NewActivity[], now: Date): Promise<void> {
  return list.length ? q.insertActivities(trx, list, now) : Promise.resolve();
}

/** Newest on top; creation is therefore last. */
export async function timeline(db: Tx, s: { organizationId: string; locationId: string }, customerId: string): Promise<ActivityDto[]> {
  const rows = await q.listActivities(db, s, customerId);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    data: JSON.parse(r.data) as Record<string, unknown>,
    actor: r.actor_user_id ? { id: r.actor_user_id, name: `${r.first_name ?? ''} ${r.last_name ?? ''}`.trim() } : null,
    createdAt: r.created_at,
  }));
}
