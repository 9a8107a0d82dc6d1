// Webhooks (design 11.1): the owner's endpoints, and each announced change queued for them in the
// transaction that made it (a rolled-back change queues nothing). The body `{type, timestamp, data}`
// is frozen when the change happens; the dispatcher (dispatcher.ts) signs and sends it later.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import { type Announcement, announced } from '../../lib/announcements.js';
import { decodeCursor, cutPage } from '../../lib/paging.js';
import { newOrderedId } from '../../lib/tokens.js';
import type { OwnerScope } from '../../scope.js';
import * as q from './queries.js';
import type { CreatedWebhook, Delivery, DeliveryPage, Webhook } from './schema.js';
import { checkWebhookUrl } from './url.js';

/** A delivery's id, the webhook-id header: msg_ and a time-ordered hex id. */
function newMessageId(at: Date): string {
  return `msg_${newOrderedId(at).replace(/-/g, '')}`;
}

/**
 * The organization's enabled endpoints, read once per transaction: a mass invitation announces
 * thousands of records in one, and the endpoints do not change under it.
 */
const endpointsInTx = new WeakMap<Deps['db'], Map<string, Promise<q.EndpointEvents[]>>>();

function enabledEndpoints(trx: Deps['db'], organizationId: string): Promise<q.EndpointEvents[]> {
  if (!trx.isTransaction) return q.enabledEndpoints(trx, organizationId);
  const byOrg = endpointsInTx.get(trx) ?? new Map<string, Promise<q.EndpointEvents[]>>();
  endpointsInTx.set(trx, byOrg);
  const found = byOrg.get(organizationId) ?? q.enabledEndpoints(trx, organizationId);
  byOrg.set(organizationId, found);
  return found;
}

/** Queues one delivery per matching endpoint, inside the announcing transaction. */
export async function queueDeliveries(trx: Deps['db'], event: Announcement): Promise<void> {
  const endpoints = (await enabledEndpoints(trx, event.organizationId)).filter((e) => e.events.includes('*') || e.events.includes(event.type));
  if (endpoints.length === 0) return;
  const body = JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: event.data });
  const at = event.at.toISOString();
  await q.insertDeliveries(
    trx,
    endpoints.map((e) => ({ id: newMessageId(event.at), organizationId: event.organizationId, endpointId: e.id, type: event.type, body, at })),
  );
}

// Every process that loads the modules listens: the server, `atrium sweep`, the tests.
announced.subscribe(queueDeliveries);

function toWebhook(r: q.EndpointRow): Webhook {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    events: JSON.parse(r.events) as string[],
    enabled: r.enabled === 1,
    disabledReason: r.disabled_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toDelivery(
  r: Pick<q.DeliveryRow, 'id' | 'event_type' | 'status' | 'attempts' | 'last_status_code' | 'last_error' | 'next_attempt_at' | 'created_at'>,
): Delivery {
  return {
    id: r.id,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    createdAt: r.created_at,
  };
}

/** whsec_ and the base64 of 32 random bytes, as Standard Webhooks keys are written. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const allowPrivate = (deps: Deps) => deps.config.webhooksAllowPrivate;

export async function listWebhooks(deps: Deps, scope: OwnerScope): Promise<Webhook[]> {
  return (await q.listEndpoints(deps.db, scope.organizationId)).map(toWebhook);
}

async function endpointOf(deps: Deps, scope: OwnerScope, id: string) {
  const row = await q.findEndpoint(deps.db, scope.organizationId, id);
  if (!row) throw notFound('Webhook not found');
  return row;
}

export async function createWebhook(deps: Deps, scope: OwnerScope, input: { url: string; events: string[]; description: string }): Promise<CreatedWebhook> {
  const url = checkWebhookUrl(input.url, allowPrivate(deps));
  const secret = newSecret();
  const id = await q.insertEndpoint(deps.db, {
    organizationId: scope.organizationId,
    url,
    description: input.description,
    events: input.events,
    secret,
    now: deps.clock.now(),
  });
  return { webhook: toWebhook((await q.findEndpoint(deps.db, scope.organizationId, id))!), secret };
}

/** Edits; turning an endpoint back on forgets its past failures. */
export async function updateWebhook(
  deps: Deps,
  scope: OwnerScope,
  id: string,
  input: { url?: string; events?: string[]; description?: string; enabled?: boolean },
): Promise<Webhook> {
  const row = await endpointOf(deps, scope, id);
  const set: Parameters<typeof q.updateEndpoint>[3] = { updated_at: deps.clock.now().toISOString() };
  if (input.url !== undefined) set.url = checkWebhookUrl(input.url, allowPrivate(deps));
  if (input.events !== undefined) set.events = JSON.stringify(input.events);
  if (input.description !== undefined) set.description = input.description;
  if (input.enabled !== undefined && input.enabled !== (row.enabled === 1)) {
    set.enabled = input.enabled ? 1 : 0;
    set.disabled_reason = null;
    if (input.enabled) set.failing_since = null;
  }
  await q.updateEndpoint(deps.db, scope.organizationId, id, set);
  return toWebhook((await q.findEndpoint(deps.db, scope.organizationId, id))!);
}

export async function deleteWebhook(deps: Deps, scope: OwnerScope, id: string): Promise<void> {
  await endpointOf(deps, scope, id);
  await deps.db.transaction().execute((trx) => q.deleteEndpoint(trx, scope.organizationId, id));
}

const SORT = 'deliveries';

export async function listDeliveries(
  deps: Deps,
  scope: OwnerScope,
  webhookId: string,
  query: { status?: string; cursor?: string; limit: number },
): Promise<DeliveryPage> {
  await endpointOf(deps, scope, webhookId);
  const after = query.cursor ? decodeCursor(query.cursor, SORT) : undefined;
  const rows = await q.listDeliveries(deps.db, scope.organizationId, webhookId, { status: query.status, after, limit: query.limit });
  const page = cutPage(rows, query.limit, SORT, (r) => r.created_at);
  return { items: page.rows.map(toDelivery), nextCursor: page.nextCursor };
}

/** A replay: a new run of attempts for the same delivery, due now (same id, same body). */
export async function replayDelivery(deps: Deps, scope: OwnerScope, webhookId: string, deliveryId: string): Promise<Delivery> {
  const endpoint = await endpointOf(deps, scope, webhookId);
  const d = await q.findDelivery(deps.db, scope.organizationId, webhookId, deliveryId);
  if (!d) throw notFound('Delivery not found');
  if (endpoint.enabled !== 1) throw new AppError('conflict', 'Turn the webhook on before replaying its deliveries', undefined, 'webhook_disabled');
  if (d.status === 'pending') throw new AppError('conflict', 'This delivery is still being attempted', undefined, 'delivery_pending');
  await q.requeueDelivery(deps.db, scope.organizationId, deliveryId, deps.clock.now());
  return toDelivery((await q.findDelivery(deps.db, scope.organizationId, webhookId, deliveryId))!);
}
