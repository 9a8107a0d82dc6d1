// The shop (design 10.1): products (shop permission) and orders. An order takes its stock, its
// number and its payment in one transaction that first locks its products (PostgreSQL; SQLite's
// single writer serialises), so stock never goes below zero and numbers have no gap. A credit
// package grants its credits and day passes once: at order by invoice (or free), when paid by card.
import { announced } from '../../lib/announcements.js';
import type { Deps, Tx } from '../../deps.js';
import { isUniqueViolation } from '../../db/database.js';
import type { Location } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { languageFor } from '../../lib/i18n.js';
import { addDays, startOfLocalDay } from '../../lib/local-date.js';
import { cutPage, decodeCursor, type Keyset } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, AdminScope, LocationKey } from '../../scope.js';
import { visibleLevels } from '../access/visibility.js';
import * as customers from '../customers/service.js';
import { invoicePaid } from '../invoices/events.js';
import * as invoices from '../invoices/service.js';
import * as ledger from '../ledger/service.js';
import * as locations from '../locations/service.js';
import type { PurchaseCursor, PurchaseItem, PurchaseOwner } from '../purchases/schema.js';
import * as purchases from '../purchases/service.js';
import { type Amounts, lineWords, m, queueOrderMail } from './mail.js';
import * as q from './queries.js';
import type { CreateProductInput, OrderDto, OrderInput, OrderStatus, ProductDto, UpdateOrderInput, UpdateProductInput } from './schema.js';

export type { OrderRow, ProductRow } from './queries.js';

async function locationOf(db: Tx, s: LocationKey): Promise<Location> {
  const l = await locations.findLocation(db, s.organizationId, s.locationId);
  if (!l) throw notFound('Location not found');
  return l;
}

export function toProductDto(p: q.ProductRow, currency: string): ProductDto {
  return {
    id: p.id,
    locationId: p.location_id,
    name: p.name,
    description: p.description,
    price: p.price,
    creditPrice: p.credit_price,
    taxRateBps: p.tax_rate_bps,
    currency,
    stock: p.stock,
    visibility: p.visibility,
    active: p.active === 1,
    grants: p.grant_credits > 0 || p.grant_day_passes > 0 ? { credits: p.grant_credits, dayPasses: p.grant_day_passes, validDays: p.grant_valid_days } : null,
    createdAt: p.created_at,
  };
}

/** A credit package is sold for money only: bought with credits it would mint credits from credits. */
function check(p: Pick<q.ProductRow, 'credit_price' | 'grant_credits' | 'grant_day_passes'>): void {
  if (p.credit_price !== null && (p.grant_credits > 0 || p.grant_day_passes > 0))
    throw new AppError(
      'unprocessable',
      'A product that grants credits or day passes cannot have a credit price.',
      [{ path: 'creditPrice', message: 'Not with grants' }],
      'invalid_payment_method',
    );
}

const grantColumns = (g: CreateProductInput['grants']) => ({
  grant_credits: g?.credits ?? 0,
  grant_day_passes: g?.dayPasses ?? 0,
  grant_valid_days: g ? g.validDays : null,
});

export async function createProduct(deps: Deps, s: LocationKey, input: CreateProductInput): Promise<ProductDto> {
  const location = await locationOf(deps.db, s);
  const now = deps.clock.now().toISOString();
  const row: q.ProductRow = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    name: input.name,
    description: input.description,
    price: input.price,
    credit_price: input.creditPrice,
    tax_rate_bps: input.taxRateBps,
    stock: input.stock,
    visibility: input.visibility,
    active: input.active ? 1 : 0,
    ...grantColumns(input.grants),
    created_at: now,
    updated_at: now,
  };
  check(row);
  await q.insertProduct(deps.db, row);
  return toProductDto(row, location.currency);
}

export async function getProduct(deps: Deps, s: LocationKey, id: string): Promise<ProductDto> {
  const location = await locationOf(deps.db, s);
  const p = await q.findProduct(deps.db, s, id);
  if (!p) throw notFound('Product not found');
  return toProductDto(p, location.currency);
}

/** Edits under the product's lock, so a new stock figure never crosses an order taking stock. */
export async function updateProduct(deps: Deps, s: LocationKey, id: string, input: UpdateProductInput): Promise<ProductDto> {
  const location = await locationOf(deps.db, s);
  const next = await deps.db.transaction().execute(async (trx) => {
    const [p] = await q.lockProducts(trx, deps.dbKind, s, [id]);
    if (!p) throw notFound('Product not found');
    const set: Partial<q.ProductRow> = { updated_at: deps.clock.now().toISOString() };
    if (input.name !== undefined) set.name = input.name;
    if (input.description !== undefined) set.description = input.description;
    if (input.price !== undefined) set.price = input.price;
    if (input.creditPrice !== undefined) set.credit_price = input.creditPrice;
    if (input.taxRateBps !== undefined) set.tax_rate_bps = input.taxRateBps;
    if (input.stock !== undefined) set.stock = input.stock;
    if (input.visibility !== undefined) set.visibility = input.visibility;
    if (input.active !== undefined) set.active = input.active ? 1 : 0;
    if (input.grants !== undefined) Object.assign(set, grantColumns(input.grants));
    const row = { ...p, ...set };
    check(row);
    await q.updateProduct(trx, s, id, set);
    return row;
  });
  return toProductDto(next, location.currency);
}

export async function listProducts(deps: Deps, s: LocationKey, f: { active?: 'true' | 'false'; limit: number; cursor?: string }) {
  const location = await locationOf(deps.db, s);
  const after = f.cursor ? decodeCursor(f.cursor, 'products') : null;
  const rows = await q.listProducts(deps.db, s, { active: f.active === undefined ? undefined : f.active === 'true', limit: f.limit }, after);
  const page = cutPage(rows, f.limit, 'products', (r) => r.name);
  return { items: page.rows.map((r) => toProductDto(r, location.currency)), nextCursor: page.nextCursor };
}

/** The active products a person (or a visitor) may see at the location. */
export async function visibleProducts(deps: Deps, s: LocationKey, userId: string | null, f: { limit: number; cursor?: string }) {
  const location = await locationOf(deps.db, s);
  const levels = await visibleLevels(deps, userId, location);
  const after = f.cursor ? decodeCursor(f.cursor, 'products') : null;
  const rows = await q.listProducts(deps.db, s, { active: true, levels, limit: f.limit }, after);
  const page = cutPage(rows, f.limit, 'products', (r) => r.name);
  return { items: page.rows.map((r) => toProductDto(r, location.currency)), nextCursor: page.nextCursor };
}

// ---- orders

const outOfStock = () => new AppError('conflict', 'Not enough of this product is left.', undefined, 'out_of_stock');

/** What an order's lines cost each way, and whether the method is offered for them. */
function checkMethod(products: q.ProductRow[], input: OrderInput, hasProvider: boolean): void {
  const method = input.paymentMethod;
  if (method === 'credits') {
    if (products.some((p) => p.credit_price === null))
      throw new AppError('unprocessable', 'Some of these products cannot be paid with credits.', undefined, 'credits_not_accepted');
    return;
  }
  const offered =
    method === 'free'
      ? products.every((p) => (p.price ?? 0) === 0 && p.credit_price === null)
      : products.every((p) => p.price !== null) && products.some((p) => (p.price ?? 0) > 0) && (method === 'invoice' || hasProvider);
  if (!offered) throw new AppError('unprocessable', 'This way of paying is not offered for this order.', undefined, 'payment_method_not_offered');
}

/** The request's fingerprint: a replay under the same Idempotency-Key must ask for the same thing. */
const requestHash = (input: OrderInput) =>
  JSON.stringify({
    lines: [...input.lines].sort((a, b) => a.productId.localeCompare(b.productId)).map((l) => [l.productId, l.quantity]),
    method: input.paymentMethod,
    payer: input.payer ?? 'personal',
  });

const ownerOf = (o: Pick<q.OrderRow, 'customer_id' | 'company_id'>): ledger.Owner =>
  o.company_id ? { companyId: o.company_id } : { customerId: o.customer_id };

/** A credit package's credits and day passes, given to the payer once per order and product (the ledger keys them). */
async function grantInTx(deps: Deps, trx: Tx, s: LocationKey, location: Location, o: q.OrderRow, lines: q.OrderLineRow[]): Promise<Amounts | null> {
  const granted: Amounts = { credits: 0, dayPasses: 0, amount: 0 };
  const today = invoices.todayAt(deps, location);
  for (const l of lines) {
    if (l.grant_credits === 0 && l.grant_day_passes === 0) continue;
    const expiresAt = l.grant_valid_days === null ? null : startOfLocalDay(addDays(today, l.grant_valid_days), location.time_zone).toISOString();
    for (const [unit, per] of [
      ['credit', l.grant_credits],
      ['day_pass', l.grant_day_passes],
    ] as const) {
      if (per === 0) continue;
      await ledger.grantInTx(deps, trx, s, ownerOf(o), {
        unit,
        amount: per * l.quantity,
        expiresAt,
        source: { type: 'order', id: o.id },
        occasion: l.product_id,
      });
      if (unit === 'credit') granted.credits += per * l.quantity;
      else granted.dayPasses += per * l.quantity;
    }
  }
  return granted.credits || granted.dayPasses ? granted : null;
}

export interface Buyer {
  userId: string;
}

/**
 * Orders: the checks (products seen and active, the method offered for every line, members only for
 * credits and invoices, the payer), then in one transaction under the products' locks: the stock,
 * the buyer's record (a nonmember with source `purchase` when they have none), the number, the
 * spend or the invoice, a credit package's grants and the confirmation. A repeated Idempotency-Key
 * answers the first order.
 */
export async function placeOrder(
  deps: Deps,
  s: LocationKey,
  buyer: Buyer,
  input: OrderInput,
  idempotencyKey?: string,
): Promise<{ order: OrderDto; checkoutUrl: string | null; created: boolean }> {
  if (idempotencyKey) {
    const first = await q.orderByKey(deps.db, s, buyer.userId, idempotencyKey);
    if (first) return replay(deps, s, first, input);
  }
  const location = await locationOf(deps.db, s);
  const ids = input.lines.map((l) => l.productId);
  const levels = await visibleLevels(deps, buyer.userId, location);
  const seen = (p: q.ProductRow | undefined): p is q.ProductRow => p !== undefined && p.active === 1 && levels.includes(p.visibility);
  const found = new Map((await q.findProducts(deps.db, s, ids)).map((p) => [p.id, p]));
  if (!ids.every((id) => seen(found.get(id)))) throw notFound('Product not found');
  const hasProvider = purchases.cardAvailable(deps);
  checkMethod([...found.values()], input, hasProvider);
  const known = await purchases.knownRecord(deps.db, s, buyer);
  if ((input.paymentMethod === 'credits' || input.paymentMethod === 'invoice') && !purchases.isMember(known))
    throw new AppError('unprocessable', 'Credits and invoices are for members.', undefined, 'members_only');
  if (known && known.status !== 'removed') await purchases.payerOf(deps.db, s, known, input.payer ?? 'personal');
  // stock already short is refused without waiting for the write lock (the locked check below decides)
  if (
    input.lines.some((l) => {
      const p = found.get(l.productId)!;
      return p.stock !== null && p.stock < l.quantity;
    })
  )
    throw outOfStock();
  const id = newId();
  const scope: ActorScope = { ...s, actorUserId: buyer.userId };
  let done: { order: q.OrderRow; lines: q.OrderLineRow[] };
  try {
    const out = await deps.db.transaction().execute(async (trx) => {
      const locked = new Map((await q.lockProducts(trx, deps.dbKind, s, ids)).map((p) => [p.id, p]));
      // a twin with the same key that held the locks before us: its order is the answer
      const twin = idempotencyKey ? await q.orderByKey(trx, s, buyer.userId, idempotencyKey) : undefined;
      if (twin) return { twin };
      if (!ids.every((pid) => seen(locked.get(pid)))) throw notFound('Product not found');
      const products = ids.map((pid) => locked.get(pid)!);
      checkMethod(products, input, hasProvider);
      if (
        input.lines.some((l) => {
          const p = locked.get(l.productId)!;
          return p.stock !== null && p.stock < l.quantity;
        })
      )
        throw outOfStock();
      const record = await purchases.buyerRecordInTx(deps, trx, s, buyer);
      if ((input.paymentMethod === 'credits' || input.paymentMethod === 'invoice') && !purchases.isMember(record))
        throw new AppError('unprocessable', 'Credits and invoices are for members.', undefined, 'members_only');
      const payer = await purchases.payerOf(trx, s, record, input.payer ?? 'personal');
      const now = deps.clock.now().toISOString();
      const lines: q.OrderLineRow[] = input.lines.map((l, position) => {
        const p = locked.get(l.productId)!;
        return {
          id: newId(),
          order_id: id,
          position,
          product_id: p.id,
          name: p.name,
          quantity: l.quantity,
          unit_price: p.price,
          credit_price: p.credit_price,
          tax_rate_bps: p.tax_rate_bps,
          grant_credits: p.grant_credits,
          grant_day_passes: p.grant_day_passes,
          grant_valid_days: p.grant_valid_days,
        };
      });
      const order: q.OrderRow = {
        id,
        organization_id: s.organizationId,
        location_id: s.locationId,
        number: await invoices.takeNumber(trx, s.locationId, 'order', ''),
        customer_id: record.id,
        company_id: payer.companyId,
        ordered_by_user_id: buyer.userId,
        status: input.paymentMethod === 'card' ? 'pending_payment' : 'new',
        payment_method: input.paymentMethod,
        total: 0,
        credits: input.paymentMethod === 'credits' ? lines.reduce((sum, l) => sum + (l.credit_price ?? 0) * l.quantity, 0) : 0,
        invoice_id: null,
        idempotency_key: idempotencyKey ?? null,
        request_hash: requestHash(input),
        refunded: null,
        canceled_at: null,
        canceled_by_user_id: null,
        created_at: now,
        updated_at: now,
      };
      await q.insertOrder(trx, order, lines);
      for (const l of lines) await q.moveStock(trx, s, l.product_id, -l.quantity, now);
      if (order.payment_method !== 'free') {
        const charged = await purchases.chargeInTx(deps, trx, scope, location, payer, {
          method: order.payment_method,
          credits: order.credits,
          lines: lines.map((l) => ({
            description: l.name,
            quantity: l.quantity,
            unitPrice: l.unit_price ?? 0,
            taxRateBps: l.tax_rate_bps,
            source: 'order' as const,
          })),
          source: { type: 'order', id },
        });
        if (charged.invoiceId) {
          order.invoice_id = charged.invoiceId;
          order.total = charged.total;
          await q.updateOrder(trx, id, { invoice_id: order.invoice_id, total: order.total });
        }
      }
      await purchases.markActiveInTx(deps, trx, s, location, record.user_id, 'payment', (order.credits ?? 0) > 0);
      if (order.status === 'new') {
        const granted = await grantInTx(deps, trx, s, location, order, lines);
        await queueOrderMail(deps, trx, s, order, lines, { confirmed: { granted } });
      }
      await announceOrder(trx, s, order, location.currency, 'order.created', deps.clock.now());
      return { placed: { order, lines } };
    });
    if ('twin' in out) return replay(deps, s, out.twin!, input);
    done = out.placed!;
  } catch (err) {
    const first = idempotencyKey && isUniqueViolation(err) ? await q.orderByKey(deps.db, s, buyer.userId, idempotencyKey) : undefined;
    if (first) return replay(deps, s, first, input);
    throw err;
  }
  const checkoutUrl = done.order.payment_method === 'card' && done.order.invoice_id ? await purchases.checkoutUrl(deps, scope, done.order.invoice_id) : null;
  const [dto] = await toOrderDtos(deps.db, s, [done.order], location.currency);
  return { order: dto, checkoutUrl, created: true };
}

async function replay(deps: Deps, s: LocationKey, first: q.OrderRow, input: OrderInput) {
  if (first.request_hash !== requestHash(input))
    throw new AppError('conflict', 'This Idempotency-Key was used for another request.', undefined, 'idempotency_key_reused');
  const location = await locationOf(deps.db, s);
  const [dto] = await toOrderDtos(deps.db, s, [first], location.currency);
  return { order: dto, checkoutUrl: null, created: false };
}

/** Tells integrators (webhooks) of an order as the API answers it, in the transaction of the change. */
async function announceOrder(trx: Tx, s: LocationKey, row: q.OrderRow, currency: string, type: 'order.created' | 'order.updated', at: Date): Promise<void> {
  const [data] = await toOrderDtos(trx, s, [row], currency);
  await announced.publish(trx, { organizationId: s.organizationId, locationId: s.locationId, type, data, at });
}

/** Orders as answered, with their lines and buyers' names, in two more statements at most. */
export async function toOrderDtos(db: Tx, s: LocationKey, rows: q.OrderRow[], currency: string): Promise<OrderDto[]> {
  const ids = rows.map((r) => r.id);
  const lines = await q.linesOf(db, ids);
  const byOrder = new Map<string, q.OrderLineRow[]>();
  for (const l of lines) byOrder.set(l.order_id, [...(byOrder.get(l.order_id) ?? []), l]);
  const people = new Map<string, string>();
  await Promise.all(
    [...new Set(rows.map((r) => r.customer_id))].map(async (cid) => {
      const c = await customers.findCustomer(db, s, cid);
      people.set(cid, c ? `${c.first_name} ${c.last_name}`.trim() : '');
    }),
  );
  return rows.map((o) => ({
    id: o.id,
    locationId: o.location_id,
    number: o.number,
    customerId: o.customer_id,
    companyId: o.company_id,
    customerName: people.get(o.customer_id) ?? '',
    lines: (byOrder.get(o.id) ?? []).map((l) => ({
      productId: l.product_id,
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unit_price,
      creditPrice: l.credit_price,
      taxRateBps: l.tax_rate_bps,
    })),
    status: o.status,
    paymentMethod: o.payment_method,
    payer: o.company_id ? 'company' : 'personal',
    total: o.total,
    credits: o.credits,
    currency,
    invoiceId: o.invoice_id,
    refunded: o.refunded ? (JSON.parse(o.refunded) as purchases.Refunded) : null,
    createdAt: o.created_at,
    canceledAt: o.canceled_at,
  }));
}

export async function listOrders(deps: Deps, s: LocationKey, f: { status?: OrderStatus; customerId?: string; limit: number; cursor?: string }) {
  const location = await locationOf(deps.db, s);
  const after = f.cursor ? decodeCursor(f.cursor, 'orders') : null;
  const rows = await q.listOrders(deps.db, s, { status: f.status, customerId: f.customerId, limit: f.limit }, after);
  const page = cutPage(rows, f.limit, 'orders', (r) => r.created_at);
  return { items: await toOrderDtos(deps.db, s, page.rows, location.currency), nextCursor: page.nextCursor };
}

const NEXT: Partial<Record<OrderStatus, OrderStatus[]>> = { new: ['in_progress', 'canceled'], in_progress: ['completed', 'canceled'] };

/**
 * Moves an order on the board: new → in progress → completed; new or in progress → canceled,
 * which in the same transaction puts the stock back and (unless `refund: false`) gives back what
 * was paid: credits into their lots, an unpaid invoice voided, a paid one credited (online when
 * paid online), and a credit package's lots withdrawn. The buyer is told.
 */
export async function updateOrder(deps: Deps, scope: AdminScope, orderId: string, input: UpdateOrderInput) {
  const location = await locationOf(deps.db, scope);
  const out = await deps.db.transaction().execute(async (trx) => {
    const row = await q.lockOrder(trx, deps.dbKind, scope, orderId);
    if (!row) throw notFound('Order not found');
    if (!NEXT[row.status]?.includes(input.status))
      throw new AppError('conflict', `An order cannot move from ${row.status} to ${input.status}.`, undefined, 'invalid_transition');
    const now = deps.clock.now().toISOString();
    if (input.status !== 'canceled') {
      const set = { status: input.status, updated_at: now };
      await q.updateOrder(trx, row.id, set);
      await announceOrder(trx, scope, { ...row, ...set }, location.currency, 'order.updated', deps.clock.now());
      return { order: { ...row, ...set }, refunded: null, online: null };
    }
    const lines = await q.linesOf(trx, [row.id]);
    await q.lockProducts(
      trx,
      deps.dbKind,
      scope,
      lines.map((l) => l.product_id),
    );
    for (const l of lines) await q.moveStock(trx, scope, l.product_id, l.quantity, now);
    const refund = input.refund ?? true;
    let back: Awaited<ReturnType<typeof purchases.refundInTx>> | null = null;
    if (refund) {
      const lang = languageFor(null, undefined, location);
      back = await purchases.refundInTx(deps, trx, scope, location, {
        source: { type: 'order', id: row.id },
        credits: row.credits,
        dayPasses: 0,
        invoiceId: row.invoice_id,
        reason: m(lang, 'cancelCreditReason', { number: row.number }),
        voidUnpaid: true,
      });
      // what a credit package gave and is still unspent goes with the money
      await ledger.expireLotsOfSourceInTx(deps, trx, scope, { type: 'order', id: row.id });
    }
    const set = {
      status: 'canceled' as const,
      refunded: back ? JSON.stringify(back.refunded) : null,
      canceled_at: now,
      canceled_by_user_id: scope.actorUserId,
      updated_at: now,
    };
    await q.updateOrder(trx, row.id, set);
    const canceled = { ...row, ...set };
    await queueOrderMail(deps, trx, scope, canceled, lines, { canceled: back?.refunded ?? null });
    await announceOrder(trx, scope, canceled, location.currency, 'order.updated', deps.clock.now());
    return { order: canceled, refunded: back?.refunded ?? null, online: back?.online ?? null };
  });
  await purchases.finishOnlineRefund(deps, out.online, { orderId });
  const [order] = await toOrderDtos(deps.db, scope, [out.order], location.currency);
  return { order, refunded: out.refunded };
}

/** A card order waits for its invoice to be paid: paid, it becomes new, its package is granted and the buyer told. */
invoicePaid.subscribe(async (trx, e) => {
  if (e.invoice.source_type !== 'order' || !e.invoice.source_id) return;
  const s = { organizationId: e.invoice.organization_id, locationId: e.invoice.location_id };
  const o = await q.findOrder(trx, s, e.invoice.source_id);
  if (o?.status !== 'pending_payment') return;
  const location = await locations.findLocation(trx, s.organizationId, s.locationId);
  if (!location) return;
  const set = { status: 'new' as const, updated_at: e.deps.clock.now().toISOString() };
  await q.updateOrder(trx, o.id, set);
  const lines = await q.linesOf(trx, [o.id]);
  const granted = await grantInTx(e.deps, trx, s, location, { ...o, ...set }, lines);
  await queueOrderMail(e.deps, trx, s, { ...o, ...set }, lines, { confirmed: { granted } });
});

/** Releases card orders whose payment never came: canceled, the invoice voided, the stock back. */
export async function releaseUnpaidInTx(deps: Deps, trx: Tx, now: Date): Promise<number> {
  let n = 0;
  for (const o of await q.pendingSinceUnscoped(trx, purchases.cardHoldCutoff(now), 500)) {
    const s = { organizationId: o.organization_id, locationId: o.location_id };
    const at = now.toISOString();
    const lines = await q.linesOf(trx, [o.id]);
    await q.lockProducts(
      trx,
      deps.dbKind,
      s,
      lines.map((l) => l.product_id),
    );
    for (const l of lines) await q.moveStock(trx, s, l.product_id, l.quantity, at);
    await q.updateOrder(trx, o.id, { status: 'canceled', canceled_at: at, updated_at: at });
    // nothing was paid: the invoice is voided (a payment arriving later stays on it, owed back)
    if (o.invoice_id) await invoices.voidUnpaidInTx(deps, trx, s, o.invoice_id);
    n++;
  }
  return n;
}

/**
 * The purchase-history lines of a customer's own orders (customer_id) or of what a company paid
 * for (company_id): newest first, strictly after the cursor, at most `limit`.
 */
export async function purchasesOf(db: Tx, s: LocationKey, who: PurchaseOwner, after: PurchaseCursor | null, limit: number): Promise<PurchaseItem[]> {
  const keyset: Keyset | null = after ? { value: after.at, id: after.id } : null;
  const rows = await q.listOrders(db, s, { ...who, limit: limit - 1 }, keyset);
  const lines = await q.linesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((o) => ({
    kind: 'order' as const,
    id: o.id,
    title: lineWords(
      'en',
      lines.filter((l) => l.order_id === o.id),
    ),
    at: o.created_at,
    status: o.status,
    price: o.total,
    credits: o.credits,
    dayPasses: 0,
    payer: o.company_id ? ('company' as const) : ('personal' as const),
  }));
}
