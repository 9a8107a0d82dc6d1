// Multi-row INSERTs cut into statements that each database accepts: every value is a bound parameter.

/**
 * Bound parameters one statement may carry on both databases: SQLite's limit
 * (SQLITE_MAX_VARIABLE_NUMBER, 32,766 in better-sqlite3's build); PostgreSQL allows 65,535.
 */
export const MAX_BOUND_PARAMETERS = 32_766;

/**
 * `rows` in slices of as many rows as one INSERT can bind (a row binds one parameter per column),
 * so a batch of any size is written in the fewest statements: one per table for a mass-invitation
 * chunk.
 */
export function insertSlices<T extends object>(rows: readonly T[]): T[][] {
  if (rows.length === 0) return [];
  // Kysely inserts the union of the rows' keys; rows built by one function share theirs
  const columns = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) columns.add(k);
  const size = Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / Math.max(1, columns.size)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
