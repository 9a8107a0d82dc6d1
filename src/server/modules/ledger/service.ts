// The ledger of credits and day passes: grants, adjustments, spends, refunds and expiries written
// as append-only transactions under a lock on their owner, so a balance never goes below zero and
// a source (a subscription period, a booking) is charged or granted once whatever the retries.
import type { Deps, Tx } from '../../deps.js';
import { AppError, notFound } from '../../errors.js';
import type { LedgerKind, LedgerUnit } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/database.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { AdminScope, LocationKey } from '../../scope.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import { planDraw, planRefund, type Draw } from './draw.js';
import { queueAdjustedMail } from './mail.js';

export { ownerKey, ownerMail, ownerMails, type OwnerMail, type Recipient } from './mail.js';
import * as q from './queries.js';
import type { AdjustmentInput, LedgerLine } from './schema.js';

export type { Owner } from './queries.js';
type Owner = q.Owner;

export interface Source {
  type: string;
  id: string;
}

interface Posting {
  kind: LedgerKind;
  unit: LedgerUnit;
  /** signed: + adds (a new lot, or back into lots for a refund), − draws */
  amount: number;
  memo?: string | null;
  /** for a new lot: when it expires */
  expiresAt?: string | null;
  source?: Source | null;
  /** unique per location: a second posting with the same key returns the first */
  sourceKey?: string | null;
  actorUserId: string | null;
  /** a refund's lots, instead of a new lot */
  into?: Draw[];
}

function ownerColumns(owner: Owner) {
  return { customer_id: owner.customerId ?? null, company_id: owner.companyId ?? null };
}

/** Serialises every change to one owner's balances: PostgreSQL locks the row; SQLite writes one transaction at a time. */
async function lockOwner(deps: Deps, trx: Tx, s: LocationKey, owner: Owner): Promise<void> {
  if (owner.customerId !== undefined) await customers.lockCustomer(trx, deps.dbKind, s, owner.customerId);
  else await companies.lockCompany(trx, deps.dbKind, s, owner.companyId);
}

const isLive = (lot: { expires_at: string | null }, now: Date) => lot.expires_at === null || Date.parse(lot.expires_at) > now.getTime();

/** Writes one transaction with its entries; the owner is locked and the source key was checked. */
async function append(deps: Deps, trx: Tx, s: LocationKey, owner: Owner, p: Posting): Promise<q.TransactionRow> {
  const now = deps.clock.now();
  const createdAt = now.toISOString();
  const last = await q.lastTransaction(trx, s, owner, p.unit);
  const balance = last?.balance_after ?? 0;
  const id = newId();
  let entries: Draw[];
  let newLot: q.LotRow | null = null;
  if (p.into) entries = p.into;
  else if (p.amount > 0) {
    newLot = {
      id: newId(),
      organization_id: s.organizationId,
      location_id: s.locationId,
      ...ownerColumns(owner),
      unit: p.unit,
      amount: p.amount,
      remaining: p.amount,
      expires_at: p.expiresAt ?? null,
      source_type: p.source?.type ?? null,
      source_id: p.source?.id ?? null,
      created_at: createdAt,
    };
    entries = [{ lotId: newLot.id, amount: p.amount }];
  } else {
    const lots = await q.lotsWithRemainder(trx, s, owner, p.unit);
    const draws = planDraw(
      lots.map((l) => ({ id: l.id, remaining: l.remaining, expiresAt: l.expires_at, createdAt: l.created_at })),
      -p.amount,
      now,
    );
    if (!draws) throw new AppError('unprocessable', 'There is not enough left to use.', undefined, 'insufficient_balance');
    entries = draws;
  }
  const amount = entries.reduce((sum, e) => sum + e.amount, 0);
  const row: q.TransactionRow = {
    id,
    organization_id: s.organizationId,
    location_id: s.locationId,
    ...ownerColumns(owner),
    unit: p.unit,
    kind: p.kind,
    amount,
    balance_after: balance + amount,
    seq: (last?.seq ?? 0) + 1,
    expires_at: newLot?.expires_at ?? null,
    memo: p.memo ?? null,
    source_type: p.source?.type ?? null,
    source_id: p.source?.id ?? null,
    source_key: p.sourceKey ?? null,
    actor_user_id: p.actorUserId,
    created_at: createdAt,
  };
  await q.insertTransaction(trx, row);
  if (newLot) await q.insertLot(trx, newLot);
  else for (const e of entries) await q.changeLotRemaining(trx, e.lotId, e.amount);
  await q.insertEntries(
    trx,
    entries.map((e) => ({ id: newLot?.id ?? newId(), transaction_id: id, lot_id: e.lotId, amount: e.amount, created_at: createdAt })),
  );
  return row;
}

/** Expires what is left of the owner's lots whose time has come, so a draw and the balance agree. */
async function expireDueOf(deps: Deps, trx: Tx, s: LocationKey, owner: Owner, unit: LedgerUnit): Promise<void> {
  const now = deps.clock.now();
  for (const lot of await q.lotsWithRemainder(trx, s, owner, unit)) {
    if (!isLive(lot, now)) await expireLot(deps, trx, s, owner, lot);
  }
}

async function expireLot(deps: Deps, trx: Tx, s: LocationKey, owner: Owner, lot: q.LotRow): Promise<q.TransactionRow | null> {
  const sourceKey = `expire:lot:${lot.id}`;
  if (await q.findBySourceKey(trx, s, sourceKey)) return null;
  return append(deps, trx, s, owner, {
    kind: 'expire',
    unit: lot.unit,
    amount: -lot.remaining,
    into: [{ lotId: lot.id, amount: -lot.remaining }],
    source: { type: 'lot', id: lot.id },
    sourceKey,
    actorUserId: null,
  });
}

/** One posting under the owner's lock; with a source key, a repeat (or a racing twin) returns the first. */
async function post(deps: Deps, trx: Tx, s: LocationKey, owner: Owner, p: Posting): Promise<{ row: q.TransactionRow; created: boolean }> {
  await lockOwner(deps, trx, s, owner);
  if (p.sourceKey) {
    const existing = await q.findBySourceKey(trx, s, p.sourceKey);
    if (existing) return { row: existing, created: false };
  }
  if (p.amount < 0 && !p.into) await expireDueOf(deps, trx, s, owner, p.unit);
  // a key is tied to one owner (whose lock we hold), so no twin can slip in between; the unique
  // index stays the safety net, and its error aborts the whole transaction rather than half of it
  return { row: await append(deps, trx, s, owner, p), created: true };
}

/** Credits or day passes given by a source (a subscription) for one occasion (its period): once per occasion and unit. */
export async function grantInTx(
  deps: Deps,
  trx: Tx,
  s: LocationKey,
  owner: Owner,
  g: { unit: LedgerUnit; amount: number; expiresAt: string | null; source: Source; occasion: string },
) {
  if (g.amount <= 0) return null;
  return (
    await post(deps, trx, s, owner, {
      kind: 'grant',
      unit: g.unit,
      amount: g.amount,
      expiresAt: g.expiresAt,
      source: g.source,
      sourceKey: `grant:${g.source.type}:${g.source.id}:${g.occasion}:${g.unit}`,
      actorUserId: null,
    })
  ).row;
}

export interface Grant {
  owner: Owner;
  unit: LedgerUnit;
  amount: number;
  expiresAt: string | null;
  source: Source;
  occasion: string;
}

/**
 * Many grants at one location in one go (the subscription sweeps), with the rules of `grantInTx`:
 * the owners locked once (in the order of their ids), each grant once per source, occasion and unit
 * (a key already written, or twice in the list, is skipped), each line's seq and running balance
 * following the owner's last; the rows written in multi-row inserts. Returns how many were written.
 */
export async function grantManyInTx(deps: Deps, trx: Tx, s: LocationKey, grants: Grant[]): Promise<number> {
  const due = grants.filter((g) => g.amount > 0);
  if (due.length === 0) return 0;
  const customerIds = due.flatMap((g) => (g.owner.customerId !== undefined ? [g.owner.customerId] : []));
  const companyIds = due.flatMap((g) => (g.owner.companyId !== undefined ? [g.owner.companyId] : []));
  await customers.lockCustomers(trx, deps.dbKind, s, customerIds);
  await companies.lockCompanies(trx, deps.dbKind, s, companyIds);
  const keyOf = (g: Grant) => `grant:${g.source.type}:${g.source.id}:${g.occasion}:${g.unit}`;
  const taken = await q.takenSourceKeys(
    trx,
    s,
    due.map((g) => keyOf(g)),
  );
  const ownerKey = (o: Owner, unit: LedgerUnit) => (o.customerId !== undefined ? `p:${o.customerId}:${unit}` : `c:${o.companyId}:${unit}`);
  const last = new Map<string, { seq: number; balance: number }>();
  for (const r of await q.lastTransactionsOf(trx, s, 'customer_id', customerIds))
    last.set(`p:${r.owner_id}:${r.unit}`, { seq: Number(r.seq), balance: Number(r.balance_after) });
  for (const r of await q.lastTransactionsOf(trx, s, 'company_id', companyIds))
    last.set(`c:${r.owner_id}:${r.unit}`, { seq: Number(r.seq), balance: Number(r.balance_after) });
  const createdAt = deps.clock.now().toISOString();
  const rows: Parameters<typeof q.insertMany>[1] = { transactions: [], lots: [], entries: [] };
  for (const g of due) {
    const sourceKey = keyOf(g);
    if (taken.has(sourceKey)) continue;
    taken.add(sourceKey);
    const k = ownerKey(g.owner, g.unit);
    const before = last.get(k) ?? { seq: 0, balance: 0 };
    const after = { seq: before.seq + 1, balance: before.balance + g.amount };
    last.set(k, after);
    const id = newId();
    const lotId = newId();
    const base = { organization_id: s.organizationId, location_id: s.locationId, ...ownerColumns(g.owner), unit: g.unit };
    rows.transactions.push({
      id,
      ...base,
      kind: 'grant',
      amount: g.amount,
      balance_after: after.balance,
      seq: after.seq,
      expires_at: g.expiresAt,
      memo: null,
      source_type: g.source.type,
      source_id: g.source.id,
      source_key: sourceKey,
      actor_user_id: null,
      created_at: createdAt,
    });
    rows.lots.push({
      id: lotId,
      ...base,
      amount: g.amount,
      remaining: g.amount,
      expires_at: g.expiresAt,
      source_type: g.source.type,
      source_id: g.source.id,
      created_at: createdAt,
    });
    // a grant's entry shares its lot's id, as `append` writes it
    rows.entries.push({ id: lotId, transaction_id: id, lot_id: lotId, amount: g.amount, created_at: createdAt });
  }
  await q.insertMany(trx, rows);
  return rows.transactions.length;
}

/** A purchase paid in credits or day passes: charged once per source; 422 `insufficient_balance` writes nothing. */
export async function spendInTx(
  deps: Deps,
  trx: Tx,
  s: LocationKey,
  owner: Owner,
  sp: { unit: LedgerUnit; amount: number; source: Source; actorUserId: string | null },
) {
  if (!Number.isInteger(sp.amount) || sp.amount <= 0)
    throw new AppError('unprocessable', 'A spend must be a positive whole number.', undefined, 'invalid_amount');
  return (
    await post(deps, trx, s, owner, {
      kind: 'spend',
      unit: sp.unit,
      amount: -sp.amount,
      source: sp.source,
      sourceKey: `spend:${sp.source.type}:${sp.source.id}:${sp.unit}`,
      actorUserId: sp.actorUserId,
    })
  ).row;
}

/** Gives back a spend into the lots it came from, skipping lots expired since; once per spend. Null when there was no spend. */
export async function refundInTx(deps: Deps, trx: Tx, s: LocationKey, r: { unit: LedgerUnit; source: Source; actorUserId: string | null }) {
  const spend = await q.findBySourceKey(trx, s, `spend:${r.source.type}:${r.source.id}:${r.unit}`);
  if (!spend) return null;
  const owner: Owner = spend.customer_id ? { customerId: spend.customer_id } : { companyId: spend.company_id! };
  await lockOwner(deps, trx, s, owner);
  const sourceKey = `refund:${r.source.type}:${r.source.id}:${r.unit}`;
  const existing = await q.findBySourceKey(trx, s, sourceKey);
  if (existing) return existing;
  const spent = (await q.entriesOf(trx, spend.id)).map((e) => ({ lotId: e.lot_id, amount: e.amount }));
  const lots = new Map((await q.findLots(trx, [...new Set(spent.map((e) => e.lotId))])).map((l) => [l.id, { expiresAt: l.expires_at }]));
  const into = planRefund(spent, lots, deps.clock.now());
  return (
    await post(deps, trx, s, owner, {
      kind: 'refund',
      unit: r.unit,
      amount: into.reduce((sum, e) => sum + e.amount, 0),
      into,
      source: r.source,
      sourceKey,
      actorUserId: r.actorUserId,
    })
  ).row;
}

/** What a source granted expires now (a canceled subscription). Returns how much expired per unit. */
export async function expireLotsOfSourceInTx(deps: Deps, trx: Tx, s: LocationKey, source: Source): Promise<Record<LedgerUnit, number>> {
  const out: Record<LedgerUnit, number> = { credit: 0, day_pass: 0 };
  for (const lot of await q.lotsOfSource(trx, s, source.type, source.id)) {
    const owner: Owner = lot.customer_id ? { customerId: lot.customer_id } : { companyId: lot.company_id! };
    await lockOwner(deps, trx, s, owner);
    const [fresh] = await q.findLots(trx, [lot.id]);
    if (!fresh || fresh.remaining === 0) continue;
    const row = await expireLot(deps, trx, s, owner, fresh);
    if (row) out[lot.unit] -= row.amount;
  }
  return out;
}

/** What a source's lots still hold (the offboarding preview). */
export async function remainingOfSource(deps: Deps, s: LocationKey, source: Source): Promise<Record<LedgerUnit, number>> {
  const out: Record<LedgerUnit, number> = { credit: 0, day_pass: 0 };
  const now = deps.clock.now();
  for (const lot of await q.lotsOfSource(deps.db, s, source.type, source.id)) if (isLive(lot, now)) out[lot.unit] += lot.remaining;
  return out;
}

/** The expiry sweep: every lot whose time has come gives up its remainder, in batches. */
export async function expireDueLots(deps: Deps, trx: Tx, now: Date): Promise<number> {
  let count = 0;
  for (const lot of await q.dueLotsUnscoped(trx, now, 500)) {
    const s = { organizationId: lot.organization_id, locationId: lot.location_id };
    const owner: Owner = lot.customer_id ? { customerId: lot.customer_id } : { companyId: lot.company_id! };
    await lockOwner(deps, trx, s, owner);
    const [fresh] = await q.findLots(trx, [lot.id]);
    if (fresh && fresh.remaining > 0 && (await expireLot(deps, trx, s, owner, fresh))) count++;
  }
  return count;
}

/** The owner named by a request, checked to be at this location (404 otherwise); customers must be members to hold balances. */
export async function resolveOwner(deps: Deps, s: LocationKey, o: { customerId?: string; companyId?: string }, opts: { membersOnly: boolean }): Promise<Owner> {
  if (o.customerId !== undefined) {
    const c = await customers.findCustomer(deps.db, s, o.customerId);
    if (!c) throw notFound('Customer not found');
    if (opts.membersOnly && (c.type !== 'member' || c.status === 'removed'))
      throw new AppError('unprocessable', 'Credits and day passes are for members.', undefined, 'members_only');
    return { customerId: c.id };
  }
  const company = await companies.findCompany(deps.db, s, o.companyId!);
  if (!company) throw notFound('Company not found');
  return { companyId: company.id };
}

export interface Balances {
  credits: number;
  dayPasses: number;
  lots: { unit: LedgerUnit; remaining: number; expiresAt: string | null }[];
}

/** The balances and live lots of an owner; what expired but was not swept yet is not counted. */
export async function balancesOf(deps: Deps, s: LocationKey, owner: Owner): Promise<Balances> {
  const now = deps.clock.now();
  const [credit, dayPass, lots] = await Promise.all([
    q.lastTransaction(deps.db, s, owner, 'credit'),
    q.lastTransaction(deps.db, s, owner, 'day_pass'),
    q.lotsWithRemainder(deps.db, s, owner),
  ]);
  const stale = { credit: 0, day_pass: 0 };
  const live: Balances['lots'] = [];
  for (const l of lots) {
    if (isLive(l, now)) live.push({ unit: l.unit, remaining: l.remaining, expiresAt: l.expires_at });
    else stale[l.unit] += l.remaining;
  }
  live.sort((a, b) => (a.expiresAt ?? '9999').localeCompare(b.expiresAt ?? '9999'));
  return { credits: (credit?.balance_after ?? 0) - stale.credit, dayPasses: (dayPass?.balance_after ?? 0) - stale.day_pass, lots: live };
}

export function toLine(r: q.TransactionRow): LedgerLine {
  return {
    id: r.id,
    unit: r.unit,
    kind: r.kind,
    amount: r.amount,
    balanceAfter: r.balance_after,
    expiresAt: r.expires_at,
    memo: r.memo,
    source: r.source_type && r.source_id ? { type: r.source_type, id: r.source_id } : null,
    createdAt: r.created_at,
  };
}

export async function history(deps: Deps, s: LocationKey, owner: Owner, f: { unit?: LedgerUnit; limit: number; cursor?: string }) {
  const after = f.cursor ? decodeCursor(f.cursor, 'ledger') : null;
  const rows = await q.history(deps.db, s, owner, f, after);
  const page = cutPage(rows, f.limit, 'ledger', (r) => r.created_at);
  return { items: page.rows.map(toLine), nextCursor: page.nextCursor };
}

/**
 * An administrator's adjustment, with a memo: + is a new lot (optionally expiring), − draws like a
 * spend. With an Idempotency-Key, a repeat answers the first transaction; the key with another body is 409.
 */
export async function adjust(deps: Deps, scope: AdminScope, input: AdjustmentInput, idempotencyKey?: string): Promise<{ line: LedgerLine; created: boolean }> {
  const owner = await resolveOwner(deps, scope, input, { membersOnly: true });
  const sourceKey = idempotencyKey ? `adjust:key:${scope.actorUserId}:${idempotencyKey}` : null;
  const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
  if (expiresAt && Date.parse(expiresAt) <= deps.clock.now().getTime())
    throw new AppError('bad_request', 'The expiry must be in the future.', [{ path: 'expiresAt', message: 'Must be in the future' }]);
  let outcome: { row: q.TransactionRow; created: boolean };
  try {
    outcome = await deps.db.transaction().execute(async (trx) => {
      const posted = await post(deps, trx, scope, owner, {
        kind: 'adjust',
        unit: input.unit,
        amount: input.amount,
        memo: input.memo,
        expiresAt,
        sourceKey,
        actorUserId: scope.actorUserId,
      });
      if (posted.created)
        await queueAdjustedMail(deps, trx, scope, owner, { unit: input.unit, amount: input.amount, memo: input.memo, balance: posted.row.balance_after });
      return posted;
    });
  } catch (err) {
    // the same key sent at once for two owners: the second transaction lost on the unique index
    const first = sourceKey && isUniqueViolation(err) ? await q.findBySourceKey(deps.db, scope, sourceKey) : undefined;
    if (!first) throw err;
    outcome = { row: first, created: false };
  }
  const { row, created } = outcome;
  if (!created) {
    const same =
      row.customer_id === (owner.customerId ?? null) &&
      row.company_id === (owner.companyId ?? null) &&
      row.unit === input.unit &&
      row.memo === input.memo &&
      row.expires_at === expiresAt &&
      // a draw's amount is what it took: the same as asked
      row.amount === input.amount;
    if (!same) throw new AppError('conflict', 'This Idempotency-Key was used for another request.', undefined, 'idempotency_key_reused');
  }
  return { line: toLine(row), created };
}

/** Moves the expiry of a source's live lots (an end date set or cleared within the current period). */
export async function setLotsExpiryOfSourceInTx(deps: Deps, trx: Tx, s: LocationKey, source: Source, expiresAt: string): Promise<void> {
  const now = deps.clock.now();
  for (const lot of await q.lotsOfSource(trx, s, source.type, source.id)) if (isLive(lot, now)) await q.setLotExpiry(trx, lot.id, expiresAt);
}

export const hasLinesForCustomer = q.hasLinesForCustomer;
