// SQL of webhooks: endpoints per organization, deliveries per endpoint (newest first), the queue the
// dispatcher claims from (SKIP LOCKED on PostgreSQL), and the outcome of each attempt.
import { sql, type Selectable } from 'kysely';
import type { DbKind } from '../../db/database.js';
import type { WebhookDeliveryTable, WebhookEndpointTable } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import { newId } from '../../lib/tokens.js';

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

export async function insertEndpoint(db: Tx, e: { organizationId: string; url: string; description: string; events: string[]; secret: string; now: Date }) {
  const id = newId();
  const t = e.now.toISOString();
  await db
    .insertInto('webhook_endpoints')
    .values({
      id,
      organization_id: e.organizationId,
      url: e.url,
      description: e.description,
      events: JSON.stringify(e.events),
      secret: e.secret,
      enabled: 1,
      created_at: t,
      updated_at: t,
    })
    .execute();
  return id;
}

export function listEndpoints(db: Tx, organizationId: string) {
  return db.selectFrom('webhook_endpoints').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
}

export function findEndpoint(db: Tx, organizationId: string, id: string) {
  return db.selectFrom('webhook_endpoints').selectAll().where('organization_id', '=', organizationId).where('id', '=', id).executeTakeFirst();
}

export interface EndpointEvents {
  id: string;
  events: string[];
}

/** The organization's enabled endpoints and the events each hears. */
export async function enabledEndpoints(db: Tx, organizationId: string): Promise<EndpointEvents[]> {
  const rows = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'events'])
    .where('organization_id', '=', organizationId)
    .where('enabled', '=', 1)
    .execute();
  return rows.map((r) => ({ id: r.id, events: JSON.parse(r.events) as string[] }));
}

export async function updateEndpoint(db: Tx, organizationId: string, id: string, set: Partial<Omit<EndpointRow, 'id' | 'organization_id'>>) {
  await db.updateTable('webhook_endpoints').set(set).where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export async function deleteEndpoint(db: Tx, organizationId: string, id: string) {
  await db.deleteFrom('webhook_deliveries').where('organization_id', '=', organizationId).where('endpoint_id', '=', id).execute();
  await db.deleteFrom('webhook_endpoints').where('organization_id', '=', organizationId).where('id', '=', id).execute();
}

export async function insertDeliveries(db: Tx, rows: { id: string; organizationId: string; endpointId: string; type: string; body: string; at: string }[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('webhook_deliveries')
    .values(
      rows.map((r) => ({
        id: r.id,
        organization_id: r.organizationId,
        endpoint_id: r.endpointId,
        event_type: r.type,
        body: r.body,
        status: 'pending' as const,
        attempts: 0,
        run_attempts: 0,
        next_attempt_at: r.at,
        created_at: r.at,
      })),
    )
    .execute();
}

/** A page of an endpoint's deliveries, newest first, after the keyset when given. */
export function listDeliveries(
  db: Tx,
  organizationId: string,
  endpointId: string,
  opts: { status?: string; after?: { value: string; id: string }; limit: number },
) {
  let qb = db
    .selectFrom('webhook_deliveries')
    .select(['id', 'event_type', 'status', 'attempts', 'last_status_code', 'last_error', 'next_attempt_at', 'created_at'])
    .where('organization_id', '=', organizationId)
    .where('endpoint_id', '=', endpointId);
  if (opts.status) qb = qb.where('status', '=', opts.status as DeliveryRow['status']);
  const after = opts.after;
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit + 1)
    .execute();
}

export function findDelivery(db: Tx, organizationId: string, endpointId: string, id: string) {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('endpoint_id', '=', endpointId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A replay: the same delivery (same id, same body) due again now, as a new run of attempts. */
export async function requeueDelivery(db: Tx, organizationId: string, id: string, now: Date) {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', run_attempts: 0, next_attempt_at: now.toISOString(), claimed_until: null })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

export type ClaimedRow = DeliveryRow & { url: string; secret: string };

/**
 * Claims due deliveries of enabled endpoints for `claimMs` (another dispatcher takes over after
 * that): every claimed row counts one more attempt. SKIP LOCKED on PostgreSQL lets several servers
 * claim at once without sending anything twice; SQLite's one writer does the same.
 */
export async function claimDue(db: Tx, dbKind: DbKind, now: Date, claimMs: number, batch: number): Promise<ClaimedRow[]> {
  const t = now.toISOString();
  const until = new Date(now.getTime() + claimMs).toISOString();
  const lock = dbKind === 'postgres' ? sql`for update of d skip locked` : sql``;
  const res = await sql<DeliveryRow>`
    update webhook_deliveries set claimed_until = ${until}, attempts = attempts + 1, run_attempts = run_attempts + 1
    where id in (
      select d.id from webhook_deliveries d
      join webhook_endpoints e on e.id = d.endpoint_id
      where d.status = 'pending' and d.next_attempt_at <= ${t}
        and (d.claimed_until is null or d.claimed_until <= ${t})
        and e.enabled = 1
      order by d.next_attempt_at, d.id
      limit ${batch}
      ${lock}
    )
    returning *`.execute(db);
  if (res.rows.length === 0) return [];
  const endpoints = await db
    .selectFrom('webhook_endpoints')
    .select(['id', 'url', 'secret'])
    .where('id', 'in', [...new Set(res.rows.map((r) => r.endpoint_id))])
    .execute();
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  return res.rows
    .filter((r) => byId.has(r.endpoint_id))
    .map((r) => ({ ...r, url: byId.get(r.endpoint_id)!.url, secret: byId.get(r.endpoint_id)!.secret }))
    .sort((a, b) => (a.next_attempt_at ?? '').localeCompare(b.next_attempt_at ?? '') || a.id.localeCompare(b.id));
}

export async function recordAttempt(
  db: Tx,
  id: string,
  set: { status: DeliveryRow['status']; statusCode: number | null; error: string | null; nextAttemptAt: string | null; at: Date },
) {
  await db
    .updateTable('webhook_deliveries')
    .set({
      status: set.status,
      last_status_code: set.statusCode,
      last_error: set.error,
      next_attempt_at: set.nextAttemptAt,
      last_attempt_at: set.at.toISOString(),
      claimed_until: null,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Locks the endpoint first in every transaction that settles an attempt (PostgreSQL): turning it off
 * touches its other deliveries, so endpoint before delivery, always, or two settles deadlock.
 */
export async function lockEndpoint(db: Tx, dbKind: DbKind, endpointId: string) {
  if (dbKind !== 'postgres') return;
  await db.selectFrom('webhook_endpoints').select('id').where('id', '=', endpointId).forUpdate().execute();
}

/** A success ends the endpoint's run of failures. */
export async function markHealthy(db: Tx, endpointId: string) {
  await db.updateTable('webhook_endpoints').set({ failing_since: null }).where('id', '=', endpointId).where('failing_since', 'is not', null).execute();
}

/** A failure starts the endpoint's run of failures when none is running: answers when it started. */
export async function markFailing(db: Tx, endpointId: string, now: Date): Promise<string | null> {
  await db.updateTable('webhook_endpoints').set({ failing_since: now.toISOString() }).where('id', '=', endpointId).where('failing_since', 'is', null).execute();
  const row = await db
    .selectFrom('webhook_endpoints')
    .select(['failing_since', 'enabled', 'organization_id', 'url'])
    .where('id', '=', endpointId)
    .executeTakeFirst();
  return row?.failing_since ?? null;
}

/** Turns an endpoint off for a reason, once: answers whether this call did it. Its waiting deliveries fail. */
export async function disableEndpoint(db: Tx, endpointId: string, reason: 'gone' | 'failing', now: Date): Promise<boolean> {
  const r = await db
    .updateTable('webhook_endpoints')
    .set({ enabled: 0, disabled_reason: reason, updated_at: now.toISOString() })
    .where('id', '=', endpointId)
    .where('enabled', '=', 1)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return false;
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, claimed_until: null, last_error: 'The endpoint was disabled' })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute();
  return true;
}

export function findEndpointUnscoped(db: Tx, id: string) {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}
