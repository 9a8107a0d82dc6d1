// What analytics reads about money: revenue (payments received minus refunds) and invoiced totals per
// local month, and the invoices issued in a date range as pages (the "invoices" report).
import type { Tx } from '../../deps.js';
import type { DateRange, Month } from '../../lib/months.js';
import { keysetPages } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import * as q from './report-queries.js';

export interface MoneyMonth {
  revenue: number;
  invoiced: number;
}

/** Per month: payments received minus refunds, and issued totals (void excluded), in minor units. */
export async function moneyByMonth(db: Tx, s: LocationKey, months: Month[], boundaries: Date[]): Promise<Map<Month, MoneyMonth>> {
  if (months.length === 0) return new Map();
  const from = `${months[0]}-01`;
  const to = `${months[months.length - 1]}-31`;
  const [paid, refunded, invoiced] = await Promise.all([
    q.paymentsByMonth(db, s, from, to),
    q.refundsByMonth(db, s, months, boundaries),
    q.invoicedByMonth(db, s, from, to),
  ]);
  return new Map(months.map((m) => [m, { revenue: (paid.get(m) ?? 0) - (refunded.get(m) ?? 0), invoiced: invoiced.get(m) ?? 0 }]));
}

export type IssuedRow = Awaited<ReturnType<typeof q.issuedIn>>[number];

export function issuedPages(db: Tx, s: LocationKey, r: DateRange, size = 1000): AsyncGenerator<IssuedRow[]> {
  return keysetPages((after, n) => q.issuedIn(db, s, r, after, n), size);
}
