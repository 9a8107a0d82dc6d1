// What analytics reads about customer records: member and nonmember counts at instants, and the
// records created in a date range as pages (the "users" report).
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import { keysetPages } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import * as q from './report-queries.js';

export const countsAt = q.countsAt;
export type CreatedRow = Awaited<ReturnType<typeof q.createdIn>>[number];

export function createdPages(db: Tx, s: LocationKey, r: DateRange, size = 1000): AsyncGenerator<CreatedRow[]> {
  return keysetPages((after, n) => q.createdIn(db, s, r, after, n), size);
}
