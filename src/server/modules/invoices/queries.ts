// SQL for invoices, their lines, payments, credit notes, number sequences and checkouts.
import type { Selectable } from 'kysely';
import { type DbKind, unindexed } from '../../db/database.js';
import type { CheckoutTable, CreditNoteTable, InvoiceLineTable, InvoiceStatus, InvoiceTable, PaymentTable } from '../../db/schema.js';
import type { Tx } from '../../deps.js';
import { insertSlices } from '../../lib/batch.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export type InvoiceRow = Selectable<InvoiceTable>;
export type LineRow = Selectable<InvoiceLineTable>;
export type PaymentRow = Selectable<PaymentTable>;
export type CreditNoteRow = Selectable<CreditNoteTable>;
export type CheckoutRow = Selectable<CheckoutTable>;

export async function insertInvoice(db: Tx, row: InvoiceRow): Promise<void> {
  await db.insertInto('invoices').values(row).execute();
}

export function findInvoice(db: Tx, s: LocationKey, id: string): Promise<InvoiceRow | undefined> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('organization_id', '=', s.organizationId)
    .where('location_id', '=', s.locationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The invoice, locked for the rest of the transaction (PostgreSQL; SQLite writes one transaction at a time). */
export function lockInvoice(db: Tx, kind: DbKind, s: LocationKey, id: string): Promise<InvoiceRow | undefined> {
  const qb = db.selectFrom('invoices').selectAll().where('organization_id', '=', s.organizationId).where('location_id', '=', s.locationId).where('id', '=', id);
  return (kind === 'postgres' ? qb.forUpdate() : qb).executeTakeFirst();
}

export async function updateInvoice(db: Tx, id: string, set: Partial<InvoiceRow>): Promise<void> {
  await db.updateTable('invoices').set(set).where('id', '=', id).execute();
}

export async function deleteInvoice(db: Tx, id: string): Promise<void> {
  await db.deleteFrom('invoice_lines').where('invoice_id', '=', id).execute();
  await db.deleteFrom('invoices').where('id', '=', id).execute();
}

export interface InvoiceFilter {
  status?: InvoiceStatus;
  customerId?: string;
  companyId?: string;
  /** issued, due date before this local date */
  overdueBefore?: string;
  /** for the portal: the caller's own invoices and their company's */
  owners?: { customerId: string; companyId: string | null };
  excludeDrafts?: boolean;
  limit: number;
}

/** Whether the customer has any invoice at the location: by the customer's index (the location's number index would walk every invoice). */
export async function hasInvoicesForCustomer(db: Tx, s: LocationKey, customerId: string): Promise<boolean> {
  const r = await db
    .selectFrom('invoices')
    .select('id')
    .where(unindexed('location_id'), '=', s.locationId)
    .where('customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Newest first, keyset on (created_at, id). */
export function listInvoices(db: Tx, s: LocationKey, f: InvoiceFilter, after: Keyset | null): Promise<InvoiceRow[]> {
  // a customer's or a company's: by their own index (newest first already), not a walk of the location's newest
  const byOwner = Boolean(f.customerId || f.companyId || f.owners);
  let qb = db
    .selectFrom('invoices')
    .selectAll()
    .where(byOwner ? unindexed('organization_id') : 'organization_id', '=', s.organizationId)
    .where(byOwner ? unindexed('location_id') : 'location_id', '=', s.locationId);
  if (f.status) qb = qb.where('status', '=', f.status);
  if (f.excludeDrafts) qb = qb.where('status', '!=', 'draft');
  if (f.customerId) qb = qb.where('customer_id', '=', f.customerId);
  if (f.companyId) qb = qb.where('company_id', '=', f.companyId);
  // the location's issued invoices newest first (its status index), not every location's overdue ones sorted (`invoices_due_idx`)
  if (f.overdueBefore) qb = qb.where('status', '=', 'issued').where(unindexed('due_date'), '<', f.overdueBefore);
  const owners = f.owners;
  if (owners)
    qb = qb.where((eb) =>
      owners.companyId
        ? eb.or([eb('customer_id', '=', owners.customerId), eb('company_id', '=', owners.companyId)])
        : eb('customer_id', '=', owners.customerId),
    );
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function insertLines(db: Tx, rows: LineRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('invoice_lines').values(rows).execute();
}

export async function deleteLines(db: Tx, invoiceId: string): Promise<void> {
  await db.deleteFrom('invoice_lines').where('invoice_id', '=', invoiceId).execute();
}

export function linesOf(db: Tx, invoiceIds: string[]): Promise<LineRow[]> {
  if (invoiceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('invoice_lines').selectAll().where('invoice_id', 'in', invoiceIds).orderBy('invoice_id').orderBy('position').execute();
}

export function paymentsOf(db: Tx, invoiceIds: string[]): Promise<PaymentRow[]> {
  if (invoiceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('payments').selectAll().where('invoice_id', 'in', invoiceIds).orderBy('created_at').orderBy('id').execute();
}

export function creditNotesOf(db: Tx, invoiceIds: string[]): Promise<CreditNoteRow[]> {
  if (invoiceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('credit_notes').selectAll().where('invoice_id', 'in', invoiceIds).orderBy('created_at').orderBy('id').execute();
}

export function findBySubscriptionPeriod(db: Tx, subscriptionId: string, periodStart: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('subscription_id', '=', subscriptionId).where('period_start', '=', periodStart).executeTakeFirst();
}

/** A subscription's drafts for periods starting after `afterDate` (all of them when null). */
export function draftsOfSubscription(db: Tx, subscriptionId: string, afterDate: string | null): Promise<InvoiceRow[]> {
  let qb = db.selectFrom('invoices').selectAll().where('subscription_id', '=', subscriptionId).where('status', '=', 'draft');
  if (afterDate !== null) qb = qb.where('period_start', '>', afterDate);
  return qb.execute();
}

export async function latestPeriodOfSubscription(db: Tx, subscriptionId: string): Promise<string | null> {
  const r = await db
    .selectFrom('invoices')
    .select((eb) => eb.fn.max('period_start').as('latest'))
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirst();
  return (r?.latest as string | null | undefined) ?? null;
}

export function hasInvoiceOfSubscription(db: Tx, subscriptionId: string, statuses: InvoiceStatus[]): Promise<boolean> {
  return db
    .selectFrom('invoices')
    .select('id')
    .where('subscription_id', '=', subscriptionId)
    .where('status', 'in', statuses)
    .limit(1)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

/**
 * Takes the next number of a sequence inside the caller's transaction: the row's write lock holds
 * every other taker until this transaction ends, so numbers are consecutive with no gap.
 */
export async function takeNumber(db: Tx, locationId: string, kind: string, scope: string): Promise<number> {
  return takeNumbers(db, locationId, kind, scope, 1);
}

/** Takes `count` consecutive numbers in one step (as `takeNumber`): the first of them. */
export async function takeNumbers(db: Tx, locationId: string, kind: string, scope: string, count: number): Promise<number> {
  await db
    .insertInto('number_sequences')
    .values({ location_id: locationId, kind, scope, next: 1 })
    .onConflict((oc) => oc.columns(['location_id', 'kind', 'scope']).doNothing())
    .execute();
  const row = await db
    .updateTable('number_sequences')
    .set((eb) => ({ next: eb('next', '+', count) }))
    .where('location_id', '=', locationId)
    .where('kind', '=', kind)
    .where('scope', '=', scope)
    .returning('next')
    .executeTakeFirstOrThrow();
  return Number(row.next) - count;
}

export async function insertPayment(db: Tx, row: PaymentRow): Promise<void> {
  await db.insertInto('payments').values(row).execute();
}

export function findPayment(db: Tx, invoiceId: string, id: string): Promise<PaymentRow | undefined> {
  return db.selectFrom('payments').selectAll().where('invoice_id', '=', invoiceId).where('id', '=', id).executeTakeFirst();
}

export async function deletePayment(db: Tx, id: string): Promise<void> {
  await db.deleteFrom('payments').where('id', '=', id).execute();
}

export function paymentByKey(db: Tx, s: LocationKey, actorUserId: string, key: string): Promise<PaymentRow | undefined> {
  return db
    .selectFrom('payments')
    .selectAll()
    .where('location_id', '=', s.locationId)
    .where('created_by_user_id', '=', actorUserId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function insertCreditNote(db: Tx, row: CreditNoteRow): Promise<void> {
  await db.insertInto('credit_notes').values(row).execute();
}

export async function setRefundRef(db: Tx, creditNoteId: string, ref: string): Promise<void> {
  await db.updateTable('credit_notes').set({ refund_ref: ref }).where('id', '=', creditNoteId).execute();
}

export function creditNoteByKey(db: Tx, s: LocationKey, actorUserId: string, key: string): Promise<CreditNoteRow | undefined> {
  return db
    .selectFrom('credit_notes')
    .selectAll()
    .where('location_id', '=', s.locationId)
    .where('created_by_user_id', '=', actorUserId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Checkouts of an invoice still open at `now` (one is reused rather than a second made). */
export function openCheckouts(db: Tx, invoiceId: string, now: string): Promise<CheckoutRow[]> {
  return db
    .selectFrom('checkouts')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .where('status', '=', 'open')
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .execute();
}

/** Issued invoices past their due date, not yet reminded, across locations (the overdue sweep), with the location's zone. */
export function overdueUnscoped(db: Tx, latestToday: string, limit: number) {
  return db
    .selectFrom('invoices')
    .innerJoin('locations', 'locations.id', 'invoices.location_id')
    .selectAll('invoices')
    .select('locations.time_zone')
    .where('invoices.status', '=', 'issued')
    .where('invoices.due_date', '<', latestToday)
    .where('invoices.overdue_reminded_at', 'is', null)
    .orderBy('invoices.due_date')
    .limit(limit)
    .execute();
}

/** The invoices of these (subscription, period start) pairs, by `${subscriptionId} ${periodStart}`; locked on PostgreSQL when asked. */
export async function findBySubscriptionPeriods(
  db: Tx,
  kind: DbKind | null,
  pairs: { subscriptionId: string; periodStart: string }[],
): Promise<Map<string, InvoiceRow>> {
  const out = new Map<string, InvoiceRow>();
  const wanted = new Set(pairs.map((p) => `${p.subscriptionId} ${p.periodStart}`));
  for (let i = 0; i < pairs.length; i += 1000) {
    const part = pairs.slice(i, i + 1000);
    const qb = db
      .selectFrom('invoices')
      .selectAll()
      .where('subscription_id', 'in', [...new Set(part.map((p) => p.subscriptionId))])
      .where('period_start', 'in', [...new Set(part.map((p) => p.periodStart))]);
    for (const r of await (kind === 'postgres' ? qb.forUpdate() : qb).execute()) {
      const key = `${r.subscription_id} ${r.period_start}`;
      if (wanted.has(key)) out.set(key, r);
    }
  }
  return out;
}

/** Which of these subscriptions have an invoice (any status). */
export async function subscriptionsWithInvoices(db: Tx, subscriptionIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < subscriptionIds.length; i += 1000) {
    const rows = await db
      .selectFrom('invoices')
      .select('subscription_id')
      .distinct()
      .where('subscription_id', 'in', subscriptionIds.slice(i, i + 1000))
      .execute();
    for (const r of rows) if (r.subscription_id) out.add(r.subscription_id);
  }
  return out;
}

export async function insertInvoices(db: Tx, rows: InvoiceRow[], lines: LineRow[]): Promise<void> {
  for (const slice of insertSlices(rows)) await db.insertInto('invoices').values(slice).execute();
  for (const slice of insertSlices(lines)) await db.insertInto('invoice_lines').values(slice).execute();
}
