// What analytics reads about companies: those created in a date range, as pages (the "companies" report).
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import { keysetPages } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import * as q from './report-queries.js';

export type CreatedCompanyRow = Awaited<ReturnType<typeof q.createdIn>>[number];

export function createdPages(db: Tx, s: LocationKey, r: DateRange, size = 1000): AsyncGenerator<CreatedCompanyRow[]> {
  return keysetPages((after, n) => q.createdIn(db, s, r, after, n), size);
}
