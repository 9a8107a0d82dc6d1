// The arithmetic of invoices (design 8.1), in integers: a line's net, tax and total in both tax
// modes, the invoice's sums of line values, what is still due, a credit note's tax share, and the
// numbers made from a location's pattern.
import { roundHalfUp } from '../../lib/money.js';

export interface LineValues {
  net: number;
  tax: number;
  total: number;
}

/** One line, rounded on its own: exclusive adds tax on top; inclusive takes it out of the amount. */
export function lineValues(l: { quantity: number; unitPrice: number; taxRateBps: number }, pricesIncludeTax: boolean): LineValues {
  const amount = l.quantity * l.unitPrice;
  if (!Number.isSafeInteger(amount)) throw new RangeError('A line amount is too large');
  if (pricesIncludeTax) {
    const net = roundHalfUp(amount, 10_000, 10_000 + l.taxRateBps);
    return { net, tax: amount - net, total: amount };
  }
  const tax = roundHalfUp(amount, l.taxRateBps, 10_000);
  return { net: amount, tax, total: amount + tax };
}

/** The invoice's figures: sums of its line values, never recomputed from the sums. */
export function invoiceTotals(lines: readonly LineValues[]): { subtotal: number; taxTotal: number; total: number } {
  let subtotal = 0;
  let taxTotal = 0;
  for (const l of lines) {
    subtotal += l.net;
    taxTotal += l.tax;
  }
  return { subtotal, taxTotal, total: subtotal + taxTotal };
}

/** The tax per rate (the PDF's breakdown), sums of line values, lowest rate first. */
export function taxByRate(lines: readonly (LineValues & { taxRateBps: number })[]): { taxRateBps: number; net: number; tax: number }[] {
  const byRate = new Map<number, { taxRateBps: number; net: number; tax: number }>();
  for (const l of lines) {
    const r = byRate.get(l.taxRateBps) ?? { taxRateBps: l.taxRateBps, net: 0, tax: 0 };
    r.net += l.net;
    r.tax += l.tax;
    byRate.set(l.taxRateBps, r);
  }
  return [...byRate.values()].sort((a, b) => a.taxRateBps - b.taxRateBps);
}

/** What is still asked: total − paid − credited, never below 0. */
export function amountDue(i: { total: number; amount_paid: number; amount_credited: number }): number {
  return Math.max(0, i.total - i.amount_paid - i.amount_credited);
}

/** A credit note's share of the invoice's tax. */
export function creditNoteTax(invoice: { total: number; tax_total: number }, amount: number): number {
  return invoice.total > 0 ? roundHalfUp(invoice.tax_total, amount, invoice.total) : 0;
}

/** The sequence a number is taken from: with {YYYY} in the pattern the counter restarts each year. */
export function sequenceScope(pattern: string, year: string): string {
  return pattern.includes('{YYYY}') ? year : '';
}

/** A number from a pattern: {YYYY} the year, {NNNN} the counter padded to at least 4 digits. */
export function formatNumber(pattern: string, year: string, n: number): string {
  return pattern.replaceAll('{YYYY}', year).replaceAll('{NNNN}', String(n).padStart(4, '0'));
}

export const CREDIT_NOTE_PATTERN = 'CN-{YYYY}-{NNNN}';
