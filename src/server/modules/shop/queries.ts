// SQL for products, orders and their lines, and the order numbers of a location.
import type { Selectable } from 'kysely';
import { type DbKind, unindexed } from '../../db/database.js';
import type { OrderLineTable, OrderStatus, OrderTable, ProductTable, Visibility } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export type ProductRow = Selectable<ProductTable>;
export type OrderRow = Selectable<OrderTable>;
export type OrderLineRow = Selectable<OrderLineTable>;

export async function insertProduct(db: Tx, row: ProductRow): Promise<void> {
  await db.insertInto('products').values(row).execute();
}

export function findProduct(db: Tx, s: LocationKey, id: string): Promise<ProductRow | undefined> {
  return db
    .selectFrom('products')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findProducts(db: Tx, s: LocationKey, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('products')
    .selectAll()
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where(unindexed('location_id'), '=', s.locationId)
    .where('id', 'in', ids)
    .execute();
}

/**
 * The products, locked for the rest of the transaction in id order (so two orders never wait on
 * each other in a circle); SQLite's single writer serialises instead.
 */
export function lockProducts(db: Tx, kind: DbKind, s: LocationKey, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const qb = db
    .selectFrom('products')
    .selectAll()
    .where(unindexed('organization_id'), '=', s.organizationId)
    .where(unindexed('location_id'), '=', s.locationId)
    .where('id', 'in', ids)
    .orderBy('id');
  return (kind === 'postgres' ? qb.forUpdate() : qb).execute();
}

export async function updateProduct(db: Tx, s: LocationKey, id: string, set: Partial<ProductRow>): Promise<void> {
  await db
    .updateTable('products')
    .set(set)
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .execute();
}

/** Adds (or, negative, takes) stock of a product with a stock; unlimited products are left alone. */
export async function moveStock(db: Tx, s: LocationKey, id: string, delta: number, now: string): Promise<void> {
  await db
    .updateTable('products')
    .set((eb) => ({ stock: eb('stock', '+', delta), updated_at: now }))
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .where('stock', 'is not', null)
    .execute();
}

/** By name, keyset-paged on (name, id). */
export function listProducts(
  db: Tx,
  s: LocationKey,
  f: { active?: boolean; levels?: Visibility[]; limit: number },
  after: Keyset | null,
): Promise<ProductRow[]> {
  let qb = db.selectFrom('products').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId);
  if (f.active !== undefined) qb = qb.where('active', '=', f.active ? 1 : 0);
  if (f.levels) {
    if (f.levels.length === 0) return Promise.resolve([]);
    qb = qb.where('visibility', 'in', f.levels);
  }
  if (after) qb = qb.where((eb) => eb.or([eb('name', '>', after.value), eb.and([eb('name', '=', after.value), eb('id', '>', after.id)])]));
  return qb
    .orderBy('name')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
}

export async function insertOrder(db: Tx, row: OrderRow, lines: OrderLineRow[]): Promise<void> {
  await db.insertInto('orders').values(row).execute();
  await db.insertInto('order_lines').values(lines).execute();
}

export function findOrder(db: Tx, s: LocationKey, id: string): Promise<OrderRow | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The order, locked for the rest of the transaction (PostgreSQL; SQLite writes one transaction at a time). */
export function lockOrder(db: Tx, kind: DbKind, s: LocationKey, id: string): Promise<OrderRow | undefined> {
  const qb = db.selectFrom('orders').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

export async function updateOrder(db: Tx, id: string, set: Partial<OrderRow>): Promise<void> {
  await db.updateTable('orders').set(set).where('id', '=', id).execute();
}

export function orderByKey(db: Tx, s: LocationKey, userId: string, key: string): Promise<OrderRow | undefined> {
  return db
    .selectFrom('orders')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('ordered_by_user_id', '=', userId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export function linesOf(db: Tx, orderIds: string[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('order_lines').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('position').execute();
}

/** Newest first, keyset-paged on (created_at, id); by status, buyer record or paying company. */
export function listOrders(
  db: Tx,
  s: LocationKey,
  f: { status?: OrderStatus; customerId?: string; companyId?: string; limit: number },
  after: Keyset | null,
): Promise<OrderRow[]> {
  // a customer's or a company's: by their own index (newest first already), not a walk of the location's
  const byOwner = Boolean(f.customerId || f.companyId);
  let qb = db
    .selectFrom('orders')
    .selectAll()
    .where(byOwner ? unindexed('organization_id') : 'organization_id', '=', s.organizationId)
    .where(byOwner ? unindexed('location_id') : 'location_id', '=', s.locationId);
  if (f.status) qb = qb.where('status', '=', f.status);
  if (f.customerId) qb = qb.where('customer_id', '=', f.customerId);
  if (f.companyId) qb = qb.where('company_id', '=', f.companyId);
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Card orders whose payment never came, across every location (the hold sweep). */
export function pendingSinceUnscoped(db: Tx, before: string, limit: number): Promise<OrderRow[]> {
  return db.selectFrom('orders').selectAll().where('status', '=', 'pending_payment').where('created_at', '<', before).limit(limit).execute();
}
