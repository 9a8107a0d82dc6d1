// Invoices (design 8.1): drafts with editable lines, issue (a gap-free number taken in the issuing
// transaction, dates, the payer frozen, an email), void, and the Invoice object every answer carries.
// Payments and credit notes are in payments.ts; online checkouts in the payments module.
import type { Deps, Tx } from '../../deps.js';
import type { Location } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { announced } from '../../lib/announcements.js';
import { addDays, localDateAt } from '../../lib/local-date.js';
import { cutPage, decodeCursor } from '../../lib/paging.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, LocationKey, MemberScope } from '../../scope.js';
import * as companies from '../companies/service.js';
import * as customers from '../customers/service.js';
import * as ledger from '../ledger/service.js';
import * as locations from '../locations/service.js';
import { amountDue, formatNumber, invoiceTotals, lineValues, sequenceScope } from './amounts.js';
import { enqueueMails, type QueuedMail } from '../../lib/mail/outbox.js';
import { fillTemplate, issuedMailTemplate, type MailTemplate, queueInvoiceMail } from './mail.js';
import * as q from './queries.js';
import type { BillTo, InvoiceDto, LineInput, ListInvoicesQuery } from './schema.js';

export type Owner = ledger.Owner;
export type { InvoiceRow } from './queries.js';

export const invalidState = (what: string) => new AppError('conflict', what, undefined, 'invalid_state');

/** The location of a scope (every invoice rule reads its settings). */
export async function locationOf(db: Tx, s: LocationKey): Promise<Location> {
  const l = await locations.findLocation(db, s.organizationId, s.locationId);
  if (!l) throw notFound('Location not found');
  return l;
}

export const todayAt = (deps: Deps, location: Pick<Location, 'time_zone'>) => localDateAt(deps.clock.now(), location.time_zone);

/** The payer as they are now: a person (with their company's name) or a company (with its address and tax id). */
export async function billToOf(db: Tx, s: LocationKey, owner: Owner): Promise<BillTo> {
  if (owner.customerId !== undefined) {
    const c = await customers.findCustomer(db, s, owner.customerId);
    if (!c) throw notFound('Customer not found');
    const company = c.company_id ? await companies.findCompany(db, s, c.company_id) : undefined;
    return { name: `${c.first_name} ${c.last_name}`.trim(), companyName: company?.name ?? null, address: null, taxId: null, email: c.email };
  }
  const co = await companies.findCompany(db, s, owner.companyId);
  if (!co) throw notFound('Company not found');
  const mail = await ledger.ownerMail(db, s, owner);
  return { name: co.name, companyName: null, address: co.address, taxId: co.tax_id, email: co.email ?? mail.recipients[0]?.email ?? null };
}

/** The payer named by a request body, at this location (404 otherwise); removed people take no new invoices. */
async function resolvePayer(db: Tx, s: LocationKey, o: { customerId?: string; companyId?: string }): Promise<Owner> {
  if (o.customerId !== undefined) {
    const c = await customers.findCustomer(db, s, o.customerId);
    if (!c) throw notFound('Customer not found');
    if (c.status === 'removed') throw new AppError('unprocessable', 'This person was removed from the location.', undefined, 'customer_removed');
    return { customerId: c.id };
  }
  const co = await companies.findCompany(db, s, o.companyId!);
  if (!co) throw notFound('Company not found');
  return { companyId: co.id };
}

export interface NewLine extends LineInput {
  subscriptionId?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  source?: q.LineRow['source'];
}

/** Lines as stored: a rate left out takes the location's default now, and each line is rounded on its own. */
function lineRows(invoiceId: string, lines: NewLine[], location: Pick<Location, 'tax_rate_bps'>, pricesIncludeTax: boolean): q.LineRow[] {
  return lines.map((l, position) => {
    const taxRateBps = l.taxRateBps ?? location.tax_rate_bps;
    return {
      id: newId(),
      invoice_id: invoiceId,
      position,
      description: l.description,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      tax_rate_bps: taxRateBps,
      ...lineValues({ quantity: l.quantity, unitPrice: l.unitPrice, taxRateBps }, pricesIncludeTax),
      subscription_id: l.subscriptionId ?? null,
      period_start: l.periodStart ?? null,
      period_end: l.periodEnd ?? null,
      source: l.source ?? 'manual',
    };
  });
}

function totalsOf(rows: q.LineRow[]) {
  const t = invoiceTotals(rows);
  return { subtotal: t.subtotal, tax_total: t.taxTotal, total: t.total };
}

/** A new draft with its lines; it copies the location's tax mode now, and later changes never touch it. */
export async function createDraftInTx(
  deps: Deps,
  trx: Tx,
  s: ActorScope,
  location: Location,
  owner: Owner,
  lines: NewLine[],
  extra: Partial<Pick<q.InvoiceRow, 'subscription_id' | 'period_start' | 'source_type' | 'source_id'>> = {},
): Promise<q.InvoiceRow> {
  const now = deps.clock.now().toISOString();
  const id = newId();
  const pricesIncludeTax = location.prices_include_tax === 1;
  const rows = lineRows(id, lines, location, pricesIncludeTax);
  const row: q.InvoiceRow = {
    id,
    organization_id: s.organizationId,
    location_id: s.locationId,
    customer_id: owner.customerId ?? null,
    company_id: owner.companyId ?? null,
    status: 'draft',
    number: null,
    currency: location.currency,
    prices_include_tax: pricesIncludeTax ? 1 : 0,
    issue_date: null,
    due_date: null,
    bill_to: JSON.stringify(await billToOf(trx, s, owner)),
    ...totalsOf(rows),
    amount_paid: 0,
    amount_credited: 0,
    subscription_id: extra.subscription_id ?? null,
    period_start: extra.period_start ?? null,
    source_type: extra.source_type ?? null,
    source_id: extra.source_id ?? null,
    overdue_reminded_at: null,
    issued_at: null,
    paid_at: null,
    voided_at: null,
    created_by_user_id: s.actorUserId,
    created_at: now,
    updated_at: now,
  };
  await q.insertInvoice(trx, row);
  await q.insertLines(trx, rows);
  return row;
}

/**
 * Issues a draft in the caller's transaction: the next number of the location's sequence, today's
 * date, the due date, the payer frozen, an email; a zero total is paid at once. Only drafts (409).
 */
export async function issueInTx(deps: Deps, trx: Tx, s: LocationKey, location: Location, invoiceId: string): Promise<q.InvoiceRow> {
  const inv = await q.lockInvoice(trx, deps.dbKind, s, invoiceId);
  if (!inv) throw notFound('Invoice not found');
  if (inv.status !== 'draft') throw invalidState('Only a draft can be issued.');
  if (inv.total < 0) throw new AppError('unprocessable', 'An invoice cannot be issued for less than nothing.', undefined, 'negative_total');
  const now = deps.clock.now();
  const today = todayAt(deps, location);
  const year = today.slice(0, 4);
  const pattern = location.invoice_number_pattern;
  const n = await q.takeNumber(trx, location.id, 'invoice', sequenceScope(pattern, year));
  const owner: Owner = inv.customer_id ? { customerId: inv.customer_id } : { companyId: inv.company_id! };
  const set: Partial<q.InvoiceRow> = {
    status: inv.total === 0 ? 'paid' : 'issued',
    number: formatNumber(pattern, year, n),
    issue_date: today,
    due_date: addDays(today, location.payment_terms_days),
    bill_to: JSON.stringify(await billToOf(trx, s, owner)),
    issued_at: now.toISOString(),
    paid_at: inv.total === 0 ? now.toISOString() : null,
    updated_at: now.toISOString(),
  };
  await q.updateInvoice(trx, inv.id, set);
  const issued = { ...inv, ...set };
  await queueInvoiceMail(deps, trx, s, issued, 'issued');
  await announceInvoices(trx, [issued], today, issued.status === 'paid' ? ['invoice.issued', 'invoice.paid'] : ['invoice.issued'], now);
  return issued;
}

// ---- many invoices at once (the subscription sweeps) ----

/** A period's invoice to issue: its existing draft (the draft sweep made it days ahead), or a new one from these lines. */
export interface PeriodInvoice {
  draft?: q.InvoiceRow;
  owner: Owner;
  lines: NewLine[];
  subscriptionId: string;
  periodStart: string;
}

const ownerOfRow = (r: q.InvoiceRow): Owner => (r.customer_id ? { customerId: r.customer_id } : { companyId: r.company_id! });

/** `billToOf` for many owners in a few statements, by `ownerKey`; an owner that is gone is 404 as there. */
async function billTosOf(db: Tx, s: LocationKey, owners: Owner[], mails: Map<string, ledger.OwnerMail>): Promise<Map<string, BillTo>> {
  const people = new Map(
    (
      await customers.findCustomers(
        db,
        s,
        owners.flatMap((o) => (o.customerId !== undefined ? [o.customerId] : [])),
      )
    ).map((c) => [c.id, c]),
  );
  const companyIds = [
    ...owners.flatMap((o) => (o.companyId !== undefined ? [o.companyId] : [])),
    ...[...people.values()].flatMap((c) => (c.company_id ? [c.company_id] : [])),
  ];
  const byCompany = new Map((await companies.findCompanies(db, s, companyIds)).map((c) => [c.id, c]));
  const out = new Map<string, BillTo>();
  for (const o of owners) {
    const key = ledger.ownerKey(o);
    if (o.customerId !== undefined) {
      const c = people.get(o.customerId);
      if (!c) throw notFound('Customer not found');
      const company = c.company_id ? byCompany.get(c.company_id) : undefined;
      out.set(key, { name: `${c.first_name} ${c.last_name}`.trim(), companyName: company?.name ?? null, address: null, taxId: null, email: c.email });
    } else {
      const co = byCompany.get(o.companyId);
      if (!co) throw notFound('Company not found');
      out.set(key, {
        name: co.name,
        companyName: null,
        address: co.address,
        taxId: co.tax_id,
        email: co.email ?? mails.get(key)?.recipients[0]?.email ?? null,
      });
    }
  }
  return out;
}

/**
 * The invoices of `items` as `issueInTx` would leave them, but for their numbers (null here), with
 * the lines of the new ones and the emails' recipients. A draft no longer a draft, or below zero,
 * is left as it is (an administrator's edit; it waits for them).
 */
async function issuePlan(deps: Deps, db: Tx, s: LocationKey, location: Location, items: PeriodInvoice[]) {
  const owners = items.map((i) => (i.draft ? ownerOfRow(i.draft) : i.owner));
  const mails = await ledger.ownerMails(db, s, owners);
  const billTos = await billTosOf(db, s, owners, mails);
  const now = deps.clock.now().toISOString();
  const today = todayAt(deps, location);
  const pricesIncludeTax = location.prices_include_tax === 1;
  const plan: { row: q.InvoiceRow; isNew: boolean; to: ledger.OwnerMail }[] = [];
  const lines: q.LineRow[] = [];
  items.forEach((item, i) => {
    const key = ledger.ownerKey(owners[i]);
    let row: q.InvoiceRow;
    let isNew = false;
    if (item.draft) {
      if (item.draft.status !== 'draft' || item.draft.total < 0) return;
      row = item.draft;
    } else {
      const id = newId();
      const rows = lineRows(id, item.lines, location, pricesIncludeTax);
      row = {
        id,
        organization_id: s.organizationId,
        location_id: s.locationId,
        customer_id: item.owner.customerId ?? null,
        company_id: item.owner.companyId ?? null,
        status: 'draft',
        number: null,
        currency: location.currency,
        prices_include_tax: pricesIncludeTax ? 1 : 0,
        issue_date: null,
        due_date: null,
        bill_to: null,
        ...totalsOf(rows),
        amount_paid: 0,
        amount_credited: 0,
        subscription_id: item.subscriptionId,
        period_start: item.periodStart,
        source_type: null,
        source_id: null,
        overdue_reminded_at: null,
        issued_at: null,
        paid_at: null,
        voided_at: null,
        created_by_user_id: null,
        created_at: now,
        updated_at: now,
      };
      if (row.total < 0) return;
      lines.push(...rows);
      isNew = true;
    }
    plan.push({
      row: {
        ...row,
        status: row.total === 0 ? 'paid' : 'issued',
        issue_date: today,
        due_date: addDays(today, location.payment_terms_days),
        bill_to: JSON.stringify(billTos.get(key)),
        issued_at: now,
        paid_at: row.total === 0 ? now : null,
        updated_at: now,
      },
      isNew,
      to: mails.get(key)!,
    });
  });
  return { plan, lines };
}

/** Mail templates rendered before the sweep's transaction, by `issuedMailTemplate`'s key. */
export type RenderedMails = Map<string, MailTemplate>;

/** The "issued" emails `issueManyInTx` would send for these items, rendered now (outside any transaction). */
export async function renderIssuedMails(deps: Deps, db: Tx, s: LocationKey, location: Location, items: PeriodInvoice[], into: RenderedMails): Promise<void> {
  const { plan } = await issuePlan(deps, db, s, location, items);
  for (const p of plan)
    for (const person of p.to.recipients) {
      const t = issuedMailTemplate(deps, p.row, person, p.to);
      if (!into.has(t.key)) into.set(t.key, t.render());
    }
}

/**
 * Issues many invoices at one location in the caller's transaction, by the rules of `issueInTx`:
 * the numbers of all of them taken from the sequence in one step, in the order given (gap-free),
 * new invoices written issued with their lines in multi-row inserts, drafts updated, the emails
 * queued in bulk (from `rendered` when it holds one that reads the same). Returns the issued rows.
 */
export async function issueManyInTx(
  deps: Deps,
  trx: Tx,
  s: LocationKey,
  location: Location,
  items: PeriodInvoice[],
  rendered?: RenderedMails,
): Promise<q.InvoiceRow[]> {
  const { plan, lines } = await issuePlan(deps, trx, s, location, items);
  if (plan.length === 0) return [];
  const today = todayAt(deps, location);
  const year = today.slice(0, 4);
  const pattern = location.invoice_number_pattern;
  const first = await q.takeNumbers(trx, location.id, 'invoice', sequenceScope(pattern, year), plan.length);
  plan.forEach((p, i) => {
    p.row.number = formatNumber(pattern, year, first + i);
  });
  await q.insertInvoices(
    trx,
    plan.filter((p) => p.isNew).map((p) => p.row),
    lines,
  );
  for (const p of plan) {
    if (p.isNew) continue;
    const { id: _id, ...set } = p.row;
    await q.updateInvoice(trx, p.row.id, set);
  }
  const mails: QueuedMail[] = [];
  for (const p of plan)
    for (const person of p.to.recipients) {
      const t = issuedMailTemplate(deps, p.row, person, p.to);
      mails.push({ organizationId: s.organizationId, to: person.email, ...fillTemplate(rendered?.get(t.key) ?? t.render(), p.row) });
    }
  await enqueueMails(trx, deps.clock.now(), deps.config.publicUrl, mails);
  await announceInvoices(
    trx,
    plan.map((p) => p.row),
    today,
    ['invoice.issued'],
    deps.clock.now(),
  );
  return plan.map((p) => p.row);
}

/** The invoices of these (subscription, period) pairs, by `${subscriptionId} ${periodStart}`, locked when `lock` (PostgreSQL). */
export const findSubscriptionInvoices = (deps: Deps, db: Tx, pairs: { subscriptionId: string; periodStart: string }[], lock: boolean) =>
  q.findBySubscriptionPeriods(db, lock ? deps.dbKind : null, pairs);
export const subscriptionsWithInvoices = q.subscriptionsWithInvoices;

/** The Invoice object of some rows, with their lines, payments and credit notes in three statements. */
export async function toDtos(db: Tx, rows: q.InvoiceRow[], today: string): Promise<InvoiceDto[]> {
  const ids = rows.map((r) => r.id);
  const [lines, payments, notes] = await Promise.all([q.linesOf(db, ids), q.paymentsOf(db, ids), q.creditNotesOf(db, ids)]);
  const group = <T extends { invoice_id: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.invoice_id, [...(m.get(x.invoice_id) ?? []), x]);
    return m;
  };
  const [byLines, byPayments, byNotes] = [group(lines), group(payments), group(notes)];
  return rows.map((r) => {
    // a void invoice asks for nothing
    const due = r.status === 'void' ? 0 : amountDue(r);
    return {
      id: r.id,
      locationId: r.location_id,
      number: r.number,
      status: r.status,
      customerId: r.customer_id,
      companyId: r.company_id,
      billTo: JSON.parse(r.bill_to ?? 'null') as BillTo,
      currency: r.currency,
      pricesIncludeTax: r.prices_include_tax === 1,
      issueDate: r.issue_date,
      dueDate: r.due_date,
      lines: (byLines.get(r.id) ?? []).map((l) => ({
        id: l.id,
        description: l.description,
        quantity: l.quantity,
        unitPrice: l.unit_price,
        taxRateBps: l.tax_rate_bps,
        net: l.net,
        tax: l.tax,
        total: l.total,
        subscriptionId: l.subscription_id,
        periodStart: l.period_start,
        periodEnd: l.period_end,
        source: l.source,
      })),
      subtotal: r.subtotal,
      taxTotal: r.tax_total,
      total: r.total,
      amountPaid: r.amount_paid,
      amountCredited: r.amount_credited,
      amountDue: due,
      overdue: r.status === 'issued' && due > 0 && r.due_date !== null && r.due_date < today,
      payments: (byPayments.get(r.id) ?? []).map((p) => ({
        id: p.id,
        amount: p.amount,
        method: p.method,
        receivedOn: p.received_on,
        reference: p.reference,
        createdAt: p.created_at,
      })),
      creditNotes: (byNotes.get(r.id) ?? []).map((c) => ({
        id: c.id,
        number: c.number,
        invoiceId: c.invoice_id,
        amount: c.amount,
        taxAmount: c.tax_amount,
        reason: c.reason,
        refund: c.refund,
        createdAt: c.created_at,
      })),
      issuedAt: r.issued_at,
      paidAt: r.paid_at,
      voidedAt: r.voided_at,
      createdAt: r.created_at,
    };
  });
}

export async function toDto(deps: Deps, row: q.InvoiceRow, location: Location): Promise<InvoiceDto> {
  return (await toDtos(deps.db, [row], todayAt(deps, location)))[0];
}

async function dtoIn(deps: Deps, db: Tx, row: q.InvoiceRow, location: Location): Promise<InvoiceDto> {
  return (await toDtos(db, [row], todayAt(deps, location)))[0];
}

// ---- the administrator's API ----

export async function listInvoices(deps: Deps, s: LocationKey, f: ListInvoicesQuery) {
  const location = await locationOf(deps.db, s);
  const today = todayAt(deps, location);
  const after = f.cursor ? decodeCursor(f.cursor, 'invoices') : null;
  const rows = await q.listInvoices(
    deps.db,
    s,
    { status: f.status, customerId: f.customerId, companyId: f.companyId, overdueBefore: f.overdue === 'true' ? today : undefined, limit: f.limit },
    after,
  );
  const page = cutPage(rows, f.limit, 'invoices', (r) => r.created_at);
  return { items: await toDtos(deps.db, page.rows, today), nextCursor: page.nextCursor };
}

export async function getInvoice(deps: Deps, s: LocationKey, id: string): Promise<InvoiceDto> {
  const location = await locationOf(deps.db, s);
  const row = await q.findInvoice(deps.db, s, id);
  if (!row) throw notFound('Invoice not found');
  return toDto(deps, row, location);
}

export async function createInvoice(deps: Deps, s: ActorScope, input: { customerId?: string; companyId?: string; lines: LineInput[] }): Promise<InvoiceDto> {
  const location = await locationOf(deps.db, s);
  const owner = await resolvePayer(deps.db, s, input);
  return deps.db.transaction().execute(async (trx) => dtoIn(deps, trx, await createDraftInTx(deps, trx, s, location, owner, input.lines), location));
}

/** Replaces a draft's lines (and refreshes its payer); anything but a draft is 409. */
export async function updateInvoice(deps: Deps, s: ActorScope, id: string, input: { lines: LineInput[] }): Promise<InvoiceDto> {
  const location = await locationOf(deps.db, s);
  return deps.db.transaction().execute(async (trx) => {
    const inv = await q.lockInvoice(trx, deps.dbKind, s, id);
    if (!inv) throw notFound('Invoice not found');
    if (inv.status !== 'draft') throw invalidState('Only a draft can be edited.');
    // lines a subscription wrote keep their link to the period when an administrator edits around them
    const old = await q.linesOf(trx, [id]);
    const rows = lineRows(
      id,
      input.lines.map((l, i) => ({
        ...l,
        ...(old[i] && old[i].source !== 'manual' && old[i].description === l.description
          ? { subscriptionId: old[i].subscription_id, periodStart: old[i].period_start, periodEnd: old[i].period_end, source: old[i].source }
          : {}),
      })),
      location,
      inv.prices_include_tax === 1,
    );
    await q.deleteLines(trx, id);
    await q.insertLines(trx, rows);
    const owner: Owner = inv.customer_id ? { customerId: inv.customer_id } : { companyId: inv.company_id! };
    const set = { ...totalsOf(rows), bill_to: JSON.stringify(await billToOf(trx, s, owner)), updated_at: deps.clock.now().toISOString() };
    await q.updateInvoice(trx, id, set);
    return dtoIn(deps, trx, { ...inv, ...set }, location);
  });
}

export async function deleteInvoice(deps: Deps, s: LocationKey, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const inv = await q.lockInvoice(trx, deps.dbKind, s, id);
    if (!inv) throw notFound('Invoice not found');
    if (inv.status !== 'draft') throw invalidState('Only a draft can be deleted; void an issued invoice instead.');
    await q.deleteInvoice(trx, id);
  });
}

export async function issueInvoice(deps: Deps, s: LocationKey, id: string): Promise<InvoiceDto> {
  const location = await locationOf(deps.db, s);
  return deps.db.transaction().execute(async (trx) => dtoIn(deps, trx, await issueInTx(deps, trx, s, location, id), location));
}

/** Void: an issued invoice with no payment and no open checkout; final, and the payer is told. */
export async function voidInvoice(deps: Deps, s: LocationKey, id: string): Promise<InvoiceDto> {
  const location = await locationOf(deps.db, s);
  return deps.db.transaction().execute(async (trx) => {
    const inv = await q.lockInvoice(trx, deps.dbKind, s, id);
    if (!inv) throw notFound('Invoice not found');
    if (inv.status !== 'issued') throw invalidState('Only an issued invoice can be voided.');
    if ((await q.paymentsOf(trx, [id])).length > 0) throw invalidState('This invoice has a payment: delete it first, or give a credit note.');
    const now = deps.clock.now().toISOString();
    if ((await q.openCheckouts(trx, id, now)).length > 0) throw invalidState('The payer is paying this invoice online right now; try again in 30 minutes.');
    const set = { status: 'void' as const, voided_at: now, updated_at: now };
    await q.updateInvoice(trx, id, set);
    const voided = { ...inv, ...set };
    await queueInvoiceMail(deps, trx, s, voided, 'voided');
    await announceInvoices(trx, [voided], todayAt(deps, location), ['invoice.voided'], deps.clock.now());
    return dtoIn(deps, trx, voided, location);
  });
}

// ---- for other modules ----

export const findInvoice = q.findInvoice;
/** The next gap-free number of a location's sequence (number_sequences), in the caller's transaction. */
export const takeNumber = q.takeNumber;
export const lockInvoice = q.lockInvoice;
export const paymentsOf = q.paymentsOf;
export const openCheckouts = q.openCheckouts;
export const setRefundRef = q.setRefundRef;
export type { PaymentRow } from './queries.js';

/** A purchase's invoice that was never paid is voided with it (a held booking released); paid ones stay. */
export async function voidUnpaidInTx(deps: Deps, trx: Tx, s: LocationKey, invoiceId: string): Promise<void> {
  const inv = await q.lockInvoice(trx, deps.dbKind, s, invoiceId);
  const at = deps.clock.now().toISOString();
  if (inv && inv.status === 'issued' && inv.amount_paid === 0) {
    await q.updateInvoice(trx, inv.id, { status: 'void', voided_at: at, updated_at: at });
    await announceInvoices(trx, [{ ...inv, status: 'void', voided_at: at, updated_at: at }], at.slice(0, 10), ['invoice.voided'], deps.clock.now());
  }
}

/** Tells integrators (webhooks) of invoices as the API answers them, in the transaction of the change. */
export async function announceInvoices(
  trx: Tx,
  rows: q.InvoiceRow[],
  today: string,
  types: ('invoice.issued' | 'invoice.paid' | 'invoice.voided')[],
  at: Date,
): Promise<InvoiceDto[]> {
  if (rows.length === 0) return [];
  const dtos = await toDtos(trx, rows, today);
  for (const dto of dtos)
    for (const type of types) await announced.publish(trx, { organizationId: rows[0].organization_id, locationId: dto.locationId, type, data: dto, at });
  return dtos;
}
export const findSubscriptionInvoice = q.findBySubscriptionPeriod;
export const subscriptionDrafts = q.draftsOfSubscription;
export { m } from './mail.js';

export const hasSubscriptionInvoices = (db: Tx, subscriptionId: string) => q.hasInvoiceOfSubscription(db, subscriptionId, ['draft', 'issued', 'paid', 'void']);

/** The start of the latest period of a subscription that has an invoice, or null. */
export const latestSubscriptionPeriod = q.latestPeriodOfSubscription;

/** Deletes a subscription's drafts of periods after `afterDate` (all when null); the count. */
export async function deleteSubscriptionDrafts(trx: Tx, subscriptionId: string, afterDate: string | null): Promise<number> {
  const drafts = await q.draftsOfSubscription(trx, subscriptionId, afterDate);
  for (const d of drafts) await q.deleteInvoice(trx, d.id);
  return drafts.length;
}

export function hasInvoicesForCustomer(db: Tx, s: LocationKey, customerId: string): Promise<boolean> {
  return q.hasInvoicesForCustomer(db, s, customerId);
}

// ---- the portal: the caller's invoices and, for managers, the company's; never drafts ----

const ownersOf = (s: MemberScope) => ({ customerId: s.customerId, companyId: s.companyManager ? s.companyId : null });

export async function portalInvoices(deps: Deps, s: MemberScope, f: { cursor?: string; limit: number }) {
  const location = await locationOf(deps.db, s);
  const today = todayAt(deps, location);
  const after = f.cursor ? decodeCursor(f.cursor, 'portal-invoices') : null;
  const rows = await q.listInvoices(deps.db, s, { owners: ownersOf(s), excludeDrafts: true, limit: f.limit }, after);
  const page = cutPage(rows, f.limit, 'portal-invoices', (r) => r.created_at);
  return { items: await toDtos(deps.db, page.rows, today), nextCursor: page.nextCursor };
}

/** One of the caller's invoices; a draft, or someone else's, answers 404. */
export async function portalInvoiceRow(deps: Deps, s: MemberScope, id: string): Promise<q.InvoiceRow> {
  const row = await q.findInvoice(deps.db, s, id);
  const o = ownersOf(s);
  if (!row || row.status === 'draft' || !(row.customer_id === o.customerId || (o.companyId !== null && row.company_id === o.companyId)))
    throw notFound('Invoice not found');
  return row;
}

export async function portalInvoice(deps: Deps, s: MemberScope, id: string): Promise<InvoiceDto> {
  const row = await portalInvoiceRow(deps, s, id);
  return toDto(deps, row, await locationOf(deps.db, s));
}
