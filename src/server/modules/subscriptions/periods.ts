// A subscription's periods (inclusive local dates) and what each one charges and grants, with the
// design's proration: the unit price rounded half up, credits and day passes rounded down.
import { floorMulDiv, roundHalfUp } from '../../lib/money.js';
import { addDays, addMonths, addYears, daysInclusive, endOfMonth, type LocalDate } from '../../lib/local-date.js';

export type Cycle = 'week' | 'month' | 'year';
export type Anchor = 'start_date' | 'first_of_month';

export interface PeriodTerms {
  cycle: Cycle;
  anchor: Anchor;
  startDate: LocalDate;
  /** the last day of service, or null */
  endDate: LocalDate | null;
}

export interface Period {
  index: number;
  start: LocalDate;
  /** the last day served in this period (endDate when it cuts the period) */
  end: LocalDate;
  /** days of the whole cycle this period belongs to */
  fullDays: number;
  /** days served: fewer than fullDays for a first first-of-month period or a period cut by endDate */
  coveredDays: number;
}

function nominalStart(t: PeriodTerms, n: number): LocalDate {
  if (t.anchor === 'first_of_month') return n === 0 ? t.startDate : addMonths(`${t.startDate.slice(0, 7)}-01`, n);
  // counted from startDate each time, so month-end clamping never drifts (31 Jan, 28 Feb, 31 Mar)
  if (t.cycle === 'week') return addDays(t.startDate, 7 * n);
  if (t.cycle === 'month') return addMonths(t.startDate, n);
  return addYears(t.startDate, n);
}

/** Period n (0 = the first), or null when it would start after the end date. */
export function periodAt(t: PeriodTerms, n: number): Period | null {
  if (n < 0) return null;
  const start = nominalStart(t, n);
  if (t.endDate !== null && start > t.endDate) return null;
  const nominalEnd = addDays(nominalStart(t, n + 1), -1);
  // a first first-of-month period is part of its calendar month
  const fullDays = t.anchor === 'first_of_month' && n === 0 ? daysInclusive(`${start.slice(0, 7)}-01`, endOfMonth(start)) : daysInclusive(start, nominalEnd);
  const end = t.endDate !== null && t.endDate < nominalEnd ? t.endDate : nominalEnd;
  return { index: n, start, end, fullDays, coveredDays: daysInclusive(start, end) };
}

/** The period that serves a date, or null before the start or after the end. */
export function periodContaining(t: PeriodTerms, date: LocalDate): Period | null {
  if (date < t.startDate || (t.endDate !== null && date > t.endDate)) return null;
  // an estimate from the average cycle length, then a step either way (at most a few)
  const days = daysInclusive(t.startDate, date) - 1;
  const average = t.cycle === 'week' ? 7 : t.cycle === 'month' ? 30.436875 : 365.2425;
  let n = Math.max(0, Math.floor(days / average));
  for (;;) {
    const p = periodAt(t, n);
    if (!p) return null;
    if (date < p.start) n -= 1;
    else if (date > addDays(nominalStart(t, n + 1), -1)) n += 1;
    else return p;
  }
}

export interface PeriodAmounts {
  /** the period's price for the whole quantity, minor units */
  price: number;
  credits: number;
  dayPasses: number;
}

/** What a period charges and grants: prorated when it covers fewer days than its cycle. */
export function periodAmounts(p: Period, terms: { price: number; credits: number; dayPasses: number; quantity: number }): PeriodAmounts {
  const { coveredDays: covered, fullDays: full } = p;
  return {
    price: roundHalfUp(terms.price, covered, full) * terms.quantity,
    credits: floorMulDiv(terms.credits * terms.quantity, covered, full),
    dayPasses: floorMulDiv(terms.dayPasses * terms.quantity, covered, full),
  };
}
