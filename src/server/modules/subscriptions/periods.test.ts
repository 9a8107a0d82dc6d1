// Periods and proration with the design's numbers: month-end clamping counted from the start,
// first-of-month periods, a cut last period, and the rounding of each amount.
import { describe, expect, it } from 'vitest';
import { roundHalfUp } from '../../lib/money.js';
import { periodAmounts, periodAt, periodContaining, type PeriodTerms } from './periods.js';

const monthly = (startDate: string, endDate: string | null = null, anchor: PeriodTerms['anchor'] = 'start_date'): PeriodTerms => ({
  cycle: 'month',
  anchor,
  startDate,
  endDate,
});

describe('periods', () => {
  it('count months from the start each time, clamping at month ends (31 Jan, 28 Feb, 31 Mar)', () => {
    const t = monthly('2027-01-31');
    expect([0, 1, 2, 3].map((n) => periodAt(t, n)?.start)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(periodAt(t, 1)).toMatchObject({ start: '2027-02-28', end: '2027-03-30', fullDays: 31, coveredDays: 31 });
    expect(periodContaining(t, '2027-03-30')?.index).toBe(1);
    expect(periodContaining(t, '2027-03-31')?.index).toBe(2);
    expect(periodContaining(t, '2027-01-30')).toBeNull();
  });

  it('weeks and years', () => {
    expect(periodAt({ cycle: 'week', anchor: 'start_date', startDate: '2027-03-25', endDate: null }, 1)).toMatchObject({
      start: '2027-04-01',
      end: '2027-04-07',
    });
    const leap = { cycle: 'year', anchor: 'start_date', startDate: '2028-02-29', endDate: null } as const;
    expect(periodAt(leap, 1)).toMatchObject({ start: '2029-02-28', end: '2030-02-27' });
    expect(periodContaining(leap, '2031-06-01')?.index).toBe(3);
  });

  it('first of month: the start to the month end, then calendar months', () => {
    const t = monthly('2027-03-10', null, 'first_of_month');
    expect(periodAt(t, 0)).toMatchObject({ start: '2027-03-10', end: '2027-03-31', fullDays: 31, coveredDays: 22 });
    expect(periodAt(t, 1)).toMatchObject({ start: '2027-04-01', end: '2027-04-30', fullDays: 30, coveredDays: 30 });
    expect(periodContaining(t, '2028-02-29')).toMatchObject({ index: 11, start: '2028-02-01', end: '2028-02-29' });
  });

  it('an end date cuts the last period and no period starts after it', () => {
    const t = monthly('2027-01-15', '2027-03-20');
    expect(periodAt(t, 2)).toMatchObject({ start: '2027-03-15', end: '2027-03-20', fullDays: 31, coveredDays: 6 });
    expect(periodAt(t, 3)).toBeNull();
    expect(periodContaining(t, '2027-03-21')).toBeNull();
  });
});

describe('proration', () => {
  it("the design's example: 30000, 20 credits, 4 day passes from 10 March give 21290, 14, 2", () => {
    const p = periodAt(monthly('2027-03-10', null, 'first_of_month'), 0)!;
    expect(periodAmounts(p, { price: 30000, credits: 20, dayPasses: 4, quantity: 1 })).toEqual({ price: 21290, credits: 14, dayPasses: 2 });
  });

  it('rounds the unit price, then multiplies by the quantity; credits round down over the whole quantity', () => {
    const p = periodAt(monthly('2027-03-10', null, 'first_of_month'), 0)!;
    expect(periodAmounts(p, { price: 30000, credits: 20, dayPasses: 4, quantity: 3 })).toEqual({ price: 63870, credits: 42, dayPasses: 8 });
  });

  it('a full period is not prorated', () => {
    const p = periodAt(monthly('2027-03-01', null, 'first_of_month'), 0)!;
    expect(periodAmounts(p, { price: 30000, credits: 20, dayPasses: 4, quantity: 2 })).toEqual({ price: 60000, credits: 40, dayPasses: 8 });
  });

  it('rounds halves away from zero', () => {
    expect(roundHalfUp(5, 1, 2)).toBe(3);
    expect(roundHalfUp(-5, 1, 2)).toBe(-3);
    expect(roundHalfUp(1999, 2000, 10000)).toBe(400);
    expect(roundHalfUp(1999, 10000, 12000)).toBe(1666);
    expect(() => roundHalfUp(1.5, 1, 2)).toThrow(RangeError);
  });
});
