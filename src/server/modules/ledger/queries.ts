// SQL of the ledger: transactions and entries are only ever inserted; lots keep what remains.
import { unindexed } from '../../db/database.js';
import type { Selectable } from 'kysely';
import type { Tx } from '../../deps.js';
import type { LedgerLotTable, LedgerTransactionTable, LedgerUnit } from '../../db/schema.js';
import { insertSlices } from '../../lib/batch.js';
import type { Keyset } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';

export type Owner = { customerId: string; companyId?: undefined } | { companyId: string; customerId?: undefined };
export type TransactionRow = Selectable<LedgerTransactionTable>;
export type LotRow = Selectable<LedgerLotTable>;

// biome-ignore lint/suspicious/noExplicitAny: a where-able query over a table with customer_id and company_id
function byOwner<Q extends { where: (...args: any[]) => Q }>(qb: Q, owner: Owner, table: 'ledger_transactions' | 'ledger_lots'): Q {
  return owner.customerId !== undefined ? qb.where(`${table}.customer_id`, '=', owner.customerId) : qb.where(`${table}.company_id`, '=', owner.companyId);
}

/** The owner's newest transaction in a unit: its seq and the balance after it. */
export function lastTransaction(db: Tx, s: LocationKey, owner: Owner, unit: LedgerUnit) {
  return byOwner(
    db.selectFrom('ledger_transactions').select(['seq', 'balance_after']).where('ledger_transactions.location_id', '=', s.locationId).where('unit', '=', unit),
    owner,
    'ledger_transactions',
  )
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function findBySourceKey(db: Tx, s: LocationKey, sourceKey: string) {
  return db.selectFrom('ledger_transactions').selectAll().where('location_id', '=', s.locationId).where('source_key', '=', sourceKey).executeTakeFirst();
}

/** Lots with something left (expired ones included: the caller decides). */
export function lotsWithRemainder(db: Tx, s: LocationKey, owner: Owner, unit?: LedgerUnit): Promise<LotRow[]> {
  let qb = byOwner(
    db.selectFrom('ledger_lots').selectAll().where('ledger_lots.location_id', '=', s.locationId).where('remaining', '>', 0),
    owner,
    'ledger_lots',
  );
  if (unit) qb = qb.where('unit', '=', unit);
  return qb.execute();
}

export function findLots(db: Tx, ids: string[]): Promise<LotRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('ledger_lots').selectAll().where('id', 'in', ids).execute();
}

export async function insertTransaction(db: Tx, row: TransactionRow): Promise<void> {
  await db.insertInto('ledger_transactions').values(row).execute();
}

export async function insertEntries(db: Tx, rows: { id: string; transaction_id: string; lot_id: string; amount: number; created_at: string }[]): Promise<void> {
  if (rows.length) await db.insertInto('ledger_entries').values(rows).execute();
}

export async function insertLot(db: Tx, row: LotRow): Promise<void> {
  await db.insertInto('ledger_lots').values(row).execute();
}

export async function changeLotRemaining(db: Tx, lotId: string, delta: number): Promise<void> {
  await db
    .updateTable('ledger_lots')
    .set((eb) => ({ remaining: eb('remaining', '+', delta) }))
    .where('id', '=', lotId)
    .execute();
}

/** The entries of a transaction (which lots it touched). */
export function entriesOf(db: Tx, transactionId: string) {
  return db.selectFrom('ledger_entries').select(['lot_id', 'amount']).where('transaction_id', '=', transactionId).execute();
}

/** The ledger page, newest first, keyset on seq (one owner's seq is unique per unit; with both units, on created_at then id). */
export function history(db: Tx, s: LocationKey, owner: Owner, f: { unit?: LedgerUnit; limit: number }, after: Keyset | null) {
  let qb = byOwner(db.selectFrom('ledger_transactions').selectAll().where('ledger_transactions.location_id', '=', s.locationId), owner, 'ledger_transactions');
  if (f.unit) qb = qb.where('unit', '=', f.unit);
  if (after) qb = qb.where((eb) => eb.or([eb('created_at', '<', after.value), eb.and([eb('created_at', '=', after.value), eb('id', '<', after.id)])]));
  return qb
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Lots whose time has come with something left, oldest expiry first, across every location (the expiry sweep). */
export function dueLotsUnscoped(db: Tx, now: Date, limit: number): Promise<LotRow[]> {
  return db
    .selectFrom('ledger_lots')
    .selectAll()
    .where('expires_at', '<=', now.toISOString())
    .where('remaining', '>', 0)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** The lots a source granted that still hold something (a canceled subscription's lots expire now). */
export function lotsOfSource(db: Tx, s: LocationKey, sourceType: string, sourceId: string): Promise<LotRow[]> {
  return db
    .selectFrom('ledger_lots')
    .selectAll()
    .where('location_id', '=', s.locationId)
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .where('remaining', '>', 0)
    .execute();
}

/** A lot's expiry moves with its subscription's end date: the lot is a projection, the transactions stay as written. */
export async function setLotExpiry(db: Tx, lotId: string, expiresAt: string): Promise<void> {
  await db.updateTable('ledger_lots').set({ expires_at: expiresAt }).where('id', '=', lotId).execute();
}

export async function hasLinesForCustomer(db: Tx, s: LocationKey, customerId: string): Promise<boolean> {
  const r = await db
    .selectFrom('ledger_transactions')
    .select('id')
    .where('location_id', '=', s.locationId)
    .where('customer_id', '=', customerId)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * The newest transaction of each owner and unit among these owners (customers or companies): its seq
 * and balance. Two statements a slice, each answered from the (owner, unit, seq) index: the newest seq
 * of each owner and unit, then the owners' rows with those seqs.
 */
export async function lastTransactionsOf(db: Tx, s: LocationKey, column: 'customer_id' | 'company_id', ids: string[]) {
  const unique = [...new Set(ids)];
  const out: { owner_id: string; unit: LedgerUnit; seq: number; balance_after: number }[] = [];
  for (let i = 0; i < unique.length; i += 1000) {
    // from the index alone (an owner id belongs to one location; the rows below are read at this location only)
    const newest = await db
      .selectFrom('ledger_transactions')
      .select([`${column} as owner_id`, 'unit'])
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where(column, 'in', unique.slice(i, i + 1000))
      .groupBy([column, 'unit'])
      .execute();
    if (newest.length === 0) continue;
    // those rows by the owners and seqs (a list of row values is not an index search on PostgreSQL), matched exactly here
    const wanted = new Set(newest.map((n) => `${n.owner_id} ${n.unit} ${Number(n.seq)}`));
    const rows = (
      await db
        .selectFrom('ledger_transactions')
        .select([`${column} as owner_id`, 'unit', 'seq', 'balance_after'])
        .where(unindexed('location_id'), '=', s.locationId)
        .where(column, 'in', unique.slice(i, i + 1000))
        .where('unit', 'in', [...new Set(newest.map((n) => n.unit))])
        .where('seq', 'in', [...new Set(newest.map((n) => Number(n.seq)))])
        .execute()
    ).filter((r) => wanted.has(`${r.owner_id} ${r.unit} ${Number(r.seq)}`));
    out.push(...(rows as typeof out));
  }
  return out;
}

/** Which of these source keys are taken at the location. */
export async function takenSourceKeys(db: Tx, s: LocationKey, keys: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db
      .selectFrom('ledger_transactions')
      .select('source_key')
      .where('location_id', '=', s.locationId)
      .where('source_key', 'in', keys.slice(i, i + 1000))
      .execute();
    for (const r of rows) if (r.source_key) out.add(r.source_key);
  }
  return out;
}

/** Transactions, lots and entries in multi-row inserts, in the order their references need. */
export async function insertMany(
  db: Tx,
  rows: {
    transactions: TransactionRow[];
    lots: LotRow[];
    entries: { id: string; transaction_id: string; lot_id: string; amount: number; created_at: string }[];
  },
): Promise<void> {
  for (const slice of insertSlices(rows.transactions)) await db.insertInto('ledger_transactions').values(slice).execute();
  for (const slice of insertSlices(rows.lots)) await db.insertInto('ledger_lots').values(slice).execute();
  for (const slice of insertSlices(rows.entries)) await db.insertInto('ledger_entries').values(slice).execute();
}
