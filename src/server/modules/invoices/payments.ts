// Money against invoices (design 8.1): manual payments (full or partial, a mistaken one deleted),
// online payments recorded from a provider's event, and credit notes with their own numbers. Each
// changes the invoice under its lock, so amounts stay consistent whatever runs at once.
import type { Deps, Tx } from '../../deps.js';
import { isUniqueViolation } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { announced } from '../../lib/announcements.js';
import { newId } from '../../lib/tokens.js';
import type { ActorScope, AdminScope, LocationKey } from '../../scope.js';
import * as customers from '../customers/service.js';
import * as usage from '../usage/service.js';
import { amountDue, CREDIT_NOTE_PATTERN, creditNoteTax, formatNumber, sequenceScope } from './amounts.js';
import { invoicePaid } from './events.js';
import { queueInvoiceMail } from './mail.js';
import * as q from './queries.js';
import type { CreditNoteInput, InvoiceDto, PaymentInput } from './schema.js';
import { announceInvoices, invalidState, locationOf, todayAt, toDtos } from './service.js';

const invalidAmount = (what: string) => new AppError('unprocessable', what, undefined, 'invalid_amount');
const reused = () => new AppError('conflict', 'This Idempotency-Key was used for another request.', undefined, 'idempotency_key_reused');

/** A payment on a person's own invoice makes them an active user of the month (design 7.1). */
async function markPaid(deps: Deps, trx: Tx, s: LocationKey, inv: q.InvoiceRow, today: string): Promise<void> {
  if (!inv.customer_id) return;
  const c = await customers.findCustomer(trx, s, inv.customer_id);
  if (c) await usage.markActiveInTx(trx, s, [c.user_id], today.slice(0, 7), 'payment', deps.clock.now());
}

/** Adds a payment to a locked invoice: paid in full turns it `paid`; a receipt goes out for every payment. */
export async function recordPaymentInTx(
  deps: Deps,
  trx: Tx,
  s: ActorScope,
  inv: q.InvoiceRow,
  p: Omit<q.PaymentRow, 'id' | 'organization_id' | 'location_id' | 'invoice_id' | 'created_at'>,
  today: string,
): Promise<{ payment: q.PaymentRow; invoice: q.InvoiceRow }> {
  const now = deps.clock.now().toISOString();
  const payment: q.PaymentRow = { id: newId(), organization_id: s.organizationId, location_id: s.locationId, invoice_id: inv.id, created_at: now, ...p };
  await q.insertPayment(trx, payment);
  const paid = inv.amount_paid + p.amount;
  const next = { ...inv, amount_paid: paid };
  const set: Partial<q.InvoiceRow> = { amount_paid: paid, updated_at: now };
  if (inv.status === 'issued' && amountDue(next) === 0) Object.assign(set, { status: 'paid', paid_at: now });
  await q.updateInvoice(trx, inv.id, set);
  const invoice = { ...inv, ...set };
  if (set.status === 'paid') await invoicePaid.publish(trx, { invoice, deps });
  await markPaid(deps, trx, s, invoice, today);
  await queueInvoiceMail(deps, trx, s, invoice, { receipt: p.amount });
  const [dto] = await announceInvoices(trx, [invoice], today, set.status === 'paid' ? ['invoice.paid'] : [], deps.clock.now());
  const data = { ...dto.payments.find((x) => x.id === payment.id), invoiceId: inv.id };
  await announced.publish(trx, { organizationId: s.organizationId, locationId: s.locationId, type: 'payment.succeeded', data, at: deps.clock.now() });
  return { payment, invoice };
}

/**
 * A manual payment of 1..amountDue on an issued invoice, received today or before. With an
 * Idempotency-Key, a repeat answers the first payment; the key with another body is 409.
 */
export async function addPayment(
  deps: Deps,
  s: AdminScope,
  invoiceId: string,
  input: PaymentInput,
  idempotencyKey?: string,
): Promise<{ payment: InvoiceDto['payments'][number]; invoice: InvoiceDto }> {
  const location = await locationOf(deps.db, s);
  const today = todayAt(deps, location);
  const receivedOn = input.receivedOn ?? today;
  const same = (p: q.PaymentRow) => p.invoice_id === invoiceId && p.amount === input.amount && p.method === input.method && p.received_on === receivedOn;
  const answer = async (paymentId: string) => {
    const inv = await q.findInvoice(deps.db, s, invoiceId);
    const dto = (await toDtos(deps.db, [inv!], today))[0];
    return { payment: dto.payments.find((p) => p.id === paymentId)!, invoice: dto };
  };
  if (idempotencyKey) {
    const first = await q.paymentByKey(deps.db, s, s.actorUserId, idempotencyKey);
    if (first) {
      if (!same(first)) throw reused();
      return answer(first.id);
    }
  }
  if (input.amount <= 0) throw invalidAmount('Enter an amount above zero.');
  if (receivedOn > today) throw invalidAmount('The money cannot arrive in the future.');
  let paymentId: string;
  try {
    paymentId = await deps.db.transaction().execute(async (trx) => {
      const inv = await q.lockInvoice(trx, deps.dbKind, s, invoiceId);
      if (!inv) throw notFound('Invoice not found');
      if (inv.status !== 'issued') throw invalidState(inv.status === 'paid' ? 'This invoice is already paid.' : 'Only an issued invoice takes payments.');
      if (input.amount > amountDue(inv)) throw new AppError('unprocessable', 'That is more than is due on this invoice.', undefined, 'amount_too_large');
      const { payment } = await recordPaymentInTx(
        deps,
        trx,
        s,
        inv,
        {
          amount: input.amount,
          method: input.method,
          received_on: receivedOn,
          reference: input.reference || null,
          provider: null,
          provider_ref: null,
          checkout_id: null,
          idempotency_key: idempotencyKey ?? null,
          created_by_user_id: s.actorUserId,
        },
        today,
      );
      return payment.id;
    });
  } catch (err) {
    // the same key sent twice at once: the second lost on the unique index
    const first = idempotencyKey && isUniqueViolation(err) ? await q.paymentByKey(deps.db, s, s.actorUserId, idempotencyKey) : undefined;
    if (!first) throw err;
    if (!same(first)) throw reused();
    paymentId = first.id;
  }
  return answer(paymentId);
}

/** Deletes a mistaken manual payment: the invoice asks for that money again (a paid one is issued again). */
export async function deletePayment(deps: Deps, s: AdminScope, invoiceId: string, paymentId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const inv = await q.lockInvoice(trx, deps.dbKind, s, invoiceId);
    if (!inv) throw notFound('Invoice not found');
    const p = await q.findPayment(trx, invoiceId, paymentId);
    if (!p) throw notFound('Payment not found');
    if (p.method === 'online') throw invalidState('An online payment cannot be deleted; give a credit note to pay it back.');
    await q.deletePayment(trx, p.id);
    const paid = inv.amount_paid - p.amount;
    const set: Partial<q.InvoiceRow> = { amount_paid: paid, updated_at: deps.clock.now().toISOString() };
    if (inv.status === 'paid' && amountDue({ ...inv, amount_paid: paid }) > 0) Object.assign(set, { status: 'issued', paid_at: null });
    await q.updateInvoice(trx, inv.id, set);
  });
}

/**
 * A credit note on a locked invoice, in the caller's transaction (a booking canceled with a refund
 * writes one too): issued or paid only, within what is left to credit, numbered in its own series.
 */
export async function creditNoteInTx(
  deps: Deps,
  trx: Tx,
  s: ActorScope,
  inv: q.InvoiceRow,
  input: CreditNoteInput,
  today: string,
  idempotencyKey?: string,
): Promise<{ note: q.CreditNoteRow; payments: q.PaymentRow[] }> {
  if (inv.status !== 'issued' && inv.status !== 'paid') throw invalidState('A credit note needs an issued or paid invoice.');
  if (input.amount > inv.total - inv.amount_credited)
    throw new AppError('unprocessable', 'That is more than the invoice has left to credit.', undefined, 'amount_too_large');
  const wasPaid = inv.status === 'paid';
  const payments = await q.paymentsOf(trx, [inv.id]);
  if (wasPaid && input.refund === 'online' && !payments.some((p) => p.method === 'online' && p.provider_ref))
    throw new AppError('unprocessable', 'This invoice was not paid online: pay the money back by hand.', undefined, 'no_online_payment');
  const year = today.slice(0, 4);
  const n = await q.takeNumber(trx, inv.location_id, 'credit_note', sequenceScope(CREDIT_NOTE_PATTERN, year));
  const now = deps.clock.now().toISOString();
  const note: q.CreditNoteRow = {
    id: newId(),
    organization_id: s.organizationId,
    location_id: s.locationId,
    invoice_id: inv.id,
    number: formatNumber(CREDIT_NOTE_PATTERN, year, n),
    amount: input.amount,
    tax_amount: creditNoteTax(inv, input.amount),
    reason: input.reason,
    // money owed back exists only when the invoice was paid; on an issued one the note lowers what is due
    refund: wasPaid ? (input.refund ?? 'manual') : null,
    refund_ref: null,
    idempotency_key: idempotencyKey ?? null,
    created_by_user_id: s.actorUserId,
    created_at: now,
  };
  await q.insertCreditNote(trx, note);
  const credited = inv.amount_credited + input.amount;
  const set: Partial<q.InvoiceRow> = { amount_credited: credited, updated_at: now };
  if (!wasPaid && amountDue({ ...inv, amount_credited: credited }) === 0) Object.assign(set, { status: 'paid', paid_at: now });
  await q.updateInvoice(trx, inv.id, set);
  return { note, payments };
}

/**
 * A credit note on an issued or paid invoice, 0 < amount <= total − credited, with its own number.
 * On an issued invoice it lowers what is due (nothing left: paid); on a paid one it records money
 * owed back, by the operator (`manual`) or through the provider (`online`, sent after commit).
 */
export async function addCreditNote(
  deps: Deps,
  s: AdminScope,
  invoiceId: string,
  input: CreditNoteInput,
  idempotencyKey: string | undefined,
  refundOnline: (payments: q.PaymentRow[], amount: number, idempotencyKey: string) => Promise<string | null>,
): Promise<{ creditNote: InvoiceDto['creditNotes'][number]; invoice: InvoiceDto }> {
  const location = await locationOf(deps.db, s);
  const today = todayAt(deps, location);
  const same = (c: q.CreditNoteRow) => c.invoice_id === invoiceId && c.amount === input.amount && c.reason === input.reason;
  const answer = async (id: string) => {
    const inv = await q.findInvoice(deps.db, s, invoiceId);
    const dto = (await toDtos(deps.db, [inv!], today))[0];
    return { creditNote: dto.creditNotes.find((c) => c.id === id)!, invoice: dto };
  };
  if (idempotencyKey) {
    const first = await q.creditNoteByKey(deps.db, s, s.actorUserId, idempotencyKey);
    if (first) {
      if (!same(first)) throw reused();
      return answer(first.id);
    }
  }
  if (input.amount <= 0) throw invalidAmount('Enter an amount above zero.');
  let created: { note: q.CreditNoteRow; payments: q.PaymentRow[] };
  try {
    created = await deps.db.transaction().execute(async (trx) => {
      const inv = await q.lockInvoice(trx, deps.dbKind, s, invoiceId);
      if (!inv) throw notFound('Invoice not found');
      return creditNoteInTx(deps, trx, s, inv, input, today, idempotencyKey);
    });
  } catch (err) {
    const first = idempotencyKey && isUniqueViolation(err) ? await q.creditNoteByKey(deps.db, s, s.actorUserId, idempotencyKey) : undefined;
    if (!first) throw err;
    if (!same(first)) throw reused();
    return answer(first.id);
  }
  if (created.note.refund === 'online') {
    // after the commit: the credit note stands even if the provider is down, and shows the refund as pending
    const ref = await refundOnline(created.payments, created.note.amount, created.note.id).catch((err) => {
      deps.log.error({ err, creditNoteId: created.note.id }, 'online refund failed');
      return null;
    });
    if (ref) await q.setRefundRef(deps.db, created.note.id, ref);
  }
  return answer(created.note.id);
}
