// The editor's preview comes to the server's figures (design 8.1's examples, rounding halves away from zero).
import { describe, expect, it } from 'vitest';
import { lineFigures, roundHalfUp, totalsOf } from './amounts';

describe('the draft preview', () => {
  it('adds tax on top, rounded per line', () => {
    expect(lineFigures(1, 1999, 2000, false)).toEqual({ net: 1999, tax: 400, total: 2399 });
    expect(lineFigures(3, 333, 550, false)).toEqual({ net: 999, tax: 55, total: 1054 });
  });

  it('takes tax out of prices that include it', () => {
    expect(lineFigures(1, 1999, 2000, true)).toEqual({ net: 1666, tax: 333, total: 1999 });
  });

  it('rounds halves away from zero, discounts included', () => {
    expect(roundHalfUp(5, 1, 2)).toBe(3);
    expect(roundHalfUp(-5, 1, 2)).toBe(-3);
    expect(lineFigures(1, -1000, 2000, false)).toEqual({ net: -1000, tax: -200, total: -1200 });
  });

  it('sums line figures into the totals', () => {
    expect(totalsOf([lineFigures(1, 1999, 2000, false), lineFigures(2, 500, 0, false)])).toEqual({ subtotal: 2999, taxTotal: 400, total: 3399 });
  });
});
