// What analytics reads about subscriptions: those starting in a date range, as pages (the "subscriptions" report).
import type { Tx } from '../../deps.js';
import type { DateRange } from '../../lib/months.js';
import { keysetPages } from '../../lib/paging.js';
import type { LocationKey } from '../../scope.js';
import * as q from './report-queries.js';

export type StartingRow = Awaited<ReturnType<typeof q.startingIn>>[number];

export function startingPages(db: Tx, s: LocationKey, r: DateRange, size = 1000): AsyncGenerator<StartingRow[]> {
  return keysetPages((after, n) => q.startingIn(db, s, r, after, n), size);
}
