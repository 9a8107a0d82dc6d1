// Keyset paging, the one way lists page: an opaque cursor holds the sort it belongs to and the
// sort value and id of the last row; a page is cut from limit + 1 rows (the extra one says more).
import { AppError } from '../errors.js';

/** Where the next page starts: after this sort value, then this id. */
export interface Keyset {
  value: string;
  id: string;
}

export function encodeCursor(sort: string, k: Keyset): string {
  return Buffer.from(JSON.stringify([sort, k.value, k.id])).toString('base64url');
}

/** The keyset of a cursor made for this sort; anything else (another sort, a forged cursor) is a 400. */
export function decodeCursor(cursor: string, sort: string): Keyset {
  try {
    const [s, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // a NUL would reach PostgreSQL as a text parameter, which it refuses (a 500, not a 400)
    if (s === sort && typeof value === 'string' && typeof id === 'string' && !`${value}${id}`.includes('\u0000')) return { value, id };
  } catch {
    // falls through to the error below
  }
  throw new AppError('bad_request', 'Invalid cursor', [{ path: 'cursor', message: 'Invalid cursor' }]);
}

/** The page in `rows` (fetched with limit + 1) and the cursor of the next one, if any. */
export function cutPage<T extends { id: string }>(
  rows: T[],
  limit: number,
  sort: string,
  sortValueOf: (row: T) => string,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { rows: page, nextCursor: encodeCursor(sort, { value: sortValueOf(last), id: last.id }) };
}

/**
 * Every row of a keyset-ordered read, a page at a time: `fetch` reads up to `size` rows after the last row
 * of the previous page (null for the first). Memory holds one page whatever the total.
 */
export async function* keysetPages<T>(fetch: (after: T | null, size: number) => Promise<T[]>, size = 1000): AsyncGenerator<T[]> {
  let after: T | null = null;
  for (;;) {
    const rows = await fetch(after, size);
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1];
  }
}
