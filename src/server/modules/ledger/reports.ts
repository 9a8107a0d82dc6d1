// What analytics reads about the ledger: transactions made in a date range, as pages (the "ledger" report).
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import { keysetPages } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import * as q from './report-queries.js';

export type LedgerReportRow = Awaited<ReturnType<typeof q.createdIn>>[number];

export function transactionPages(db: Tx, s: LocationKey, r: DateRange, size = 1000): AsyncGenerator<LedgerReportRow[]> {
  return keysetPages((after, n) => q.createdIn(db, s, r, after, n), size);
}
