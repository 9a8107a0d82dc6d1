// Local months and date ranges of a location for figures and reports: the UTC instants where its
// months and days start (luxon, DST-aware), and a SQL expression that puts an instant in its month.
import { DateTime } from 'luxon';
import { type Expression, type RawBuilder, sql } from 'kysely';
import { addDays, type LocalDate, startOfLocalDay } from './local-date.js';

/** A local month, 'YYYY-MM'. */
export type Month = string;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (m: string) => MONTH.test(m);

/** Every month from `from` to `to`, both included, in order (empty when to < from). */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  let d = DateTime.fromISO(`${from}-01`, { zone: 'utc' });
  const end = DateTime.fromISO(`${to}-01`, { zone: 'utc' });
  while (d <= end) {
    out.push(d.toFormat('yyyy-MM'));
    d = d.plus({ months: 1 });
  }
  return out;
}

export const nextMonth = (m: Month): Month => DateTime.fromISO(`${m}-01`, { zone: 'utc' }).plus({ months: 1 }).toFormat('yyyy-MM');

/** The UTC instant where a local month starts in a zone. */
export const monthStart = (m: Month, zone: string): Date => startOfLocalDay(`${m}-01`, zone);

/** The instants where each month starts, then the end of the last one: months.length + 1 boundaries. */
export function monthBoundaries(months: Month[], zone: string): Date[] {
  if (months.length === 0) return [];
  return [...months.map((m) => monthStart(m, zone)), monthStart(nextMonth(months[months.length - 1]), zone)];
}

/**
 * `CASE WHEN col < b1 THEN m0 WHEN col < b2 THEN m1 ... END`: the month of an ISO instant column
 * (rows are first limited to [b0, bn)); the same SQL on SQLite and PostgreSQL.
 */
export function monthOfInstant(column: Expression<string> | RawBuilder<string>, months: Month[], boundaries: Date[]): RawBuilder<string> {
  const whens = months.map((m, i) => sql`when ${column} < ${boundaries[i + 1].toISOString()} then ${m}`);
  return sql<string>`case ${sql.join(whens, sql` `)} end`;
}

/** Local dates from and to, both included, with the UTC instants that bound them: [fromAt, toAt). */
export interface DateRange {
  from: LocalDate;
  to: LocalDate;
  fromAt: string;
  toAt: string;
}

export function dateRange(from: LocalDate, to: LocalDate, zone: string): DateRange {
  return { from, to, fromAt: startOfLocalDay(from, zone).toISOString(), toAt: startOfLocalDay(addDays(to, 1), zone).toISOString() };
}
